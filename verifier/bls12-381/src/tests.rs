//! Everything checked against ark-bls12-381: the same points, pairings and bytes, and the same
//! verdict on every compressed encoding, valid or not (the form read from outside the chain).

use crate::*;
use ark_ec::{pairing::Pairing, AffineRepr, CurveGroup};
use ark_ff::{Field, UniformRand};
use ark_serialize::{CanonicalDeserialize, CanonicalSerialize, Compress, Validate};
use ark_std::{
	rand::{rngs::StdRng, Rng, SeedableRng},
	vec::Vec,
};

type ArkE = ark_bls12_381::Bls12_381;

fn rng() -> StdRng {
	StdRng::seed_from_u64(0x5eed)
}

fn encode<T: CanonicalSerialize>(value: &T, compress: Compress) -> Vec<u8> {
	let mut out = Vec::new();
	value.serialize_with_mode(&mut out, compress).unwrap();
	out
}

/// A point on the curve outside the prime-order subgroup: `x` chosen until `x³ + b` is square.
fn g1_off_subgroup(rng: &mut StdRng) -> ark_bls12_381::G1Affine {
	loop {
		let x = ark_bls12_381::Fq::rand(rng);
		if let Some(p) = ark_bls12_381::G1Affine::get_point_from_x_unchecked(x, rng.gen()) {
			if !p.is_in_correct_subgroup_assuming_on_curve() {
				return p;
			}
		}
	}
}

fn g2_off_subgroup(rng: &mut StdRng) -> ark_bls12_381::G2Affine {
	loop {
		let x = ark_bls12_381::Fq2::rand(rng);
		if let Some(p) = ark_bls12_381::G2Affine::get_point_from_x_unchecked(x, rng.gen()) {
			if !p.is_in_correct_subgroup_assuming_on_curve() {
				return p;
			}
		}
	}
}

#[test]
fn generators_and_group_law_agree() {
	assert_eq!(g1_to_arkworks(G1Affine::generator()), ark_bls12_381::G1Affine::generator());
	assert_eq!(g2_to_arkworks(G2Affine::generator()), ark_bls12_381::G2Affine::generator());
	let mut rng = rng();
	for _ in 0..8 {
		let s = ark_bls12_381::Fr::rand(&mut rng);
		let p = (ark_bls12_381::G1Affine::generator() * s).into_affine();
		let q = (ark_bls12_381::G2Affine::generator() * s).into_affine();
		assert_eq!(g1_from_arkworks(p), (G1Affine::generator() * s).into_affine());
		assert_eq!(g2_from_arkworks(q), (G2Affine::generator() * s).into_affine());
		assert!(g1_from_arkworks(p).is_on_curve());
		assert!(g2_from_arkworks(q).is_on_curve());
	}
}

#[test]
fn pairings_agree() {
	let mut rng = rng();
	for _ in 0..3 {
		let p: Vec<ark_bls12_381::G1Affine> =
			(0..5).map(|_| ark_bls12_381::G1Projective::rand(&mut rng).into_affine()).collect();
		let q: Vec<ark_bls12_381::G2Affine> =
			(0..5).map(|_| ark_bls12_381::G2Projective::rand(&mut rng).into_affine()).collect();
		let expected = ArkE::multi_pairing(p.clone(), q.clone()).0;
		let ours = Bls12_381::multi_pairing(
			p.iter().copied().map(g1_from_arkworks),
			q.iter().copied().map(g2_from_arkworks),
		)
		.0;
		assert_eq!(ours, fq12_from_arkworks(expected));
		// The identity in either slot contributes nothing.
		let with_zero = Bls12_381::multi_pairing(
			[G1Affine::zero(), g1_from_arkworks(p[0])],
			[g2_from_arkworks(q[0]), G2Affine::zero()],
		);
		assert_eq!(with_zero.0, Fq12::ONE);
	}
}

#[test]
fn subgroup_checks_agree() {
	let mut rng = rng();
	for _ in 0..16 {
		let outside = g1_off_subgroup(&mut rng);
		assert!(!g1_from_arkworks(outside).is_in_correct_subgroup_assuming_on_curve());
		let inside = ark_bls12_381::G1Projective::rand(&mut rng).into_affine();
		assert!(g1_from_arkworks(inside).is_in_correct_subgroup_assuming_on_curve());
	}
	for _ in 0..4 {
		let outside = g2_off_subgroup(&mut rng);
		assert!(!g2_from_arkworks(outside).is_in_correct_subgroup_assuming_on_curve());
		let inside = ark_bls12_381::G2Projective::rand(&mut rng).into_affine();
		assert!(g2_from_arkworks(inside).is_in_correct_subgroup_assuming_on_curve());
	}
	assert!(G1Affine::zero().is_in_correct_subgroup_assuming_on_curve());
	assert!(G2Affine::zero().is_in_correct_subgroup_assuming_on_curve());
}

/// Decodes `bytes` as our point and as arkworks'; the verdicts and the points must agree.
fn same_verdict<Ours, Theirs>(
	bytes: &[u8],
	compress: Compress,
	validate: Validate,
	to_arkworks: fn(Ours) -> Theirs,
) where
	Ours: CanonicalDeserialize + core::fmt::Debug,
	Theirs: CanonicalDeserialize + core::fmt::Debug + PartialEq,
{
	let ours = Ours::deserialize_with_mode(bytes, compress, validate);
	let theirs = Theirs::deserialize_with_mode(bytes, compress, validate);
	match (ours, theirs) {
		(Ok(a), Ok(b)) => assert_eq!(to_arkworks(a), b),
		(Err(_), Err(_)) => {}
		(a, b) => panic!("{bytes:02x?}: ours {a:?}, arkworks {b:?}"),
	}
}

fn same_verdict_g1(bytes: &[u8], compress: Compress, validate: Validate) {
	same_verdict(bytes, compress, validate, g1_to_arkworks);
}

fn same_verdict_g2(bytes: &[u8], compress: Compress, validate: Validate) {
	same_verdict(bytes, compress, validate, g2_to_arkworks);
}

#[test]
fn encodings_are_byte_for_byte_arkworks() {
	let mut rng = rng();
	let g1: Vec<ark_bls12_381::G1Affine> = (0..8)
		.map(|_| ark_bls12_381::G1Projective::rand(&mut rng).into_affine())
		.chain([ark_bls12_381::G1Affine::zero()])
		.collect();
	let g2: Vec<ark_bls12_381::G2Affine> = (0..4)
		.map(|_| ark_bls12_381::G2Projective::rand(&mut rng).into_affine())
		.chain([ark_bls12_381::G2Affine::zero()])
		.collect();
	for compress in [Compress::Yes, Compress::No] {
		for p in &g1 {
			let bytes = encode(p, compress);
			assert_eq!(encode(&g1_from_arkworks(*p), compress), bytes);
			assert_eq!(
				G1Affine::deserialize_with_mode(&bytes[..], compress, Validate::Yes).unwrap(),
				g1_from_arkworks(*p)
			);
		}
		for q in &g2 {
			let bytes = encode(q, compress);
			assert_eq!(encode(&g2_from_arkworks(*q), compress), bytes);
			assert_eq!(
				G2Affine::deserialize_with_mode(&bytes[..], compress, Validate::Yes).unwrap(),
				g2_from_arkworks(*q)
			);
		}
	}
}

#[test]
fn every_malformed_encoding_is_judged_as_arkworks_does() {
	let mut rng = rng();
	let mut points: Vec<Vec<u8>> = (0..4)
		.map(|_| encode(&ark_bls12_381::G1Projective::rand(&mut rng).into_affine(), Compress::Yes))
		.collect();
	points.push(encode(&g1_off_subgroup(&mut rng), Compress::Yes));
	points.push(encode(&ark_bls12_381::G1Affine::zero(), Compress::Yes));
	for bytes in &points {
		for validate in [Validate::Yes, Validate::No] {
			same_verdict_g1(bytes, Compress::Yes, validate);
			// Every flag combination, and a flipped bit in each byte.
			for flags in 0..8u8 {
				let mut changed = bytes.clone();
				changed[0] = (changed[0] & 0x1f) | (flags << 5);
				same_verdict_g1(&changed, Compress::Yes, validate);
			}
			for i in 0..bytes.len() {
				let mut changed = bytes.clone();
				changed[i] ^= 1 << rng.gen_range(0..8);
				same_verdict_g1(&changed, Compress::Yes, validate);
			}
			same_verdict_g1(&bytes[..47], Compress::Yes, validate);
		}
	}
	// x at and above the modulus, and x with no point.
	let mut modulus = encode(&ark_bls12_381::G1Affine::generator(), Compress::Yes);
	modulus.copy_from_slice(&{
		let mut be = Vec::new();
		let words = <ark_bls12_381::Fq as ark_ff::PrimeField>::MODULUS.0;
		for word in words.iter().rev().map(|w| w.to_be_bytes()) {
			be.extend_from_slice(&word);
		}
		be
	});
	modulus[0] |= 0x80;
	same_verdict_g1(&modulus, Compress::Yes, Validate::Yes);
	let mut g2_points: Vec<Vec<u8>> = (0..2)
		.map(|_| encode(&ark_bls12_381::G2Projective::rand(&mut rng).into_affine(), Compress::Yes))
		.collect();
	g2_points.push(encode(&g2_off_subgroup(&mut rng), Compress::Yes));
	for bytes in &g2_points {
		same_verdict_g2(bytes, Compress::Yes, Validate::Yes);
		for flags in 0..8u8 {
			let mut changed = bytes.clone();
			changed[0] = (changed[0] & 0x1f) | (flags << 5);
			same_verdict_g2(&changed, Compress::Yes, Validate::Yes);
		}
		for i in (0..bytes.len()).step_by(5) {
			let mut changed = bytes.clone();
			changed[i] ^= 1 << rng.gen_range(0..8);
			same_verdict_g2(&changed, Compress::Yes, Validate::Yes);
		}
	}
	// A mismatched Miller loop is refused, not truncated.
	let refused = Bls12_381::multi_miller_loop([G1Affine::generator()], Vec::<G2Affine>::new());
	assert!(Bls12_381::final_exponentiation(refused).is_none());
	// Uncompressed: a point off the curve is refused when validating.
	let mut off_curve = encode(&ark_bls12_381::G1Affine::generator(), Compress::No);
	off_curve[95] ^= 1;
	assert!(G1Affine::deserialize_with_mode(&off_curve[..], Compress::No, Validate::Yes).is_err());
}

#[test]
fn target_group_arithmetic_agrees() {
	let mut rng = rng();
	let a = ArkE::pairing(
		ark_bls12_381::G1Projective::rand(&mut rng),
		ark_bls12_381::G2Projective::rand(&mut rng),
	)
	.0;
	let x = fq12_from_arkworks(a);
	let s = ark_bls12_381::Fr::rand(&mut rng);
	use ark_ff::PrimeField;
	assert_eq!(x.pow(s.into_bigint()), fq12_from_arkworks(a.pow(s.into_bigint())));
	assert_eq!(x.cyclotomic_square_pub(), fq12_from_arkworks(a.cyclotomic_square_pub()));
}

trait CyclotomicSquare {
	fn cyclotomic_square_pub(&self) -> Self;
}

impl<P: ark_ff::fields::Fp12Config> CyclotomicSquare for ark_ff::fields::Fp12<P> {
	fn cyclotomic_square_pub(&self) -> Self {
		use ark_ff::CyclotomicMultSubgroup;
		self.cyclotomic_square()
	}
}
