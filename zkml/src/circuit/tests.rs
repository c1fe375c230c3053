//! Soundness tests: every constraint family must reject a tampered witness.

#![allow(clippy::arithmetic_side_effects, clippy::indexing_slicing, clippy::unwrap_used)]

use super::{gadgets::*, poseidon::*, *};
use crate::{inference::infer, model::QuantizedModel, synthetic};
use ark_ff::One;
use veritas_verifier::commitment::commit_input;

fn cs() -> ConstraintSystemRef<Fr> {
	ConstraintSystem::<Fr>::new_ref()
}

fn constant(value: i128) -> LinearCombination<Fr> {
	LinearCombination::from((field_element(value), Variable::One))
}

#[test]
fn boolean_accepts_bits_and_rejects_anything_else() {
	for (value, ok) in [(0u64, true), (1, true), (2, false), (u64::MAX, false)] {
		let cs = cs();
		let _bit = boolean(&cs, Some(Fr::from(value))).unwrap();
		assert_eq!(cs.is_satisfied().unwrap(), ok, "bit value {value}");
	}
	let cs = cs();
	let _bit = boolean(&cs, Some(-Fr::one())).unwrap();
	assert!(!cs.is_satisfied().unwrap());
}

/// Rescales the constant `acc` with the given witness; whether the constraints hold.
fn rescale_holds(acc: i128, frac_bits: u32, quotient_bits: u32, witness: (i64, u64)) -> bool {
	let cs = cs();
	let rescaled = rescale(&cs, constant(acc), frac_bits, quotient_bits, Some(witness)).unwrap();
	// Pin the quotient to the witness value so the test also checks its recomposition.
	let pinned = cs.new_witness_variable(|| Ok(field_element(i128::from(witness.0)))).unwrap();
	enforce_zero(&cs, rescaled.quotient - (Fr::one(), pinned)).unwrap();
	cs.is_satisfied().unwrap()
}

fn honest_rescale(acc: i128, frac_bits: u32) -> (i64, u64) {
	let shifted = acc + (1 << (frac_bits - 1));
	((shifted >> frac_bits) as i64, (shifted & ((1 << frac_bits) - 1)) as u64)
}

#[test]
fn rescale_accepts_the_rounded_quotient_only() {
	let (f, q) = (8, 12);
	for acc in [0i128, 1, 127, 128, 129, -1, -128, -129, 255 * 256, -300_000, 523_000] {
		let (quotient, remainder) = honest_rescale(acc, f);
		assert!(rescale_holds(acc, f, q, (quotient, remainder)), "honest acc {acc}");
		// Wrong remainder, same quotient.
		assert!(!rescale_holds(acc, f, q, (quotient, remainder ^ 1)), "remainder off, acc {acc}");
		// Another decomposition of the same sum with an out-of-range remainder.
		assert!(
			!rescale_holds(acc, f, q, (quotient - 1, remainder + 256)),
			"remainder ≥ 2^F, acc {acc}"
		);
		// Wrong quotient.
		assert!(!rescale_holds(acc, f, q, (quotient + 1, remainder)), "quotient off, acc {acc}");
	}
	// Round to nearest, ties up: 1.5 → 2, -1.5 → -1 (values at scale 2^2F = 2^16 here).
	assert_eq!(honest_rescale(384, 8).0, 2);
	assert_eq!(honest_rescale(-384, 8).0, -1);
}

#[test]
fn rescale_range_checks_the_quotient() {
	// Q = 4 bits holds quotients in [-8, 8).
	let (f, q) = (4, 4);
	assert!(rescale_holds(7 * 16, f, q, honest_rescale(7 * 16, f)));
	assert!(rescale_holds(-8 * 16, f, q, honest_rescale(-8 * 16, f)));
	assert!(!rescale_holds(8 * 16, f, q, honest_rescale(8 * 16, f)));
	assert!(!rescale_holds(-9 * 16, f, q, honest_rescale(-9 * 16, f)));
}

/// ReLU of the constant `acc` rescaled, with `output`; `flip_sign` flips the top (sign) bit of
/// the biased quotient and leaves every other bit as it was.
fn relu_holds(acc: i128, output: i64, flip_sign: bool) -> bool {
	let (f, q) = (8, 12);
	let cs = cs();
	let (mut quotient, remainder) = honest_rescale(acc, f);
	if flip_sign {
		quotient += if quotient >= 0 { -(1 << (q - 1)) } else { 1 << (q - 1) };
	}
	let rescaled = rescale(&cs, constant(acc), f, q, Some((quotient, remainder))).unwrap();
	let out = cs.new_witness_variable(|| Ok(field_element(i128::from(output)))).unwrap();
	relu(&cs, &rescaled, out).unwrap();
	cs.is_satisfied().unwrap()
}

#[test]
fn relu_is_max_with_zero_and_rejects_a_wrong_sign() {
	for acc in [5 * 256i128, -5 * 256, 0] {
		let quotient = honest_rescale(acc, 8).0;
		assert!(relu_holds(acc, quotient.max(0), false), "honest relu, acc {acc}");
		assert!(!relu_holds(acc, quotient.max(0) + 1, false), "wrong output, acc {acc}");
		if quotient != 0 {
			// Zeroing a positive value or passing a negative one through takes the other sign
			// bit, which no longer recomposes the quotient.
			let wrong = if quotient > 0 { 0 } else { quotient };
			assert!(!relu_holds(acc, wrong, true), "flipped sign, acc {acc}");
			assert!(!relu_holds(acc, wrong, false), "wrong output, acc {acc}");
			assert!(
				!relu_holds(acc, quotient.max(0), true),
				"flipped sign, honest output, acc {acc}"
			);
		}
	}
}

#[test]
fn commitment_gadget_matches_the_verifier_and_binds_its_output() {
	let parameters = PoseidonParameters::commitment();
	for len in [0usize, 1, 2, 30, 31, 32, 62, 63, 64, 93, 128, 200] {
		let input: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
		let cs = cs();
		let chunks = input
			.chunks(BYTES_PER_ELEMENT)
			.map(|chunk| {
				let value: Fr = ark_ff::PrimeField::from_le_bytes_mod_order(chunk);
				let variable = cs.new_witness_variable(|| Ok(value)).unwrap();
				Element { lc: variable.into(), value: Some(value) }
			})
			.collect();
		let hashed = commit(&cs, &parameters, len, chunks).unwrap();
		assert_eq!(hashed.value, Some(commit_input(&input)), "length {len}");
		let public = cs.new_input_variable(|| Ok(commit_input(&input))).unwrap();
		enforce_zero(&cs, hashed.lc.clone() - (Fr::one(), public)).unwrap();
		assert!(cs.is_satisfied().unwrap(), "length {len}");

		let other = cs.new_input_variable(|| Ok(commit_input(&input) + Fr::one())).unwrap();
		enforce_zero(&cs, hashed.lc - (Fr::one(), other)).unwrap();
		assert!(!cs.is_satisfied().unwrap(), "wrong commitment accepted, length {len}");
	}
}

fn small_model() -> QuantizedModel {
	QuantizedModel::quantize(&synthetic::mlp(&[20, 12, 8, 5], 7), 8).unwrap()
}

fn honest_witness(model: &QuantizedModel, seed: u64) -> (Vec<u8>, Witness) {
	let floats: Vec<f32> =
		synthetic::input(model.input_len(), seed).iter().map(|v| v * 4.0 - 2.0).collect();
	let input = crate::inference::quantize_input(model, &floats).unwrap();
	let trace = infer(model, &input).unwrap();
	(input.clone(), Witness { commitment: commit_input(&input), trace })
}

#[test]
fn honest_witness_satisfies_the_circuit() {
	let model = small_model();
	for seed in 0..4 {
		let (_, witness) = honest_witness(&model, seed);
		assert!(is_satisfied(&model, &witness).unwrap(), "seed {seed}");
	}
	// The test input exercises negative quotients, so both ReLU branches are covered.
	let (_, witness) = honest_witness(&model, 0);
	assert!(witness.trace.layers[0].quotients.iter().any(|&q| q < 0));
	assert!(witness.trace.layers[0].quotients.iter().any(|&q| q > 0));
}

#[test]
fn tampered_witnesses_are_rejected() {
	let model = small_model();
	let (input, honest) = honest_witness(&model, 1);
	let rejects = |what: &str, change: &dyn Fn(&mut Witness)| {
		let mut witness = honest.clone();
		change(&mut witness);
		let changed = witness.trace != honest.trace || witness.commitment != honest.commitment;
		assert!(changed, "{what}: the test changed nothing");
		assert!(!is_satisfied(&model, &witness).unwrap(), "{what} accepted");
	};
	let last = model.layers().len() - 1;
	rejects("wrong output", &|w| w.trace.layers[last].activations[0] += 1);
	rejects("wrong output and quotient", &|w| {
		w.trace.layers[last].activations[2] += 1;
		w.trace.layers[last].quotients[2] += 1;
	});
	rejects("wrong remainder", &|w| w.trace.layers[0].remainders[3] ^= 1);
	rejects("out-of-range remainder", &|w| {
		w.trace.layers[0].remainders[3] += 256;
		w.trace.layers[0].quotients[3] -= 1;
	});
	let negative = honest.trace.layers[0].quotients.iter().position(|&q| q < 0).unwrap();
	rejects("ReLU passing a negative value", &|w| {
		w.trace.layers[0].activations[negative] = w.trace.layers[0].quotients[negative]
	});
	let positive = honest.trace.layers[0].quotients.iter().position(|&q| q > 0).unwrap();
	rejects("ReLU zeroing a positive value", &|w| w.trace.layers[0].activations[positive] = 0);
	rejects("wrong input value", &|w| w.trace.input[0] = w.trace.input[0].wrapping_add(1));
	rejects("wrong commitment", &|w| w.commitment += Fr::one());
	assert!(is_satisfied(&model, &Witness { commitment: commit_input(&input), ..honest.clone() })
		.unwrap());
}

#[test]
fn circuit_size_counts_what_the_docs_say() {
	let model = small_model();
	let size = circuit_size(&model).unwrap();
	assert_eq!(size.public_inputs, 1 + model.output_len());
	let layer_cost: usize = model
		.layers()
		.iter()
		.zip(model.quotient_bits())
		.map(|(l, &q)| l.outputs as usize * (model.frac_bits() + q + 2) as usize)
		.sum();
	let input_cost = model.input_len() * 17;
	let poseidon = size.constraints - layer_cost - input_cost - 1;
	// 40 input bytes: 2 chunks + the length = 2 permutations of 243 constraints, less the
	// S-boxes of constants in the first round.
	assert!(poseidon <= 2 * 243 && poseidon > 400, "poseidon costs {poseidon}");
}
