//! One module per command group; each returns its result as JSON for `output::print`.

pub mod backend;
pub mod dev;
pub mod gov;
pub mod job;
pub mod model;
pub mod operator;
pub mod verify;

use crate::Error;
use indicatif::{ProgressBar, ProgressStyle};
use serde_json::{json, Value};
use std::{path::Path, time::Duration};
use veritas_client::{Model, ModelId};

/// A spinner on stderr for a step that takes a while (hidden when stderr is not a terminal).
pub fn spinner(message: impl Into<String>) -> ProgressBar {
	let bar = ProgressBar::new_spinner();
	bar.set_style(
		ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
			.unwrap_or_else(|_| ProgressStyle::default_spinner()),
	);
	bar.set_message(message.into());
	bar.enable_steady_tick(Duration::from_millis(120));
	bar
}

/// Real input values from a JSON file (see `veritas_zkml::inference::parse_input_json`).
pub fn read_values(path: &Path) -> Result<Vec<f64>, Error> {
	veritas_zkml::inference::parse_input_json(&read_file(path)?)
		.map_err(|e| format!("{}: {e}", path.display()).into())
}

pub fn read_file(path: &Path) -> Result<Vec<u8>, Error> {
	std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()).into())
}

pub fn hex(bytes: &[u8]) -> String {
	format!("0x{}", veritas_zkml::prover::hex(bytes))
}

/// A model's record for people and scripts.
pub fn model_json(id: ModelId, model: &Model) -> Value {
	json!({
		"id": id,
		"name": String::from_utf8_lossy(&model.name.0),
		"status": model.status_name(),
		"owner": model.owner.to_string(),
		"metadata_uri": String::from_utf8_lossy(&model.metadata_uri.0),
		"weights_hash": hex(&model.weights_hash.0),
		"input_shape": model.input_shape.0,
		"input_len": model.input_len,
		"output_shape": model.output_shape.0,
		"frac_bits": model.frac_bits,
		"supersedes": model.supersedes,
		"deposit": veritas_client::amount::show_vrt(model.deposit),
		"registered_at": model.registered_at,
	})
}
