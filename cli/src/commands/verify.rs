//! `veritas verify`: checks a proof without submitting it, against the key the chain stores for
//! the model, with the chain's own verifier (`veritas-verifier`, pure-wasm arithmetic natively).

use super::{read_file, read_values};
use crate::{Cli, Error};
use clap::Args;
use serde_json::{json, Value};
use std::path::PathBuf;
use veritas_client::{encode_input, runtime::api, ModelId};
use veritas_verifier::{
	backend::Backend, commitment::commit_input, encoding::encode_input as encode_element, Statement,
};

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
	let at = client.api().at_current_block().await?;
	let key = at
		.storage()
		.entry(api::storage().models().verifying_keys())?
		.fetch((args.model,))
		.await?
		.decode()?;
	let commitment = encode_element(&commit_input(&input));
	let statement =
		Statement::from_output_bytes(commitment, &output, veritas_client::output_elements(&model))
			.ok_or("the output does not have the model's number of 32-byte elements")?;
	let valid = veritas_verifier::backend::verify_prepared(
		Backend::Arkworks,
		&key.0,
		&proof,
		&statement.public_inputs(),
	)?;
	if !valid {
		return Err("the proof does not verify for this model, input and output".into());
	}
	Ok(json!({ "model": args.model, "valid": true }))
}
