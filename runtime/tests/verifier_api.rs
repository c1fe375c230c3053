//! The verifier inside the real runtime wasm, through `VerifierApi`, on both backends: the
//! answers a client's dry run gets are the answers block execution computes.

mod common;

use common::wasm::WasmRuntime;
use veritas_verifier::{
	test_utils::fixture, Backend, PublicInput, Verdict, VerifierError, PROOF_SIZE,
};

type VerifyResult = Result<bool, VerifierError>;

#[test]
fn wasm_verifier_agrees_with_native_on_both_backends() {
	let mut runtime = WasmRuntime::new();
	let f = fixture(2, 3, 21);
	let (proof, inputs) = &f.proofs[0];
	let (_, other_inputs) = &f.proofs[1];
	for backend in [Backend::Arkworks, Backend::HostCalls] {
		let valid: VerifyResult = runtime.call(
			"VerifierApi_verify_with",
			(backend, f.vk.clone(), proof.clone(), inputs.clone()),
		);
		assert_eq!(valid, Ok(true), "{backend:?}");
		let wrong: VerifyResult = runtime.call(
			"VerifierApi_verify_with",
			(backend, f.vk.clone(), proof.clone(), other_inputs.clone()),
		);
		assert_eq!(wrong, Ok(false), "{backend:?}");
		let malformed: VerifyResult = runtime.call(
			"VerifierApi_verify_with",
			(backend, f.vk.clone(), vec![0u8; PROOF_SIZE], inputs.clone()),
		);
		assert_eq!(malformed, Err(VerifierError::MalformedProof), "{backend:?}");

		let mut entries: Vec<(Vec<u8>, Vec<PublicInput>)> = f.proofs.clone();
		entries[2].1 = inputs.clone();
		let verdicts: Result<Vec<Verdict>, VerifierError> =
			runtime.call("VerifierApi_verify_batch", (backend, f.vk.clone(), entries));
		assert_eq!(verdicts, Ok(vec![Verdict::Valid, Verdict::Valid, Verdict::Invalid]));
	}
}

#[test]
fn governed_backend_defaults_to_host_calls_and_keys_are_validated() {
	let mut runtime = WasmRuntime::new();
	let backend: Backend = runtime.call("VerifierApi_backend", ());
	assert_eq!(backend, Backend::HostCalls);
	let f = fixture(3, 1, 22);
	let count: Result<u32, VerifierError> =
		runtime.call("VerifierApi_validate_verifying_key", (f.vk.clone(),));
	assert_eq!(count, Ok(3));
	let bad: Result<u32, VerifierError> =
		runtime.call("VerifierApi_validate_verifying_key", (f.vk[..10].to_vec(),));
	assert_eq!(bad, Err(VerifierError::MalformedVerifyingKey));
	let (proof, inputs) = &f.proofs[0];
	let governed: VerifyResult =
		runtime.call("VerifierApi_verify", (f.vk.clone(), proof.clone(), inputs.clone()));
	assert_eq!(governed, Ok(true));
}

#[test]
fn input_commitment_matches_native() {
	let mut runtime = WasmRuntime::new();
	let input = b"an input of a job, longer than thirty-one bytes to span chunks".to_vec();
	let in_wasm: PublicInput = runtime.call("VerifierApi_commit_input", (input.clone(),));
	let native = veritas_verifier::encoding::encode_input(
		&veritas_verifier::commitment::commit_input(&input),
	);
	assert_eq!(in_wasm, native);
}

/// A proof of the digits MLP from `veritas-zkml` (the operator's prover) verifies in the
/// compiled runtime on both backends, for its input only.
#[test]
fn zkml_digits_proof_verifies_in_the_wasm_runtime() {
	use veritas_zkml::{inference::quantize_input, onnx, prover, QuantizedModel};
	const DIGITS: &[u8] = include_bytes!("../../zkml/fixtures/digits/model.onnx");
	let model = QuantizedModel::quantize(&onnx::import(DIGITS).unwrap(), 8).unwrap();
	let keys = prover::setup(&model, &mut rand::rngs::OsRng).unwrap();
	let image = |shift: usize| -> Vec<f32> {
		(0..64).map(|i| if (i + shift).is_multiple_of(3) { 0.5 } else { 0.0 }).collect()
	};
	let input = quantize_input(&model, &image(0)).unwrap();
	let other = quantize_input(&model, &image(1)).unwrap();
	let proved = prover::prove(&model, &keys.proving, &input, &mut rand::rngs::OsRng).unwrap();
	let inputs = prover::public_inputs(&input, &proved.output).unwrap();
	let other_inputs = prover::public_inputs(&other, &proved.output).unwrap();

	let mut runtime = WasmRuntime::new();
	let commitment: PublicInput = runtime.call("VerifierApi_commit_input", (input.clone(),));
	assert_eq!(commitment, inputs[0]);
	for backend in [Backend::Arkworks, Backend::HostCalls] {
		let valid: VerifyResult = runtime.call(
			"VerifierApi_verify_with",
			(backend, keys.verifying.clone(), proved.proof.clone(), inputs.clone()),
		);
		assert_eq!(valid, Ok(true), "{backend:?}");
		let wrong: VerifyResult = runtime.call(
			"VerifierApi_verify_with",
			(backend, keys.verifying.clone(), proved.proof.clone(), other_inputs.clone()),
		);
		assert_eq!(wrong, Ok(false), "{backend:?}");
	}
}
