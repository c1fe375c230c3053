//! `veritas dev load`: many jobs end to end against running operators, and where the time goes.
//!
//! Requesters keep `concurrency` jobs open at once (a closed loop: a new job when one ends), so
//! the chain's queue never overflows and what is measured is the market's throughput. One task
//! follows finalized blocks and times every job's end from there, and adds up per block the
//! weight the chain charged for verifying results.

use crate::Error;
use serde_json::{json, Value};
use std::{
	collections::HashMap,
	sync::{
		atomic::{AtomicUsize, Ordering},
		Arc,
	},
	time::{Duration, Instant},
};
use tokio::sync::{oneshot, Mutex};
use veritas_client::{
	encode_input,
	runtime::api::{
		self,
		inference::events::{JobCompleted, JobExpired, JobFailed, ResultRejected},
		system::events::ExtrinsicSuccess,
	},
	subxt::events::Phase,
	Account, Balance, BlockNumber, Client, JobId, ModelId,
};

pub struct LoadConfig {
	pub model: ModelId,
	pub jobs: usize,
	pub concurrency: usize,
	pub inputs: Vec<Vec<f64>>,
	pub requesters: Vec<Account>,
	pub max_fee: Balance,
	pub timeout: BlockNumber,
	/// Prometheus ports of the daemons serving the load, for their proving times.
	pub metrics_ports: Vec<u16>,
}

/// How a job ended, seen in a finalized block.
struct Ending {
	completed: bool,
	at: Instant,
}

#[derive(Default)]
struct Follower {
	/// Set when the follower stopped (the connection broke): nobody will be told any more.
	stopped: bool,
	waiting: HashMap<JobId, oneshot::Sender<Ending>>,
	/// Endings seen before their submitter registered (the submit's own finality came later).
	early: HashMap<JobId, Ending>,
	/// Per block with results: how many were verified and the ref time charged for them.
	busy_blocks: Vec<(usize, u64)>,
}

struct JobTiming {
	included: Duration,
	total: Duration,
	completed: bool,
}

pub async fn run(client: &Client, config: LoadConfig) -> Result<Value, Error> {
	let model = client.active_model(config.model).await?;
	let inputs = config
		.inputs
		.iter()
		.map(|values| encode_input(config.model, &model, values))
		.collect::<Result<Vec<_>, _>>()?;
	if inputs.is_empty() || config.requesters.is_empty() || config.concurrency == 0 {
		return Err("the load needs inputs, requesters and a concurrency of at least 1".into());
	}
	let max_block_ref_time = client
		.api()
		.at_current_block()
		.await?
		.constants()
		.entry(api::constants().system().block_weights())?
		.max_block
		.ref_time;
	let prove_before = prove_seconds(&config.metrics_ports).await;

	let follower = Arc::new(Mutex::new(Follower::default()));
	let following = {
		let (client, state) = (client.clone(), follower.clone());
		tokio::spawn(async move {
			let result = follow(client, state.clone()).await;
			// Dropping the senders wakes every waiting submitter with an error.
			let mut state = state.lock().await;
			state.stopped = true;
			state.waiting.clear();
			result
		})
	};

	let next = Arc::new(AtomicUsize::new(0));
	let refused = Arc::new(AtomicUsize::new(0));
	let requesters: Arc<Vec<Account>> = Arc::new(config.requesters);
	let inputs = Arc::new(inputs);
	let started = Instant::now();
	let progress = indicatif::ProgressBar::new(config.jobs as u64);
	let mut workers = Vec::new();
	for worker in 0..config.concurrency {
		let (client, follower, next, refused, requesters, inputs, progress) = (
			client.clone(),
			follower.clone(),
			next.clone(),
			refused.clone(),
			requesters.clone(),
			inputs.clone(),
			progress.clone(),
		);
		let (model, max_fee, timeout, jobs) =
			(config.model, config.max_fee, config.timeout, config.jobs);
		workers.push(tokio::spawn(async move {
			let requester = requesters
				.get(worker.checked_rem(requesters.len()).unwrap_or_default())
				.ok_or("no requester")?;
			let mut timings = Vec::new();
			loop {
				let n = next.fetch_add(1, Ordering::SeqCst);
				if n >= jobs {
					return Ok::<_, Error>(timings);
				}
				let input = inputs
					.get(n.checked_rem(inputs.len()).unwrap_or_default())
					.ok_or("no input")?
					.clone();
				let sent = Instant::now();
				// A refused submission (queue full, pool limits) is counted, not fatal.
				let job = match client.submit_job(requester, model, input, max_fee, timeout).await {
					Ok(job) => job,
					Err(e) => {
						tracing::warn!(error = %e, "job submission refused");
						refused.fetch_add(1, Ordering::SeqCst);
						progress.inc(1);
						continue;
					}
				};
				let included = sent.elapsed();
				let (tell, ended) = oneshot::channel();
				{
					let mut follower = follower.lock().await;
					match follower.early.remove(&job.id) {
						Some(ending) => {
							let _ = tell.send(ending);
						}
						None if follower.stopped => return Err("stopped following blocks".into()),
						None => {
							follower.waiting.insert(job.id, tell);
						}
					}
				}
				let ending = ended.await.map_err(|_| "stopped following blocks")?;
				timings.push(JobTiming {
					included,
					total: ending.at.duration_since(sent),
					completed: ending.completed,
				});
				progress.inc(1);
			}
		}));
	}
	let mut timings = Vec::new();
	for worker in workers {
		timings.extend(worker.await??);
	}
	let elapsed = started.elapsed();
	progress.finish_and_clear();
	if following.is_finished() {
		following.await??;
	} else {
		following.abort();
	}
	let prove_after = prove_seconds(&config.metrics_ports).await;

	let completed = timings.iter().filter(|t| t.completed).count();
	let mut totals: Vec<f64> = timings.iter().map(|t| t.total.as_secs_f64()).collect();
	let mut included: Vec<f64> = timings.iter().map(|t| t.included.as_secs_f64()).collect();
	totals.sort_by(f64::total_cmp);
	included.sort_by(f64::total_cmp);
	let follower = follower.lock().await;
	let busy = &follower.busy_blocks;
	let results_per_block =
		busy.iter().map(|(r, _)| *r as f64).sum::<f64>() / busy.len().max(1) as f64;
	let max_results = busy.iter().map(|(r, _)| *r).max().unwrap_or(0);
	let share = |ref_time: u64| ref_time as f64 / max_block_ref_time.max(1) as f64;
	let mean_share = busy.iter().map(|(_, w)| share(*w)).sum::<f64>() / busy.len().max(1) as f64;
	let max_share = busy.iter().map(|(_, w)| share(*w)).fold(0.0, f64::max);
	let prove = match (prove_before, prove_after) {
		(Some((s0, c0)), Some((s1, c1))) if c1 > c0 => json!({
			"proofs": c1.saturating_sub(c0),
			"mean_seconds": (s1 - s0) / c1.saturating_sub(c0) as f64,
		}),
		_ => Value::Null,
	};
	Ok(json!({
		"jobs": timings.len(),
		"submissions_refused": refused.load(Ordering::SeqCst),
		"completed": completed,
		"seconds": elapsed.as_secs_f64(),
		"jobs_per_second": completed as f64 / elapsed.as_secs_f64(),
		"latency_seconds": {
			"p50": percentile(&totals, 50), "p95": percentile(&totals, 95),
			"p99": percentile(&totals, 99),
		},
		"submit_included_seconds": {
			"p50": percentile(&included, 50), "p95": percentile(&included, 95),
		},
		"blocks_with_results": busy.len(),
		"results_per_block": { "mean": results_per_block, "max": max_results },
		"verification_share_of_block_ref_time": { "mean": mean_share, "max": max_share },
		"proving": prove,
	}))
}

fn percentile(sorted: &[f64], p: usize) -> f64 {
	if sorted.is_empty() {
		return 0.0;
	}
	let rank = sorted.len().saturating_mul(p).div_ceil(100).clamp(1, sorted.len());
	sorted.get(rank.saturating_sub(1)).copied().unwrap_or_default()
}

/// Follows finalized blocks: hands each job's ending to its submitter and records, per block,
/// the results verified and the ref time charged for the extrinsics that verified them (those
/// whose events include a `JobCompleted` or `ResultRejected`: no need to fetch the extrinsics).
async fn follow(client: Client, state: Arc<Mutex<Follower>>) -> Result<(), Error> {
	let mut blocks = client.api().stream_blocks().await?;
	while let Some(block) = blocks.next().await {
		let block = block?;
		let seen = Instant::now();
		let at = block.at().await?;
		let events = at.events().fetch().await?;
		// An extrinsic's `ExtrinsicSuccess` comes after the events of its call.
		let mut verifying = Vec::new();
		let mut ended = Vec::new();
		let (mut results, mut ref_time) = (0usize, 0u64);
		for event in events.iter() {
			let event = event?;
			let phase = event.phase();
			if let Some(Ok(done)) = event.decode_fields_as::<JobCompleted>() {
				ended.push((done.job, true));
				results = results.saturating_add(1);
				verifying.push(phase);
			} else if event.decode_fields_as::<ResultRejected>().is_some() {
				verifying.push(phase);
			} else if let Some(Ok(failed)) = event.decode_fields_as::<JobFailed>() {
				ended.push((failed.job, false));
			} else if let Some(Ok(expired)) = event.decode_fields_as::<JobExpired>() {
				ended.push((expired.job, false));
			} else if let Some(Ok(success)) = event.decode_fields_as::<ExtrinsicSuccess>() {
				if matches!(phase, Phase::ApplyExtrinsic(_)) && verifying.contains(&phase) {
					ref_time = ref_time.saturating_add(success.dispatch_info.weight.ref_time);
				}
			}
		}
		let mut state = state.lock().await;
		if results > 0 {
			state.busy_blocks.push((results, ref_time));
		}
		for (job, completed) in ended {
			let ending = Ending { completed, at: seen };
			match state.waiting.remove(&job) {
				Some(tell) => {
					let _ = tell.send(ending);
				}
				None => {
					state.early.insert(job, ending);
				}
			}
		}
	}
	Ok(())
}

/// The daemons' total proving seconds and proof count, from their metrics.
async fn prove_seconds(ports: &[u16]) -> Option<(f64, u64)> {
	let (mut sum, mut count) = (0.0, 0);
	for port in ports {
		let page = scrape(*port).await?;
		let value = |name: &str| {
			page.lines().find_map(|line| line.strip_prefix(name)?.trim().parse::<f64>().ok())
		};
		sum += value("veritas_operator_prove_seconds_sum")?;
		count = (value("veritas_operator_prove_seconds_count")? as u64).saturating_add(count);
	}
	Some((sum, count))
}

/// `GET /metrics` from a daemon on this machine.
async fn scrape(port: u16) -> Option<String> {
	use tokio::io::{AsyncReadExt, AsyncWriteExt};
	let read = async {
		let mut stream = tokio::net::TcpStream::connect(("127.0.0.1", port)).await.ok()?;
		stream.write_all(b"GET /metrics HTTP/1.0\r\nHost: localhost\r\n\r\n").await.ok()?;
		let mut page = String::new();
		stream.read_to_string(&mut page).await.ok()?;
		Some(page)
	};
	tokio::time::timeout(Duration::from_secs(5), read).await.ok()?
}
