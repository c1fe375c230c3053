//! Inputs and outputs in a model's registered number format (see
//! `veritas_verifier::fixed_point`): the client reads the scale and the shapes from the chain.

use crate::{
	error::{Error, Result},
	Model, ModelId,
};
use veritas_verifier::fixed_point::{self, INPUT_ELEMENT_BYTES};

/// Elements of the model's input tensor.
pub fn input_elements(model: &Model) -> usize {
	model.input_shape.0.iter().map(|&d| d as usize).product()
}

/// Elements of the model's output: one public input each, after the input commitment.
pub fn output_elements(model: &Model) -> u32 {
	model.public_inputs.saturating_sub(1)
}

/// Job-input bytes for real `values`, checked against the model's record.
pub fn encode_input(id: ModelId, model: &Model, values: &[f64]) -> Result<Vec<u8>> {
	let elements = input_elements(model);
	if elements.checked_mul(INPUT_ELEMENT_BYTES) != Some(model.input_len as usize) {
		return Err(Error::NotFixedPoint {
			model: id,
			input_len: model.input_len,
			elements: elements as u32,
		});
	}
	if values.len() != elements {
		return Err(Error::InputElements { model: id, expected: elements, got: values.len() });
	}
	Ok(fixed_point::encode_input(values, model.frac_bits)?)
}

/// A verified output: the integers the proof proves and the reals they stand for.
#[derive(Clone, Debug, PartialEq)]
pub struct Output {
	pub values: Vec<i64>,
	pub reals: Vec<f64>,
}

impl Output {
	/// The index of the largest output: the class, for a classifier. The first on a tie.
	pub fn argmax(&self) -> Option<usize> {
		self.values
			.iter()
			.enumerate()
			.fold(None, |best: Option<(usize, i64)>, (i, &v)| match best {
				Some((_, b)) if b >= v => best,
				_ => Some((i, v)),
			})
			.map(|(i, _)| i)
	}
}

/// Decodes job-output bytes at the model's scale.
pub fn decode_output(model: &Model, output: &[u8]) -> Result<Output> {
	let values = fixed_point::decode_output(output)?;
	let reals = values.iter().map(|&v| fixed_point::to_real(v, model.frac_bits.into())).collect();
	Ok(Output { values, reals })
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn argmax_is_the_first_largest() {
		let output = |values: Vec<i64>| Output { reals: vec![], values };
		assert_eq!(output(vec![-3, 7, 2, 7]).argmax(), Some(1));
		assert_eq!(output(vec![]).argmax(), None);
	}
}
