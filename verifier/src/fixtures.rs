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

/// BLAKE2b-256 of every committed test key ([`TOY_MODEL_VK`]). Their setup seeds are public, so
/// anyone can forge proofs under them: a registry must refuse them. Hashes rather than the keys,
/// so recognising one costs a hash and no key bytes are compiled in for it; a key has a single
/// canonical encoding, so its hash identifies it. `tests/fixtures.rs` checks them against the
/// fixtures.
pub const PUBLISHED_TEST_KEY_HASHES: [[u8; 32]; 1] = [[
	0x3a, 0xe0, 0x0c, 0x8c, 0x35, 0x95, 0x50, 0xd6, 0x2a, 0x7d, 0x10, 0x29, 0xaf, 0x3b, 0x92, 0x4b,
	0xc4, 0x40, 0x3e, 0xbe, 0x11, 0x24, 0xa3, 0xa6, 0xca, 0x7f, 0xc5, 0xed, 0x83, 0xb8, 0xad, 0xac,
]];

/// Whether `vk` is one of the committed test keys, whose setup secrets anyone can recompute.
pub fn is_published_test_key(vk: &[u8]) -> bool {
	use blake2::{digest::consts::U32, Blake2b, Digest};
	let hash: [u8; 32] = Blake2b::<U32>::digest(vk).into();
	PUBLISHED_TEST_KEY_HASHES.contains(&hash)
}
