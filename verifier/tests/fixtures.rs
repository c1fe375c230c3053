//! The committed toy-model fixture (`src/fixtures.rs`) verifies and matches its generator.

// Tests: panics are how they fail.
#![allow(clippy::indexing_slicing, clippy::unwrap_used)]

use veritas_verifier::{
	backend::{self, Backend},
	commitment::commit_input,
	encoding::encode_input,
	fixtures::*,
	test_utils::ToyModel,
	PublicInput,
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
	let mut inputs = vec![encode_input(&commit_input(input))];
	inputs.extend(output.chunks(32).map(|c| <PublicInput>::try_from(c).unwrap()));
	inputs
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
