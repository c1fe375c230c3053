//! What each backend computes its own way.
//!
//! The verification equations are generic over the arkworks pairing engine; a few steps are
//! faster done differently on each backend. Multi-scalar multiplication is one: on the host-call
//! backend it is a single host call into native code, while arkworks' Pippenger MSM, run inside
//! wasm, suits thousands of points and costs more than a plain interleaved method for the few
//! dozen a verification has (4.8 ms against 3.2 ms for a 16-input key, `scripts/bench.sh
//! wasm-profile`).

use crate::Fr;
use alloc::vec::Vec;
use ark_ec::{pairing::Pairing, AffineRepr, CurveGroup};
use ark_ff::{BigInteger, PrimeField};

/// A pairing engine the verifier runs on: one per [`crate::Backend`].
pub trait Engine: Pairing<ScalarField = Fr> {
	/// `Σ scalars[i]·bases[i]`; `None` if the slices differ in length.
	fn g1_msm(bases: &[Self::G1Affine], scalars: &[Fr]) -> Option<Self::G1>;

	/// `scalar·point`.
	fn g1_mul(point: &Self::G1Affine, scalar: &Fr) -> Self::G1;
}

impl Engine for ark_bls12_381::Bls12_381 {
	fn g1_msm(bases: &[Self::G1Affine], scalars: &[Fr]) -> Option<Self::G1> {
		interleaved_msm::<Self::G1>(bases, scalars)
	}

	fn g1_mul(point: &Self::G1Affine, scalar: &Fr) -> Self::G1 {
		// One base and one scalar: the lengths match.
		interleaved_msm::<Self::G1>(core::slice::from_ref(point), core::slice::from_ref(scalar))
			.unwrap_or_default()
	}
}

#[cfg(feature = "host-calls")]
impl Engine for sp_crypto_ec_utils::bls12_381::Bls12_381 {
	fn g1_msm(bases: &[Self::G1Affine], scalars: &[Fr]) -> Option<Self::G1> {
		use ark_ec::VariableBaseMSM;
		// One host call.
		Self::G1::msm(bases, scalars).ok()
	}

	fn g1_mul(point: &Self::G1Affine, scalar: &Fr) -> Self::G1 {
		// One host call (an MSM of one point would build a thread pool on the host).
		point.mul_bigint(scalar.into_bigint())
	}
}

/// Window of the signed digits: each base gets a table of its `2^(WINDOW−2)` odd multiples.
const WINDOW: usize = 5;
const TABLE: usize = 1 << (WINDOW - 2);

/// `Σ scalars[i]·bases[i]` (`None` if the slices differ in length) by Straus' interleaved
/// method with width-`WINDOW` NAF digits: the doublings are shared by all
/// bases, and each base adds about one table entry per `WINDOW + 1` scalar bits (mixed
/// additions, the tables normalised with one inversion).
// Group arithmetic is modular, and digit indices are below `TABLE` by construction of the NAF.
#[allow(clippy::arithmetic_side_effects)]
pub fn interleaved_msm<G: CurveGroup<ScalarField = Fr>>(
	bases: &[G::Affine],
	scalars: &[Fr],
) -> Option<G> {
	if bases.len() != scalars.len() {
		return None;
	}
	let mut multiples = Vec::with_capacity(bases.len().saturating_mul(TABLE));
	for base in bases {
		let point = base.into_group();
		let twice = point.double();
		let mut odd = point;
		for _ in 0..TABLE {
			multiples.push(odd);
			odd += twice;
		}
	}
	let multiples = G::normalize_batch(&multiples);
	let digits: Vec<Vec<i64>> =
		scalars.iter().map(|s| s.into_bigint().find_wnaf(WINDOW).unwrap_or_default()).collect();
	let length = digits.iter().map(Vec::len).max().unwrap_or(0);
	let mut sum = G::zero();
	for bit in (0..length).rev() {
		sum.double_in_place();
		for (table, digits) in multiples.chunks_exact(TABLE).zip(&digits) {
			let Some(&digit) = digits.get(bit) else { continue };
			let Some(entry) = table.get((digit.unsigned_abs() / 2) as usize) else { continue };
			if digit > 0 {
				sum += entry;
			} else if digit < 0 {
				sum -= entry;
			}
		}
	}
	Some(sum)
}

#[cfg(test)]
mod tests {
	use super::*;
	use ark_ec::VariableBaseMSM;
	use ark_ff::{Field, UniformRand, Zero};

	#[test]
	fn interleaved_msm_matches_pippenger() {
		type G = ark_bls12_381::G1Projective;
		let mut rng = ark_std::test_rng();
		for n in [0usize, 1, 2, 16, 40] {
			let bases: Vec<_> = (0..n).map(|_| G::rand(&mut rng).into_affine()).collect();
			let mut scalars: Vec<Fr> = (0..n).map(|_| Fr::rand(&mut rng)).collect();
			// Edge scalars: zero, one, −1 (the longest NAF) and a small one.
			for (slot, value) in
				scalars.iter_mut().zip([Fr::zero(), Fr::ONE, -Fr::ONE, Fr::from(7)])
			{
				*slot = value;
			}
			assert_eq!(interleaved_msm::<G>(&bases, &scalars), G::msm(&bases, &scalars).ok());
		}
	}
}
