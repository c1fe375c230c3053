//! Types shared by the Veritas runtime, its pallets and its clients, and the declarations of
//! Veritas's runtime APIs. Clients read chain state through these APIs rather than by decoding
//! storage by hand.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
pub use veritas_verifier::{Backend, BatchVerdict, PublicInput, Verdict, VerifierError};

polkadot_sdk::sp_api::decl_runtime_apis! {
	/// Proof verification exactly as block execution does it, for clients' dry runs (e.g. an
	/// operator checking a proof before paying to submit it) and for benchmarks.
	pub trait VerifierApi {
		/// The verification backend block execution uses now (a governance parameter).
		fn backend() -> Backend;

		/// Validates verifying-key bytes: the number of public inputs the key takes, or why the
		/// key is refused.
		fn validate_verifying_key(vk: Vec<u8>) -> Result<u32, VerifierError>;

		/// Verifies one proof against raw key bytes with the governed backend. `Ok(false)`: a
		/// well-formed proof that does not verify.
		fn verify(vk: Vec<u8>, proof: Vec<u8>, inputs: Vec<PublicInput>) -> Result<bool, VerifierError>;

		/// [`Self::verify`] with an explicit backend.
		fn verify_with(
			backend: Backend,
			vk: Vec<u8>,
			proof: Vec<u8>,
			inputs: Vec<PublicInput>,
		) -> Result<bool, VerifierError>;

		/// Verifies a batch of proofs under one key with an explicit backend: one verdict per
		/// proof.
		fn verify_batch(
			backend: Backend,
			vk: Vec<u8>,
			entries: Vec<(Vec<u8>, Vec<PublicInput>)>,
		) -> Result<BatchVerdict, VerifierError>;

		/// Validates key bytes and prepares the key for repeated verification (`e(α, β)`
		/// precomputed, points uncompressed): what a registry stores for a registered key.
		fn prepare_verifying_key(backend: Backend, vk: Vec<u8>) -> Result<Vec<u8>, VerifierError>;

		/// Verifies one proof against a key prepared by [`Self::prepare_verifying_key`] — the cost
		/// of verifying against a registered key.
		fn verify_prepared(
			backend: Backend,
			prepared_vk: Vec<u8>,
			proof: Vec<u8>,
			inputs: Vec<PublicInput>,
		) -> Result<bool, VerifierError>;

		/// [`Self::verify_batch`] against a prepared key.
		fn verify_batch_prepared(
			backend: Backend,
			prepared_vk: Vec<u8>,
			entries: Vec<(Vec<u8>, Vec<PublicInput>)>,
		) -> Result<BatchVerdict, VerifierError>;

		/// The commitment to a job input that a proof's first public input must equal.
		fn commit_input(input: Vec<u8>) -> PublicInput;
	}
}
