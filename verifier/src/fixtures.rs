//! A committed toy-model fixture: a verifying key with the most public inputs a model may have
//! (the input commitment and 15 output elements), one job input, its output and a proof. The
//! runtime benchmarks and the e2e tests verify it where no prover is at hand (in wasm).
//! `tests/fixtures.rs` checks that it still verifies and matches its seeded generator;
//! regenerate with `VERITAS_WRITE_FIXTURES=1 cargo test -p veritas-verifier --test fixtures`.

/// Output elements of the toy model; with the commitment, [`crate::MAX_PUBLIC_INPUTS`] inputs.
pub const TOY_MODEL_OUTPUTS: usize = 15;
/// Seed of the toy model's setup (test keys only: whoever knows the seed can forge proofs).
pub const TOY_MODEL_SETUP_SEED: u64 = 0x07e5_17a5;
/// Seed of the fixture proof.
pub const TOY_MODEL_PROOF_SEED: u64 = 0x9f00f;

/// The toy model's compressed verifying key.
pub const TOY_MODEL_VK: &[u8] = include_bytes!("../fixtures/toy_model/vk.bin");
/// A job input (64 bytes, the size of an 8×8 image).
pub const TOY_MODEL_INPUT: &[u8] = include_bytes!("../fixtures/toy_model/input.bin");
/// The toy model's output for [`TOY_MODEL_INPUT`]: 15 encoded field elements.
pub const TOY_MODEL_OUTPUT: &[u8] = include_bytes!("../fixtures/toy_model/output.bin");
/// A proof of [`TOY_MODEL_OUTPUT`] for [`TOY_MODEL_INPUT`].
pub const TOY_MODEL_PROOF: &[u8] = include_bytes!("../fixtures/toy_model/proof.bin");
