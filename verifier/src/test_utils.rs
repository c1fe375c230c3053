//! Real Groth16 proofs for tests and benchmarks (feature `test-utils`, std only).
//!
//! [`ChainCircuit`] proves knowledge of a secret `w` such that the public inputs are
//! `x_1 = w²` and `x_i = (x_{i-1} + w)·x_1` for `i ≥ 2`: every public input is constrained, so a
//! proof verifies for exactly one input vector. Setups are seeded: never use these keys for
//! anything but tests.

// Test-only code: panics are the way it reports a broken test setup.
#![allow(
	clippy::arithmetic_side_effects,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::unwrap_used
)]

use crate::{encoding::encode_input, Fr, PublicInput, Statement};
use ark_bls12_381::Bls12_381;
use ark_crypto_primitives::snark::{CircuitSpecificSetupSNARK, SNARK};
use ark_groth16::{Groth16, ProvingKey};
use ark_relations::{
	gr1cs::{ConstraintSynthesizer, ConstraintSystemRef, SynthesisError},
	lc,
};
use ark_serialize::CanonicalSerialize;
use ark_std::rand::{rngs::StdRng, SeedableRng};

/// The test circuit; `witness: None` for setup.
#[derive(Clone)]
pub struct ChainCircuit {
	pub witness: Option<Fr>,
	pub public_inputs: usize,
}

/// The public inputs [`ChainCircuit`] proves for witness `w`.
pub fn chain_inputs(w: Fr, count: usize) -> Vec<Fr> {
	let mut inputs = Vec::with_capacity(count);
	let first = w * w;
	let mut previous = first;
	inputs.push(first);
	for _ in 1..count {
		previous = (previous + w) * first;
		inputs.push(previous);
	}
	inputs
}

impl ConstraintSynthesizer<Fr> for ChainCircuit {
	fn generate_constraints(self, cs: ConstraintSystemRef<Fr>) -> Result<(), SynthesisError> {
		let values = self.witness.map(|w| chain_inputs(w, self.public_inputs));
		let value = |i: usize| {
			values.as_ref().and_then(|v| v.get(i).copied()).ok_or(SynthesisError::AssignmentMissing)
		};
		let w =
			cs.new_witness_variable(|| self.witness.ok_or(SynthesisError::AssignmentMissing))?;
		let first = cs.new_input_variable(|| value(0))?;
		cs.enforce_r1cs_constraint(|| lc!() + w, || lc!() + w, || lc!() + first)?;
		let mut previous = first;
		for i in 1..self.public_inputs {
			let next = cs.new_input_variable(|| value(i))?;
			cs.enforce_r1cs_constraint(|| lc!() + previous + w, || lc!() + first, || lc!() + next)?;
			previous = next;
		}
		Ok(())
	}
}

/// A seeded setup for `public_inputs` inputs: the proving key and the verifying-key bytes.
pub fn setup(public_inputs: usize, seed: u64) -> (ProvingKey<Bls12_381>, Vec<u8>) {
	let mut rng = StdRng::seed_from_u64(seed);
	let circuit = ChainCircuit { witness: None, public_inputs };
	let (pk, vk) = Groth16::<Bls12_381>::setup(circuit, &mut rng).expect("test circuit sets up");
	let mut vk_bytes = Vec::new();
	vk.serialize_compressed(&mut vk_bytes).expect("writing to a Vec cannot fail");
	(pk, vk_bytes)
}

/// A proof for witness `w` and its public inputs, encoded as the chain takes them.
pub fn prove(pk: &ProvingKey<Bls12_381>, w: u64, seed: u64) -> (Vec<u8>, Vec<PublicInput>) {
	let mut rng = StdRng::seed_from_u64(seed);
	let public_inputs = pk.vk.gamma_abc_g1.len() - 1;
	let witness = Fr::from(w);
	let circuit = ChainCircuit { witness: Some(witness), public_inputs };
	let proof = Groth16::<Bls12_381>::prove(pk, circuit, &mut rng).expect("test circuit proves");
	let mut proof_bytes = Vec::new();
	proof.serialize_compressed(&mut proof_bytes).expect("writing to a Vec cannot fail");
	let inputs = chain_inputs(witness, public_inputs).iter().map(encode_input).collect();
	(proof_bytes, inputs)
}

/// A key and `proofs` valid proofs under it.
pub struct Fixture {
	pub vk: Vec<u8>,
	pub proofs: Vec<(Vec<u8>, Vec<PublicInput>)>,
}

/// A fixture with `public_inputs` inputs per proof and `proofs` proofs (witnesses 1, 2, …).
pub fn fixture(public_inputs: usize, proofs: usize, seed: u64) -> Fixture {
	let (pk, vk) = setup(public_inputs, seed);
	let proofs = (0..proofs as u64).map(|i| prove(&pk, i + 1, seed ^ (i + 1))).collect();
	Fixture { vk, proofs }
}

/// A stand-in for a model circuit with the public-input layout jobs use: `x_0` is the input
/// commitment and the outputs are `x_j = (x_0 + j)²` for `j = 1..=outputs`. Only the right
/// outputs for a commitment have a proof, so a wrong answer is caught as it would be for a real
/// model.
#[derive(Clone)]
pub struct ToyModelCircuit {
	pub commitment: Option<Fr>,
	pub outputs: usize,
}

/// The outputs [`ToyModelCircuit`] proves for an input commitment.
pub fn toy_model_outputs(commitment: Fr, outputs: usize) -> Vec<Fr> {
	(1..=outputs as u64)
		.map(|j| {
			let shifted = commitment + Fr::from(j);
			shifted * shifted
		})
		.collect()
}

impl ConstraintSynthesizer<Fr> for ToyModelCircuit {
	fn generate_constraints(self, cs: ConstraintSystemRef<Fr>) -> Result<(), SynthesisError> {
		let commitment_value = || self.commitment.ok_or(SynthesisError::AssignmentMissing);
		let values =
			self.commitment.map(|c| Statement::arrange(c, toy_model_outputs(c, self.outputs)));
		let count = Statement::public_input_count(self.outputs as u32) as usize;
		let public_inputs = (0..count)
			.map(|index| {
				cs.new_input_variable(|| {
					values
						.as_ref()
						.and_then(|all| all.get(index).copied())
						.ok_or(SynthesisError::AssignmentMissing)
				})
			})
			.collect::<Result<Vec<_>, _>>()?;
		let (&commitment, outputs) =
			Statement::split(&public_inputs).ok_or(SynthesisError::Unsatisfiable)?;
		// The shifted commitment is a witness so that each output costs one constraint.
		for (j, &output) in (1u64..).zip(outputs) {
			let shifted = cs.new_witness_variable(|| Ok(commitment_value()? + Fr::from(j)))?;
			cs.enforce_r1cs_constraint(
				|| lc!() + commitment + (Fr::from(j), ark_relations::gr1cs::Variable::One),
				|| lc!() + ark_relations::gr1cs::Variable::One,
				|| lc!() + shifted,
			)?;
			cs.enforce_r1cs_constraint(|| lc!() + shifted, || lc!() + shifted, || lc!() + output)?;
		}
		Ok(())
	}
}

/// A toy model: its proving key and verifying-key bytes, from a seeded setup.
pub struct ToyModel {
	pub pk: ProvingKey<Bls12_381>,
	pub vk: Vec<u8>,
	pub outputs: usize,
}

impl ToyModel {
	/// A seeded setup for a toy model with `outputs` output elements.
	pub fn setup(outputs: usize, seed: u64) -> Self {
		let mut rng = StdRng::seed_from_u64(seed);
		let circuit = ToyModelCircuit { commitment: None, outputs };
		let (pk, vk) = Groth16::<Bls12_381>::setup(circuit, &mut rng).expect("toy circuit sets up");
		let mut vk_bytes = Vec::new();
		vk.serialize_compressed(&mut vk_bytes).expect("writing to a Vec cannot fail");
		Self { pk, vk: vk_bytes, outputs }
	}

	/// The job output for `input`: the output elements, encoded and concatenated.
	pub fn infer(&self, input: &[u8]) -> Vec<u8> {
		self.outputs_for(crate::commitment::commit_input(input))
	}

	fn outputs_for(&self, commitment: Fr) -> Vec<u8> {
		self.statement_for(commitment).output_bytes()
	}

	/// What a proof for an input with this commitment proves.
	pub fn statement_for(&self, commitment: Fr) -> Statement {
		Statement::from_field_elements(commitment, &toy_model_outputs(commitment, self.outputs))
	}

	/// The job output for `input` and a proof of it.
	pub fn prove(&self, input: &[u8], seed: u64) -> (Vec<u8>, Vec<u8>) {
		let mut rng = StdRng::seed_from_u64(seed);
		let commitment = crate::commitment::commit_input(input);
		let circuit = ToyModelCircuit { commitment: Some(commitment), outputs: self.outputs };
		let proof =
			Groth16::<Bls12_381>::prove(&self.pk, circuit, &mut rng).expect("toy circuit proves");
		let mut proof_bytes = Vec::new();
		proof.serialize_compressed(&mut proof_bytes).expect("writing to a Vec cannot fail");
		(self.outputs_for(commitment), proof_bytes)
	}
}
