//! The arithmetic gadgets of the MLP circuit: boolean bits, rescaling with a range-checked
//! quotient and remainder, and ReLU by the quotient's sign bit.
//!
//! Values are handled as linear combinations over the constraint system's variables, so a
//! dense layer (weights are constants) costs no constraint at all; only bits, rescaling
//! equalities and ReLU products do.

use ark_ff::{AdditiveGroup, Field, One};
use ark_relations::gr1cs::{ConstraintSystemRef, LinearCombination, SynthesisError, Variable};
use veritas_verifier::Fr;

/// `2^exponent` in the field.
pub fn power_of_two(exponent: u32) -> Fr {
	Fr::from(2u64).pow([u64::from(exponent)])
}

/// A witness variable with an optional value (absent during setup).
pub fn witness(
	cs: &ConstraintSystemRef<Fr>,
	value: Option<Fr>,
) -> Result<Variable, SynthesisError> {
	cs.new_witness_variable(|| value.ok_or(SynthesisError::AssignmentMissing))
}

/// A witness constrained to be 0 or 1: `b · (1 − b) = 0`.
pub fn boolean(
	cs: &ConstraintSystemRef<Fr>,
	value: Option<Fr>,
) -> Result<Variable, SynthesisError> {
	let bit = witness(cs, value)?;
	cs.enforce_r1cs_constraint(
		|| LinearCombination::from(bit),
		|| LinearCombination::from(Variable::One) - (Fr::one(), bit),
		LinearCombination::zero,
	)?;
	Ok(bit)
}

/// `count` boolean witnesses holding the low bits of `value`, least significant first.
pub fn bits(
	cs: &ConstraintSystemRef<Fr>,
	count: u32,
	value: Option<u128>,
) -> Result<Vec<Variable>, SynthesisError> {
	(0..count)
		.map(|i| {
			let bit =
				value.map(|v| if i < 128 && (v >> i) & 1 == 1 { Fr::one() } else { Fr::from(0u8) });
			boolean(cs, bit)
		})
		.collect()
}

/// `Σ bits[i] · 2^(shift + i)` added to `lc`.
pub fn add_bits(lc: &mut LinearCombination<Fr>, bits: &[Variable], shift: u32) {
	let mut weight = power_of_two(shift);
	for &bit in bits {
		lc.0.push((weight, bit));
		weight.double_in_place();
	}
}

/// Enforces `lc = 0` (one constraint, `lc · 1 = 0`).
pub fn enforce_zero(
	cs: &ConstraintSystemRef<Fr>,
	lc: LinearCombination<Fr>,
) -> Result<(), SynthesisError> {
	cs.enforce_r1cs_constraint(
		|| lc,
		|| LinearCombination::from(Variable::One),
		LinearCombination::zero,
	)
}

/// A rescaled value: `quotient = floor((acc + 2^(F-1)) / 2^F)`, range-checked to
/// `quotient_bits` signed bits.
pub struct Rescaled {
	/// The quotient as a linear combination of its bits.
	pub quotient: LinearCombination<Fr>,
	/// The quotient's bits offset by `2^(Q-1)`; the top one is 1 exactly when it is ≥ 0.
	pub non_negative: Variable,
}

/// Rescales `acc` from scale `2^2F` to `2^F`, rounding to nearest (ties up).
///
/// Witness: the remainder `r` in `frac_bits` bits and the biased quotient `q + 2^(Q-1)` in
/// `quotient_bits` bits; one constraint
/// `acc + 2^(F-1) + 2^(F+Q-1) = r + 2^F · (q + 2^(Q-1))` ties them to `acc`. With both parts
/// boolean-decomposed, `0 ≤ r < 2^F` and `-2^(Q-1) ≤ q < 2^(Q-1)`, which makes `q` the floor
/// quotient: the only one (the right side stays below `2^(F+Q)`, far under the field size).
pub fn rescale(
	cs: &ConstraintSystemRef<Fr>,
	mut acc: LinearCombination<Fr>,
	frac_bits: u32,
	quotient_bits: u32,
	witness: Option<(i64, u64)>,
) -> Result<Rescaled, SynthesisError> {
	let offset = 1i128 << (quotient_bits - 1);
	let remainder = bits(cs, frac_bits, witness.map(|(_, r)| u128::from(r)))?;
	let biased = bits(cs, quotient_bits, witness.map(|(q, _)| (i128::from(q) + offset) as u128))?;
	let non_negative = *biased.last().ok_or(SynthesisError::Unsatisfiable)?;

	acc.0.push((
		power_of_two(frac_bits - 1) + power_of_two(frac_bits + quotient_bits - 1),
		Variable::One,
	));
	let mut parts = LinearCombination::zero();
	add_bits(&mut parts, &remainder, 0);
	add_bits(&mut parts, &biased, frac_bits);
	enforce_zero(cs, acc - parts)?;

	let mut quotient = LinearCombination::zero();
	add_bits(&mut quotient, &biased, 0);
	quotient.0.push((-power_of_two(quotient_bits - 1), Variable::One));
	Ok(Rescaled { quotient, non_negative })
}

/// ReLU: enforces `output = max(q, 0)` as `non_negative · q = output` (one constraint).
pub fn relu(
	cs: &ConstraintSystemRef<Fr>,
	rescaled: &Rescaled,
	output: Variable,
) -> Result<(), SynthesisError> {
	let quotient = rescaled.quotient.clone();
	cs.enforce_r1cs_constraint(
		|| LinearCombination::from(rescaled.non_negative),
		|| quotient,
		|| LinearCombination::from(output),
	)
}
