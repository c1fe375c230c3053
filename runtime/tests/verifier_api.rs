//! The verifier inside the real runtime wasm, through `VerifierApi`, on both backends: the
//! answers a client's dry run gets are the answers block execution computes.

mod common;

use common::wasm::WasmRuntime;
use polkadot_sdk::frame_support::traits::Get;
use veritas_runtime::Runtime;
use veritas_verifier::{
	test_utils::fixture, Backend, PublicInput, Verdict, VerifierError, PROOF_SIZE,
};

type VerifyResult = Result<bool, VerifierError>;
type BatchResult = Result<Vec<Verdict>, VerifierError>;

/// The most proofs one `submit_results` call carries.
fn max_results_per_call() -> usize {
	<<Runtime as pallet_inference::Config>::MaxResultsPerCall as Get<u32>>::get() as usize
}

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

/// Unset, the governed backend is the one every relay can execute.
#[test]
fn governed_backend_defaults_to_arkworks_and_keys_are_validated() {
	let mut runtime = WasmRuntime::new();
	let backend: Backend = runtime.call("VerifierApi_backend", ());
	assert_eq!(backend, Backend::Arkworks);
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
	let in_wasm: Result<PublicInput, VerifierError> =
		runtime.call("VerifierApi_commit_input", (input.clone(),));
	let native = veritas_verifier::encoding::encode_input(
		&veritas_verifier::commitment::commit_input(&input),
	);
	assert_eq!(in_wasm, Ok(native));
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
	let commitment: Result<PublicInput, VerifierError> =
		runtime.call("VerifierApi_commit_input", (input.clone(),));
	assert_eq!(commitment, Ok(inputs[0]));
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

/// An RPC caller cannot make a node hash more than a job may carry: past `MaxInputLen` there is
/// no commitment, only a named error.
#[test]
fn input_commitments_are_bounded_by_the_longest_job_input() {
	let mut runtime = WasmRuntime::new();
	let longest = <<Runtime as pallet_inference::Config>::MaxInputLen as Get<u32>>::get() as usize;
	let input = vec![7u8; longest];
	let at_bound: Result<PublicInput, VerifierError> =
		runtime.call("VerifierApi_commit_input", (input.clone(),));
	let native = veritas_verifier::encoding::encode_input(
		&veritas_verifier::commitment::commit_input(&input),
	);
	assert_eq!(at_bound, Ok(native));

	let over: Result<PublicInput, VerifierError> =
		runtime.call("VerifierApi_commit_input", (vec![7u8; longest + 1],));
	assert_eq!(over, Err(VerifierError::InputTooLong));
}

/// Batches stop where `submit_results` stops, on both backends and both key forms: no request
/// verifies 256 proofs in pure wasm.
#[test]
fn batches_are_bounded_like_submit_results() {
	let mut runtime = WasmRuntime::new();
	let most = max_results_per_call();
	let f = fixture(2, 1, 23);
	let entry = f.proofs[0].clone();
	for backend in [Backend::Arkworks, Backend::HostCalls] {
		let too_many = vec![entry.clone(); most + 1];
		let raw: BatchResult =
			runtime.call("VerifierApi_verify_batch", (backend, f.vk.clone(), too_many.clone()));
		assert_eq!(raw, Err(VerifierError::BatchTooLarge), "{backend:?}");

		let prepared: Result<Vec<u8>, VerifierError> =
			runtime.call("VerifierApi_prepare_verifying_key", (backend, f.vk.clone()));
		let prepared = prepared.unwrap();
		let batch: BatchResult = runtime
			.call("VerifierApi_verify_batch_prepared", (backend, prepared.clone(), too_many));
		assert_eq!(batch, Err(VerifierError::BatchTooLarge), "{backend:?}");

		// The largest batch an extrinsic may carry still verifies.
		let full = vec![entry.clone(); most];
		let verdicts: BatchResult =
			runtime.call("VerifierApi_verify_batch_prepared", (backend, prepared, full));
		assert_eq!(verdicts, Ok(vec![Verdict::Valid; most]), "{backend:?}");
	}
}

/// Block execution trusts the prepared keys registration stored; `VerifierApi` takes them from
/// anyone, so it validates every point first. A key whose last point was moved off the curve
/// (one bit of its `y`, which the uncompressed form stores) is refused, not verified against.
#[test]
fn prepared_keys_from_callers_are_validated() {
	let mut runtime = WasmRuntime::new();
	let f = fixture(2, 1, 24);
	let (proof, inputs) = &f.proofs[0];
	for backend in [Backend::Arkworks, Backend::HostCalls] {
		let prepared: Result<Vec<u8>, VerifierError> =
			runtime.call("VerifierApi_prepare_verifying_key", (backend, f.vk.clone()));
		let prepared = prepared.unwrap();
		let valid: VerifyResult = runtime.call(
			"VerifierApi_verify_prepared",
			(backend, prepared.clone(), proof.clone(), inputs.clone()),
		);
		assert_eq!(valid, Ok(true), "{backend:?}");

		// The key ends with its last `γ_abc` point, uncompressed: 48 bytes of `x`, then 48 of
		// `y`. Flipping a bit in the middle of `y` keeps it a field element, off the curve.
		let mut off_curve = prepared.clone();
		let at = off_curve.len() - 24;
		off_curve[at] ^= 1;
		let single: VerifyResult = runtime.call(
			"VerifierApi_verify_prepared",
			(backend, off_curve.clone(), proof.clone(), inputs.clone()),
		);
		assert_eq!(single, Err(VerifierError::MalformedVerifyingKey), "{backend:?}");
		let batch: BatchResult = runtime.call(
			"VerifierApi_verify_batch_prepared",
			(backend, off_curve, vec![(proof.clone(), inputs.clone())]),
		);
		assert_eq!(batch, Err(VerifierError::MalformedVerifyingKey), "{backend:?}");

		let truncated = prepared[..prepared.len() - 1].to_vec();
		let short: VerifyResult = runtime.call(
			"VerifierApi_verify_prepared",
			(backend, truncated, proof.clone(), inputs.clone()),
		);
		assert_eq!(short, Err(VerifierError::MalformedVerifyingKey), "{backend:?}");
	}
}
