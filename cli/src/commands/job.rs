//! `veritas job`: what a requester does: submit an input, wait for the verified answer.

use super::{hex, read_values, spinner};
use crate::{Cli, Error};
use clap::Subcommand;
use serde_json::{json, Value};
use std::path::PathBuf;
use veritas_client::{
	amount::{parse_vrt, show_vrt},
	decode_output, encode_input, AccountId32, Balance, BlockNumber, Client, Job, JobId, JobOutcome,
	JobStatus, ModelId,
};

#[derive(Subcommand)]
pub enum JobCommand {
	/// Submit a job: the input is encoded in the model's registered number format.
	Submit {
		#[arg(long)]
		model: ModelId,
		/// JSON: a list of numbers, or {"input": [...]}.
		#[arg(long)]
		input: PathBuf,
		/// The most you pay the operator, in VRT: the job goes to an operator whose price is within it.
		#[arg(long, value_parser = parse_vrt)]
		max_fee: Balance,
		/// Blocks the operator has to answer once assigned.
		#[arg(long, default_value_t = 20)]
		timeout: BlockNumber,
		/// Wait for the verified answer (or the refund) and print it.
		#[arg(long)]
		wait: bool,
	},
	/// One job's state, input and output.
	Show { id: JobId },
	/// Jobs still stored on chain (open, or completed and not yet cleared), in id order: the
	/// signing account's unless `--requester` or `--all` says otherwise.
	List {
		/// The jobs of this account (SS58 address) instead.
		#[arg(long, conflicts_with = "all")]
		requester: Option<AccountId32>,
		/// Every stored job (reads all of them).
		#[arg(long)]
		all: bool,
	},
	/// Cancel a job no operator holds yet; refunded but for the queue-slot charge.
	Cancel { id: JobId },
}

pub async fn run(cli: &Cli, command: &JobCommand) -> Result<Value, Error> {
	let client = cli.client().await?;
	match command {
		JobCommand::Submit { model, input, max_fee, timeout, wait } => {
			let requester = cli.account()?;
			let record = client.active_model(*model).await?;
			let values = read_values(input)?;
			let bytes = encode_input(*model, &record, &values)?;
			let bar = spinner("submitting (waiting for finality)");
			let job = client.submit_job(&requester, *model, bytes, *max_fee, *timeout).await?;
			bar.finish_and_clear();
			let mut report = json!({
				"job": job.id,
				"fee": show_vrt(job.fee),
				"deposit": show_vrt(job.deposit),
				"assigned": job.assigned.as_ref().map(|(operator, price, deadline)| json!({
					"operator": operator.to_string(), "price": show_vrt(*price), "deadline": deadline,
				})),
			});
			if *wait {
				let bar = spinner(format!("waiting for job {}'s verified answer", job.id));
				let outcome = client.wait_for_job(job.id).await.map_err(|e| {
					format!("job {} was submitted and paid for, but waiting for it failed: {e}; see `veritas job show {}`", job.id, job.id)
				})?;
				bar.finish_and_clear();
				insert(&mut report, "outcome", outcome_json(&client, *model, outcome).await?);
			}
			Ok(report)
		}
		JobCommand::Show { id } => {
			let details = client.job(*id).await?.ok_or(veritas_client::Error::UnknownJob(*id))?;
			let mut report = job_json(*id, &details.job);
			insert(&mut report, "input", details.input.as_deref().map(hex).into());
			if let Some(output) = details.output {
				let model = client.model(details.job.model).await?;
				let output = match model {
					Some(model) => answer_json(&decode_output(&model, &output)?),
					None => hex(&output).into(),
				};
				insert(&mut report, "output", output);
			}
			Ok(report)
		}
		JobCommand::List { requester, all } => {
			let requester = match (all, requester) {
				(true, _) => None,
				(false, Some(requester)) => Some(*requester),
				(false, None) => Some(cli.account()?.account_id()),
			};
			let jobs = client.jobs(requester.as_ref()).await?;
			Ok(
				json!({ "jobs": jobs.iter().map(|(id, job)| job_json(*id, job)).collect::<Vec<_>>() }),
			)
		}
		JobCommand::Cancel { id } => {
			let forfeited = client.cancel_job(&cli.account()?, *id).await?;
			Ok(json!({ "job": id, "cancelled": true, "forfeited": show_vrt(forfeited) }))
		}
	}
}

/// Adds `key` to a report object.
fn insert(report: &mut Value, key: &str, value: Value) {
	if let Some(map) = report.as_object_mut() {
		map.insert(key.into(), value);
	}
}

fn job_json(id: JobId, job: &Job) -> Value {
	let status = match &job.status {
		JobStatus::Queued { expires_at } => json!({ "queued": { "expires_at": expires_at } }),
		JobStatus::Assigned { operator, price, deadline } => json!({ "assigned": {
			"operator": operator.to_string(), "price": show_vrt(*price), "deadline": deadline,
		}}),
		JobStatus::Completed { operator, price, completed_at } => json!({ "completed": {
			"operator": operator.to_string(), "price": show_vrt(*price), "at": completed_at,
		}}),
	};
	json!({
		"job": id,
		"model": job.model,
		"requester": job.requester.to_string(),
		"max_fee": show_vrt(job.max_fee),
		"timeout": job.timeout,
		"submitted_at": job.submitted_at,
		"status": status,
	})
}

fn answer_json(output: &veritas_client::Output) -> Value {
	json!({ "values": output.values, "reals": output.reals, "argmax": output.argmax() })
}

async fn outcome_json(
	client: &Client,
	model: ModelId,
	outcome: JobOutcome,
) -> Result<Value, Error> {
	Ok(match outcome {
		JobOutcome::Completed { operator, output, price } => {
			let record =
				client.model(model).await?.ok_or(veritas_client::Error::UnknownModel(model))?;
			json!({
				"completed": {
					"operator": operator.to_string(),
					"price": show_vrt(price),
					"verified_output": answer_json(&decode_output(&record, &output)?),
				}
			})
		}
		JobOutcome::Failed => {
			json!({ "failed": "its operators missed their deadlines or cheated; refunded in full" })
		}
		JobOutcome::Expired { forfeited } => {
			json!({ "expired": { "forfeited": show_vrt(forfeited) } })
		}
		JobOutcome::Cancelled { forfeited } => {
			json!({ "cancelled": { "forfeited": show_vrt(forfeited) } })
		}
	})
}
