//! The base field, in 13 limbs of 30 bits.
//!
//! An element `x` is stored as `x·2^390 mod p` (Montgomery form, `R = 2^390`), one limb below
//! `2^30` in each of 13 `u64` words, always fully reduced, so that equality, hashing and zero
//! tests on the words are those of the field. A limb product is below `2^60`, so a column of
//! products adds up in a `u64` without carrying: a multiplication is 338 native 64-bit multiplies
//! and additions, with the carries propagated twice in all. arkworks' 6 limbs of 64 bits need
//! `u64 × u64 → u128` products, which wasm has no instruction for.
//!
//! Every other operation arkworks needs (the integer forms, square roots, the traits) is its
//! generic code over [`FqBackend`]. The integer form ([`PrimeField::BigInt`]) is a `BigInt<13>`
//! of 64-bit words holding the canonical value, the same number arkworks' `Fq` has in its first
//! six words. arkworks' generic code that assumes the modulus fills the last of those words is
//! wrong for this type and must not be used on it: `MODULUS_BIT_SIZE` reads 768, the field's own
//! `CanonicalSerialize` and `CanonicalDeserialize` mis-size their buffers, and sampling a random
//! element panics. Points are written by [`crate::curves`] itself and target-group elements
//! through arkworks' type ([`crate::towers::fq12_to_arkworks`]); nothing in verification
//! samples an element.

use ark_ff::{BigInt, Field, Fp, FpConfig, PrimeField, SqrtPrecomputation};
use core::marker::PhantomData;

/// Limbs per element.
pub const LIMBS: usize = 13;
const LIMB_BITS: u32 = 30;
const MASK: u64 = (1 << LIMB_BITS) - 1;

/// The BLS12-381 base field.
pub type Fq = Fp<FqBackend, LIMBS>;

/// The arithmetic of [`Fq`].
pub struct FqBackend;

/// `p` in 64-bit words: arkworks' own constant.
const MODULUS_WORDS: [u64; 6] = ark_bls12_381::Fq::MODULUS.0;

/// `p` in limbs.
const MODULUS: [u64; LIMBS] = to_limbs(&MODULUS_WORDS);

/// `−p^(−1) mod 2^30`.
// Constant evaluation: an index out of range fails the build.
#[allow(clippy::indexing_slicing)]
const INV: u64 = {
	// Newton's iteration doubles the correct low bits each step: 1, 2, 4, …, 32 ≥ 30.
	let p = MODULUS[0];
	let mut inv: u64 = 1;
	let mut i = 0;
	while i < 5 {
		inv = inv.wrapping_mul(2u64.wrapping_sub(p.wrapping_mul(inv)));
		i += 1;
	}
	inv.wrapping_neg() & MASK
};

/// `2^780 mod p`, as an integer: multiplying by it in Montgomery form moves an integer into it.
const R_SQUARED: [u64; LIMBS] = {
	let mut words = [1u64, 0, 0, 0, 0, 0];
	let mut i = 0;
	while i < 780 {
		words = double_mod(&words);
		i += 1;
	}
	to_limbs(&words)
};

/// `(p + 1) / 4`, the exponent of a square root (`p ≡ 3 mod 4`).
// Constant evaluation: an index out of range fails the build.
#[allow(clippy::indexing_slicing)]
const MODULUS_PLUS_ONE_DIV_FOUR: [u64; 6] = {
	let mut words = MODULUS_WORDS;
	// p is odd: adding one carries out of the first word only if it is all ones, and it is not.
	words[0] += 1;
	let mut i = 0;
	while i < 6 {
		let high = if i < 5 { words[i + 1] << 62 } else { 0 };
		words[i] = (words[i] >> 2) | high;
		i += 1;
	}
	words
};

// Limb arithmetic. The bounds that keep every `u64` from overflowing are stated where they are
// used; indices run below `LIMBS` or the 6 words of arkworks' form, the lengths of the arrays.
#[allow(clippy::indexing_slicing, clippy::needless_range_loop)]
mod limbs {
	use super::{LIMBS, LIMB_BITS, MASK, MODULUS, MODULUS_WORDS};

	/// The 30-bit limbs of a number below `2^384` given in 64-bit words.
	pub(super) const fn to_limbs(words: &[u64; 6]) -> [u64; LIMBS] {
		let mut limbs = [0u64; LIMBS];
		let mut k = 0;
		while k < LIMBS {
			let bit = k * LIMB_BITS as usize;
			let (word, offset) = (bit / 64, bit % 64);
			let mut value = words[word] >> offset;
			if offset + LIMB_BITS as usize > 64 && word + 1 < 6 {
				value |= words[word + 1] << (64 - offset);
			}
			limbs[k] = value & MASK;
			k += 1;
		}
		limbs
	}

	/// The 64-bit words of a number below `2^384` given in normalised limbs.
	pub(super) const fn to_words(limbs: &[u64; LIMBS]) -> [u64; 6] {
		let mut words = [0u64; 6];
		let mut k = 0;
		while k < LIMBS {
			let bit = k * LIMB_BITS as usize;
			let (word, offset) = (bit / 64, bit % 64);
			words[word] |= limbs[k] << offset;
			if offset + LIMB_BITS as usize > 64 && word + 1 < 6 {
				words[word + 1] |= limbs[k] >> (64 - offset);
			}
			k += 1;
		}
		words
	}

	/// `a − b` for `a ≥ b`, in 64-bit words.
	const fn words_sub(a: &[u64; 6], b: &[u64; 6]) -> [u64; 6] {
		let mut out = [0u64; 6];
		let mut borrow = 0u64;
		let mut i = 0;
		while i < 6 {
			let (d, b1) = a[i].overflowing_sub(b[i]);
			let (d, b2) = d.overflowing_sub(borrow);
			out[i] = d;
			borrow = (b1 | b2) as u64;
			i += 1;
		}
		out
	}

	/// `2a mod p` for `a < p`, in 64-bit words (`2a < 2^382` fits).
	pub(super) const fn double_mod(a: &[u64; 6]) -> [u64; 6] {
		let mut out = [0u64; 6];
		let mut i = 6;
		while i > 0 {
			i -= 1;
			let low = if i > 0 { a[i - 1] >> 63 } else { 0 };
			out[i] = (a[i] << 1) | low;
		}
		if geq(&out, &MODULUS_WORDS) {
			words_sub(&out, &MODULUS_WORDS)
		} else {
			out
		}
	}

	/// `a/2 mod p` for `a < p`, in 64-bit words (`a + p < 2^382` fits).
	pub(super) const fn halve_mod(a: &[u64; 6]) -> [u64; 6] {
		let mut value = *a;
		if value[0] & 1 == 1 {
			let mut carry = 0u64;
			let mut i = 0;
			while i < 6 {
				let (s, c1) = value[i].overflowing_add(MODULUS_WORDS[i]);
				let (s, c2) = s.overflowing_add(carry);
				value[i] = s;
				carry = (c1 | c2) as u64;
				i += 1;
			}
		}
		let mut out = [0u64; 6];
		let mut i = 0;
		while i < 6 {
			let high = if i < 5 { value[i + 1] << 63 } else { 0 };
			out[i] = (value[i] >> 1) | high;
			i += 1;
		}
		out
	}

	/// Carries every limb's excess into the next; the value must be below `2^390`.
	#[inline(always)]
	const fn normalise(t: &mut [u64; LIMBS]) {
		let mut carry = 0u64;
		let mut j = 0;
		while j < LIMBS {
			let v = t[j] + carry;
			t[j] = v & MASK;
			carry = v >> LIMB_BITS;
			j += 1;
		}
	}

	/// `a ≥ b`, both normalised limbs or both 64-bit words.
	#[inline(always)]
	pub(super) const fn geq<const N: usize>(a: &[u64; N], b: &[u64; N]) -> bool {
		let mut i = N;
		while i > 0 {
			i -= 1;
			if a[i] != b[i] {
				return a[i] > b[i];
			}
		}
		true
	}

	/// `a − b` for normalised `a ≥ b`.
	#[inline(always)]
	const fn sub_no_wrap(a: &[u64; LIMBS], b: &[u64; LIMBS]) -> [u64; LIMBS] {
		let mut out = [0u64; LIMBS];
		let mut borrow = 0u64;
		let mut j = 0;
		while j < LIMBS {
			let d = a[j].wrapping_sub(b[j]).wrapping_sub(borrow);
			out[j] = d & MASK;
			borrow = d >> 63;
			j += 1;
		}
		out
	}

	/// `t mod p` for normalised `t < 2p`.
	#[inline(always)]
	const fn reduce_once(t: [u64; LIMBS]) -> [u64; LIMBS] {
		if geq(&t, &MODULUS) {
			sub_no_wrap(&t, &MODULUS)
		} else {
			t
		}
	}

	/// `a·b·2^(−390) mod p` for `a, b < p`.
	///
	/// Operand scanning with the reduction interleaved: each round adds `a_i·b + m·p` (with `m`
	/// chosen to clear the lowest limb) and shifts down one limb, so the value stays below `2p`.
	/// Limbs are not carried between rounds: a round adds at most two products (each below
	/// `2^60`) to a limb, so seven rounds stay below `14·2^60 + 2^34 < 2^64`; the limbs are
	/// normalised after the seventh round and at the end.
	#[inline(always)]
	pub(super) const fn mont_mul(a: &[u64; LIMBS], b: &[u64; LIMBS]) -> [u64; LIMBS] {
		let mut t = [0u64; LIMBS];
		let mut i = 0;
		while i < LIMBS {
			let ai = a[i];
			let t0 = t[0] + ai * b[0];
			let m = (t0.wrapping_mul(super::INV)) & MASK;
			let carry = (t0 + m * MODULUS[0]) >> LIMB_BITS;
			t[0] = t[1] + ai * b[1] + m * MODULUS[1] + carry;
			let mut j = 2;
			while j < LIMBS {
				t[j - 1] = t[j] + ai * b[j] + m * MODULUS[j];
				j += 1;
			}
			t[LIMBS - 1] = 0;
			if i == 6 {
				normalise(&mut t);
			}
			i += 1;
		}
		normalise(&mut t);
		reduce_once(t)
	}

	/// `Σ a_k·b_k·2^(−390) mod p` for `a_k, b_k < p`, reduced once: [`mont_mul`] with every
	/// product of a round added to the same limbs before the shift. A round now adds `T + 1`
	/// products to a limb, so the limbs are normalised every `14 / (T + 1)` rounds; the sum
	/// stays below `T·p² + R·p`, so the result is below `(T·p/R + 1)·p < 2p` for `T ≤ 13`. Used
	/// for the products of `Fq2` multiplication (two terms each).
	#[inline(always)]
	pub(super) fn sum_of_products<const T: usize>(
		a: &[[u64; LIMBS]; T],
		b: &[[u64; LIMBS]; T],
	) -> [u64; LIMBS] {
		let rounds_between = (14 / (T + 1)).max(1);
		let mut t = [0u64; LIMBS];
		for i in 0..LIMBS {
			let mut t0 = t[0];
			for k in 0..T {
				t0 += a[k][i] * b[k][0];
			}
			let m = (t0.wrapping_mul(super::INV)) & MASK;
			let mut carry = (t0 + m * MODULUS[0]) >> LIMB_BITS;
			for j in 1..LIMBS {
				let mut v = t[j] + m * MODULUS[j] + carry;
				for k in 0..T {
					v += a[k][i] * b[k][j];
				}
				t[j - 1] = v;
				carry = 0;
			}
			t[LIMBS - 1] = 0;
			if (i + 1) % rounds_between == 0 {
				normalise(&mut t);
			}
		}
		normalise(&mut t);
		reduce_once(t)
	}

	/// `(a0·b0 + a1·b1)·2^(−390) mod p` for `a_k, b_k < p`: [`sum_of_products`] for two terms,
	/// written as [`mont_mul`] is (its loops fully unrolled in wasm). A round adds three products
	/// to a limb, so the limbs are normalised every four rounds (`12·2^60 + 2^35 < 2^64`); the
	/// result is below `(2p²/R + p) < 2p` before the last reduction.
	#[inline(always)]
	pub(super) const fn sum_of_two_products(
		a0: &[u64; LIMBS],
		b0: &[u64; LIMBS],
		a1: &[u64; LIMBS],
		b1: &[u64; LIMBS],
	) -> [u64; LIMBS] {
		let mut t = [0u64; LIMBS];
		let mut i = 0;
		while i < LIMBS {
			let (x0, x1) = (a0[i], a1[i]);
			let t0 = t[0] + x0 * b0[0] + x1 * b1[0];
			let m = (t0.wrapping_mul(super::INV)) & MASK;
			let carry = (t0 + m * MODULUS[0]) >> LIMB_BITS;
			t[0] = t[1] + x0 * b0[1] + x1 * b1[1] + m * MODULUS[1] + carry;
			let mut j = 2;
			while j < LIMBS {
				t[j - 1] = t[j] + x0 * b0[j] + x1 * b1[j] + m * MODULUS[j];
				j += 1;
			}
			t[LIMBS - 1] = 0;
			if i % 4 == 3 {
				normalise(&mut t);
			}
			i += 1;
		}
		normalise(&mut t);
		reduce_once(t)
	}

	/// `a + b mod p`.
	#[inline(always)]
	pub(super) const fn add(a: &[u64; LIMBS], b: &[u64; LIMBS]) -> [u64; LIMBS] {
		let mut t = [0u64; LIMBS];
		let mut j = 0;
		while j < LIMBS {
			t[j] = a[j] + b[j];
			j += 1;
		}
		normalise(&mut t);
		reduce_once(t)
	}

	/// `a − b mod p`.
	#[inline(always)]
	pub(super) const fn sub(a: &[u64; LIMBS], b: &[u64; LIMBS]) -> [u64; LIMBS] {
		if geq(a, b) {
			return sub_no_wrap(a, b);
		}
		// a − b + p, which is in [0, p): add p first so that no limb goes negative.
		let mut t = [0u64; LIMBS];
		let mut j = 0;
		while j < LIMBS {
			t[j] = a[j] + MODULUS[j];
			j += 1;
		}
		normalise(&mut t);
		sub_no_wrap(&t, b)
	}
}

use limbs::{double_mod, halve_mod, to_limbs, to_words};

/// The element whose arkworks form (`x·2^384 mod p` in six words) is `words`.
const fn from_arkworks_words(words: &[u64; 6]) -> Fq {
	let mut value = *words;
	let mut i = 0;
	while i < 6 {
		value = double_mod(&value);
		i += 1;
	}
	element(to_limbs(&value))
}

/// The element with these limbs, which must be normalised and below `p` (Montgomery form).
const fn element(limbs: [u64; LIMBS]) -> Fq {
	Fp(BigInt::new(limbs), PhantomData)
}

/// The same element as arkworks' `Fq` (a cheap change of form: six halvings or doublings).
pub const fn from_arkworks(x: ark_bls12_381::Fq) -> Fq {
	from_arkworks_words(&x.0 .0)
}

/// The same element as [`Fq`] in arkworks' own type.
pub const fn to_arkworks(x: Fq) -> ark_bls12_381::Fq {
	let mut value = to_words(&x.0 .0);
	let mut i = 0;
	while i < 6 {
		value = halve_mod(&value);
		i += 1;
	}
	ark_bls12_381::Fq::new_unchecked(BigInt::new(value))
}

/// The element equal to the integer `words` (below `p`), at compile time.
pub const fn from_integer(words: [u64; 6]) -> Fq {
	element(limbs::mont_mul(&to_limbs(&words), &R_SQUARED))
}

/// `1/2`.
pub(crate) const HALF: Fq = from_integer(halve_mod(&[1, 0, 0, 0, 0, 0]));

/// `(p − 3)/4`. For `t = a^((p−3)/4)`, `a·t²` is `a`'s Legendre symbol, so one exponentiation
/// gives both a square root (`a·t`) and its inverse (`t`) when `a` is a square, and says
/// whether it is.
// Constant evaluation: an index out of range fails the build.
#[allow(clippy::indexing_slicing)]
const MODULUS_MINUS_THREE_DIV_FOUR: [u64; 6] = {
	let mut words = MODULUS_PLUS_ONE_DIV_FOUR;
	// (p+1)/4 ends in …eaab: subtracting 1 does not borrow.
	words[0] -= 1;
	words
};

/// `a^((p−3)/4)` ([`MODULUS_MINUS_THREE_DIV_FOUR`]), by a sliding window of five bits: 376
/// squarings and 81 multiplications (15 of them for the table), where arkworks' generic `pow`
/// multiplies once for every set bit (228 times). The exponent is public: the time depends on
/// it alone.
pub(crate) fn pow_p_minus_3_div_4(a: &Fq) -> Fq {
	const WINDOW: usize = 5;
	let exponent = &MODULUS_MINUS_THREE_DIV_FOUR;
	let bit = |i: usize| exponent.get(i / 64).is_some_and(|word| (word >> (i % 64)) & 1 == 1);
	// a, a³, a⁵, …, a³¹: every odd window value.
	let square = a.square();
	let mut odd_powers = [*a; 1 << (WINDOW - 1)];
	let mut power = *a;
	for slot in odd_powers.iter_mut().skip(1) {
		power *= square;
		*slot = power;
	}
	let mut result: Option<Fq> = None;
	let mut top = exponent.len() * 64;
	while top > 0 {
		top -= 1;
		if !bit(top) {
			if let Some(result) = result.as_mut() {
				result.square_in_place();
			}
			continue;
		}
		// The window runs from `top` down to the lowest set bit within reach, so its value is odd.
		let mut low = top.saturating_sub(WINDOW - 1);
		while !bit(low) {
			low += 1;
		}
		let value = (low..=top).rev().fold(0usize, |value, i| (value << 1) | usize::from(bit(i)));
		// A window's value is odd and below 2^5: its index is below the table's 16 entries.
		#[allow(clippy::indexing_slicing)]
		let entry = odd_powers[value >> 1];
		result = Some(match result {
			None => entry,
			Some(mut result) => {
				for _ in low..=top {
					result.square_in_place();
				}
				result * entry
			}
		});
		top = low;
	}
	result.unwrap_or(Fq::ONE)
}

/// The square root of `a` whose sign [`pow_p_minus_3_div_4`] gives (`a^((p+1)/4)`), if `a` is
/// a square: arkworks' `sqrt` with fewer multiplications (the caller picks the sign it needs).
pub fn sqrt(a: &Fq) -> Option<Fq> {
	let root = *a * pow_p_minus_3_div_4(a);
	(root.square() == *a).then_some(root)
}

// Constant evaluation: an index out of range fails the build.
#[allow(clippy::indexing_slicing)]
const fn modulus_bigint() -> BigInt<LIMBS> {
	let mut words = [0u64; LIMBS];
	let mut i = 0;
	while i < 6 {
		words[i] = MODULUS_WORDS[i];
		i += 1;
	}
	BigInt::new(words)
}

impl FpConfig<LIMBS> for FqBackend {
	const MODULUS: BigInt<LIMBS> = modulus_bigint();
	const GENERATOR: Fq = from_arkworks(<ark_bls12_381::Fq as ark_ff::FftField>::GENERATOR);
	const ZERO: Fq = element([0; LIMBS]);
	const ONE: Fq = from_arkworks(ark_bls12_381::Fq::ONE);
	const NEG_ONE: Fq = from_arkworks(ark_bls12_381::Fq::NEG_ONE);
	const TWO_ADICITY: u32 = <ark_bls12_381::Fq as ark_ff::FftField>::TWO_ADICITY;
	const TWO_ADIC_ROOT_OF_UNITY: Fq =
		from_arkworks(<ark_bls12_381::Fq as ark_ff::FftField>::TWO_ADIC_ROOT_OF_UNITY);
	const SQRT_PRECOMP: Option<SqrtPrecomputation<Fq>> = Some(SqrtPrecomputation::Case3Mod4 {
		modulus_plus_one_div_four: &MODULUS_PLUS_ONE_DIV_FOUR,
	});

	#[inline(always)]
	fn add_assign(a: &mut Fq, b: &Fq) {
		a.0 .0 = limbs::add(&a.0 .0, &b.0 .0);
	}

	#[inline(always)]
	fn sub_assign(a: &mut Fq, b: &Fq) {
		a.0 .0 = limbs::sub(&a.0 .0, &b.0 .0);
	}

	#[inline(always)]
	fn double_in_place(a: &mut Fq) {
		a.0 .0 = limbs::add(&a.0 .0, &a.0 .0);
	}

	#[inline(always)]
	fn neg_in_place(a: &mut Fq) {
		a.0 .0 = limbs::sub(&[0; LIMBS], &a.0 .0);
	}

	#[inline(always)]
	fn mul_assign(a: &mut Fq, b: &Fq) {
		a.0 .0 = limbs::mont_mul(&a.0 .0, &b.0 .0);
	}

	#[inline(always)]
	fn square_in_place(a: &mut Fq) {
		a.0 .0 = limbs::mont_mul(&a.0 .0, &a.0 .0);
	}

	#[inline(always)]
	fn sum_of_products<const T: usize>(a: &[Fq; T], b: &[Fq; T]) -> Fq {
		if T > 13 {
			return a.iter().zip(b).fold(Self::ZERO, |mut sum, (x, y)| {
				Self::add_assign(&mut sum, &element(limbs::mont_mul(&x.0 .0, &y.0 .0)));
				sum
			});
		}
		if let ([x0, x1], [y0, y1]) = (a.as_slice(), b.as_slice()) {
			return element(limbs::sum_of_two_products(&x0.0 .0, &y0.0 .0, &x1.0 .0, &y1.0 .0));
		}
		element(limbs::sum_of_products(&a.map(|x| x.0 .0), &b.map(|x| x.0 .0)))
	}

	/// Through arkworks' field: an inversion is rare (one per final exponentiation or batch
	/// normalisation) and the change of form is cheap.
	fn inverse(a: &Fq) -> Option<Fq> {
		to_arkworks(*a).inverse().map(from_arkworks)
	}

	fn from_bigint(integer: BigInt<LIMBS>) -> Option<Fq> {
		if integer >= Self::MODULUS {
			return None;
		}
		let (low, _) = integer.0.split_first_chunk::<6>()?;
		Some(from_integer(*low))
	}

	fn into_bigint(a: Fq) -> BigInt<LIMBS> {
		let mut one = [0u64; LIMBS];
		one[0] = 1;
		let words = to_words(&limbs::mont_mul(&a.0 .0, &one));
		let mut out = [0u64; LIMBS];
		for (slot, word) in out.iter_mut().zip(words) {
			*slot = word;
		}
		BigInt::new(out)
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use ark_ff::{AdditiveGroup, One, UniformRand, Zero};
	use ark_std::{rand::SeedableRng, test_rng};

	fn pairs(n: usize) -> impl Iterator<Item = (ark_bls12_381::Fq, ark_bls12_381::Fq)> {
		let mut rng = test_rng();
		let mut edges = vec![
			ark_bls12_381::Fq::zero(),
			ark_bls12_381::Fq::one(),
			-ark_bls12_381::Fq::one(),
			ark_bls12_381::Fq::from(2u64),
			-ark_bls12_381::Fq::from(2u64),
		];
		edges.extend((0..n).map(|_| ark_bls12_381::Fq::rand(&mut rng)));
		let all = edges.clone();
		edges.into_iter().flat_map(move |a| all.clone().into_iter().map(move |b| (a, b)))
	}

	#[test]
	fn arithmetic_agrees_with_arkworks() {
		for (a, b) in pairs(12) {
			let (x, y) = (from_arkworks(a), from_arkworks(b));
			assert_eq!(to_arkworks(x), a);
			assert_eq!(to_arkworks(x * y), a * b);
			assert_eq!(to_arkworks(x + y), a + b);
			assert_eq!(to_arkworks(x - y), a - b);
			assert_eq!(to_arkworks(-x), -a);
			assert_eq!(to_arkworks(x.double()), a.double());
			assert_eq!(to_arkworks(x.square()), a.square());
			assert_eq!(x.inverse().map(to_arkworks), a.inverse());
			assert_eq!(x.sqrt().map(to_arkworks), a.sqrt());
			// The same root (both compute a^((p+1)/4)), and none exactly where arkworks finds none.
			assert_eq!(sqrt(&x).map(to_arkworks), a.sqrt());
			assert_eq!(to_arkworks(pow_p_minus_3_div_4(&x)), a.pow(MODULUS_MINUS_THREE_DIV_FOUR));
			assert_eq!(x.into_bigint().0[..6], a.into_bigint().0[..]);
			assert_eq!(x.cmp(&y), a.cmp(&b));
			assert_eq!(x.is_zero(), a.is_zero());
		}
	}

	#[test]
	fn integers_convert_both_ways_and_reject_the_modulus() {
		let mut rng = ark_std::rand::rngs::StdRng::seed_from_u64(7);
		for _ in 0..64 {
			let a = ark_bls12_381::Fq::rand(&mut rng);
			let mut words = [0u64; LIMBS];
			words[..6].copy_from_slice(&a.into_bigint().0);
			assert_eq!(Fq::from_bigint(BigInt::new(words)).map(to_arkworks), Some(a));
		}
		assert_eq!(Fq::from_bigint(FqBackend::MODULUS), None);
		let mut above = FqBackend::MODULUS;
		above.0[12] = 1;
		assert_eq!(Fq::from_bigint(above), None);
		assert_eq!(Fq::from(5u64), from_arkworks(ark_bls12_381::Fq::from(5u64)));
	}

	#[test]
	fn sums_of_products_agree_with_arkworks() {
		let mut rng = ark_std::rand::rngs::StdRng::seed_from_u64(11);
		let top = -ark_bls12_381::Fq::one();
		for round in 0..32 {
			let mut draw = || match round % 4 {
				0 => top,
				_ => ark_bls12_381::Fq::rand(&mut rng),
			};
			let (a, b): ([ark_bls12_381::Fq; 3], [ark_bls12_381::Fq; 3]) =
				([draw(), draw(), draw()], [draw(), draw(), draw()]);
			let ours = |n: usize| -> Vec<Fq> { a[..n].iter().map(|x| from_arkworks(*x)).collect() };
			let theirs =
				|n: usize| -> Vec<Fq> { b[..n].iter().map(|x| from_arkworks(*x)).collect() };
			let expected2 = a[0] * b[0] + a[1] * b[1];
			let expected3 = expected2 + a[2] * b[2];
			let (x2, y2): ([Fq; 2], [Fq; 2]) =
				(ours(2).try_into().unwrap(), theirs(2).try_into().unwrap());
			let (x3, y3): ([Fq; 3], [Fq; 3]) =
				(ours(3).try_into().unwrap(), theirs(3).try_into().unwrap());
			assert_eq!(to_arkworks(Fq::sum_of_products(&x2, &y2)), expected2);
			assert_eq!(to_arkworks(Fq::sum_of_products(&x3, &y3)), expected3);
		}
	}

	/// The sum of two products on stored forms with the largest limbs an element below `p`
	/// can have (every limb `2^30 − 1` but the top one, `p − 1`, `2^360 − 1`), where a limb
	/// overflow would panic in this build, against arkworks.
	#[test]
	fn sums_of_two_products_hold_at_the_largest_limbs() {
		let mut largest = [MASK; LIMBS];
		largest[LIMBS - 1] = MODULUS[LIMBS - 1] - 1;
		let mut below_p = MODULUS;
		below_p[0] -= 1;
		let mut low = [MASK; LIMBS];
		low[LIMBS - 1] = 0;
		let forms = [largest, below_p, low, [0; LIMBS], to_limbs(&[1, 0, 0, 0, 0, 0])];
		for a0 in forms {
			for b0 in forms {
				for a1 in forms {
					for b1 in forms {
						let sum = element(limbs::sum_of_two_products(&a0, &b0, &a1, &b1));
						let ark = |x: [u64; LIMBS]| to_arkworks(element(x));
						assert_eq!(to_arkworks(sum), ark(a0) * ark(b0) + ark(a1) * ark(b1));
					}
				}
			}
		}
	}

	#[test]
	fn largest_limbs_do_not_overflow() {
		// p − 1 has the largest limbs a reduced element can have.
		let top = -Fq::one();
		let mut product = top;
		for _ in 0..100 {
			product *= top;
			product += top;
		}
		let reference = -ark_bls12_381::Fq::one();
		let mut expected = reference;
		for _ in 0..100 {
			expected *= reference;
			expected += reference;
		}
		assert_eq!(to_arkworks(product), expected);
	}
}
