//! The extension tower `Fq2 = Fq[u]/(u² + 1)`, `Fq6 = Fq2[v]/(v³ − (u + 1))`,
//! `Fq12 = Fq6[w]/(w² − v)`: arkworks' generic towers over [`Fq`], with the constants of
//! `ark-bls12-381` carried over into this field's form at compile time.

use crate::fq::{from_arkworks, to_arkworks, Fq};
use ark_ff::{
	fields::{Fp12, Fp12Config, Fp2, Fp2Config, Fp6, Fp6Config},
	AdditiveGroup, Field, Zero,
};

pub type Fq2 = Fp2<Fq2Config>;
pub type Fq6 = Fp6<Fq6Config>;
pub type Fq12 = Fp12<Fq12Config>;

/// The same element as arkworks' `Fq2`.
pub const fn fq2_from_arkworks(x: ark_bls12_381::Fq2) -> Fq2 {
	Fq2::new(from_arkworks(x.c0), from_arkworks(x.c1))
}

/// The same element as [`Fq2`] in arkworks' own type.
pub const fn fq2_to_arkworks(x: Fq2) -> ark_bls12_381::Fq2 {
	ark_bls12_381::Fq2::new(to_arkworks(x.c0), to_arkworks(x.c1))
}

/// A square root of `a` in [`Fq2`], if it has one: the complex method (eprint 2012/685,
/// algorithm 8) with two exponentiations in [`Fq`] where arkworks' takes three and an
/// inversion. With `n = c0² + c1²` (the norm; `a` is a square exactly when `n` is) and
/// `s = √n`, `δ = (c0 + s)/2` and `δ' = (c0 − s)/2` have the product `−c1²/4`, a non-square
/// (−1 is one), so exactly one of them is a square. One exponentiation `t = δ^((p−3)/4)` says
/// which (`δ·t² = ±1`) and gives the root of either without an inversion:
/// `(δ·t, c1·t/2)` when `δ` is the square, `(c1·t/2, −δ·t)` when `δ'` is.
pub fn fq2_sqrt(a: &Fq2) -> Option<Fq2> {
	use crate::fq::{pow_p_minus_3_div_4, HALF};
	let root = if a.c1.is_zero() {
		// √c0 in Fq, or, when −c0 is the square, √(−c0)·u: one exponentiation gives either.
		let t = a.c0 * pow_p_minus_3_div_4(&a.c0);
		if t.square() == a.c0 {
			Fq2::new(t, Fq::ZERO)
		} else {
			Fq2::new(Fq::ZERO, t)
		}
	} else {
		let norm = a.c0.square() + a.c1.square();
		let s = crate::fq::sqrt(&norm)?;
		let delta = (a.c0 + s) * HALF;
		let t = pow_p_minus_3_div_4(&delta);
		let (delta_t, half_c1_t) = (delta * t, a.c1 * t * HALF);
		if delta_t * t == Fq::ONE {
			Fq2::new(delta_t, half_c1_t)
		} else {
			Fq2::new(half_c1_t, -delta_t)
		}
	};
	// Every branch above is a root when one exists; the check keeps a non-square out.
	(root.square() == *a).then_some(root)
}

/// Carries a table of arkworks' `Fq2` constants over, entry by entry (in constant evaluation,
/// where an index out of range fails the build).
macro_rules! fq2_table {
	($source:expr; $($i:literal)*) => {{
		#[allow(clippy::indexing_slicing)]
		const TABLE: &[Fq2] = &[$(fq2_from_arkworks($source[$i])),*];
		TABLE
	}};
}

#[derive(Clone, Copy)]
pub struct Fq2Config;

impl Fp2Config for Fq2Config {
	type Fp = Fq;

	const NONRESIDUE: Fq = Fq::NEG_ONE;

	const FROBENIUS_COEFF_FP2_C1: &'static [Fq] = &[Fq::ONE, Fq::NEG_ONE];

	// The non-residue is −1: multiplying by it is a negation.
	#[inline(always)]
	fn mul_fp_by_nonresidue_in_place(fe: &mut Fq) -> &mut Fq {
		fe.neg_in_place()
	}

	#[inline(always)]
	fn mul_fp_by_nonresidue_and_add(y: &mut Fq, x: &Fq) {
		*y = *x - *y;
	}

	#[inline(always)]
	fn mul_fp_by_nonresidue_plus_one_and_add(y: &mut Fq, x: &Fq) {
		*y = *x;
	}

	#[inline(always)]
	fn sub_and_mul_fp_by_nonresidue(y: &mut Fq, x: &Fq) {
		*y += x;
	}
}

#[derive(Clone, Copy)]
pub struct Fq6Config;

impl Fp6Config for Fq6Config {
	type Fp2Config = Fq2Config;

	const NONRESIDUE: Fq2 = Fq2::new(Fq::ONE, Fq::ONE);

	const FROBENIUS_COEFF_FP6_C1: &'static [Fq2] = fq2_table!(
		<ark_bls12_381::Fq6Config as Fp6Config>::FROBENIUS_COEFF_FP6_C1; 0 1 2 3 4 5);
	const FROBENIUS_COEFF_FP6_C2: &'static [Fq2] = fq2_table!(
		<ark_bls12_381::Fq6Config as Fp6Config>::FROBENIUS_COEFF_FP6_C2; 0 1 2 3 4 5);

	// (c0 + c1·u)(1 + u) = (c0 − c1) + (c0 + c1)·u
	#[inline(always)]
	fn mul_fp2_by_nonresidue_in_place(fe: &mut Fq2) -> &mut Fq2 {
		let c0 = fe.c0;
		fe.c0 -= &fe.c1;
		fe.c1 += &c0;
		fe
	}
}

#[derive(Clone, Copy)]
pub struct Fq12Config;

impl Fp12Config for Fq12Config {
	type Fp6Config = Fq6Config;

	const NONRESIDUE: Fq6 = Fq6::new(Fq2::ZERO, Fq2::ONE, Fq2::ZERO);

	const FROBENIUS_COEFF_FP12_C1: &'static [Fq2] = fq2_table!(
		<ark_bls12_381::Fq12Config as Fp12Config>::FROBENIUS_COEFF_FP12_C1;
		0 1 2 3 4 5 6 7 8 9 10 11);
}

/// The same element as arkworks' `Fq12`.
pub const fn fq12_from_arkworks(x: ark_bls12_381::Fq12) -> Fq12 {
	Fq12::new(
		Fq6::new(
			fq2_from_arkworks(x.c0.c0),
			fq2_from_arkworks(x.c0.c1),
			fq2_from_arkworks(x.c0.c2),
		),
		Fq6::new(
			fq2_from_arkworks(x.c1.c0),
			fq2_from_arkworks(x.c1.c1),
			fq2_from_arkworks(x.c1.c2),
		),
	)
}

/// The same element in arkworks' `Fq12`, whose encoding is the one to write (see [`crate::fq`]).
pub const fn fq12_to_arkworks(x: Fq12) -> ark_bls12_381::Fq12 {
	ark_bls12_381::Fq12::new(
		ark_bls12_381::Fq6::new(
			fq2_to_arkworks(x.c0.c0),
			fq2_to_arkworks(x.c0.c1),
			fq2_to_arkworks(x.c0.c2),
		),
		ark_bls12_381::Fq6::new(
			fq2_to_arkworks(x.c1.c0),
			fq2_to_arkworks(x.c1.c1),
			fq2_to_arkworks(x.c1.c2),
		),
	)
}

#[cfg(test)]
mod tests {
	use super::*;
	use ark_ff::{One, UniformRand, Zero};
	use ark_std::test_rng;

	#[test]
	fn towers_agree_with_arkworks() {
		let mut rng = test_rng();
		for _ in 0..8 {
			let (a, b) = (ark_bls12_381::Fq12::rand(&mut rng), ark_bls12_381::Fq12::rand(&mut rng));
			let (x, y) = (fq12_from_arkworks(a), fq12_from_arkworks(b));
			assert_eq!(fq12_to_arkworks(x), a);
			assert_eq!(x * y, fq12_from_arkworks(a * b));
			assert_eq!(x.square(), fq12_from_arkworks(a.square()));
			assert_eq!(x.inverse(), a.inverse().map(fq12_from_arkworks));
			for power in 0..12 {
				assert_eq!(x.frobenius_map(power), fq12_from_arkworks(a.frobenius_map(power)));
			}
			let (c, d) = (ark_bls12_381::Fq2::rand(&mut rng), ark_bls12_381::Fq2::rand(&mut rng));
			let (u, v) = (fq2_from_arkworks(c), fq2_from_arkworks(d));
			assert_eq!(u * v, fq2_from_arkworks(c * d));
			assert_eq!(u.sqrt(), c.sqrt().map(fq2_from_arkworks));
			assert_eq!(u.cmp(&v), c.cmp(&d));
		}
	}

	/// [`fq2_sqrt`] finds a root exactly where arkworks does, the same one up to its sign: on
	/// squares and non-squares, on each branch of the method (`δ` or `δ'` the square, `c1 = 0`
	/// with `c0` or `−c0` the square) and at zero and ±1.
	#[test]
	fn fq2_square_roots_agree_with_arkworks() {
		use ark_bls12_381::{Fq as ArkFq, Fq2 as ArkFq2};
		let mut rng = test_rng();
		let mut values: Vec<ArkFq2> = vec![
			ArkFq2::zero(),
			ArkFq2::one(),
			-ArkFq2::one(),
			ArkFq2::new(ArkFq::zero(), ArkFq::one()),
			ArkFq2::new(ArkFq::from(2u64), ArkFq::zero()),
			ArkFq2::new(-ArkFq::from(2u64), ArkFq::zero()),
			ArkFq2::new(ArkFq::zero(), -ArkFq::from(3u64)),
		];
		for _ in 0..64 {
			let x = ArkFq2::rand(&mut rng);
			values.extend([x, x.square(), ArkFq2::new(x.c0, ArkFq::zero())]);
			values.push(ArkFq2::new(x.c0.square(), ArkFq::zero()));
		}
		let (mut squares, mut delta_branches) = (0, [0; 2]);
		for a in values {
			let ours = fq2_sqrt(&fq2_from_arkworks(a)).map(fq2_to_arkworks);
			let theirs = a.sqrt();
			assert_eq!(ours.map(|r| r.square()), theirs.map(|r| r.square()), "{a}");
			if let Some(root) = ours {
				squares += 1;
				assert_eq!(root.square(), a);
				if !a.c1.is_zero() {
					let s = (a.c0.square() + a.c1.square()).sqrt().unwrap();
					let delta = (a.c0 + s) / ArkFq::from(2u64);
					delta_branches[usize::from(delta.legendre().is_qr())] += 1;
				}
			}
		}
		// Both outcomes of each test were taken.
		assert!(squares > 64 && delta_branches.iter().all(|&n| n > 8), "{delta_branches:?}");
	}
}
