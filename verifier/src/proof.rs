use crate::{Engine, VerifierError, PROOF_SIZE};
use alloc::vec::Vec;
use ark_ec::{pairing::Pairing, AffineRepr};

/// A Groth16 proof `(A, B, C)`, decoded and validated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Proof<E: Pairing> {
	pub a: E::G1Affine,
	pub b: E::G2Affine,
	pub c: E::G1Affine,
}

impl<E: Engine> Proof<E> {
	/// Decodes exactly [`PROOF_SIZE`] bytes (arkworks' compressed `ark_groth16::Proof`): points
	/// on the curve, in the prime-order subgroup, canonically encoded, none the identity.
	pub fn decode(bytes: &[u8]) -> Result<Self, VerifierError> {
		if bytes.len() != PROOF_SIZE {
			return Err(VerifierError::MalformedProof);
		}
		let (a, rest) = bytes.split_at(48);
		let (b, c) = rest.split_at(96);
		let proof = Proof::<E> {
			a: E::decode_g1(a).ok_or(VerifierError::MalformedProof)?,
			b: E::decode_g2(b).ok_or(VerifierError::MalformedProof)?,
			c: E::decode_g1(c).ok_or(VerifierError::MalformedProof)?,
		};
		if proof.a.is_zero() || proof.b.is_zero() || proof.c.is_zero() {
			return Err(VerifierError::DegenerateProof);
		}
		Ok(proof)
	}

	/// The canonical compressed encoding.
	pub fn encode(&self) -> Vec<u8> {
		let mut out = Vec::with_capacity(PROOF_SIZE);
		out.extend(crate::encoding::encode(&self.a));
		out.extend(crate::encoding::encode(&self.b));
		out.extend(crate::encoding::encode(&self.c));
		out
	}
}
