//! The reference inference: the exact integer computation the circuit constrains. An operator
//! answers a job with it, and the prover takes its trace as the witness, so an answer and its
//! proof cannot disagree.

use crate::{
	error::ZkmlError,
	model::{QuantizedModel, INPUT_BYTES},
};
use veritas_verifier::{Fr, Statement};

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

/// Quantises a float input (`round(x · 2^F)`, ties away from zero) into job-input bytes.
pub fn quantize_input(model: &QuantizedModel, input: &[f32]) -> Result<Vec<u8>, ZkmlError> {
	if input.len() != model.input_len() {
		return Err(ZkmlError::InputElements { got: input.len(), expected: model.input_len() });
	}
	let scale = f64::from(model.frac_bits()).exp2();
	let mut bytes = Vec::with_capacity(model.input_bytes());
	for &x in input {
		let value = f64::from(x) * scale;
		if !value.is_finite() {
			return Err(ZkmlError::NotFinite { what: "an input value" });
		}
		let rounded = value.round();
		if rounded < f64::from(i16::MIN) || rounded > f64::from(i16::MAX) {
			return Err(ZkmlError::OutOfRange {
				what: "input value",
				value: f64::from(x),
				frac_bits: model.frac_bits(),
				limit: f64::from(i16::MAX) / scale,
			});
		}
		bytes.extend((rounded as i16).to_le_bytes());
	}
	Ok(bytes)
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
	Ok(input
		.chunks_exact(INPUT_BYTES)
		.filter_map(|b| b.try_into().ok().map(i16::from_le_bytes))
		.collect())
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

/// A signed integer as a field element (`r − |v|` for negative `v`).
pub fn field_element(value: i128) -> Fr {
	let magnitude = Fr::from(value.unsigned_abs());
	if value < 0 {
		-magnitude
	} else {
		magnitude
	}
}

/// The field elements of output values: the outputs of the statement a proof proves
/// ([`Statement::from_field_elements`] lays them out).
pub fn output_elements(output: &[i64]) -> Vec<Fr> {
	output.iter().map(|&v| field_element(i128::from(v))).collect()
}

/// Output values from a statement's outputs, for values that fit `i64` (any output of a model).
pub fn decode_output(statement: &Statement) -> Result<Vec<i64>, ZkmlError> {
	use ark_ff::{BigInteger, PrimeField};
	let bad = |reason: String| ZkmlError::Decode { what: "job output", reason };
	let elements = statement
		.output_field_elements()
		.map_err(|_| bad("an element is not in the field".into()))?;
	elements
		.into_iter()
		.map(|fr| {
			let (negative, magnitude) =
				if fr.into_bigint().num_bits() > 128 { (true, -fr) } else { (false, fr) };
			let limbs = magnitude.into_bigint().0;
			if limbs[1] != 0 || limbs[2] != 0 || limbs[3] != 0 || limbs[0] > i64::MAX as u64 {
				return Err(bad("an element is not a model output".into()));
			}
			let value = limbs[0] as i64;
			Ok(if negative { -value } else { value })
		})
		.collect()
}

/// Dequantised outputs (`y / 2^F`).
pub fn dequantize_output(model: &QuantizedModel, output: &[i64]) -> Vec<f64> {
	let scale = f64::from(model.frac_bits()).exp2();
	output.iter().map(|&v| v as f64 / scale).collect()
}
