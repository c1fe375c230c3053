//! `veritas operator`: registering an operator, managing its bond, and the proving daemon.

use super::{read_file, spinner};
use crate::{
	daemon::{self, DaemonConfig, ProvingModel},
	Cli, Error,
};
use clap::Subcommand;
use serde_json::{json, Value};
use std::{collections::BTreeMap, path::PathBuf, sync::Arc, time::Duration};
use veritas_client::{
	amount::{parse_vrt, show_vrt},
	offer, Balance, BlockNumber, Client, ModelId, Offer, Operator,
};
use veritas_verifier::backend::{prepare_vk, Backend};
use veritas_zkml::{prover::ModelProvingKey, QuantizedModel};

#[derive(Subcommand)]
pub enum OperatorCommand {
	/// Bond and offer models: the chain assigns you jobs from now on.
	Register {
		/// VRT held as collateral; slashed for invalid proofs and missed deadlines.
		#[arg(long, value_parser = parse_vrt)]
		bond: Balance,
		/// `MODEL=PRICE[,MIN_TIMEOUT]`: price in VRT per job, and the shortest timeout (blocks)
		/// you accept: set it so you can always prove in time. Repeat per model.
		#[arg(long = "offer", value_parser = parse_offer, required = true)]
		offers: Vec<Offer>,
		/// Jobs you work on at once.
		#[arg(long, default_value_t = 4)]
		capacity: u32,
	},
	/// Replace the offers and/or the capacity.
	Update {
		#[arg(long = "offer", value_parser = parse_offer)]
		offers: Vec<Offer>,
		#[arg(long)]
		capacity: Option<u32>,
	},
	/// Bond, capacity, offers and the jobs assigned now (yours, or `--who`'s).
	Status {
		#[arg(long)]
		who: Option<String>,
	},
	/// Add to the bond.
	BondExtra {
		#[arg(value_parser = parse_vrt)]
		amount: Balance,
	},
	/// Start unbonding an amount; withdraw it after the unbonding period.
	Unbond {
		#[arg(value_parser = parse_vrt)]
		amount: Balance,
	},
	/// Withdraw what finished unbonding.
	Withdraw,
	/// Take operators whose bond fell below the minimum (after governance raised it) off every
	/// model's list, freeing their slots for bonded operators; free when it unlists. `veritas
	/// model operators ID` shows who is listed.
	Unlist {
		/// The operators' addresses.
		#[arg(required = true)]
		operators: Vec<String>,
	},
	/// Answer one job by hand with an output and a proof from files (for tests and recovery;
	/// the daemon does this for you). A proof that does not verify is slashed.
	SubmitResult {
		job: veritas_client::JobId,
		#[arg(long)]
		output_file: PathBuf,
		#[arg(long)]
		proof_file: PathBuf,
	},
	/// The proving daemon: follows the chain, proves every job assigned to you and submits
	/// the results, until Ctrl-C.
	Run {
		/// `ID=MODEL_FILE,PROVING_KEY`, for each model you offer.
		#[arg(long = "model", value_parser = parse_model_files, required = true)]
		models: Vec<(ModelId, PathBuf, PathBuf)>,
		/// Proofs computed at once (each uses every core).
		#[arg(long, default_value_t = 1)]
		workers: usize,
		/// Most results per `submit_results` transaction (at most the chain's limit).
		#[arg(long, default_value_t = 8)]
		batch: usize,
		/// Serve Prometheus metrics on this port (0.0.0.0).
		#[arg(long)]
		prometheus_port: Option<u16>,
		/// Seconds to let proofs in flight finish after SIGINT/SIGTERM.
		#[arg(long, default_value_t = 30)]
		grace_seconds: u64,
	},
}

/// Loads each model and its proving key, and checks that the key is the one the chain verifies
/// the model's proofs with: a key from another setup of the same weights would have every proof
/// rejected and slashed.
async fn load_models(
	client: &Client,
	models: &[(ModelId, PathBuf, PathBuf)],
) -> Result<BTreeMap<ModelId, Arc<ProvingModel>>, Error> {
	let mut loaded = BTreeMap::new();
	for (id, model_path, key_path) in models {
		let model = QuantizedModel::from_bytes(&read_file(model_path)?)?;
		let bar = spinner(format!("loading the proving key of model {id}"));
		let key = ModelProvingKey::from_bytes(&read_file(key_path)?)?;
		bar.finish_and_clear();
		if key.weights_hash != model.weights_hash() {
			return Err(format!(
				"{} is not the proving key of {}",
				key_path.display(),
				model_path.display()
			)
			.into());
		}
		let on_chain = client
			.prepared_verifying_key(*id)
			.await?
			.ok_or(veritas_client::Error::UnknownModel(*id))?;
		if prepare_vk(Backend::Arkworks, &key.verifying_key()?)? != on_chain {
			return Err(format!(
				"{} comes from another setup than model {id}'s registered verifying key: the \
				 chain would reject and slash every proof made with it",
				key_path.display()
			)
			.into());
		}
		loaded.insert(*id, Arc::new(ProvingModel { model, key }));
	}
	Ok(loaded)
}

/// The operator's record. Refuses to start as an account that is not an operator (it would wait for jobs that never
/// come) or without the proving key of a model it offers (each such job would be missed and
/// slashed).
async fn check_offers(
	client: &Client,
	me: &veritas_client::AccountId32,
	models: &BTreeMap<ModelId, Arc<ProvingModel>>,
) -> Result<Operator, Error> {
	let operator = client.operator(me).await?.ok_or_else(|| {
		format!("{me} is not a registered operator: run `veritas operator register` first, or check --suri")
	})?;
	let missing: Vec<ModelId> =
		operator.offers.iter().map(|o| o.model).filter(|m| !models.contains_key(m)).collect();
	if !missing.is_empty() {
		return Err(format!(
			"{me} offers models {missing:?} but no --model gives their proving keys: their jobs \
			 would be missed and slashed; pass them or remove the offers (`veritas operator update`)"
		)
		.into());
	}
	Ok(operator)
}

/// Unless jobs are already assigned (a restart), proves a zero input of every offered model
/// twice: the first, cold proof of a process is slower and no job should pay for it; the second
/// is timed. Warns about an offer whose minimum
/// timeout that time cannot meet when the operator's whole capacity arrives at once: the chain
/// assigns up to `capacity` jobs with any timeout from `min_timeout` on, so the offer is what
/// keeps deadlines.
async fn warm_up(
	client: &Client,
	operator: &Operator,
	models: &BTreeMap<ModelId, Arc<ProvingModel>>,
	workers: usize,
) -> Result<(), Error> {
	if operator.active_jobs > 0 {
		// A restart: resume the assigned jobs now rather than spend their time on a check.
		tracing::info!(jobs = operator.active_jobs, "jobs assigned: no warm-up proof");
		return Ok(());
	}
	let block =
		match tokio::time::timeout(Duration::from_secs(60), client.observed_block_time(2)).await {
			Ok(block) => block?,
			Err(_) => {
				tracing::warn!("no new block in 60 s: offers not checked against proving time");
				return Ok(());
			}
		};
	for offer in &operator.offers {
		let Some(model) = models.get(&offer.model).cloned() else { continue };
		let bar = spinner(format!("proving model {} to time it", offer.model));
		let prove = tokio::task::spawn_blocking(move || {
			let input = vec![0u8; model.model.input_bytes()];
			veritas_zkml::prover::prove_with_os_rng(&model.model, &model.key, &input)?;
			let started = std::time::Instant::now();
			veritas_zkml::prover::prove_with_os_rng(&model.model, &model.key, &input)?;
			Ok::<_, veritas_zkml::ZkmlError>(started.elapsed())
		})
		.await??;
		bar.finish_and_clear();
		let rounds =
			u32::try_from((operator.capacity as usize).div_ceil(workers)).unwrap_or(u32::MAX);
		// And two blocks to get the last result included once it is proved.
		let needed = prove.saturating_mul(rounds).saturating_add(block.saturating_mul(2));
		let offered = block.saturating_mul(offer.min_timeout);
		tracing::info!(
			model = offer.model,
			prove_ms = prove.as_millis() as u64,
			block_ms = block.as_millis() as u64,
			"model warmed up"
		);
		if needed > offered {
			let blocks = needed.as_millis().div_ceil(block.as_millis().max(1));
			tracing::warn!(
				model = offer.model,
				min_timeout = offer.min_timeout,
				"a proof takes {prove:?}: {} jobs at once on {workers} worker(s) need about \
				 {needed:?}, more than the {offered:?} ({} blocks) this offer accepts; raise its \
				 minimum timeout to {blocks} blocks or lower --capacity (`veritas operator update`)",
				operator.capacity,
				offer.min_timeout,
			);
		}
	}
	Ok(())
}

fn parse_offer(text: &str) -> Result<Offer, String> {
	let bad =
		|| format!("'{text}': expected MODEL=PRICE or MODEL=PRICE,MIN_TIMEOUT (like 0=10,20)");
	let (model, rest) = text.split_once('=').ok_or_else(bad)?;
	let model: ModelId = model.trim().parse().map_err(|_| bad())?;
	let (price, min_timeout) = rest.split_once(',').unwrap_or((rest, "10"));
	let min_timeout: BlockNumber = min_timeout.trim().parse().map_err(|_| bad())?;
	Ok(offer(model, parse_vrt(price)?, min_timeout))
}

fn parse_model_files(text: &str) -> Result<(ModelId, PathBuf, PathBuf), String> {
	let bad =
		|| format!("'{text}': expected ID=MODEL_FILE,PROVING_KEY (like 0=digits.vqm,digits.pk)");
	let (id, files) = text.split_once('=').ok_or_else(bad)?;
	let (model, key) = files.split_once(',').ok_or_else(bad)?;
	Ok((id.trim().parse().map_err(|_| bad())?, model.into(), key.into()))
}

pub async fn run(cli: &Cli, command: &OperatorCommand) -> Result<Value, Error> {
	let client = cli.client().await?;
	match command {
		OperatorCommand::Run { models, workers, batch, prometheus_port, grace_seconds } => {
			let account = cli.account()?;
			let models = load_models(&client, models).await?;
			let operator = check_offers(&client, &account.account_id(), &models).await?;
			warm_up(&client, &operator, &models, (*workers).max(1)).await?;
			let limit = client.max_results_per_call().await?;
			let config = DaemonConfig {
				url: cli.url.clone(),
				models,
				workers: (*workers).max(1),
				batch: (*batch).clamp(1, limit.max(1) as usize),
				prometheus_port: *prometheus_port,
				grace: std::time::Duration::from_secs(*grace_seconds),
			};
			daemon::run(account, config).await
		}
		OperatorCommand::Register { bond, offers, capacity } => {
			let account = cli.account()?;
			let outcome =
				client.register_operator(&account, *bond, offers.clone(), *capacity).await?;
			Ok(
				json!({ "operator": account.account_id().to_string(), "bond": show_vrt(*bond), "fee": show_vrt(outcome.fee) }),
			)
		}
		OperatorCommand::Update { offers, capacity } => {
			let offers = (!offers.is_empty()).then(|| offers.clone());
			if offers.is_none() && capacity.is_none() {
				return Err("nothing to update: pass --offer and/or --capacity".into());
			}
			client.update_operator(&cli.account()?, offers, *capacity).await?;
			Ok(json!({ "updated": true }))
		}
		OperatorCommand::Status { who } => {
			let who = match who {
				Some(address) => address.parse().map_err(|e| format!("'{address}': {e:?}"))?,
				None => cli.account()?.account_id(),
			};
			let operator = client
				.operator(&who)
				.await?
				.ok_or_else(|| veritas_client::Error::NotAnOperator { account: who.to_string() })?;
			let jobs = client.operator_jobs(&who).await?;
			Ok(json!({
				"operator": who.to_string(),
				"bond": show_vrt(operator.bond),
				"unbonding": operator.unbonding.as_ref().map(|u| json!({ "amount": show_vrt(u.amount), "unlocks_at": u.unlocks_at })),
				"capacity": operator.capacity,
				"active_jobs": operator.active_jobs,
				"accepting_jobs": operator.accepting_jobs,
				"offers": operator.offers.iter().map(|o| json!({ "model": o.model, "price": show_vrt(o.price), "min_timeout": o.min_timeout })).collect::<Vec<_>>(),
				"assigned_jobs": jobs,
			}))
		}
		OperatorCommand::BondExtra { amount } => {
			client.bond_extra(&cli.account()?, *amount).await?;
			Ok(json!({ "bonded": show_vrt(*amount) }))
		}
		OperatorCommand::Unbond { amount } => {
			client.unbond(&cli.account()?, *amount).await?;
			Ok(json!({ "unbonding": show_vrt(*amount) }))
		}
		OperatorCommand::Unlist { operators } => {
			let targets = operators
				.iter()
				.map(|address| {
					address
						.parse::<veritas_client::AccountId32>()
						.map(|who| (address, who))
						.map_err(|e| format!("'{address}': not an address: {e:?}"))
				})
				.collect::<Result<Vec<_>, _>>()?;
			let account = cli.account()?;
			let (mut unlisted, mut refused) = (Vec::new(), Vec::new());
			for (address, who) in targets {
				match client.unlist_underbonded(&account, &who).await {
					Ok(_) => unlisted.push(address.clone()),
					Err(e) => refused.push(format!("{address}: {e}")),
				}
			}
			if !refused.is_empty() {
				return Err(
					format!("unlisted {unlisted:?}; refused: {}", refused.join("; ")).into()
				);
			}
			Ok(json!({ "unlisted": unlisted }))
		}
		OperatorCommand::Withdraw => {
			client.withdraw_unbonded(&cli.account()?).await?;
			Ok(json!({ "withdrawn": true }))
		}
		OperatorCommand::SubmitResult { job, output_file, proof_file } => {
			let outcome = client
				.submit_result(
					&cli.account()?,
					*job,
					read_file(output_file)?,
					read_file(proof_file)?,
				)
				.await?;
			Ok(
				json!({ "job": job, "completed": outcome.completed.contains(job), "rejected": outcome.rejected.contains(job), "fee": show_vrt(outcome.fee) }),
			)
		}
	}
}
