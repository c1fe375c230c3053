//! The operator's proving daemon.
//!
//! Nothing lives only in memory: at every new best block it asks the chain which jobs are
//! assigned to it (`InferenceApi::operator_jobs`), so a restart or a reconnection resumes what
//! is still assigned. Work is proved earliest deadline first on `workers` blocking threads;
//! ready results are batched (same model, up to `batch`) into one `submit_results`. A
//! submission that is dropped or loses its connection is retried while the job is still ours
//! and its deadline has not passed; one the chain refuses is reported.

use prometheus::{Encoder, Histogram, HistogramOpts, IntCounter, IntGauge, Registry, TextEncoder};
use serde_json::{json, Value};
use std::{
	cmp::Reverse,
	collections::{BTreeMap, BinaryHeap, HashSet},
	sync::Arc,
	time::{Duration, Instant},
};
use tokio::{
	io::{AsyncReadExt, AsyncWriteExt},
	sync::{mpsc, Mutex, Notify, Semaphore},
};
use veritas_client::{Account, BlockNumber, Client, JobId, JobStatus, ModelId};
use veritas_zkml::{prover, prover::ModelProvingKey, QuantizedModel};

/// A model this operator proves, with its proving key.
pub struct ProvingModel {
	pub model: QuantizedModel,
	pub key: ModelProvingKey,
}

pub struct DaemonConfig {
	pub url: String,
	pub models: BTreeMap<ModelId, Arc<ProvingModel>>,
	pub workers: usize,
	pub batch: usize,
	pub prometheus_port: Option<u16>,
	pub grace: Duration,
}

/// An assigned job waiting for a prover.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Work {
	deadline: BlockNumber,
	job: JobId,
	model: ModelId,
	input: Vec<u8>,
	/// Submit alone: a batch it was in was refused, so one job's refusal spares the others.
	alone: bool,
}

/// A proved job waiting to be submitted.
struct Proved {
	work: Work,
	output: Vec<u8>,
	proof: Vec<u8>,
	attempts: u32,
}

struct Metrics {
	registry: Registry,
	seen: IntCounter,
	proved: IntCounter,
	submitted: IntCounter,
	rejected: IntCounter,
	refused: IntCounter,
	missed: IntCounter,
	queue_depth: IntGauge,
	prove_seconds: Histogram,
}

impl Metrics {
	fn new() -> Result<Self, prometheus::Error> {
		let registry = Registry::new_custom(Some("veritas_operator".into()), None)?;
		let counter = |name: &str, help: &str| -> Result<IntCounter, prometheus::Error> {
			let c = IntCounter::new(name, help)?;
			registry.register(Box::new(c.clone()))?;
			Ok(c)
		};
		let seen = counter("jobs_seen_total", "Jobs assigned to this operator that it saw")?;
		let proved = counter("jobs_proved_total", "Jobs proved")?;
		let submitted = counter("jobs_submitted_total", "Results the chain verified and paid")?;
		let rejected = counter("jobs_rejected_total", "Results whose proof the chain rejected")?;
		let refused = counter(
			"jobs_refused_total",
			"Results the chain refused to take (deadline passed, no longer assigned)",
		)?;
		let missed = counter("jobs_missed_total", "Jobs whose deadline passed before a result")?;
		let queue_depth = IntGauge::new("queue_depth", "Jobs waiting for a prover")?;
		registry.register(Box::new(queue_depth.clone()))?;
		let prove_seconds = Histogram::with_opts(
			HistogramOpts::new("prove_seconds", "Inference and proof time per job")
				.buckets(vec![0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0]),
		)?;
		registry.register(Box::new(prove_seconds.clone()))?;
		Ok(Self {
			registry,
			seen,
			proved,
			submitted,
			rejected,
			refused,
			missed,
			queue_depth,
			prove_seconds,
		})
	}

	fn render(&self) -> Vec<u8> {
		let mut out = Vec::new();
		let _ = TextEncoder::new().encode(&self.registry.gather(), &mut out);
		out
	}
}

/// What the daemon shares between its tasks.
struct Shared {
	config: DaemonConfig,
	account: Account,
	metrics: Metrics,
	/// Jobs being handled (queued, proving, submitting, or refused): never queued twice;
	/// pruned at each block to those still assigned to us.
	known: Mutex<HashSet<JobId>>,
	queue: Mutex<BinaryHeap<Reverse<Work>>>,
	work_ready: Notify,
	best_block: Mutex<BlockNumber>,
	client: Mutex<Option<Client>>,
	/// Set once no prover runs or will start.
	provers_done: std::sync::atomic::AtomicBool,
}

pub async fn run(account: Account, config: DaemonConfig) -> Result<Value, crate::Error> {
	let metrics = Metrics::new()?;
	let me = account.account_id();
	tracing::info!(operator = %me, models = ?config.models.keys().collect::<Vec<_>>(), workers = config.workers, "operator daemon starting");
	let shared = Arc::new(Shared {
		config,
		account,
		metrics,
		known: Mutex::new(HashSet::new()),
		queue: Mutex::new(BinaryHeap::new()),
		work_ready: Notify::new(),
		best_block: Mutex::new(0),
		client: Mutex::new(None),
		provers_done: std::sync::atomic::AtomicBool::new(false),
	});
	if let Some(port) = shared.config.prometheus_port {
		let listener = tokio::net::TcpListener::bind(("0.0.0.0", port)).await?;
		tracing::info!(port, "Prometheus metrics on /metrics");
		tokio::spawn(serve_metrics(listener, shared.clone()));
	}

	let (proved_tx, proved_rx) = mpsc::unbounded_channel::<Proved>();
	let stopping = Arc::new(Notify::new());
	let follower = tokio::spawn(follow_chain(shared.clone()));
	let provers =
		tokio::spawn(dispatch_proofs(shared.clone(), proved_tx.clone(), stopping.clone()));
	let submitter = tokio::spawn(submit_results(shared.clone(), proved_rx, proved_tx.clone()));
	drop(proved_tx);

	shutdown_signal().await;
	tracing::info!("stopping: no new proofs; finishing those in flight");
	follower.abort();
	stopping.notify_one();
	let in_flight = tokio::time::timeout(shared.config.grace, provers).await;
	if in_flight.is_err() {
		tracing::warn!("proofs still running after the grace period were abandoned");
	}
	shared.provers_done.store(true, std::sync::atomic::Ordering::Release);
	// Let the submitter send what was proved.
	let _ = tokio::time::timeout(Duration::from_secs(60), submitter).await;
	let left: Vec<JobId> = shared.queue.lock().await.iter().map(|Reverse(w)| w.job).collect();
	if !left.is_empty() {
		tracing::warn!(jobs = ?left, "left assigned and unproved: a restart resumes them if their deadlines allow");
	}
	Ok(json!({
		"stopped": true,
		"proved": shared.metrics.proved.get(),
		"submitted": shared.metrics.submitted.get(),
		"rejected": shared.metrics.rejected.get(),
		"refused": shared.metrics.refused.get(),
		"missed": shared.metrics.missed.get(),
		"left_unproved": left,
	}))
}

async fn shutdown_signal() {
	#[cfg(unix)]
	{
		use tokio::signal::unix::{signal, SignalKind};
		match signal(SignalKind::terminate()) {
			Ok(mut term) => {
				tokio::select! {
					_ = tokio::signal::ctrl_c() => {}
					_ = term.recv() => {}
				}
			}
			Err(_) => {
				let _ = tokio::signal::ctrl_c().await;
			}
		}
	}
	#[cfg(not(unix))]
	let _ = tokio::signal::ctrl_c().await;
}

async fn serve_metrics(listener: tokio::net::TcpListener, shared: Arc<Shared>) {
	while let Ok((mut stream, _)) = listener.accept().await {
		// Read the request before answering: closing a socket with unread data resets it.
		let mut request = [0u8; 1024];
		let _ = tokio::time::timeout(Duration::from_secs(2), stream.read(&mut request)).await;
		let body = shared.metrics.render();
		let head = format!(
			"HTTP/1.1 200 OK\r\nContent-Type: text/plain; version=0.0.4\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
			body.len()
		);
		let _ = stream.write_all(head.as_bytes()).await;
		let _ = stream.write_all(&body).await;
	}
}

/// Connects (with backoff), catches up from the chain's record, then follows best blocks; on
/// any connection failure starts over.
async fn follow_chain(shared: Arc<Shared>) {
	let mut backoff = Duration::from_secs(1);
	loop {
		match follow_once(&shared, &mut backoff).await {
			Ok(()) => tracing::warn!("the block stream ended; reconnecting"),
			Err(e) => {
				tracing::warn!(error = %e, retry_in = ?backoff, "connection to the node lost")
			}
		}
		*shared.client.lock().await = None;
		tokio::time::sleep(backoff).await;
		backoff = backoff.saturating_mul(2).min(Duration::from_secs(30));
	}
}

async fn follow_once(shared: &Arc<Shared>, backoff: &mut Duration) -> Result<(), crate::Error> {
	let client = Client::connect(&shared.config.url).await?;
	*shared.client.lock().await = Some(client.clone());
	let me = shared.account.account_id();
	*backoff = Duration::from_secs(1);
	let mut blocks = client.api().stream_best_blocks().await?;
	tracing::info!("connected; following best blocks");
	// Each block, the chain's own list of jobs assigned to us: nothing is missed between a
	// catch-up and the first event, nor when the stream skips a block.
	while let Some(block) = blocks.next().await {
		let block = block?;
		let number = block.number() as BlockNumber;
		{
			let mut best = shared.best_block.lock().await;
			*best = (*best).max(number);
		}
		let hash = block.hash();
		let assigned = client.operator_jobs_at(Some(hash), &me).await?;
		// What is no longer ours (answered, missed, re-assigned) is forgotten here.
		shared.known.lock().await.retain(|job| assigned.contains(job));
		for job in assigned {
			if shared.known.lock().await.contains(&job) {
				continue;
			}
			let details = client.job_at(Some(hash), job).await?;
			match details.and_then(|d| match (&d.job.status, d.input) {
				(JobStatus::Assigned { deadline, .. }, Some(input)) => {
					Some(Work { deadline: *deadline, job, model: d.job.model, input, alone: false })
				}
				_ => None,
			}) {
				Some(work) => enqueue(shared, work).await,
				None => tracing::warn!(job, "assigned job has no stored input"),
			}
		}
		shared.work_ready.notify_one();
	}
	Ok(())
}

async fn enqueue(shared: &Arc<Shared>, work: Work) {
	if !shared.known.lock().await.insert(work.job) {
		return;
	}
	if !shared.config.models.contains_key(&work.model) {
		tracing::error!(job = work.job, model = work.model, "assigned a job for a model this daemon has no proving key for: it will be missed; remove the offer");
		return;
	}
	shared.metrics.seen.inc();
	tracing::info!(job = work.job, model = work.model, deadline = work.deadline, "job assigned");
	let mut queue = shared.queue.lock().await;
	queue.push(Reverse(work));
	shared.metrics.queue_depth.set(queue.len() as i64);
	drop(queue);
	shared.work_ready.notify_one();
}

/// Proves queued work, earliest deadline first, on at most `workers` threads.
async fn dispatch_proofs(
	shared: Arc<Shared>,
	proved: mpsc::UnboundedSender<Proved>,
	stopping: Arc<Notify>,
) {
	let permits = Arc::new(Semaphore::new(shared.config.workers));
	let mut running = tokio::task::JoinSet::new();
	loop {
		let permit = tokio::select! {
			permit = permits.clone().acquire_owned() => match permit { Ok(p) => p, Err(_) => break },
			_ = stopping.notified() => break,
		};
		let work = loop {
			let next = shared.queue.lock().await.pop();
			match next {
				Some(Reverse(work)) => break Some(work),
				None => tokio::select! {
					_ = shared.work_ready.notified() => {}
					_ = stopping.notified() => break None,
				},
			}
		};
		let Some(work) = work else { break };
		shared.metrics.queue_depth.set(shared.queue.lock().await.len() as i64);
		let best = *shared.best_block.lock().await;
		if work.deadline <= best {
			tracing::warn!(
				job = work.job,
				deadline = work.deadline,
				best,
				"deadline passed before a prover was free"
			);
			shared.metrics.missed.inc();
			continue;
		}
		let Some(model) = shared.config.models.get(&work.model).cloned() else { continue };
		let shared = shared.clone();
		let proved = proved.clone();
		running.spawn(async move {
			let started = Instant::now();
			let job = work.job;
			let input = work.input.clone();
			let result = tokio::task::spawn_blocking(move || {
				prover::prove_with_os_rng(&model.model, &model.key, &input)
			})
			.await;
			drop(permit);
			match result {
				Ok(Ok(done)) => {
					let seconds = started.elapsed().as_secs_f64();
					shared.metrics.prove_seconds.observe(seconds);
					shared.metrics.proved.inc();
					tracing::info!(job, seconds, "proved");
					let _ = proved.send(Proved {
						work,
						output: done.output,
						proof: done.proof,
						attempts: 0,
					});
				}
				Ok(Err(e)) => tracing::error!(job, error = %e, "cannot prove this job's input"),
				Err(e) => tracing::error!(job, error = %e, "the prover thread failed"),
			}
		});
	}
	// Stopping: let the proofs in flight finish.
	let in_flight = running.len();
	if in_flight > 0 {
		tracing::info!(in_flight, "waiting for proofs in flight");
	}
	while running.join_next().await.is_some() {}
}

/// Submits proved results in batches of one model, each batch in its own task so that waiting
/// for one never delays the next.
async fn submit_results(
	shared: Arc<Shared>,
	mut proved: mpsc::UnboundedReceiver<Proved>,
	retry: mpsc::UnboundedSender<Proved>,
) {
	let mut sending = tokio::task::JoinSet::new();
	loop {
		// Once the provers have stopped and nothing is left to send, stop too.
		let next = tokio::time::timeout(Duration::from_secs(1), proved.recv()).await;
		let first = match next {
			Ok(Some(first)) => first,
			Ok(None) => break,
			Err(_) => {
				if shared.provers_done.load(std::sync::atomic::Ordering::Acquire)
					&& sending.is_empty()
				{
					break;
				}
				while sending.try_join_next().is_some() {}
				continue;
			}
		};
		let model = first.work.model;
		let mut batch = vec![first];
		while !batch.iter().any(|p| p.work.alone) && batch.len() < shared.config.batch {
			match proved.try_recv() {
				Ok(next) if next.work.model == model && !next.work.alone => batch.push(next),
				// Another model, or one to send alone: next round.
				Ok(other) => {
					let _ = retry.send(other);
					break;
				}
				Err(_) => break,
			}
		}
		sending.spawn(submit_batch(shared.clone(), batch, retry.clone()));
		while sending.try_join_next().is_some() {}
	}
	while sending.join_next().await.is_some() {}
}

async fn submit_batch(
	shared: Arc<Shared>,
	batch: Vec<Proved>,
	retry: mpsc::UnboundedSender<Proved>,
) {
	let client = loop {
		if let Some(client) = shared.client.lock().await.clone() {
			break client;
		}
		tokio::time::sleep(Duration::from_millis(500)).await;
	};
	let jobs: Vec<JobId> = batch.iter().map(|p| p.work.job).collect();
	let mut results: Vec<_> =
		batch.iter().map(|p| (p.work.job, p.output.clone(), p.proof.clone())).collect();
	let outcome = if results.len() == 1 {
		let Some((job, output, proof)) = results.pop() else { return };
		client.submit_result(&shared.account, job, output, proof).await
	} else {
		client.submit_results(&shared.account, results).await
	};
	match outcome {
		Ok(outcome) => {
			shared.metrics.submitted.inc_by(outcome.completed.len() as u64);
			shared.metrics.rejected.inc_by(outcome.rejected.len() as u64);
			tracing::info!(completed = ?outcome.completed, rejected = ?outcome.rejected, "results submitted");
		}
		Err(e) if !e.is_refusal() => {
			tracing::warn!(jobs = ?jobs, error = %e, "submission not included; retrying what is still ours");
			tokio::time::sleep(Duration::from_secs(1)).await;
			for mut item in batch {
				item.attempts = item.attempts.saturating_add(1);
				let late = *shared.best_block.lock().await >= item.work.deadline;
				if item.attempts > 10 || late || !still_ours(&shared, item.work.job).await {
					tracing::error!(job = item.work.job, attempts = item.attempts, late, "result not submitted: the job is no longer ours, its deadline passed, or the node keeps failing");
					// Proved again at the next block if it is still ours.
					shared.known.lock().await.remove(&item.work.job);
					continue;
				}
				let _ = retry.send(item);
			}
		}
		Err(e) if batch.len() > 1 => {
			// The chain refuses a whole batch for one job (its deadline passed, it is no longer
			// ours): send each alone, so the others are still paid.
			tracing::warn!(jobs = ?jobs, error = %e, "batch refused; submitting its results one by one");
			for mut item in batch {
				item.work.alone = true;
				let _ = retry.send(item);
			}
		}
		Err(e) => {
			tracing::error!(jobs = ?jobs, error = %e, "the chain refused the result");
			shared.metrics.refused.inc_by(jobs.len() as u64);
		}
	}
}

/// Whether `job` is still assigned to us; when the node cannot say (it is unreachable), yes,
/// so the result is kept and retried.
async fn still_ours(shared: &Shared, job: JobId) -> bool {
	let Some(client) = shared.client.lock().await.clone() else { return true };
	let me = shared.account.account_id();
	match client.job(job).await {
		Ok(Some(details)) => {
			matches!(&details.job.status, JobStatus::Assigned { operator, .. } if *operator == me)
		}
		Ok(None) => false,
		Err(_) => true,
	}
}
