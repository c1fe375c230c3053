//! SCALE-friendly byte containers with `MaxEncodedLen` bounds, for storage and extrinsics.

use bounded_collections::{BoundedVec, ConstU32};

/// Most public inputs a verifying key may take. Public inputs are a commitment to the input and
/// the (small) output, so this bounds the output size, not the model.
pub const MAX_PUBLIC_INPUTS: u32 = 16;

/// Most proofs in one batch verification.
pub const MAX_BATCH_SIZE: u32 = 256;

/// A compressed proof: `A ∈ G1` (48 bytes), `B ∈ G2` (96), `C ∈ G1` (48).
pub const PROOF_SIZE: usize = 192;

/// A public input: a scalar-field element, 32 bytes little-endian.
pub const PUBLIC_INPUT_SIZE: usize = 32;

/// Size of an arkworks compressed verifying key with `n` public inputs: `α ∈ G1`, `β, γ, δ ∈ G2`,
/// then `n + 1` G1 points behind a `u64` length.
pub const fn verifying_key_size(public_inputs: u32) -> usize {
	let points = (public_inputs as usize).saturating_add(1);
	(48 + 3 * 96 + 8usize).saturating_add(points.saturating_mul(48))
}

/// Size of the largest verifying key accepted.
pub const MAX_VERIFYING_KEY_SIZE: u32 = verifying_key_size(MAX_PUBLIC_INPUTS) as u32;

/// Size of a prepared key's trusted bytes (see `PreparedVerifyingKey::to_trusted_bytes`) with `n`
/// public inputs: `e(α, β) ∈ GT` (576 bytes), then the key's points uncompressed — `α ∈ G1` (96),
/// `β, γ, δ ∈ G2` (192 each) and `n + 1` G1 points behind a `u64` length.
pub const fn prepared_key_size(public_inputs: u32) -> usize {
	let points = (public_inputs as usize).saturating_add(1);
	(576 + 96 + 3 * 192 + 8usize).saturating_add(points.saturating_mul(96))
}

/// Size of the largest prepared key: what a registry reserves for one model's key.
pub const MAX_PREPARED_KEY_SIZE: u32 = prepared_key_size(MAX_PUBLIC_INPUTS) as u32;

/// A compressed proof.
pub type ProofBytes = [u8; PROOF_SIZE];

/// One public input.
pub type PublicInput = [u8; PUBLIC_INPUT_SIZE];

/// The public inputs of one proof.
pub type PublicInputs = BoundedVec<PublicInput, ConstU32<MAX_PUBLIC_INPUTS>>;

/// The compressed bytes of a verifying key.
pub type VerifyingKeyBytes = BoundedVec<u8, ConstU32<MAX_VERIFYING_KEY_SIZE>>;
