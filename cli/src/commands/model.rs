//! `veritas model`: what a model owner does, from an ONNX file to a model that takes jobs.

use super::{hex, model_json, read_file, spinner};
use crate::{Cli, Error};
use clap::Subcommand;
use serde_json::{json, Value};
use std::path::PathBuf;
use veritas_client::{amount::show_vrt, ModelId, ModelRegistration};
use veritas_zkml::{circuit::circuit_size, onnx, prover, QuantizedModel};

#[derive(Subcommand)]
pub enum ModelCommand {
	/// Quantise an ONNX MLP into a Veritas model file; prints its weights hash, input length
	/// and circuit size.
	Import {
		onnx: PathBuf,
		/// Where to write the model (default: the ONNX path with extension .vqm).
		#[arg(short = 'o', long = "out")]
		out: Option<PathBuf>,
		/// Fixed-point fractional bits: values are integers at scale 2^F.
		#[arg(long, default_value_t = veritas_zkml::model::DEFAULT_FRAC_BITS)]
		frac_bits: u32,
	},
	/// Run the model's trusted setup, keep the proving key here, and register the model with
	/// its verifying key and number format (pays the deposit). It is pending until approved.
	Register {
		/// The model file written by `veritas model import`.
		model: PathBuf,
		/// Where to keep the proving key operators need (default: the model path with .pk).
		#[arg(long)]
		proving_key: Option<PathBuf>,
		/// The model's name on chain (default: the file name).
		#[arg(long)]
		name: Option<String>,
		/// Where people find the model's description and weights.
		#[arg(long, default_value = "")]
		metadata_uri: String,
		/// An earlier model of yours that this one replaces.
		#[arg(long)]
		supersedes: Option<ModelId>,
	},
	/// Check a model's chain record against its model file before voting on it: recomputes
	/// the weights hash, input and output sizes, number format and circuit size from the file
	/// and compares them with what the chain holds.
	Audit {
		id: ModelId,
		/// The model file (`.vqm`) its owner published.
		#[arg(long)]
		model_file: PathBuf,
	},
	/// Every registered model.
	List,
	/// One model's record.
	Show { id: ModelId },
	/// The operators listed for a model: bond, jobs, whether each takes a job now, and whether
	/// it is bonded below the minimum (then anyone may `veritas operator unlist` it).
	Operators { id: ModelId },
	/// Stop an active model taking new jobs (the owner; governance may reactivate it).
	Deprecate { id: ModelId },
	/// Withdraw a model for good; its running jobs finish.
	Retire { id: ModelId },
	/// Remove a pending or retired model with no open jobs; the deposit comes back.
	Remove { id: ModelId },
}

pub async fn run(cli: &Cli, command: &ModelCommand) -> Result<Value, Error> {
	match command {
		ModelCommand::Import { onnx: path, out, frac_bits } => {
			let float = onnx::import(&read_file(path)?)?;
			let model = QuantizedModel::quantize(&float, *frac_bits)?;
			let out = out.clone().unwrap_or_else(|| path.with_extension("vqm"));
			std::fs::write(&out, model.to_bytes())
				.map_err(|e| format!("{}: {e}", out.display()))?;
			let size = circuit_size(&model)?;
			Ok(json!({
				"model_file": out.display().to_string(),
				"weights_hash": hex(&model.weights_hash()),
				"input_elements": model.input_len(),
				"input_bytes": model.input_bytes(),
				"output_elements": model.layers().last().map_or(0, |l| l.outputs),
				"frac_bits": model.frac_bits(),
				"parameters": model.parameters(),
				"constraints": size.constraints,
			}))
		}
		ModelCommand::Register { model: path, proving_key, name, metadata_uri, supersedes } => {
			let owner = cli.account()?;
			let model = QuantizedModel::from_bytes(&read_file(path)?)?;
			let pk_path = proving_key.clone().unwrap_or_else(|| path.with_extension("pk"));
			if pk_path.exists() {
				// A new setup makes a new key: the old one may belong to a registered model.
				return Err(format!(
					"{} exists (the proving key of an earlier registration?); pass --proving-key \
					 with a new path",
					pk_path.display()
				)
				.into());
			}
			let client = cli.client().await?;
			let bar = spinner("running the trusted setup");
			let keys = tokio::task::spawn_blocking({
				let model = model.clone();
				move || prover::setup_with_os_rng(&model)
			})
			.await??;
			bar.finish_and_clear();
			std::fs::write(&pk_path, keys.proving.to_bytes())
				.map_err(|e| format!("{}: {e}", pk_path.display()))?;
			let outputs = model.layers().last().map_or(0, |l| l.outputs);
			let name = name.clone().unwrap_or_else(|| {
				path.file_stem().map_or("model".into(), |s| s.to_string_lossy().into_owned())
			});
			let registration = ModelRegistration {
				name: name.into_bytes(),
				metadata_uri: metadata_uri.clone().into_bytes(),
				weights_hash: model.weights_hash(),
				input_shape: vec![model.input_len() as u32],
				input_len: model.input_bytes() as u32,
				output_shape: vec![outputs],
				frac_bits: u8::try_from(model.frac_bits())?,
				verifying_key: keys.verifying,
				supersedes: *supersedes,
			};
			let bar = spinner("registering (waiting for finality)");
			let registered = client.register_model(&owner, registration).await;
			bar.finish_and_clear();
			let (id, deposit, outcome) = match registered {
				Ok(registered) => registered,
				// Refused: the key belongs to no model; the next attempt makes a new one.
				Err(e) if e.is_refusal() => {
					let _ = std::fs::remove_file(&pk_path);
					return Err(e.into());
				}
				Err(e) => {
					return Err(format!(
						"{e}; the registration may still have landed (see `veritas model list`), \
						 so {} is kept",
						pk_path.display()
					)
					.into())
				}
			};
			Ok(json!({
				"model": id,
				"status": "pending (a model_approver referendum approves it: veritas gov propose approve-model)",
				"deposit": veritas_client::amount::show_vrt(deposit),
				"fee": veritas_client::amount::show_vrt(outcome.fee),
				"proving_key": pk_path.display().to_string(),
			}))
		}
		ModelCommand::Audit { id, model_file } => {
			let model = QuantizedModel::from_bytes(&read_file(model_file)?)?;
			let client = cli.client().await?;
			let record =
				client.model(*id).await?.ok_or(veritas_client::Error::UnknownModel(*id))?;
			audit(*id, &model, &record)
		}
		ModelCommand::List => {
			let client = cli.client().await?;
			let models = client.models().await?;
			Ok(
				json!({ "models": models.iter().map(|(id, m)| model_json(*id, m)).collect::<Vec<_>>() }),
			)
		}
		ModelCommand::Show { id } => {
			let client = cli.client().await?;
			let model = client.model(*id).await?.ok_or(veritas_client::Error::UnknownModel(*id))?;
			Ok(model_json(*id, &model))
		}
		ModelCommand::Operators { id } => {
			let client = cli.client().await?;
			client.model(*id).await?.ok_or(veritas_client::Error::UnknownModel(*id))?;
			let operators: Vec<Value> = client
				.model_operators(*id)
				.await?
				.into_iter()
				.map(|(who, op)| {
					let offer = op.offers.iter().find(|offer| offer.model == *id);
					json!({
						"operator": who.to_string(),
						"bond": show_vrt(op.bond),
						"underbonded": op.underbonded,
						"active_jobs": op.active_jobs,
						"capacity": op.capacity,
						"accepting_jobs": op.accepting_jobs,
						"price": offer.map(|offer| show_vrt(offer.price)),
						"min_timeout": offer.map(|offer| offer.min_timeout),
					})
				})
				.collect();
			Ok(json!({ "model": id, "operators": operators }))
		}
		ModelCommand::Deprecate { id } => {
			let client = cli.client().await?;
			client.deprecate_model(&cli.account()?, *id).await?;
			Ok(json!({ "model": id, "status": "deprecated" }))
		}
		ModelCommand::Retire { id } => {
			let client = cli.client().await?;
			client.retire_model(&cli.account()?, *id).await?;
			Ok(json!({ "model": id, "status": "retired" }))
		}
		ModelCommand::Remove { id } => {
			let client = cli.client().await?;
			client.remove_model(&cli.account()?, *id).await?;
			Ok(json!({ "model": id, "status": "removed" }))
		}
	}
}

/// Compares a model file with model `id`'s chain record, field by field.
fn audit(
	id: ModelId,
	model: &QuantizedModel,
	record: &veritas_client::Model,
) -> Result<Value, Error> {
	let outputs = model.layers().last().map_or(0, |l| l.outputs);
	let size = circuit_size(model)?;
	let checks = [
		("weights_hash", hex(&model.weights_hash()), hex(&record.weights_hash.0)),
		("input_len", model.input_bytes().to_string(), record.input_len.to_string()),
		("input_shape", format!("[{}]", model.input_len()), format!("{:?}", record.input_shape.0)),
		("output_shape", format!("[{outputs}]"), format!("{:?}", record.output_shape.0)),
		("frac_bits", model.frac_bits().to_string(), record.frac_bits.to_string()),
	];
	let mismatches: Vec<&str> =
		checks.iter().filter(|(_, file, chain)| file != chain).map(|(name, ..)| *name).collect();
	let fields: serde_json::Map<String, Value> = checks
		.iter()
		.map(|(name, file, chain)| {
			(name.to_string(), json!({ "file": file, "chain": chain, "matches": file == chain }))
		})
		.collect();
	Ok(json!({
		"model": id,
		"status": record.status_name(),
		"verdict": if mismatches.is_empty() {
			"the file matches the chain record".to_string()
		} else {
			format!("MISMATCH in {}: the record does not describe this file", mismatches.join(", "))
		},
		"fields": fields,
		"constraints": size.constraints,
		"parameters": model.parameters(),
		"not_checked": "the trusted setup: whoever ran it (the owner) could forge proofs for this \
						model, and nothing on chain or in the file can show otherwise yet; \
						approving the model means trusting its setup",
	}))
}
