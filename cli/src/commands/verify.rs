//! `veritas verify`: checks a proof without submitting it, against the key the chain stores for
//! the model, with the chain's own verifier (`veritas-verifier`, pure-wasm arithmetic natively).

use super::{read_file, read_values};
use crate::{Cli, Error};
use clap::Args;
use serde_json::{json, Value};
use std::path::PathBuf;
use veritas_client::{encode_input, ModelId};
use veritas_verifier::{backend::Backend, PUBLIC_INPUT_SIZE};

#[derive(Args)]
pub struct VerifyArgs {
	#[arg(long)]
	model: ModelId,
	/// The job input as bytes (input.bin of `veritas-zkml prove`) …
	#[arg(long, conflicts_with = "input")]
	input_file: Option<PathBuf>,
	/// … or as JSON numbers, encoded in the model's format.
	#[arg(long)]
	input: Option<PathBuf>,
	/// The job output bytes.
	#[arg(long)]
	output_file: PathBuf,
	/// The 192-byte proof.
	#[arg(long)]
	proof_file: PathBuf,
}

pub async fn run(cli: &Cli, args: &VerifyArgs) -> Result<Value, Error> {
	let client = cli.client().await?;
	let model =
		client.model(args.model).await?.ok_or(veritas_client::Error::UnknownModel(args.model))?;
	let input = match (&args.input_file, &args.input) {
		(Some(path), _) => read_file(path)?,
		(None, Some(path)) => encode_input(args.model, &model, &read_values(path)?)?,
		(None, None) => return Err("pass --input-file or --input".into()),
	};
	let output = read_file(&args.output_file)?;
	let proof = read_file(&args.proof_file)?;
	let key = client
		.prepared_verifying_key(args.model)
		.await?
		.ok_or(veritas_client::Error::UnknownModel(args.model))?;
	let elements = veritas_client::output_elements(&model) as usize;
	if elements.checked_mul(PUBLIC_INPUT_SIZE) != Some(output.len()) {
		return Err(format!(
			"the output has {} bytes; model {} outputs {elements} elements of {PUBLIC_INPUT_SIZE}",
			output.len(),
			args.model
		)
		.into());
	}
	let inputs = veritas_zkml::prover::public_inputs(&input, &output)?;
	let valid =
		veritas_verifier::backend::verify_prepared(Backend::Arkworks, &key, &proof, &inputs)?;
	if !valid {
		return Err("the proof does not verify for this model, input and output".into());
	}
	Ok(json!({ "model": args.model, "valid": true }))
}
