//! Types shared by the Veritas runtime, its pallets and its clients, and the declarations of
//! Veritas's runtime APIs. Clients read chain state through these APIs rather than by decoding
//! storage by hand.

#![cfg_attr(not(feature = "std"), no_std)]
// `decl_runtime_apis!` repeats the generic bounds of an API on its methods.
#![allow(clippy::multiple_bound_locations)]

extern crate alloc;

pub mod backend;
pub mod inference;
pub mod models;
pub mod traits;

use alloc::vec::Vec;
pub use backend::{BackendPolicy, BackendStatus, RelayHostCalls};
use codec::Codec;
pub use inference::{
	Job, JobDetails, JobId, JobOutput, JobStatus, ModelOffer, OperatorDetails, PendingSlash,
	SlashId, SlashReason, Unbonding,
};
pub use models::{ModelId, ModelInfo, ModelStatus};
pub use traits::{ModelRegistry, ModelUsage, ProofVerifier, SetVerifierBackend, Verifier};
pub use veritas_verifier::{
	Backend, BatchVerdict, ProofBytes, PublicInput, Verdict, VerifierError, MAX_BATCH_SIZE,
	MAX_PREPARED_KEY_SIZE, MAX_PUBLIC_INPUTS, MAX_VERIFYING_KEY_SIZE, PROOF_SIZE,
	PUBLIC_INPUT_SIZE,
};

polkadot_sdk::sp_api::decl_runtime_apis! {
	/// Proof verification exactly as block execution does it, for clients' dry runs (e.g. an
	/// operator checking a proof before paying to submit it) and for benchmarks.
	#[api_version(2)]
	pub trait VerifierApi {
		/// The verification backend of the block this is called at: governance's policy applied
		/// to that block's relay reading. The next block uses the same unless its own relay state
		/// proof reads differently.
		fn backend() -> Backend;

		/// [`Self::backend`], governance's policy and what the relay state proof of the block this
		/// is called at said of `EccRfc163`.
		#[api_version(2)]
		fn backend_status() -> BackendStatus;

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

		/// The commitment to a job input that a proof's first public input must equal;
		/// `InputTooLong` for an input longer than any job may carry.
		fn commit_input(input: Vec<u8>) -> Result<PublicInput, VerifierError>;
	}

	/// The model registry.
	pub trait ModelsApi<AccountId: Codec, Balance: Codec, BlockNumber: Codec> {
		/// One model, if it is stored.
		fn model(id: ModelId) -> Option<ModelInfo<AccountId, Balance, BlockNumber>>;

		/// Up to `limit` models with ids from `start` on, in id order.
		fn models(start: ModelId, limit: u32) -> Vec<(ModelId, ModelInfo<AccountId, Balance, BlockNumber>)>;

		/// The ids of the models `owner` registered and has not removed.
		fn models_by_owner(owner: AccountId) -> Vec<ModelId>;
	}

	/// The job market.
	pub trait InferenceApi<AccountId: Codec, Balance: Codec, BlockNumber: Codec> {
		/// One job with its input and output, if it is stored (open or completed).
		fn job(id: JobId) -> Option<JobDetails<AccountId, Balance, BlockNumber>>;

		/// One operator, if registered.
		fn operator(who: AccountId) -> Option<OperatorDetails<Balance, BlockNumber>>;

		/// Up to `limit` of the jobs assigned to `who` now, with ids from `start` on.
		fn operator_jobs(who: AccountId, start: JobId, limit: u32) -> Vec<JobId>;

		/// The cheapest operator that would take a job for `model` with `timeout` now, and its
		/// price.
		fn best_quote(model: ModelId, timeout: BlockNumber) -> Option<(AccountId, Balance)>;

		/// A pending slash, if it is neither applied nor cancelled yet.
		fn pending_slash(id: SlashId) -> Option<PendingSlash<AccountId, Balance, BlockNumber>>;
	}
}
