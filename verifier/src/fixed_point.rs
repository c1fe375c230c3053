//! The number format of model inputs and outputs, shared by the prover and every client.
//!
//! A model works at one fixed-point scale `2^F` (`F` = `frac_bits`, registered with the model):
//! a real `x` is the integer `round(x · 2^F)`, ties away from zero. A job input is its elements
//! as little-endian `i16`s; a job output is one public input (a field element, 32 bytes
//! little-endian) per element, holding a signed integer: `v` for `v ≥ 0`, `r − |v|` otherwise.

use crate::{encoding::decode_input, Fr, PUBLIC_INPUT_SIZE};
use alloc::vec::Vec;
use ark_ff::{BigInteger, PrimeField};

/// The finest scale a model may use: `2^16`.
pub const MAX_FRAC_BITS: u8 = 16;

/// Bytes per input element (`i16`, little-endian).
pub const INPUT_ELEMENT_BYTES: usize = 2;

/// Why values do not fit the format.
#[derive(Clone, Debug, PartialEq)]
pub enum FixedPointError {
	/// Input element `index` is NaN or infinite.
	NotFinite { index: usize },
	/// Input element `index` is outside what an `i16` holds at this scale (`±limit`).
	OutOfRange { index: usize, value: f64, limit: f64 },
	/// The output is not a whole number of 32-byte elements.
	OutputLength { len: usize },
	/// Output element `index` is not a field element holding an `i64`.
	NotAnOutput { index: usize },
}

impl core::fmt::Display for FixedPointError {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		match self {
			Self::NotFinite { index } => write!(f, "input element {index} is not a finite number"),
			Self::OutOfRange { index, value, limit } => write!(
				f,
				"input element {index} ({value}) is outside ±{limit}, the range of the model's \
				 fixed-point format"
			),
			Self::OutputLength { len } => {
				write!(f, "an output of {len} bytes is not a whole number of 32-byte elements")
			}
			Self::NotAnOutput { index } => {
				write!(f, "output element {index} does not hold a 64-bit signed integer")
			}
		}
	}
}

#[cfg(feature = "std")]
impl std::error::Error for FixedPointError {}

/// The largest real an input element can hold at scale `2^frac_bits`.
#[cfg(feature = "std")]
pub fn input_limit(frac_bits: u8) -> f64 {
	f64::from(i16::MAX) / f64::from(frac_bits).exp2()
}

/// Job-input bytes for real `values` at scale `2^frac_bits`.
#[cfg(feature = "std")]
pub fn encode_input(values: &[f64], frac_bits: u8) -> Result<Vec<u8>, FixedPointError> {
	let scale = f64::from(frac_bits).exp2();
	let mut bytes = Vec::with_capacity(values.len().saturating_mul(INPUT_ELEMENT_BYTES));
	for (index, &x) in values.iter().enumerate() {
		let scaled = x * scale;
		if !scaled.is_finite() {
			return Err(FixedPointError::NotFinite { index });
		}
		let rounded = scaled.round();
		if rounded < f64::from(i16::MIN) || rounded > f64::from(i16::MAX) {
			return Err(FixedPointError::OutOfRange {
				index,
				value: x,
				limit: input_limit(frac_bits),
			});
		}
		// In range: the cast is exact.
		bytes.extend((rounded as i16).to_le_bytes());
	}
	Ok(bytes)
}

/// The integers of job-input bytes; `None` for an odd length.
pub fn decode_input_values(input: &[u8]) -> Option<Vec<i16>> {
	if !input.len().is_multiple_of(INPUT_ELEMENT_BYTES) {
		return None;
	}
	input
		.chunks_exact(INPUT_ELEMENT_BYTES)
		.map(|pair| pair.try_into().ok().map(i16::from_le_bytes))
		.collect()
}

/// The field element holding the signed integer `value`.
// Field negation is modular: it cannot overflow.
#[allow(clippy::arithmetic_side_effects)]
pub fn field_element(value: i128) -> Fr {
	let magnitude = Fr::from(value.unsigned_abs());
	if value < 0 {
		-magnitude
	} else {
		magnitude
	}
}

/// The signed integer a field element holds, if it fits an `i64`.
// Field negation is modular, and `value` is at most `i64::MAX`, so negating it cannot overflow.
#[allow(clippy::arithmetic_side_effects)]
pub fn signed_value(element: Fr) -> Option<i64> {
	// Elements above 2^128 can only be negatives: r is 255 bits.
	let (negative, magnitude) =
		if element.into_bigint().num_bits() > 128 { (true, -element) } else { (false, element) };
	let limbs = magnitude.into_bigint().0;
	let [low, 0, 0, 0] = limbs else { return None };
	let value = i64::try_from(low).ok()?;
	Some(if negative { -value } else { value })
}

/// The integers of job-output bytes (one 32-byte element each).
pub fn decode_output(output: &[u8]) -> Result<Vec<i64>, FixedPointError> {
	if !output.len().is_multiple_of(PUBLIC_INPUT_SIZE) {
		return Err(FixedPointError::OutputLength { len: output.len() });
	}
	output
		.chunks_exact(PUBLIC_INPUT_SIZE)
		.enumerate()
		.map(|(index, chunk)| {
			let bytes: &[u8; PUBLIC_INPUT_SIZE] =
				chunk.try_into().map_err(|_| FixedPointError::NotAnOutput { index })?;
			decode_input(bytes)
				.ok()
				.and_then(signed_value)
				.ok_or(FixedPointError::NotAnOutput { index })
		})
		.collect()
}

/// The real an integer stands for at scale `2^frac_bits`.
#[cfg(feature = "std")]
pub fn to_real(value: i64, frac_bits: u32) -> f64 {
	value as f64 / f64::from(frac_bits).exp2()
}

#[cfg(all(test, feature = "std"))]
#[allow(clippy::unwrap_used)]
mod tests {
	use super::*;
	use crate::encoding::encode_input as encode_element;

	#[test]
	fn inputs_round_half_away_from_zero_and_refuse_what_does_not_fit() {
		let bytes = encode_input(&[0.5, -0.5, 1.0 / 512.0, -1.0 / 512.0], 8).unwrap();
		assert_eq!(decode_input_values(&bytes).unwrap(), vec![128, -128, 1, -1]);
		assert_eq!(
			encode_input(&[0.0, 128.0], 8),
			Err(FixedPointError::OutOfRange { index: 1, value: 128.0, limit: input_limit(8) })
		);
		assert_eq!(encode_input(&[f64::NAN], 8), Err(FixedPointError::NotFinite { index: 0 }));
		assert_eq!(decode_input_values(&[1, 2, 3]), None);
	}

	#[test]
	fn outputs_decode_signed_values_and_refuse_other_elements() {
		let values = [0i64, 1, -1, i64::MAX, -i64::MAX, 245, -1121];
		let bytes: Vec<u8> =
			values.iter().flat_map(|&v| encode_element(&field_element(v.into()))).collect();
		assert_eq!(decode_output(&bytes).unwrap(), values);
		let too_big = encode_element(&field_element(i128::from(i64::MAX) + 1));
		assert_eq!(decode_output(&too_big), Err(FixedPointError::NotAnOutput { index: 0 }));
		assert_eq!(decode_output(&[0; 33]), Err(FixedPointError::OutputLength { len: 33 }));
		assert_eq!(to_real(-384, 8), -1.5);
	}
}
