//! The committed toy-model fixture (`src/fixtures.rs`) verifies, matches its generator, and is
//! recognised as a published test key.

// Tests: panics are how they fail.
#![allow(clippy::arithmetic_side_effects, clippy::indexing_slicing, clippy::unwrap_used)]

use blake2::{digest::consts::U32, Blake2b, Digest};
use veritas_verifier::{
	backend::{self, Backend},
	commitment::commit_input,
	encoding::encode_input,
	fixtures::*,
	is_published_test_key,
	test_utils::ToyModel,
	PublicInput, Statement,
};

const FIXTURE_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/toy_model");

fn generate() -> [(&'static str, Vec<u8>); 4] {
	let model = ToyModel::setup(TOY_MODEL_OUTPUTS, TOY_MODEL_SETUP_SEED);
	// A deterministic 8×8 "image".
	let input: Vec<u8> = (0u8..64).map(|i| i.wrapping_mul(37).wrapping_add(11) % 17).collect();
	let (output, proof) = model.prove(&input, TOY_MODEL_PROOF_SEED);
	[("vk.bin", model.vk), ("input.bin", input), ("output.bin", output), ("proof.bin", proof)]
}

#[test]
fn toy_model_fixture_matches_its_generator() {
	let generated = generate();
	if std::env::var_os("VERITAS_WRITE_FIXTURES").is_some() {
		for (name, bytes) in &generated {
			std::fs::write(format!("{FIXTURE_DIR}/{name}"), bytes).unwrap();
		}
	}
	let committed = [TOY_MODEL_VK, TOY_MODEL_INPUT, TOY_MODEL_OUTPUT, TOY_MODEL_PROOF];
	for ((name, bytes), committed) in generated.iter().zip(committed) {
		assert_eq!(bytes.as_slice(), committed, "fixture {name} is stale; regenerate it");
	}
}

fn public_inputs(input: &[u8], output: &[u8]) -> Vec<PublicInput> {
	let commitment = encode_input(&commit_input(input));
	let elements = TOY_MODEL_OUTPUTS as u32;
	Statement::from_output_bytes(commitment, output, elements).unwrap().public_inputs()
}

#[test]
fn toy_model_fixture_verifies_for_its_input_and_output_only() {
	assert_eq!(TOY_MODEL_OUTPUT.len(), 32 * TOY_MODEL_OUTPUTS);
	for b in [Backend::Arkworks, Backend::HostCalls] {
		let prepared = backend::prepare_vk(b, TOY_MODEL_VK).unwrap();
		let inputs = public_inputs(TOY_MODEL_INPUT, TOY_MODEL_OUTPUT);
		assert_eq!(backend::verify_prepared(b, &prepared, TOY_MODEL_PROOF, &inputs), Ok(true));
		let mut other_input = TOY_MODEL_INPUT.to_vec();
		other_input[0] ^= 1;
		let inputs = public_inputs(&other_input, TOY_MODEL_OUTPUT);
		assert_eq!(backend::verify_prepared(b, &prepared, TOY_MODEL_PROOF, &inputs), Ok(false));
		let mut other_output = TOY_MODEL_OUTPUT.to_vec();
		other_output[0] ^= 1;
		let inputs = public_inputs(TOY_MODEL_INPUT, &other_output);
		assert_eq!(backend::verify_prepared(b, &prepared, TOY_MODEL_PROOF, &inputs), Ok(false));
	}
}

#[test]
fn the_published_test_key_hashes_are_those_of_the_fixtures() {
	let toy_model_vk_hash: [u8; 32] = Blake2b::<U32>::digest(TOY_MODEL_VK).into();
	assert_eq!(PUBLISHED_TEST_KEY_HASHES, [toy_model_vk_hash]);
	assert!(is_published_test_key(TOY_MODEL_VK));
}

#[test]
fn keys_from_other_seeds_are_not_flagged_as_published() {
	for seed in [TOY_MODEL_SETUP_SEED + 1, 42, 7] {
		let other = ToyModel::setup(TOY_MODEL_OUTPUTS, seed);
		assert_ne!(other.vk, TOY_MODEL_VK);
		assert!(!is_published_test_key(&other.vk), "seed {seed}");
	}
	// A key that differs from the fixture in one byte is another key.
	let mut changed = TOY_MODEL_VK.to_vec();
	changed[0] ^= 1;
	assert!(!is_published_test_key(&changed));
	assert!(!is_published_test_key(&[]));
}
