//! The digits fixture end to end: ONNX → quantised model → setup → proof → `veritas-verifier`.

#![allow(
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::unwrap_used,
	clippy::expect_used
)]

use ark_std::rand::{rngs::StdRng, SeedableRng};
use serde::Deserialize;
use veritas_verifier::{
	backend::{self, Backend},
	commitment::commit_input,
	Statement,
};
use veritas_zkml::{
	inference::{decode_output, infer, output_elements, quantize_input},
	onnx::{self, FloatRunner},
	prover::{self, public_inputs, ModelProvingKey},
	QuantizedModel,
};

const MODEL: &[u8] = include_bytes!("../fixtures/digits/model.onnx");
const TEST_SET: &str = include_str!("../fixtures/digits/test.json");
const EXPECTED_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/digits/expected.json");

#[derive(Deserialize)]
struct TestSet {
	sklearn_accuracy: f64,
	labels: Vec<usize>,
	inputs: Vec<Vec<f32>>,
	logits: Vec<Vec<f32>>,
}

/// What the quantised digits model must keep producing (`VERITAS_WRITE_FIXTURES=1` rewrites it
/// after a deliberate change of the quantisation).
#[derive(Deserialize, serde::Serialize, PartialEq, Debug)]
struct Expected {
	frac_bits: u32,
	weights_hash: String,
	constraints: usize,
	/// Outputs of the first test inputs, at scale 2^frac_bits.
	outputs: Vec<Vec<i64>>,
}

fn test_set() -> TestSet {
	serde_json::from_str(TEST_SET).unwrap()
}

fn argmax<T: PartialOrd + Copy>(values: &[T]) -> usize {
	(0..values.len()).fold(0, |best, i| if values[i] > values[best] { i } else { best })
}

fn quantized() -> QuantizedModel {
	QuantizedModel::quantize(&onnx::import(MODEL).unwrap(), 8).unwrap()
}

#[test]
fn import_matches_tract_and_the_committed_logits() {
	let float = onnx::import(MODEL).unwrap();
	assert_eq!(float.input_len, 64);
	let widths: Vec<_> = float.layers.iter().map(|l| (l.inputs, l.outputs, l.relu)).collect();
	assert_eq!(widths, vec![(64, 32, true), (32, 10, false)]);

	let tract = FloatRunner::new(MODEL, 64).unwrap();
	let set = test_set();
	for (input, logits) in set.inputs.iter().zip(&set.logits) {
		let ours = float.infer(input);
		let theirs = tract.run(input).unwrap();
		for ((a, b), c) in ours.iter().zip(&theirs).zip(logits) {
			assert!((a - b).abs() < 1e-4 && (b - c).abs() < 1e-4, "{a} {b} {c}");
		}
	}
}

/// Accuracy of the quantised model against tract's float inference on the 360 held-out digits.
#[test]
fn quantised_accuracy_matches_float() {
	let model = quantized();
	let tract = FloatRunner::new(MODEL, 64).unwrap();
	let set = test_set();
	let (mut float_correct, mut quantized_correct, mut agree) = (0, 0, 0);
	let mut worst_error = 0f64;
	for (input, &label) in set.inputs.iter().zip(&set.labels) {
		let float_logits = tract.run(input).unwrap();
		let trace = infer(&model, &quantize_input(&model, input).unwrap()).unwrap();
		let scale = 256.0;
		for (q, f) in trace.output().iter().zip(&float_logits) {
			worst_error = worst_error.max((*q as f64 / scale - f64::from(*f)).abs());
		}
		let (f, q) = (argmax(&float_logits), argmax(trace.output()));
		float_correct += usize::from(f == label);
		quantized_correct += usize::from(q == label);
		agree += usize::from(f == q);
	}
	let n = set.labels.len() as f64;
	let (float_accuracy, quantized_accuracy) =
		(float_correct as f64 / n, quantized_correct as f64 / n);
	println!(
		"float {float_accuracy:.4}, quantised {quantized_accuracy:.4}, argmax agreement {:.4}, \
		 worst logit error {worst_error:.4}",
		agree as f64 / n
	);
	assert!((float_accuracy - set.sklearn_accuracy).abs() < 1e-9);
	assert!(quantized_accuracy >= float_accuracy - 0.01, "quantisation lost accuracy");
	assert!(agree as f64 / n >= 0.99);
	assert!(worst_error < 0.1, "worst logit error {worst_error}");
}

#[test]
fn quantised_outputs_and_hash_are_stable() {
	let model = quantized();
	let set = test_set();
	let actual = Expected {
		frac_bits: model.frac_bits(),
		weights_hash: prover::hex(&model.weights_hash()),
		constraints: veritas_zkml::circuit::circuit_size(&model).unwrap().constraints,
		outputs: set.inputs[..8]
			.iter()
			.map(|input| {
				infer(&model, &quantize_input(&model, input).unwrap()).unwrap().output().to_vec()
			})
			.collect(),
	};
	if std::env::var_os("VERITAS_WRITE_FIXTURES").is_some() {
		std::fs::write(EXPECTED_PATH, serde_json::to_string_pretty(&actual).unwrap() + "\n")
			.unwrap();
	}
	let expected: Expected =
		serde_json::from_str(&std::fs::read_to_string(EXPECTED_PATH).unwrap()).unwrap();
	assert_eq!(actual, expected);

	// The model file round-trips and names itself by its hash.
	let bytes = model.to_bytes();
	let again = QuantizedModel::from_bytes(&bytes).unwrap();
	assert_eq!(again, model);
	assert_eq!(again.weights_hash(), model.weights_hash());
	let mut longer = bytes.clone();
	longer.push(0);
	assert!(QuantizedModel::from_bytes(&longer).is_err());
	assert!(QuantizedModel::from_bytes(&bytes[..bytes.len() - 1]).is_err());
}

#[test]
fn proof_round_trips_through_the_verifier_and_binds_input_and_output() {
	let model = quantized();
	let set = test_set();
	let mut rng = StdRng::seed_from_u64(42);
	let keys = prover::setup(&model, &mut rng).unwrap();
	assert_eq!(backend::validate_vk(Backend::Arkworks, &keys.verifying).unwrap(), 11);

	// The proving key survives its file format.
	let key = ModelProvingKey::from_bytes(&keys.proving.to_bytes()).unwrap();

	let input = quantize_input(&model, &set.inputs[0]).unwrap();
	let other_input = quantize_input(&model, &set.inputs[1]).unwrap();
	let proved = prover::prove(&model, &key, &input, &mut rng).unwrap();
	assert_eq!(proved.proof.len(), veritas_verifier::PROOF_SIZE);
	assert_eq!(argmax(&decode_output(&proved.statement).unwrap()), set.labels[0]);
	assert_eq!(proved.statement, prover::statement(&input, &proved.output).unwrap());
	assert!(prover::verify(&keys.verifying, &input, &proved.output, &proved.proof).unwrap());

	// As the chain checks it: a prepared key, the governed backend's maths.
	let prepared = backend::prepare_vk(Backend::Arkworks, &keys.verifying).unwrap();
	let inputs = public_inputs(&input, &proved.output).unwrap();
	assert!(backend::verify_prepared(Backend::Arkworks, &prepared, &proved.proof, &inputs).unwrap());

	// Any other input: refused.
	assert!(!prover::verify(&keys.verifying, &other_input, &proved.output, &proved.proof).unwrap());
	let mut flipped = input.clone();
	flipped[5] ^= 1;
	assert!(!prover::verify(&keys.verifying, &flipped, &proved.output, &proved.proof).unwrap());
	// Any other output: refused, element by element.
	let output = decode_output(&proved.statement).unwrap();
	for index in 0..output.len() {
		let mut wrong = output.clone();
		wrong[index] += 1;
		let wrong = Statement::from_field_elements(commit_input(&input), &output_elements(&wrong));
		assert!(
			!prover::verify(&keys.verifying, &input, &wrong.output_bytes(), &proved.proof).unwrap(),
			"output {index} + 1 accepted"
		);
	}
	// The other input's own answer verifies with its own proof only.
	let second = prover::prove(&model, &key, &other_input, &mut rng).unwrap();
	assert!(prover::verify(&keys.verifying, &other_input, &second.output, &second.proof).unwrap());
	assert!(!prover::verify(&keys.verifying, &other_input, &second.output, &proved.proof).unwrap());

	// A key of another model is refused before proving.
	let other_model = QuantizedModel::quantize(&onnx::import(MODEL).unwrap(), 7).unwrap();
	assert!(matches!(
		prover::prove(&other_model, &key, &input, &mut rng),
		Err(veritas_zkml::ZkmlError::KeyMismatch { .. })
	));
}
