//! Groth16 verification over BLS12-381 for Veritas.
//!
//! The chain never runs a model: it checks a Groth16 proof that an output came from a registered
//! model on a committed input. This crate is the one place where that maths lives; the pallets,
//! the prover (`veritas-zkml`) and the client all use it, so the bytes a prover emits are the
//! bytes the chain checks.
//!
//! - [`encoding`]: canonical compressed encodings (the ones arkworks serialises, so any standard
//!   Groth16/BLS12-381 prover interoperates), decoded with on-curve, subgroup and canonicity
//!   checks. Malformed bytes are an error, never a panic.
//! - [`VerifyingKey`] / [`PreparedVerifyingKey`]: [`validate_vk`] at registration, then cheap
//!   verification with `e(α, β)` precomputed.
//! - [`verify`], [`verify_batch`] and [`verify_batches`]: one proof costs three Miller loops and
//!   one final exponentiation; a batch of N proofs under K keys costs N + 3K − 1 Miller loops and one
//!   final exponentiation, with Fiat–Shamir random scalars so a prover cannot choose them. A
//!   failing batch is re-checked proof by proof: an honest proof is never rejected for a
//!   neighbour.
//! - [`Backend`]: every function is generic over the arkworks [`Pairing`](ark_ec::pairing::Pairing);
//!   the byte-level API in [`backend`] picks either `sp_crypto_ec_utils::bls12_381::Bls12_381`
//!   (RFC-163 host calls) or `veritas_bls12_381::Bls12_381` (pure wasm: arkworks' curve over a
//!   base field built for wasm). Both give the same answers.
//! - [`commitment`]: the input commitment (Poseidon over the BLS12-381 scalar field) that the
//!   public inputs carry instead of the raw input, so verification cost never grows with it.
//! - [`Statement`]: what a proof proves, and the only definition of the public-input layout
//!   (`[input commitment, output elements…]`) and of the output bound.
//! - [`fixed_point`]: the number format of model inputs and outputs, for provers and clients.
//! - [`is_published_test_key`]: recognises the committed test keys, whose setup seeds are public.
//!
//! Enable `test-utils` (std) for a seeded Groth16 prover of small circuits, to produce real
//! proofs in tests and benchmarks.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod backend;
pub mod commitment;
pub mod encoding;
mod engine;
mod error;
pub mod fixed_point;
pub mod fixtures;
mod key;
mod proof;
mod statement;
#[cfg(feature = "test-utils")]
pub mod test_utils;
mod types;
mod verify;

pub use backend::{Backend, BatchVerdict, Verdict};
pub use engine::Engine;
pub use error::VerifierError;
pub use fixtures::is_published_test_key;
pub use key::{validate_vk, PreparedVerifyingKey, VerifyingKey};
pub use proof::Proof;
pub use statement::{Statement, MAX_OUTPUTS, MAX_OUTPUT_LEN};
pub use types::{
	prepared_key_size, verifying_key_size, ProofBytes, PublicInput, PublicInputs,
	VerifyingKeyBytes, MAX_BATCH_SIZE, MAX_PREPARED_KEY_SIZE, MAX_PUBLIC_INPUTS,
	MAX_VERIFYING_KEY_SIZE, PROOF_SIZE, PUBLIC_INPUT_SIZE,
};
pub use verify::{batch_scalars, verify, verify_batch, verify_batches, KeyGroup};

/// The BLS12-381 scalar field: public inputs and commitments live here.
pub type Fr = ark_bls12_381::Fr;
