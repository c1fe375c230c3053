//! The reference inference: the exact integer computation the circuit constrains. An operator
//! answers a job with it, and the prover takes its trace as the witness, so an answer and its
//! proof cannot disagree.

use crate::{error::ZkmlError, model::QuantizedModel};
use veritas_verifier::{
	fixed_point::{self, FixedPointError},
	Fr, Statement,
};

/// What one layer computed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LayerTrace {
	/// `floor((acc + 2^(F-1)) / 2^F)` per output.
	pub quotients: Vec<i64>,
	/// `acc + 2^(F-1) - quotient·2^F`, in `[0, 2^F)`.
	pub remainders: Vec<u64>,
	/// The layer's outputs: the quotients, after ReLU where the layer has one.
	pub activations: Vec<i64>,
}

/// A whole inference: the input values and every layer's trace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Trace {
	pub input: Vec<i16>,
	pub layers: Vec<LayerTrace>,
}

impl Trace {
	/// The model's output: the last layer's activations.
	pub fn output(&self) -> &[i64] {
		self.layers.last().map_or(&[], |l| &l.activations)
	}
}

/// Real input values from JSON: a list of numbers, `{"input": [...]}`, or EZKL's
/// `{"input_data": [[...]]}`.
pub fn parse_input_json(json: &[u8]) -> Result<Vec<f64>, ZkmlError> {
	use serde_json::Value;
	let bad = |reason: String| ZkmlError::Decode { what: "input file", reason };
	let json: Value = serde_json::from_slice(json).map_err(|e| bad(e.to_string()))?;
	let list = match &json {
		Value::Object(map) => {
			map.get("input").or_else(|| map.get("input_data").and_then(|d| d.get(0))).ok_or_else(
				|| bad("expected {\"input\": [...]} or {\"input_data\": [[...]]}".into()),
			)?
		}
		other => other,
	};
	list.as_array()
		.ok_or_else(|| bad("expected a list of numbers".into()))?
		.iter()
		.enumerate()
		.map(|(i, v)| v.as_f64().ok_or_else(|| bad(format!("element {i} ({v}) is not a number"))))
		.collect()
}

/// Quantises a float input (`round(x · 2^F)`, ties away from zero) into job-input bytes: the
/// format of [`veritas_verifier::fixed_point`], which clients use from the chain's record.
pub fn quantize_input(model: &QuantizedModel, input: &[f32]) -> Result<Vec<u8>, ZkmlError> {
	if input.len() != model.input_len() {
		return Err(ZkmlError::InputElements { got: input.len(), expected: model.input_len() });
	}
	let values: Vec<f64> = input.iter().map(|&x| f64::from(x)).collect();
	let frac_bits = model.frac_bits();
	// `QuantizedModel` keeps `frac_bits` within `MAX_FRAC_BITS`, which fits a byte.
	let scale = u8::try_from(frac_bits)
		.map_err(|_| ZkmlError::BadScale { got: frac_bits, max: crate::model::MAX_FRAC_BITS })?;
	fixed_point::encode_input(&values, scale).map_err(|error| match error {
		FixedPointError::OutOfRange { value, limit, .. } => {
			ZkmlError::OutOfRange { what: "input value", value, frac_bits, limit }
		}
		_ => ZkmlError::NotFinite { what: "an input value" },
	})
}

/// The quantised input values of job-input bytes.
pub fn decode_input(model: &QuantizedModel, input: &[u8]) -> Result<Vec<i16>, ZkmlError> {
	if input.len() != model.input_bytes() {
		return Err(ZkmlError::InputLength {
			got: input.len(),
			expected: model.input_bytes(),
			elements: model.input_len(),
		});
	}
	// The length is checked even, so every pair decodes.
	Ok(fixed_point::decode_input_values(input).unwrap_or_default())
}

/// Runs the model on job-input bytes.
pub fn infer(model: &QuantizedModel, input: &[u8]) -> Result<Trace, ZkmlError> {
	let values = decode_input(model, input)?;
	Ok(infer_values(model, values))
}

/// Runs the model on quantised input values. The model's bounds guarantee that no value
/// overflows (`i128` accumulators, quotients within `quotient_bits`).
pub fn infer_values(model: &QuantizedModel, input: Vec<i16>) -> Trace {
	let frac_bits = model.frac_bits();
	let half = 1i128 << (frac_bits - 1);
	let mask = (1i128 << frac_bits) - 1;
	let mut x: Vec<i64> = input.iter().map(|&v| i64::from(v)).collect();
	let mut layers = Vec::with_capacity(model.layers().len());
	for layer in model.layers() {
		let mut trace = LayerTrace {
			quotients: Vec::with_capacity(layer.outputs as usize),
			remainders: Vec::with_capacity(layer.outputs as usize),
			activations: Vec::with_capacity(layer.outputs as usize),
		};
		for (output, &bias) in layer.bias.iter().enumerate() {
			let acc = layer
				.row(output)
				.iter()
				.zip(&x)
				.fold(i128::from(bias), |acc, (&w, &v)| acc + i128::from(w) * i128::from(v));
			let shifted = acc + half;
			// Arithmetic shift: floor division by 2^F.
			let quotient = (shifted >> frac_bits) as i64;
			let remainder = (shifted & mask) as u64;
			trace.quotients.push(quotient);
			trace.remainders.push(remainder);
			trace.activations.push(if layer.relu { quotient.max(0) } else { quotient });
		}
		x = trace.activations.clone();
		layers.push(trace);
	}
	Trace { input, layers }
}

pub use veritas_verifier::fixed_point::field_element;

/// The field elements of output values: the outputs of the statement a proof proves
/// ([`Statement::from_field_elements`] lays them out).
pub fn output_elements(output: &[i64]) -> Vec<Fr> {
	output.iter().map(|&v| field_element(i128::from(v))).collect()
}

/// Output values from a statement's outputs, for values that fit `i64` (any output of a model).
pub fn decode_output(statement: &Statement) -> Result<Vec<i64>, ZkmlError> {
	fixed_point::decode_output(&statement.output_bytes())
		.map_err(|error| ZkmlError::Decode { what: "job output", reason: error.to_string() })
}

/// Dequantised outputs (`y / 2^F`).
pub fn dequantize_output(model: &QuantizedModel, output: &[i64]) -> Vec<f64> {
	output.iter().map(|&v| fixed_point::to_real(v, model.frac_bits())).collect()
}
