//! `veritas dev`: shortcuts on a development chain, signed by the sudo key (`--suri //Alice`).
//! Governance replaces them on a real network.

use crate::{load, Cli, Error};
use clap::Subcommand;
use serde_json::{json, Value};
use std::path::PathBuf;
use veritas_client::{amount::parse_vrt, Account, BlockNumber, ModelId};

#[derive(Subcommand)]
pub enum DevCommand {
	/// Approve a pending model through sudo, so it takes jobs.
	ApproveModel { id: ModelId },
	/// Load test: submit many jobs, keeping `--concurrency` open at once, and report throughput,
	/// latency percentiles, results per block and the block weight spent verifying them
	/// (`scripts/load.sh` sets up a chain and operators for it).
	Load {
		#[arg(long, default_value_t = 0)]
		model: ModelId,
		/// How many jobs to submit in all.
		#[arg(long, default_value_t = 1000)]
		jobs: usize,
		/// Jobs open at once (keep it within the operators' capacity, or jobs queue).
		#[arg(long, default_value_t = 32)]
		concurrency: usize,
		/// JSON inputs, used in turn: `{"inputs": [[...], ...]}` or one input file.
		#[arg(long, default_value = "zkml/fixtures/digits/test.json")]
		inputs: PathBuf,
		/// Requesters' secret URIs, comma-separated; the open jobs are shared out among them.
		#[arg(long, value_delimiter = ',', default_value = "//Charlie,//Dave,//Eve,//Ferdie")]
		requesters: Vec<String>,
		/// Fee ceiling per job, in VRT.
		#[arg(long, default_value = "25", value_parser = parse_vrt)]
		max_fee: u128,
		/// Answer window in blocks.
		#[arg(long, default_value_t = 20)]
		timeout: BlockNumber,
		/// Prometheus port of a daemon serving the load (repeat for each), for proving times.
		#[arg(long = "metrics-port")]
		metrics_ports: Vec<u16>,
	},
}

pub async fn run(cli: &Cli, command: &DevCommand) -> Result<Value, Error> {
	match command {
		DevCommand::ApproveModel { id } => {
			let sudo = cli.account()?;
			let client = cli.client().await?;
			client.sudo_approve_model(&sudo, *id).await?;
			Ok(json!({ "model": id, "status": "active" }))
		}
		DevCommand::Load {
			model,
			jobs,
			concurrency,
			inputs,
			requesters,
			max_fee,
			timeout,
			metrics_ports,
		} => {
			let bytes = std::fs::read(inputs)
				.map_err(|e| format!("cannot read inputs {}: {e}", inputs.display()))?;
			let inputs = read_inputs(&bytes).map_err(|e| format!("{}: {e}", inputs.display()))?;
			let requesters = requesters
				.iter()
				.map(|suri| Account::from_uri(suri))
				.collect::<Result<Vec<_>, _>>()?;
			let client = cli.client().await?;
			let config = load::LoadConfig {
				model: *model,
				jobs: *jobs,
				concurrency: *concurrency,
				inputs,
				requesters,
				max_fee: *max_fee,
				timeout: *timeout,
				metrics_ports: metrics_ports.clone(),
			};
			load::run(&client, config).await
		}
	}
}

/// `{"inputs": [[...], ...]}` (the digits fixture's held-out set), or one input.
fn read_inputs(bytes: &[u8]) -> Result<Vec<Vec<f64>>, Error> {
	let json: Value = serde_json::from_slice(bytes)?;
	if let Some(list) = json.get("inputs").and_then(Value::as_array) {
		return list
			.iter()
			.map(|input| {
				input
					.as_array()
					.and_then(|xs| xs.iter().map(Value::as_f64).collect::<Option<Vec<_>>>())
					.ok_or_else(|| {
						Error::from("every entry of \"inputs\" must be a list of numbers")
					})
			})
			.collect();
	}
	Ok(vec![veritas_zkml::inference::parse_input_json(bytes)?])
}
