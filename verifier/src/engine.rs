//! What each backend computes its own way.
//!
//! The verification equations are generic over the arkworks pairing engine; a few steps are
//! faster done differently on each backend. Multi-scalar multiplication is one: on the host-call
//! backend it is a single host call into native code, while arkworks' Pippenger MSM, run inside
//! wasm, suits thousands of points and costs more than a plain interleaved method for the few
//! dozen a verification has (2.9 ms against 2.0 ms in wasmtime for a 16-input key, `scripts/bench.sh
//! wasm-profile`).

use crate::{encoding::decode_canonical, Fr};
use alloc::vec::Vec;
use ark_ec::{
	pairing::{Pairing, PairingOutput},
	AffineRepr, CurveGroup,
};
use ark_ff::{BigInteger, PrimeField};
use ark_serialize::{CanonicalDeserialize, CanonicalSerialize, Compress, Validate};

/// A pairing engine the verifier runs on: one per [`crate::Backend`]. The provided methods are
/// what runs inside wasm; the host-call engine replaces the group ones with host calls.
pub trait Engine: Pairing<ScalarField = Fr> {
	/// `Σ scalars[i]·bases[i]`; `None` if the slices differ in length.
	fn g1_msm(bases: &[Self::G1Affine], scalars: &[Fr]) -> Option<Self::G1> {
		interleaved_msm::<Self::G1>(bases, scalars)
	}

	/// `scalar·point`; `None` only where the MSM under it fails closed.
	fn g1_mul(point: &Self::G1Affine, scalar: &Fr) -> Option<Self::G1> {
		interleaved_msm::<Self::G1>(core::slice::from_ref(point), core::slice::from_ref(scalar))
	}

	/// A G1 point from its compressed bytes: on the curve, in the prime-order subgroup,
	/// canonically encoded ([`decode_canonical`]).
	fn decode_g1(bytes: &[u8]) -> Option<Self::G1Affine> {
		decode_canonical(bytes)
	}

	/// A G2 point from its compressed bytes, as [`Self::decode_g1`].
	fn decode_g2(bytes: &[u8]) -> Option<Self::G2Affine> {
		decode_canonical(bytes)
	}

	/// Appends a target-group element in arkworks' uncompressed bytes (`e(α, β)` in a
	/// prepared key).
	fn write_target(target: &PairingOutput<Self>, out: &mut Vec<u8>) {
		// Writing into a `Vec` cannot fail.
		let _ = target.serialize_uncompressed(out);
	}

	/// Reads what [`Self::write_target`] wrote, without checks (trusted storage only).
	fn read_target(reader: &mut &[u8]) -> Option<PairingOutput<Self>> {
		PairingOutput::<Self>::deserialize_with_mode(reader, Compress::No, Validate::No).ok()
	}
}

/// Pure wasm: arkworks' curve over a base field built for wasm.
impl Engine for veritas_bls12_381::Bls12_381 {
	// The field's generic encoding does not fit its 13-word integers: through arkworks' type.
	fn write_target(target: &PairingOutput<Self>, out: &mut Vec<u8>) {
		let _ = veritas_bls12_381::fq12_to_arkworks(target.0).serialize_uncompressed(out);
	}

	fn read_target(reader: &mut &[u8]) -> Option<PairingOutput<Self>> {
		let target =
			ark_bls12_381::Fq12::deserialize_with_mode(reader, Compress::No, Validate::No).ok()?;
		Some(PairingOutput(veritas_bls12_381::fq12_from_arkworks(target)))
	}
}

/// arkworks' own BLS12-381: the reference the others are tested against.
impl Engine for ark_bls12_381::Bls12_381 {}

#[cfg(feature = "host-calls")]
impl Engine for sp_crypto_ec_utils::bls12_381::Bls12_381 {
	fn g1_msm(bases: &[Self::G1Affine], scalars: &[Fr]) -> Option<Self::G1> {
		use ark_ec::VariableBaseMSM;
		// One host call.
		Self::G1::msm(bases, scalars).ok()
	}

	fn g1_mul(point: &Self::G1Affine, scalar: &Fr) -> Option<Self::G1> {
		// One host call (an MSM of one point would build a thread pool on the host).
		Some(point.mul_bigint(scalar.into_bigint()))
	}

	// Decompression (a square root) runs in wasm, over the field built for it rather than
	// arkworks' (which wasm multiplies through emulated `u128` products); the subgroup check
	// runs on a host multiplication.
	fn decode_g1(bytes: &[u8]) -> Option<Self::G1Affine> {
		use veritas_bls12_381::{fq, G1Affine};
		let point: G1Affine = crate::encoding::decode_canonical_with(bytes, Validate::No)?;
		if point.is_zero() {
			return Some(Self::G1Affine::zero());
		}
		let (x, y) = (fq::to_arkworks(point.x), fq::to_arkworks(point.y));
		let point = Self::G1Affine::new_unchecked(x, y);
		host_g1_in_subgroup(&point).then_some(point)
	}

	fn decode_g2(bytes: &[u8]) -> Option<Self::G2Affine> {
		use veritas_bls12_381::{fq2_to_arkworks, G2Affine};
		let point: G2Affine = crate::encoding::decode_canonical_with(bytes, Validate::No)?;
		let point = if point.is_zero() {
			Self::G2Affine::zero()
		} else {
			let (x, y) = (fq2_to_arkworks(point.x), fq2_to_arkworks(point.y));
			Self::G2Affine::new_unchecked(x, y)
		};
		point.is_in_correct_subgroup_assuming_on_curve().then_some(point)
	}
}

/// `z²` for BLS12-381's `z = −0xd201000000010000`, in 64-bit words.
#[cfg(feature = "host-calls")]
const Z_SQUARED: [u64; 2] = [0x0000_0001_0000_0000, 0xac45_a401_0001_a402];

/// Scott's test for G1 (eprint 2021/1130, section 6; its proof corrected in eprint 2022/352):
/// a point on the curve is in G1 exactly when `φ(P) = −[z²]P`, `φ(x, y) = (β·x, y)`. arkworks'
/// version multiplies by `z` twice, two host calls; `z²` at once is one, for about the same
/// native work (127 doublings and 16 additions against 126 and 10).
#[cfg(feature = "host-calls")]
// Field and group arithmetic is modular: it cannot overflow.
#[allow(clippy::arithmetic_side_effects)]
fn host_g1_in_subgroup(point: &sp_crypto_ec_utils::bls12_381::G1Affine) -> bool {
	let mut endomorphism = *point;
	endomorphism.x *= ark_bls12_381::g1::BETA;
	-point.mul_bigint(Z_SQUARED) == endomorphism
}

/// The window of a scalar's signed digits: wide for long scalars, narrow for short ones (a
/// model's outputs are small fixed-point numbers), so that building a base's table of
/// `2^(window−2)` odd multiples costs about what the additions it saves do, or less.
fn window(bits: u32) -> usize {
	match bits {
		0..=24 => 2,
		25..=96 => 4,
		_ => 5,
	}
}

/// `Σ scalars[i]·bases[i]` (`None` if the slices differ in length) by Straus' interleaved
/// method with signed (NAF) digits: the doublings are shared by all bases, and each base adds
/// about one table entry per `window + 1` bits of its scalar (mixed additions, every table
/// normalised with one inversion). A scalar above `r/2` is taken as `−s` on the negated base,
/// so a small negative number costs as little as a small positive one.
// Group arithmetic is modular; the index arithmetic stays below the table's length (a NAF digit
// of width w is odd with |d| < 2^(w−1), so |d|/2 < 2^(w−2), the table size) and a lookup that
// fell outside would fail the whole sum, not skip a term.
#[allow(clippy::arithmetic_side_effects)]
pub(crate) fn interleaved_msm<G: CurveGroup<ScalarField = Fr>>(
	bases: &[G::Affine],
	scalars: &[Fr],
) -> Option<G> {
	if bases.len() != scalars.len() {
		return None;
	}
	let half = Fr::MODULUS_MINUS_ONE_DIV_TWO;
	let mut multiples = Vec::new();
	let mut tables = Vec::with_capacity(bases.len());
	let mut digits = Vec::with_capacity(bases.len());
	for (base, scalar) in bases.iter().zip(scalars) {
		let (point, scalar) = match scalar.into_bigint() {
			s if s > half => (-base.into_group(), (-*scalar).into_bigint()),
			s => (base.into_group(), s),
		};
		let window = window(scalar.num_bits());
		let size = 1usize << (window - 2);
		tables.push(multiples.len()..multiples.len() + size);
		let twice = point.double();
		let mut odd = point;
		for _ in 0..size {
			multiples.push(odd);
			odd += twice;
		}
		digits.push(scalar.find_wnaf(window)?);
	}
	let multiples = G::normalize_batch(&multiples);
	let length = digits.iter().map(Vec::len).max().unwrap_or(0);
	let mut sum = G::zero();
	for bit in (0..length).rev() {
		sum.double_in_place();
		for (table, digits) in tables.iter().zip(&digits) {
			let Some(&digit) = digits.get(bit) else { continue };
			let index = table.start + (digit.unsigned_abs() / 2) as usize;
			let entry = multiples.get(index).filter(|_| index < table.end)?;
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
	fn mismatched_lengths_are_refused() {
		type G = ark_bls12_381::G1Projective;
		let base = G::rand(&mut ark_std::test_rng()).into_affine();
		assert_eq!(interleaved_msm::<G>(&[base], &[]), None);
	}

	#[test]
	fn interleaved_msm_matches_pippenger() {
		type G = ark_bls12_381::G1Projective;
		let mut rng = ark_std::test_rng();
		// Edge scalars: zero, ±1, small ones of either sign, both sides of r/2, and each side
		// of the window boundaries (24/25 and 96/97 bits).
		let half = Fr::from(Fr::MODULUS_MINUS_ONE_DIV_TWO);
		let bits = |b: u32| Fr::from((1u128 << b) - 1);
		let edges = [
			Fr::zero(),
			Fr::ONE,
			-Fr::ONE,
			-Fr::from(7),
			-Fr::from(1u64 << 40),
			half,
			half + Fr::ONE,
			bits(24),
			bits(25),
			-bits(96),
			bits(97),
			Fr::from(1234),
		];
		for n in [0usize, 1, 2, 12, 16, 40] {
			let bases: Vec<_> = (0..n).map(|_| G::rand(&mut rng).into_affine()).collect();
			let mut scalars: Vec<Fr> = (0..n).map(|_| Fr::rand(&mut rng)).collect();
			for (slot, value) in scalars.iter_mut().zip(edges) {
				*slot = value;
			}
			assert_eq!(interleaved_msm::<G>(&bases, &scalars), G::msm(&bases, &scalars).ok());
		}
	}
}

/// The host-call engine decompresses over `veritas-bls12-381` and checks the subgroup on host
/// multiplications: it must accept exactly the encodings arkworks' validated decoding does,
/// as the same points.
#[cfg(all(test, feature = "host-calls"))]
#[allow(clippy::arithmetic_side_effects, clippy::indexing_slicing)]
mod host_decoding {
	use super::Engine;
	use crate::encoding::{decode_canonical, encode};
	use ark_ec::{short_weierstrass::Affine, AffineRepr, CurveGroup};
	use ark_ff::{BigInteger, Field, PrimeField};
	use ark_serialize::CanonicalSerialize;

	type Host = sp_crypto_ec_utils::bls12_381::Bls12_381;

	/// Valid encodings, an off-subgroup point's and the identity's, then each of them with every
	/// combination of the three flag bits, with a coordinate (each half of one in G2) set to
	/// `p` and to the largest 381-bit value, and with one bit flipped in several places.
	fn candidates<P: ark_ec::short_weierstrass::SWCurveConfig>(
		off_subgroup: Affine<P>,
	) -> Vec<Vec<u8>> {
		let generator = Affine::<P>::generator();
		let mut points: Vec<Affine<P>> =
			(1u64..4).map(|k| (generator * P::ScalarField::from(k)).into_affine()).collect();
		points.extend([off_subgroup, Affine::<P>::zero()]);
		let valid: Vec<Vec<u8>> = points.iter().map(encode).collect();
		let modulus = ark_bls12_381::Fq::MODULUS.to_bytes_be();
		let mut all = valid.clone();
		for bytes in &valid {
			for flags in 0u8..8 {
				let mut flagged = bytes.clone();
				flagged[0] = (flagged[0] & 0x1f) | (flags << 5);
				all.push(flagged);
			}
			for half in bytes.chunks(48).enumerate().map(|(i, _)| i * 48) {
				for bound in [modulus.clone(), [[0x1f].as_slice(), &[0xff; 47]].concat()] {
					let mut over = bytes.clone();
					over[half..half + 48].copy_from_slice(&bound);
					over[0] |= bytes[0] & 0xe0;
					all.push(over);
				}
			}
			for bit in (0..bytes.len() * 8).step_by(13) {
				let mut flipped = bytes.clone();
				flipped[bit / 8] ^= 1 << (bit % 8);
				all.push(flipped);
			}
		}
		all
	}

	/// A point on the curve outside the prime-order subgroup.
	fn off_subgroup<P: ark_ec::short_weierstrass::SWCurveConfig>() -> Affine<P> {
		let mut x = P::BaseField::ONE;
		loop {
			if let Some(p) = Affine::<P>::get_point_from_x_unchecked(x, false) {
				if !p.is_in_correct_subgroup_assuming_on_curve() {
					return p;
				}
			}
			x += P::BaseField::ONE;
		}
	}

	fn encoded<T: CanonicalSerialize>(point: Option<T>) -> Option<Vec<u8>> {
		point.map(|p| encode(&p))
	}

	#[test]
	fn host_decoding_accepts_what_arkworks_accepts_as_the_same_points() {
		type G1 = ark_bls12_381::g1::Config;
		type G2 = ark_bls12_381::g2::Config;
		let mut accepted = 0;
		for bytes in candidates::<G1>(off_subgroup::<G1>()) {
			let reference = encoded(decode_canonical::<ark_bls12_381::G1Affine>(&bytes));
			assert_eq!(encoded(Host::decode_g1(&bytes)), reference, "G1 {}", hex(&bytes));
			accepted += usize::from(reference.is_some());
		}
		for bytes in candidates::<G2>(off_subgroup::<G2>()) {
			let reference = encoded(decode_canonical::<ark_bls12_381::G2Affine>(&bytes));
			assert_eq!(encoded(Host::decode_g2(&bytes)), reference, "G2 {}", hex(&bytes));
			accepted += usize::from(reference.is_some());
		}
		// The valid points and identities of both groups, each at least once.
		assert!(accepted >= 8, "only {accepted} candidates decode");
	}

	/// A G1 point that is a valid one plus a point of small order (dividing 3, 11² or 10177²,
	/// factors of the cofactor), and that small-order point itself: on the curve, outside G1,
	/// refused by the host backend's one-call subgroup check as by arkworks'.
	#[test]
	fn host_decoding_refuses_g1_points_off_by_small_torsion() {
		use ark_ec::{AffineRepr, CurveGroup};
		type Point = ark_bls12_381::G1Affine;
		// The cofactor divided by 3, 11² and 10177² (the cofactor holds 11 and 10177 squared):
		// `r` times a point, times one of these, has an order dividing 3, 11² or 10177².
		let cofactor_over = [
			[0x2eaa_e38e_5555_8e39, 0x1324_2eaa_c71c_a072],
			[0x627a_b75c_6370_2343, 0x0079_7dfb_c577_3068],
			[0x6301_49c0_28dc_a02b, 0x0000_0009_4d4c_6a74],
		];
		for quotient in cofactor_over {
			let torsion = (1u64..1000)
				.filter_map(|x| Point::get_point_from_x_unchecked(x.into(), false))
				.map(|p| p.mul_bigint(crate::Fr::MODULUS).into_affine().mul_bigint(quotient))
				.map(|t| t.into_affine())
				.find(|t| !t.is_zero())
				.expect("a point of small order among the first thousand x");
			let shifted = (Point::generator() + torsion).into_affine();
			for point in [torsion, shifted] {
				let bytes = encode(&point);
				assert_eq!(decode_canonical::<Point>(&bytes), None);
				assert_eq!(Host::decode_g1(&bytes), None, "G1 {}", hex(&bytes));
			}
		}
	}

	fn hex(bytes: &[u8]) -> alloc::string::String {
		bytes.iter().map(|b| alloc::format!("{b:02x}")).collect()
	}
}
