//! The R1CS circuit of a quantised MLP.
//!
//! Public inputs: those of the [`Statement`] a proof proves — the input commitment, then the
//! model's outputs — allocated in the order `Statement` lays them out, which is the order the
//! chain verifies them in.
//!
//! Constraints:
//! - **input**: 16 boolean bits per `i16` input value, one constraint tying each value to its
//!   bits (two's complement); the same bits, regrouped into the 31-byte chunks of the input
//!   bytes, feed the Poseidon commitment, which must equal the public commitment;
//! - **dense layers**: weights and biases are constants, so `Σ w·x + b` is a linear
//!   combination and costs nothing;
//! - **rescaling** per output: `F` remainder bits + `Q` quotient bits + one equality
//!   ([`gadgets::rescale`]);
//! - **ReLU** per output: one product with the quotient's sign bit ([`gadgets::relu`]);
//! - **outputs**: one equality each between the last layer's value and its public input.

pub mod gadgets;
pub mod poseidon;

use crate::{
	inference::{field_element, output_elements, Trace},
	model::{QuantizedModel, INPUT_BITS},
};
use ark_ff::{One, PrimeField};
use ark_relations::gr1cs::{
	ConstraintSynthesizer, ConstraintSystem, ConstraintSystemRef, LinearCombination,
	SynthesisError, Variable,
};
use gadgets::{add_bits, bits, enforce_zero, relu, rescale, witness};
use poseidon::{commit, Element, PoseidonParameters};
use veritas_verifier::{commitment::BYTES_PER_ELEMENT, Fr, Statement};

/// What a proof is about: the input, its commitment and the inference trace.
#[derive(Clone, Debug)]
pub struct Witness {
	pub commitment: Fr,
	pub trace: Trace,
}

impl Witness {
	/// What a proof from this witness proves: the commitment gives the trace's output.
	pub fn statement(&self) -> Statement {
		Statement::from_field_elements(self.commitment, &output_elements(self.trace.output()))
	}
}

/// The circuit of one model; `witness: None` for setup and constraint counting.
pub struct MlpCircuit<'a> {
	pub model: &'a QuantizedModel,
	pub poseidon: &'a PoseidonParameters,
	pub witness: Option<&'a Witness>,
}

impl ConstraintSynthesizer<Fr> for MlpCircuit<'_> {
	fn generate_constraints(self, cs: ConstraintSystemRef<Fr>) -> Result<(), SynthesisError> {
		let trace = self.witness.map(|w| &w.trace);
		let (commitment, outputs) = self.public_inputs(&cs)?;
		let (values, chunks) = self.input(&cs, trace)?;
		let computed = commit(&cs, self.poseidon, self.model.input_bytes(), chunks)?;
		enforce_zero(&cs, computed.lc - (Fr::one(), commitment))?;
		self.dense_layers(&cs, trace, values, &outputs)
	}
}

impl MlpCircuit<'_> {
	/// The proof's public inputs, allocated in the order [`Statement`] lays them out: the
	/// commitment variable and the output variables.
	fn public_inputs(
		&self,
		cs: &ConstraintSystemRef<Fr>,
	) -> Result<(Variable, Vec<Variable>), SynthesisError> {
		let outputs =
			u32::try_from(self.model.output_len()).map_err(|_| SynthesisError::Unsatisfiable)?;
		let values = self
			.witness
			.map(|w| Statement::arrange(w.commitment, output_elements(w.trace.output())));
		let variables = (0..Statement::public_input_count(outputs) as usize)
			.map(|index| {
				cs.new_input_variable(|| {
					let values = values.as_ref().ok_or(SynthesisError::AssignmentMissing)?;
					// A trace shorter than the model only yields unsatisfied constraints.
					Ok(values.get(index).copied().unwrap_or_default())
				})
			})
			.collect::<Result<Vec<_>, _>>()?;
		let (commitment, outputs) =
			Statement::split(&variables).ok_or(SynthesisError::Unsatisfiable)?;
		Ok((*commitment, outputs.to_vec()))
	}

	/// The input values, each tied to its 16 bits, and the same bits regrouped into the 31-byte
	/// chunks the commitment absorbs (value `k` is bits `16k .. 16k + 15`, bytes in order).
	fn input(
		&self,
		cs: &ConstraintSystemRef<Fr>,
		trace: Option<&Trace>,
	) -> Result<(Vec<Variable>, Vec<Element>), SynthesisError> {
		let input_len = self.model.input_len();
		let mut input_bits = Vec::with_capacity(input_len * INPUT_BITS as usize);
		let mut values = Vec::with_capacity(input_len);
		for k in 0..input_len {
			let value = trace.map(|t| t.input.get(k).copied().unwrap_or_default());
			let value_bits = bits(cs, INPUT_BITS, value.map(|v| u128::from(v as u16)))?;
			let variable = witness(cs, value.map(|v| field_element(i128::from(v))))?;
			let mut lc = LinearCombination::zero();
			let (sign, magnitude) = value_bits.split_last().ok_or(SynthesisError::Unsatisfiable)?;
			add_bits(&mut lc, magnitude, 0);
			lc.0.push((-gadgets::power_of_two(INPUT_BITS - 1), *sign));
			enforce_zero(cs, lc - (Fr::one(), variable))?;
			input_bits.extend(value_bits);
			values.push(variable);
		}

		let input_bytes =
			trace.map(|t| t.input.iter().flat_map(|v| v.to_le_bytes()).collect::<Vec<u8>>());
		let chunks = input_bits
			.chunks(8 * BYTES_PER_ELEMENT)
			.enumerate()
			.map(|(index, chunk_bits)| {
				let mut lc = LinearCombination::zero();
				add_bits(&mut lc, chunk_bits, 0);
				let value = input_bytes.as_ref().map(|bytes| {
					let start = index * BYTES_PER_ELEMENT;
					let end = (start + BYTES_PER_ELEMENT).min(bytes.len());
					Fr::from_le_bytes_mod_order(bytes.get(start..end).unwrap_or(&[]))
				});
				Element { lc, value }
			})
			.collect();
		Ok((values, chunks))
	}

	/// Every layer: its sums as linear combinations, then rescaling and ReLU per output. The
	/// last layer's outputs are the public outputs, already allocated.
	fn dense_layers(
		&self,
		cs: &ConstraintSystemRef<Fr>,
		trace: Option<&Trace>,
		mut inputs: Vec<Variable>,
		public_outputs: &[Variable],
	) -> Result<(), SynthesisError> {
		let frac_bits = self.model.frac_bits();
		let layer_count = self.model.layers().len();
		for (index, (layer, &quotient_bits)) in
			self.model.layers().iter().zip(self.model.quotient_bits()).enumerate()
		{
			let last = index + 1 == layer_count;
			let layer_trace = trace.and_then(|t| t.layers.get(index));
			let mut outputs = Vec::with_capacity(layer.outputs as usize);
			for (output, &bias) in layer.bias.iter().enumerate() {
				let mut acc = LinearCombination(Vec::with_capacity(layer.inputs as usize + 1));
				for (&weight, &input) in layer.row(output).iter().zip(&inputs) {
					if weight != 0 {
						acc.0.push((field_element(i128::from(weight)), input));
					}
				}
				if bias != 0 {
					acc.0.push((field_element(i128::from(bias)), Variable::One));
				}
				// A trace shorter than the model only yields unsatisfied constraints.
				let at = |values: &[i64]| values.get(output).copied().unwrap_or_default();
				let step = layer_trace.map(|t| {
					(at(&t.quotients), t.remainders.get(output).copied().unwrap_or_default())
				});
				let activation = layer_trace.map(|t| field_element(i128::from(at(&t.activations))));
				let rescaled = rescale(cs, acc, frac_bits, quotient_bits, step)?;
				let value = || activation.ok_or(SynthesisError::AssignmentMissing);
				let variable = if last {
					*public_outputs.get(output).ok_or(SynthesisError::Unsatisfiable)?
				} else {
					cs.new_witness_variable(value)?
				};
				if layer.relu {
					relu(cs, &rescaled, variable)?;
				} else {
					enforce_zero(cs, rescaled.quotient - (Fr::one(), variable))?;
				}
				outputs.push(variable);
			}
			inputs = outputs;
		}
		Ok(())
	}
}

/// Sizes of a model's circuit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CircuitSize {
	pub constraints: usize,
	pub witness_variables: usize,
	pub public_inputs: usize,
}

/// Synthesises the circuit without a witness and counts it.
pub fn circuit_size(model: &QuantizedModel) -> Result<CircuitSize, SynthesisError> {
	let cs = ConstraintSystem::<Fr>::new_ref();
	cs.set_mode(ark_relations::gr1cs::SynthesisMode::Setup);
	let poseidon = PoseidonParameters::commitment();
	MlpCircuit { model, poseidon: &poseidon, witness: None }.generate_constraints(cs.clone())?;
	Ok(CircuitSize {
		constraints: cs.num_constraints(),
		witness_variables: cs.num_witness_variables(),
		// The constant-one variable is an instance variable too.
		public_inputs: cs.num_instance_variables().saturating_sub(1),
	})
}

/// Whether a witness satisfies the model's constraints (for tests and diagnostics; the prover
/// does not need it).
pub fn is_satisfied(model: &QuantizedModel, witness: &Witness) -> Result<bool, SynthesisError> {
	let cs = ConstraintSystem::<Fr>::new_ref();
	let poseidon = PoseidonParameters::commitment();
	MlpCircuit { model, poseidon: &poseidon, witness: Some(witness) }
		.generate_constraints(cs.clone())?;
	cs.is_satisfied()
}

#[cfg(test)]
mod tests;
