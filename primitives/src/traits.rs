//! The traits that connect the pallets to the verifier and to each other.

use crate::{models::ModelId, Backend, BatchVerdict, PublicInput, VerifierError};
use alloc::vec::Vec;

/// Proof checking as the pallets need it. The runtime implements it with `veritas-verifier` and
/// the backend governance chose; pallets never touch proof maths themselves.
pub trait ProofVerifier {
	/// Validates verifying-key bytes and prepares them for storage: the number of public inputs
	/// the key takes and the prepared bytes to pass to [`Self::verify`].
	fn prepare_key(vk: &[u8]) -> Result<(u32, Vec<u8>), VerifierError>;

	/// Verifies one proof against a key from [`Self::prepare_key`]. `Ok(false)`: a well-formed
	/// proof that does not verify.
	fn verify(
		prepared_key: &[u8],
		proof: &[u8],
		inputs: &[PublicInput],
	) -> Result<bool, VerifierError>;

	/// Verifies the proofs of several prepared keys at once: per group `(key, entries)`, one
	/// verdict per entry, in the order given. A key that does not parse fails the call; a bad
	/// proof only gets its own verdict.
	fn verify_batches(
		groups: &[(&[u8], &[(&[u8], &[PublicInput])])],
	) -> Result<Vec<BatchVerdict>, VerifierError>;

	/// The commitment to a job input: the first public input of every proof for that job.
	fn commit_input(input: &[u8]) -> PublicInput;

	/// The backend verification runs on now (weights differ per backend).
	fn backend() -> Backend;
}

/// What the job market needs from the model registry.
pub trait ModelRegistry {
	/// The exact input length, in bytes, of a model that takes new jobs (it is `Active`);
	/// `None` if the model takes none.
	fn active_input_len(model: ModelId) -> Option<u32>;

	/// Elements in one output of the model, for any stored model.
	fn output_elements(model: ModelId) -> Option<u32>;

	/// The model's prepared verifying key, for any stored model (running jobs of a retired model
	/// still need it).
	fn verifying_key(model: ModelId) -> Option<Vec<u8>>;
}

/// What the registry needs from the job market: a model with open jobs cannot be removed, and a
/// removed model leaves nothing behind in the market.
pub trait ModelUsage {
	/// Jobs of the model that are queued or assigned.
	fn open_jobs(model: ModelId) -> u32;

	/// The model was removed: forget its operator list, queue and offers. Its cost is bounded
	/// by the most operators a model may have and is part of the removal's weight.
	fn model_removed(model: ModelId);
}

impl ModelUsage for () {
	fn open_jobs(_: ModelId) -> u32 {
		0
	}

	fn model_removed(_: ModelId) {}
}

/// [`ProofVerifier`] on `veritas-verifier`, with the backend `B` yields (in the runtime, the
/// governance parameter).
pub struct Verifier<B>(core::marker::PhantomData<B>);

impl<B: polkadot_sdk::sp_core::Get<Backend>> ProofVerifier for Verifier<B> {
	fn prepare_key(vk: &[u8]) -> Result<(u32, Vec<u8>), VerifierError> {
		let prepared = veritas_verifier::backend::prepare_vk(B::get(), vk)?;
		// The prepared size grows by one G1 point per public input; reading the count back from
		// it spares a second decode of the key.
		let public_inputs = (1..=veritas_verifier::MAX_PUBLIC_INPUTS)
			.find(|&n| veritas_verifier::prepared_key_size(n) == prepared.len())
			.ok_or(VerifierError::UnsupportedInputCount)?;
		Ok((public_inputs, prepared))
	}

	fn verify(
		prepared_key: &[u8],
		proof: &[u8],
		inputs: &[PublicInput],
	) -> Result<bool, VerifierError> {
		veritas_verifier::backend::verify_prepared(B::get(), prepared_key, proof, inputs)
	}

	fn verify_batches(
		groups: &[(&[u8], &[(&[u8], &[PublicInput])])],
	) -> Result<Vec<BatchVerdict>, VerifierError> {
		veritas_verifier::backend::verify_batches_prepared(B::get(), groups)
	}

	fn commit_input(input: &[u8]) -> PublicInput {
		veritas_verifier::encoding::encode_input(&veritas_verifier::commitment::commit_input(input))
	}

	fn backend() -> Backend {
		B::get()
	}
}

/// Switches the verification backend, for benchmarks that weigh both.
pub trait SetVerifierBackend {
	fn set_backend(backend: Backend);
}
