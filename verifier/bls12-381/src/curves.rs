//! G1, G2 and the pairing: arkworks' generic short-Weierstrass curves and BLS12 pairing over
//! this crate's fields, with ark-bls12-381's constants, its byte encoding (the compressed form
//! of the Zcash BLS12-381 format) and endomorphism-based subgroup checks.

use crate::{
	fq::{from_arkworks, from_integer, to_arkworks, Fq},
	towers::{fq2_from_arkworks, fq2_to_arkworks, Fq12Config, Fq2, Fq2Config, Fq6Config},
};
use ark_bls12_381::Fr;
use ark_ec::{
	bls12::{Bls12, Bls12Config, G1Prepared, G2Prepared, TwistType},
	pairing::{MillerLoopOutput, Pairing},
	short_weierstrass::{Affine, Projective, SWCurveConfig},
	AffineRepr, CurveConfig, PrimeGroup,
};
use ark_ff::{AdditiveGroup, BitIteratorBE, CyclotomicMultSubgroup, Field, PrimeField};
use ark_serialize::{Compress, Read, SerializationError, Validate, Write};
use ark_std::vec::Vec;

pub type G1Affine = Affine<G1Config>;
pub type G1Projective = Projective<G1Config>;
pub type G2Affine = Affine<G2Config>;
pub type G2Projective = Projective<G2Config>;

/// The pairing engine.
pub type Bls12_381 = Bls12<Config>;

/// `|z|`, the curve parameter's absolute value (`z = −0xd201000000010000`).
const Z: &[u64] = <ark_bls12_381::Config as Bls12Config>::X;

type ArkG1 = <ark_bls12_381::Config as Bls12Config>::G1Config;
type ArkG2 = <ark_bls12_381::Config as Bls12Config>::G2Config;

/// The same point as arkworks' G1 affine point.
pub const fn g1_from_arkworks(p: ark_bls12_381::G1Affine) -> G1Affine {
	G1Affine::new_unchecked(from_arkworks(p.x), from_arkworks(p.y))
}

/// The same point as arkworks' G2 affine point.
pub const fn g2_from_arkworks(p: ark_bls12_381::G2Affine) -> G2Affine {
	G2Affine::new_unchecked(fq2_from_arkworks(p.x), fq2_from_arkworks(p.y))
}

/// The same point in arkworks' G1 type (not the point at infinity).
pub const fn g1_to_arkworks(p: G1Affine) -> ark_bls12_381::G1Affine {
	ark_bls12_381::G1Affine::new_unchecked(to_arkworks(p.x), to_arkworks(p.y))
}

/// The same point in arkworks' G2 type (not the point at infinity).
pub const fn g2_to_arkworks(p: G2Affine) -> ark_bls12_381::G2Affine {
	ark_bls12_381::G2Affine::new_unchecked(fq2_to_arkworks(p.x), fq2_to_arkworks(p.y))
}

/// Of `y` and `−y`, the larger if `largest`, else the smaller: the y a compressed point's flag
/// names (arkworks' `get_point_from_x_unchecked`, whose square roots are slower than this
/// crate's [`crate::fq::sqrt`] and [`crate::towers::fq2_sqrt`]).
fn larger_or_smaller<F: Field + Ord>(y: F, largest: bool) -> F {
	let negated = -y;
	if (y < negated) == largest {
		negated
	} else {
		y
	}
}

pub struct G1Config;

impl CurveConfig for G1Config {
	type BaseField = Fq;
	type ScalarField = Fr;
	const COFACTOR: &'static [u64] = <ArkG1 as CurveConfig>::COFACTOR;
	const COFACTOR_INV: Fr = <ArkG1 as CurveConfig>::COFACTOR_INV;
}

/// A primitive cube root of unity in Fq: `(x, y) ↦ (β·x, y)` is an endomorphism of G1.
const BETA: Fq = from_arkworks(ark_bls12_381::g1::BETA);

impl SWCurveConfig for G1Config {
	const COEFF_A: Fq = Fq::ZERO;
	const COEFF_B: Fq = from_arkworks(<ArkG1 as SWCurveConfig>::COEFF_B);
	const GENERATOR: G1Affine = g1_from_arkworks(<ArkG1 as SWCurveConfig>::GENERATOR);
	// (0, 0) is not on the curve (b ≠ 0): it stands for the point at infinity.
	type ZeroFlag = ();

	#[inline(always)]
	fn mul_by_a(_: Fq) -> Fq {
		Fq::ZERO
	}

	/// Scott's test (eprint 2021/1130, section 6): a point on the curve is in G1 exactly when
	/// `φ(P) = −[z²]P`, with the early exit the paper gives for `[z]P = P ≠ O`.
	fn is_in_correct_subgroup_assuming_on_curve(p: &G1Affine) -> bool {
		let z_p = p.mul_bigint(Z);
		if z_p == *p && !p.is_zero() {
			return false;
		}
		let minus_z_squared_p = -z_p.mul_bigint(Z);
		let mut endomorphism = *p;
		endomorphism.x *= BETA;
		minus_z_squared_p == endomorphism
	}

	/// Through arkworks' curve: never on a verification path.
	fn clear_cofactor(p: &G1Affine) -> G1Affine {
		g1_from_arkworks(g1_to_arkworks(*p).clear_cofactor())
	}

	fn serialize_with_mode<W: Write>(
		item: &G1Affine,
		writer: W,
		compress: Compress,
	) -> Result<(), SerializationError> {
		let largest = item.y > -item.y;
		let (x, y) = if item.is_zero() { (Fq::ZERO, Fq::ZERO) } else { (item.x, item.y) };
		encoding::write(writer, &[x], &[y], compress, item.is_zero(), largest)
	}

	fn deserialize_with_mode<R: Read>(
		reader: R,
		compress: Compress,
		validate: Validate,
	) -> Result<G1Affine, SerializationError> {
		let point = match encoding::read::<_, 1>(reader, compress)? {
			encoding::Read::Infinity => G1Affine::zero(),
			encoding::Read::X([x], largest) => {
				let y = crate::fq::sqrt(&(x.square() * x + G1Config::COEFF_B))
					.ok_or(SerializationError::InvalidData)?;
				G1Affine::new_unchecked(x, larger_or_smaller(y, largest))
			}
			encoding::Read::XY([x], [y]) => G1Affine::new_unchecked(x, y),
		};
		encoding::validated(point, compress, validate)
	}

	fn serialized_size(compress: Compress) -> usize {
		encoding::size::<1>(compress)
	}
}

pub struct G2Config;

impl CurveConfig for G2Config {
	type BaseField = Fq2;
	type ScalarField = Fr;
	const COFACTOR: &'static [u64] = <ArkG2 as CurveConfig>::COFACTOR;
	const COFACTOR_INV: Fr = <ArkG2 as CurveConfig>::COFACTOR_INV;
}

/// `1/(u+1)^((p−1)/3)`: ψ's factor on x (its `c0` is zero).
const PSI_X_C1: Fq = from_integer([
	0x8bfd00000000aaad,
	0x409427eb4f49fffd,
	0x897d29650fb85f9b,
	0xaa0d857d89759ad4,
	0xec02408663d4de85,
	0x1a0111ea397fe699,
]);

/// `1/(u+1)^((p−1)/2)`: ψ's factor on y.
const PSI_Y: Fq2 = Fq2::new(
	from_integer([
		0xf1ee7b04121bdea2,
		0x304466cf3e67fa0a,
		0xef396489f61eb45e,
		0x1c3dedd930b1cf60,
		0xe2e9c448d77a2cd9,
		0x135203e60180a68e,
	]),
	from_integer([
		0xc81084fbede3cc09,
		0xee67992f72ec05f4,
		0x77f76e17009241c5,
		0x48395dabc2d3435e,
		0x6831e36d6bd17ffe,
		0x06af0e0437ff400b,
	]),
);

/// ψ, the untwist–Frobenius–twist endomorphism of the twisted curve:
/// `(x, y) ↦ (x^p·PSI_X, y^p·PSI_Y)`, where `x^p` is the conjugate in Fq2.
fn psi(p: &G2Affine) -> G2Affine {
	let x = p.x.frobenius_map(1);
	let y = p.y.frobenius_map(1);
	// x^p·(0 + c·u) = (−c·x1) + (c·x0)·u
	let x = Fq2::new(-(PSI_X_C1 * x.c1), PSI_X_C1 * x.c0);
	G2Affine::new_unchecked(x, y * PSI_Y)
}

impl SWCurveConfig for G2Config {
	const COEFF_A: Fq2 = Fq2::new(Fq::ZERO, Fq::ZERO);
	const COEFF_B: Fq2 = fq2_from_arkworks(<ArkG2 as SWCurveConfig>::COEFF_B);
	const GENERATOR: G2Affine = g2_from_arkworks(<ArkG2 as SWCurveConfig>::GENERATOR);
	type ZeroFlag = ();

	#[inline(always)]
	fn mul_by_a(_: Fq2) -> Fq2 {
		Fq2::ZERO
	}

	/// Scott's test (eprint 2021/1130, section 4): a point on the twisted curve is in G2
	/// exactly when `ψ(P) = [z]P`.
	fn is_in_correct_subgroup_assuming_on_curve(p: &G2Affine) -> bool {
		// z is negative: [z]P = −[|z|]P.
		let z_p = -p.mul_bigint(Z);
		z_p == psi(p)
	}

	/// Through arkworks' curve: never on a verification path.
	fn clear_cofactor(p: &G2Affine) -> G2Affine {
		g2_from_arkworks(g2_to_arkworks(*p).clear_cofactor())
	}

	fn serialize_with_mode<W: Write>(
		item: &G2Affine,
		writer: W,
		compress: Compress,
	) -> Result<(), SerializationError> {
		let largest = item.y > -item.y;
		let (x, y) = if item.is_zero() { (Fq2::ZERO, Fq2::ZERO) } else { (item.x, item.y) };
		// Each coordinate is written `c1` first.
		encoding::write(writer, &[x.c1, x.c0], &[y.c1, y.c0], compress, item.is_zero(), largest)
	}

	fn deserialize_with_mode<R: Read>(
		reader: R,
		compress: Compress,
		validate: Validate,
	) -> Result<G2Affine, SerializationError> {
		let point = match encoding::read::<_, 2>(reader, compress)? {
			encoding::Read::Infinity => G2Affine::zero(),
			encoding::Read::X([x1, x0], largest) => {
				let x = Fq2::new(x0, x1);
				let y = crate::towers::fq2_sqrt(&(x.square() * x + G2Config::COEFF_B))
					.ok_or(SerializationError::InvalidData)?;
				G2Affine::new_unchecked(x, larger_or_smaller(y, largest))
			}
			encoding::Read::XY([x1, x0], [y1, y0]) => {
				G2Affine::new_unchecked(Fq2::new(x0, x1), Fq2::new(y0, y1))
			}
		};
		encoding::validated(point, compress, validate)
	}

	fn serialized_size(compress: Compress) -> usize {
		encoding::size::<2>(compress)
	}
}

pub struct Config;

impl Bls12Config for Config {
	const X: &'static [u64] = Z;
	const X_IS_NEGATIVE: bool = true;
	const TWIST_TYPE: TwistType = TwistType::M;
	type Fp = Fq;
	type Fp2Config = Fq2Config;
	type Fp6Config = Fq6Config;
	type Fp12Config = Fq12Config;
	type G1Config = G1Config;
	type G2Config = G2Config;

	/// One accumulator for every pair. arkworks' generic loop keeps one per four pairs (for
	/// threads this runtime does not have) and multiplies them at the end, squaring each of
	/// them 63 times: a batch of 16 proofs would square five.
	fn multi_miller_loop(
		a: impl IntoIterator<Item = impl Into<G1Prepared<Self>>>,
		b: impl IntoIterator<Item = impl Into<G2Prepared<Self>>>,
	) -> MillerLoopOutput<Bls12_381> {
		let a: Vec<G1Prepared<Self>> = a.into_iter().map(Into::into).collect();
		let b: Vec<G2Prepared<Self>> = b.into_iter().map(Into::into).collect();
		// Zero is no Miller-loop value: the final exponentiation refuses it, so a malformed call
		// fails the check instead of dropping pairs.
		let refused = MillerLoopOutput(<Bls12_381 as Pairing>::TargetField::ZERO);
		if a.len() != b.len() {
			return refused;
		}
		let mut pairs: Vec<_> = a
			.into_iter()
			.zip(b)
			.filter_map(|(p, q)| {
				let (px, py) = p.0.xy()?;
				(!q.is_zero()).then(|| (px, py, q.ell_coeffs.into_iter()))
			})
			.collect();
		let mut f = <Bls12_381 as Pairing>::TargetField::ONE;
		let mut complete = true;
		let mut line = |f: &mut <Bls12_381 as Pairing>::TargetField| {
			for (px, py, coeffs) in pairs.iter_mut() {
				// A prepared point holds one coefficient per step; one missing refuses the loop.
				let Some((c0, mut c1, mut c2)) = coeffs.next() else {
					complete = false;
					continue;
				};
				c2.mul_assign_by_fp(py);
				c1.mul_assign_by_fp(px);
				f.mul_by_014(&c0, &c1, &c2);
			}
		};
		for bit in BitIteratorBE::without_leading_zeros(Z).skip(1) {
			f.square_in_place();
			line(&mut f);
			if bit {
				line(&mut f);
			}
		}
		if !complete {
			return refused;
		}
		f.cyclotomic_inverse_in_place();
		MillerLoopOutput(f)
	}
}

/// The compressed and uncompressed forms of the Zcash BLS12-381 encoding: big-endian
/// coordinates, three flags in the top bits of the first byte (compressed, infinity, `y` the
/// larger of `±y`).
mod encoding {
	use super::*;

	const COMPRESSED: u8 = 0x80;
	const INFINITY: u8 = 0x40;
	const LARGEST: u8 = 0x20;
	const FLAGS: u8 = COMPRESSED | INFINITY | LARGEST;
	const FQ_BYTES: usize = 48;

	pub(super) enum Read<const N: usize> {
		Infinity,
		/// The x coordinate (its `N` base-field parts, as written) and whether y is the larger.
		X([Fq; N], bool),
		XY([Fq; N], [Fq; N]),
	}

	pub(super) const fn size<const N: usize>(compress: Compress) -> usize {
		match compress {
			Compress::Yes => N * FQ_BYTES,
			Compress::No => 2 * N * FQ_BYTES,
		}
	}

	fn fq_bytes(x: &Fq) -> [u8; FQ_BYTES] {
		let words = x.into_bigint().0;
		let mut out = [0u8; FQ_BYTES];
		for (chunk, word) in out.chunks_exact_mut(8).zip(words.iter().take(6).rev()) {
			chunk.copy_from_slice(&word.to_be_bytes());
		}
		out
	}

	fn fq_from_bytes(bytes: &[u8]) -> Result<Fq, SerializationError> {
		let mut words = [0u64; crate::fq::LIMBS];
		for (word, chunk) in words.iter_mut().take(6).rev().zip(bytes.chunks_exact(8)) {
			let mut be = [0u8; 8];
			be.copy_from_slice(chunk);
			*word = u64::from_be_bytes(be);
		}
		Fq::from_bigint(ark_ff::BigInt::new(words)).ok_or(SerializationError::InvalidData)
	}

	pub(super) fn write<W: Write, const N: usize>(
		mut writer: W,
		x: &[Fq; N],
		y: &[Fq; N],
		compress: Compress,
		infinity: bool,
		largest: bool,
	) -> Result<(), SerializationError> {
		let mut bytes = Vec::with_capacity(size::<N>(compress));
		for part in x {
			bytes.extend_from_slice(&fq_bytes(part));
		}
		let mut flags = if infinity { INFINITY } else { 0 };
		if compress == Compress::Yes {
			flags |= COMPRESSED;
			if !infinity && largest {
				flags |= LARGEST;
			}
		} else {
			for part in y {
				bytes.extend_from_slice(&fq_bytes(part));
			}
		}
		if let Some(first) = bytes.first_mut() {
			*first |= flags;
		}
		writer.write_all(&bytes)?;
		Ok(())
	}

	pub(super) fn read<R: super::Read, const N: usize>(
		mut reader: R,
		compress: Compress,
	) -> Result<Read<N>, SerializationError> {
		let mut bytes = ark_std::vec![0u8; size::<N>(compress)];
		reader.read_exact(&mut bytes).map_err(|_| SerializationError::InvalidData)?;
		let first = bytes.first_mut().ok_or(SerializationError::InvalidData)?;
		let flags = *first & FLAGS;
		*first &= !FLAGS;
		let (compressed, infinity, largest) =
			(flags & COMPRESSED != 0, flags & INFINITY != 0, flags & LARGEST != 0);
		if largest && (!compressed || infinity) {
			return Err(SerializationError::InvalidData);
		}
		if compressed != (compress == Compress::Yes) {
			return Err(SerializationError::UnexpectedFlags);
		}
		if infinity {
			return match bytes.iter().all(|byte| *byte == 0) {
				true => Ok(Read::Infinity),
				false => Err(SerializationError::InvalidData),
			};
		}
		let mut parts = bytes.chunks_exact(FQ_BYTES).map(fq_from_bytes);
		let mut next = || parts.next().unwrap_or(Err(SerializationError::InvalidData));
		let mut x = [Fq::ZERO; N];
		for part in x.iter_mut() {
			*part = next()?;
		}
		if compressed {
			return Ok(Read::X(x, largest));
		}
		let mut y = [Fq::ZERO; N];
		for part in y.iter_mut() {
			*part = next()?;
		}
		Ok(Read::XY(x, y))
	}

	/// With validation: a decompressed point is on the curve by construction and is checked
	/// for the subgroup; an uncompressed one is checked for both.
	pub(super) fn validated<P: SWCurveConfig>(
		point: Affine<P>,
		compress: Compress,
		validate: Validate,
	) -> Result<Affine<P>, SerializationError> {
		if validate == Validate::Yes
			&& ((compress == Compress::No && !point.is_on_curve())
				|| !point.is_in_correct_subgroup_assuming_on_curve())
		{
			return Err(SerializationError::InvalidData);
		}
		Ok(point)
	}
}
