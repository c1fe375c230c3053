//! Canonical encodings.
//!
//! Points use arkworks' compressed BLS12-381 encoding (the zcash format: big-endian x with the
//! compression, infinity and sign flags in the top bits). Decoding checks that the point is on
//! the curve and in the prime-order subgroup, then re-encodes it and compares: any other byte
//! string for the same point (stray flag bits, a coordinate ≥ p) is refused, so a proof has one
//! encoding and its hash identifies it.

use crate::{Fr, VerifierError, PUBLIC_INPUT_SIZE};
use alloc::vec::Vec;
use ark_ff::{BigInteger, PrimeField};
use ark_serialize::{CanonicalDeserialize, CanonicalSerialize, Compress, Validate};

/// Decodes a compressed value from exactly `bytes`, validated and canonical.
pub fn decode_canonical<T: CanonicalSerialize + CanonicalDeserialize>(bytes: &[u8]) -> Option<T> {
	decode_canonical_with(bytes, Validate::Yes)
}

/// [`decode_canonical`] with arkworks' validation as `validate` says. Without it a compressed
/// point is still on the curve (decompression solves the curve's equation for `y`) but not
/// checked for the subgroup: the caller must.
pub(crate) fn decode_canonical_with<T: CanonicalSerialize + CanonicalDeserialize>(
	bytes: &[u8],
	validate: Validate,
) -> Option<T> {
	let mut reader = bytes;
	let value = T::deserialize_with_mode(&mut reader, Compress::Yes, validate).ok()?;
	if !reader.is_empty() {
		return None;
	}
	let mut again = Vec::with_capacity(bytes.len());
	value.serialize_compressed(&mut again).ok()?;
	(again == bytes).then_some(value)
}

/// Compressed bytes of a value.
pub fn encode<T: CanonicalSerialize>(value: &T) -> Vec<u8> {
	let mut out = Vec::with_capacity(value.compressed_size());
	// Writing into a `Vec` cannot fail.
	let _ = value.serialize_compressed(&mut out);
	out
}

/// A public input from its 32-byte little-endian encoding; values ≥ r are refused.
pub fn decode_input(bytes: &[u8; PUBLIC_INPUT_SIZE]) -> Result<Fr, VerifierError> {
	let mut limbs = [0u64; 4];
	for (limb, chunk) in limbs.iter_mut().zip(bytes.chunks_exact(8)) {
		let mut word = [0u8; 8];
		word.copy_from_slice(chunk);
		*limb = u64::from_le_bytes(word);
	}
	Fr::from_bigint(ark_ff::BigInt(limbs)).ok_or(VerifierError::InputNotInField)
}

/// The 32-byte little-endian encoding of a scalar.
pub fn encode_input(value: &Fr) -> [u8; PUBLIC_INPUT_SIZE] {
	let mut out = [0u8; PUBLIC_INPUT_SIZE];
	for (dst, src) in out.iter_mut().zip(value.into_bigint().to_bytes_le()) {
		*dst = src;
	}
	out
}

/// Decodes every public input, in order.
pub fn decode_inputs(inputs: &[[u8; PUBLIC_INPUT_SIZE]]) -> Result<Vec<Fr>, VerifierError> {
	inputs.iter().map(decode_input).collect()
}
