//! BLS12-381 for verification in wasm.
//!
//! The curve, its pairing and its encoding are those of `ark-bls12-381`, and so are the bytes a
//! point or a target-group element is written in; what differs is the base field underneath
//! ([`fq`]): 13 limbs of 30 bits, whose products wasm computes with its native 64-bit multiply,
//! instead of 6 limbs of 64 bits whose `u128` products it must emulate. In wasmtime a base-field
//! multiplication takes half the time, and so, roughly, does everything built on it: square
//! roots, subgroup checks, Miller loops, final exponentiations. Natively (with a 64×64→128-bit
//! multiply) arkworks' own field is the faster one.
//!
//! Scalars are arkworks' `Fr`, unchanged. Elements convert to and from arkworks' types at the
//! cost of six modular doublings or halvings per base-field element (`*_from_arkworks`,
//! `*_to_arkworks`).

#![cfg_attr(not(feature = "std"), no_std)]
// Field and group arithmetic is modular and cannot overflow; the limb arithmetic under it is
// bounded where it is written (`fq::limbs`).
#![allow(clippy::arithmetic_side_effects)]

pub mod curves;
pub mod fq;
pub mod towers;

pub use curves::{
	g1_from_arkworks, g1_to_arkworks, g2_from_arkworks, g2_to_arkworks, Bls12_381, Config,
	G1Affine, G1Config, G1Projective, G2Affine, G2Config, G2Projective,
};
pub use fq::Fq;
pub use towers::{
	fq12_from_arkworks, fq12_to_arkworks, fq2_from_arkworks, fq2_to_arkworks, Fq12, Fq2, Fq6,
};

#[cfg(test)]
mod tests;
