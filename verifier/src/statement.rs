//! What a Veritas proof proves, and the one place where its public-input layout is defined.
//!
//! A proof's public inputs are the commitment to the job input, then the model's output elements;
//! the chain stores the output as those elements, 32 bytes little-endian each, back to back. The
//! pallet, the prover and its circuit, and the test circuits all build and read that layout
//! through [`Statement`], so they cannot drift apart.

use crate::{
	encoding::{decode_inputs, encode_input},
	Fr, PublicInput, VerifierError, MAX_PUBLIC_INPUTS, PUBLIC_INPUT_SIZE,
};
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode};
use scale_info::TypeInfo;

/// Most output elements a model may have: every public input but the commitment.
pub const MAX_OUTPUTS: u32 = MAX_PUBLIC_INPUTS - 1;

/// Longest output as the chain stores it.
pub const MAX_OUTPUT_LEN: u32 = MAX_OUTPUTS * PUBLIC_INPUT_SIZE as u32;

/// What a Veritas proof proves: the model, run on the input committed to by `commitment`, gives
/// `outputs`.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct Statement {
	/// The commitment to the job input (`commitment::commit_input`), encoded.
	pub commitment: PublicInput,
	/// The model's output elements, encoded.
	pub outputs: Vec<PublicInput>,
}

impl Statement {
	/// The statement for an output as the chain stores it (32 bytes LE per element). None if
	/// `output` is not exactly `elements` elements, or `elements > MAX_OUTPUTS`.
	pub fn from_output_bytes(
		commitment: PublicInput,
		output: &[u8],
		elements: u32,
	) -> Option<Self> {
		if elements > MAX_OUTPUTS {
			return None;
		}
		let expected_len = usize::try_from(elements).ok()?.checked_mul(PUBLIC_INPUT_SIZE)?;
		if output.len() != expected_len {
			return None;
		}
		let outputs = output
			.chunks_exact(PUBLIC_INPUT_SIZE)
			.map(|element| <PublicInput>::try_from(element).ok())
			.collect::<Option<Vec<_>>>()?;
		Some(Self { commitment, outputs })
	}

	/// The statement a prover proves, from the field elements it computed.
	pub fn from_field_elements(commitment: Fr, outputs: &[Fr]) -> Self {
		let outputs = outputs.iter().map(encode_input).collect();
		Self { commitment: encode_input(&commitment), outputs }
	}

	/// The statement behind a proof's public inputs; None if there are none (no commitment) or
	/// more than [`MAX_PUBLIC_INPUTS`].
	pub fn from_public_inputs(public_inputs: &[PublicInput]) -> Option<Self> {
		if public_inputs.len() > MAX_PUBLIC_INPUTS as usize {
			return None;
		}
		let (commitment, outputs) = Self::split(public_inputs)?;
		Some(Self { commitment: *commitment, outputs: outputs.to_vec() })
	}

	/// The proof's public inputs: the commitment, then each output element.
	pub fn public_inputs(&self) -> Vec<PublicInput> {
		Self::arrange(self.commitment, self.outputs.iter().copied())
	}

	/// The proof's public inputs as field elements, for verification. An element that is not a
	/// canonical field element is an error, as it is for any public input.
	pub fn public_field_elements(&self) -> Result<Vec<Fr>, VerifierError> {
		decode_inputs(&self.public_inputs())
	}

	/// The output elements as field elements.
	pub fn output_field_elements(&self) -> Result<Vec<Fr>, VerifierError> {
		decode_inputs(&self.outputs)
	}

	/// The outputs as the chain stores them.
	pub fn output_bytes(&self) -> Vec<u8> {
		self.outputs.iter().flat_map(|element| element.iter().copied()).collect()
	}

	/// Public inputs of a key for a model with `outputs` output elements.
	pub const fn public_input_count(outputs: u32) -> u32 {
		outputs.saturating_add(1)
	}

	/// Lays out public inputs in any representation (bytes, field elements, circuit variables):
	/// the commitment first, then the outputs in order. A circuit allocates its public inputs in
	/// this order.
	pub fn arrange<T>(commitment: T, outputs: impl IntoIterator<Item = T>) -> Vec<T> {
		core::iter::once(commitment).chain(outputs).collect()
	}

	/// The commitment and the outputs of public inputs laid out by [`Self::arrange`]; None if
	/// there is no commitment.
	pub fn split<T>(public_inputs: &[T]) -> Option<(&T, &[T])> {
		public_inputs.split_first()
	}
}

#[cfg(test)]
mod tests {
	// Tests: panics are how they fail.
	#![allow(clippy::arithmetic_side_effects, clippy::indexing_slicing, clippy::unwrap_used)]

	use super::*;

	fn element(value: u64) -> PublicInput {
		encode_input(&Fr::from(value))
	}

	/// Commitment 7, outputs 1, 2, …, `outputs`.
	fn statement_with(outputs: u64) -> Statement {
		Statement { commitment: element(7), outputs: (1..=outputs).map(element).collect() }
	}

	#[test]
	fn output_bytes_and_public_inputs_round_trip() {
		for outputs in 0..=u64::from(MAX_OUTPUTS) {
			let statement = statement_with(outputs);
			let elements = u32::try_from(outputs).unwrap();
			let bytes = statement.output_bytes();
			assert_eq!(bytes.len(), statement.outputs.len() * PUBLIC_INPUT_SIZE);
			assert_eq!(
				Statement::from_output_bytes(statement.commitment, &bytes, elements),
				Some(statement.clone())
			);
			let inputs = statement.public_inputs();
			assert_eq!(inputs.len(), Statement::public_input_count(elements) as usize);
			assert_eq!(inputs.first(), Some(&statement.commitment));
			assert_eq!(inputs.get(1..), Some(statement.outputs.as_slice()));
			assert_eq!(Statement::from_public_inputs(&inputs), Some(statement.clone()));
			assert_eq!(Statement::decode(&mut &statement.encode()[..]).unwrap(), statement);
		}
	}

	#[test]
	fn field_elements_keep_the_layout() {
		let outputs: Vec<Fr> = (1..=3u64).map(Fr::from).collect();
		let statement = Statement::from_field_elements(Fr::from(7u64), &outputs);
		assert_eq!(statement, statement_with(3));
		assert_eq!(statement.output_field_elements(), Ok(outputs.clone()));
		assert_eq!(
			statement.public_field_elements(),
			Ok(Statement::arrange(Fr::from(7u64), outputs))
		);
		assert_eq!(Statement::split(&[1, 2, 3]), Some((&1, &[2, 3][..])));
		assert_eq!(Statement::split::<u8>(&[]), None);
	}

	#[test]
	fn outputs_of_the_wrong_length_are_refused() {
		let statement = statement_with(3);
		let bytes = statement.output_bytes();
		let commitment = statement.commitment;
		// Fewer or more elements than the model has.
		assert_eq!(Statement::from_output_bytes(commitment, &bytes, 2), None);
		assert_eq!(Statement::from_output_bytes(commitment, &bytes, 4), None);
		// Not a whole number of elements.
		assert_eq!(Statement::from_output_bytes(commitment, &bytes[1..], 3), None);
		let mut longer = bytes.clone();
		longer.push(0);
		assert_eq!(Statement::from_output_bytes(commitment, &longer, 3), None);
		assert_eq!(Statement::from_output_bytes(commitment, &[], 1), None);
		assert_eq!(Statement::from_output_bytes(commitment, &[], 0), Some(statement_with(0)));
	}

	#[test]
	fn more_outputs_than_a_key_can_carry_are_refused() {
		let too_many = statement_with(u64::from(MAX_OUTPUTS) + 1);
		let elements = MAX_OUTPUTS + 1;
		let bytes = too_many.output_bytes();
		assert_eq!(Statement::from_output_bytes(too_many.commitment, &bytes, elements), None);
		assert_eq!(Statement::from_output_bytes(too_many.commitment, &[], u32::MAX), None);
		assert_eq!(Statement::from_public_inputs(&too_many.public_inputs()), None);
		assert_eq!(Statement::from_public_inputs(&[]), None);
		assert_eq!(MAX_OUTPUT_LEN as usize, MAX_OUTPUTS as usize * PUBLIC_INPUT_SIZE);
		assert_eq!(Statement::public_input_count(MAX_OUTPUTS), MAX_PUBLIC_INPUTS);
		assert_eq!(Statement::public_input_count(u32::MAX), u32::MAX);
	}
}
