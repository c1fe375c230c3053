//! The in-circuit input commitment: `veritas-verifier`'s Poseidon sponge (width 3, rate 2,
//! `x^5`, 8 full + 57 partial rounds, same constants) over the same field elements, absorbed in
//! the same order. The native function and this gadget are tested to agree.

use super::gadgets::witness;
use ark_ff::Field;
use ark_relations::gr1cs::{ConstraintSystemRef, LinearCombination, SynthesisError, Variable};
use veritas_verifier::{
	commitment::{POSEIDON_CAPACITY, POSEIDON_FULL_ROUNDS, POSEIDON_PARTIAL_ROUNDS, POSEIDON_RATE},
	Fr,
};

const WIDTH: usize = POSEIDON_RATE + POSEIDON_CAPACITY;

/// A field element in the circuit: a linear combination and, when proving, its value.
#[derive(Clone, Debug)]
pub struct Element {
	pub lc: LinearCombination<Fr>,
	pub value: Option<Fr>,
}

impl Element {
	/// A constant.
	pub fn constant(value: Fr) -> Self {
		Self { lc: LinearCombination::from((value, Variable::One)), value: Some(value) }
	}

	/// The value when the combination is a constant (only `Variable::One` terms).
	fn as_constant(&self) -> Option<Fr> {
		self.lc.0.iter().try_fold(Fr::from(0u8), |sum, (coeff, var)| {
			(*var == Variable::One).then(|| sum + coeff)
		})
	}

	fn add_constant(&mut self, constant: Fr) {
		self.lc.0.push((constant, Variable::One));
		self.value = self.value.map(|v| v + constant);
	}
}

/// The Poseidon round constants and MDS matrix as the gadget uses them.
pub struct PoseidonParameters {
	ark: Vec<[Fr; WIDTH]>,
	mds: [[Fr; WIDTH]; WIDTH],
}

impl PoseidonParameters {
	/// The commitment's parameters, from `veritas-verifier`.
	pub fn commitment() -> Self {
		let config = veritas_verifier::commitment::poseidon_config();
		let row = |r: &Vec<Fr>| -> [Fr; WIDTH] {
			let mut out = [Fr::from(0u8); WIDTH];
			for (dst, src) in out.iter_mut().zip(r) {
				*dst = *src;
			}
			out
		};
		let mut mds = [[Fr::from(0u8); WIDTH]; WIDTH];
		for (dst, src) in mds.iter_mut().zip(&config.mds) {
			*dst = row(src);
		}
		Self { ark: config.ark.iter().map(row).collect(), mds }
	}
}

/// `x^5` with three multiplication constraints (none when `x` is a constant).
fn pow5(cs: &ConstraintSystemRef<Fr>, x: &Element) -> Result<Element, SynthesisError> {
	if let Some(constant) = x.as_constant() {
		return Ok(Element::constant(constant.pow([5u64])));
	}
	let square_value = x.value.map(|v| v.square());
	let square = witness(cs, square_value)?;
	cs.enforce_r1cs_constraint(|| x.lc.clone(), || x.lc.clone(), || square.into())?;
	let fourth_value = square_value.map(|v| v.square());
	let fourth = witness(cs, fourth_value)?;
	cs.enforce_r1cs_constraint(|| square.into(), || square.into(), || fourth.into())?;
	let fifth_value = fourth_value.zip(x.value).map(|(f, v)| f * v);
	let fifth = witness(cs, fifth_value)?;
	cs.enforce_r1cs_constraint(|| fourth.into(), || x.lc.clone(), || fifth.into())?;
	Ok(Element { lc: fifth.into(), value: fifth_value })
}

fn permute(
	cs: &ConstraintSystemRef<Fr>,
	parameters: &PoseidonParameters,
	state: &mut [Element; WIDTH],
) -> Result<(), SynthesisError> {
	let half_full = POSEIDON_FULL_ROUNDS / 2;
	for (round, constants) in parameters.ark.iter().enumerate() {
		for (element, constant) in state.iter_mut().zip(constants) {
			element.add_constant(*constant);
		}
		let full = round < half_full || round >= half_full + POSEIDON_PARTIAL_ROUNDS;
		for (index, element) in state.iter_mut().enumerate() {
			if full || index == 0 {
				*element = pow5(cs, element)?;
			}
		}
		let mixed: Vec<Element> = parameters
			.mds
			.iter()
			.map(|row| {
				let mut lc = LinearCombination::zero();
				let mut value = Some(Fr::from(0u8));
				for (coefficient, element) in row.iter().zip(state.iter()) {
					lc = lc + (*coefficient, &element.lc);
					value = value.zip(element.value).map(|(sum, v)| sum + *coefficient * v);
				}
				lc.compactify();
				Element { lc, value }
			})
			.collect();
		for (element, new) in state.iter_mut().zip(mixed) {
			*element = new;
		}
	}
	Ok(())
}

/// The commitment of `veritas_verifier::commitment::commit_input` to an input of `length`
/// bytes whose 31-byte chunks are `chunks`: absorb the length, then the chunks, squeeze one.
pub fn commit(
	cs: &ConstraintSystemRef<Fr>,
	parameters: &PoseidonParameters,
	length: usize,
	chunks: Vec<Element>,
) -> Result<Element, SynthesisError> {
	let mut state: [Element; WIDTH] = core::array::from_fn(|_| Element::constant(Fr::from(0u8)));
	let absorbed = core::iter::once(Element::constant(Fr::from(length as u64))).chain(chunks);
	let mut position = 0;
	for element in absorbed {
		if position == POSEIDON_RATE {
			permute(cs, parameters, &mut state)?;
			position = 0;
		}
		let slot =
			state.get_mut(POSEIDON_CAPACITY + position).ok_or(SynthesisError::Unsatisfiable)?;
		slot.lc = core::mem::take(&mut slot.lc) + &element.lc;
		slot.value = slot.value.zip(element.value).map(|(a, b)| a + b);
		position += 1;
	}
	permute(cs, parameters, &mut state)?;
	state.get(POSEIDON_CAPACITY).cloned().ok_or(SynthesisError::Unsatisfiable)
}
