use crate::{
	encoding::encode_input, Fr, PreparedVerifyingKey, Proof, VerifierError, VerifyingKey,
	MAX_BATCH_SIZE,
};
use alloc::vec::Vec;
use ark_ec::{pairing::Pairing, AffineRepr, CurveGroup, VariableBaseMSM};
use ark_ff::{One, PrimeField, Zero};
use blake2::{digest::consts::U32, Blake2b, Digest};

type Blake2b256 = Blake2b<U32>;

/// Domain separator of the batch transcript; bump it if the transcript format changes.
const BATCH_DOMAIN: &[u8] = b"veritas/groth16-bls12-381/batch/v2";

/// `γ_abc_0 + Σ x_j·γ_abc_j`: the public inputs' part of the verification equation.
// Field and group arithmetic is modular: it cannot overflow.
#[allow(clippy::arithmetic_side_effects)]
fn prepare_inputs<E: Pairing<ScalarField = Fr>>(
	pvk: &PreparedVerifyingKey<E>,
	inputs: &[Fr],
) -> Result<E::G1, VerifierError> {
	let (first, rest) =
		pvk.vk.gamma_abc_g1.split_first().ok_or(VerifierError::MalformedVerifyingKey)?;
	if rest.len() != inputs.len() {
		return Err(VerifierError::WrongInputCount);
	}
	let sum = E::G1::msm(rest, inputs).map_err(|_| VerifierError::WrongInputCount)?;
	Ok(sum + *first)
}

/// Verifies one proof: `e(A, B) = e(α, β)·e(L, γ)·e(C, δ)`, checked as one multi-Miller loop of
/// three pairs and one final exponentiation. `Ok(false)` means a well-formed proof that is wrong.
pub fn verify<E: Pairing<ScalarField = Fr>>(
	pvk: &PreparedVerifyingKey<E>,
	proof: &Proof<E>,
	inputs: &[Fr],
) -> Result<bool, VerifierError> {
	let inputs_point = prepare_inputs(pvk, inputs)?.into_affine();
	let miller = E::multi_miller_loop(
		[
			E::G1Prepared::from(proof.a),
			E::G1Prepared::from(inputs_point),
			E::G1Prepared::from(proof.c),
		],
		[E::G2Prepared::from(proof.b), pvk.gamma_g2_neg.clone(), pvk.delta_g2_neg.clone()],
	);
	Ok(E::final_exponentiation(miller).is_some_and(|out| out == pvk.alpha_g1_beta_g2))
}

/// The batch's random scalars, derived from the key, every proof and every input (Fiat–Shamir),
/// so they are fixed only after the prover has committed to all of them. The key is part of the
/// statement being checked, so it is absorbed too: a transcript that leaves part of the
/// statement out is the "weak Fiat–Shamir" mistake. 128 bits each, never zero.
pub fn batch_scalars<E: Pairing<ScalarField = Fr>>(
	vk: &VerifyingKey<E>,
	entries: &[(Proof<E>, Vec<Fr>)],
) -> Vec<Fr> {
	let mut transcript = Blake2b256::new();
	transcript.update(BATCH_DOMAIN);
	let key = vk.encode();
	transcript.update((key.len() as u64).to_le_bytes());
	transcript.update(key);
	transcript.update((entries.len() as u64).to_le_bytes());
	for (proof, inputs) in entries {
		transcript.update(proof.encode());
		transcript.update((inputs.len() as u64).to_le_bytes());
		for input in inputs {
			transcript.update(encode_input(input));
		}
	}
	let seed = transcript.finalize();
	(0..entries.len() as u64)
		.map(|i| {
			let mut h = Blake2b256::new();
			h.update(seed);
			h.update(i.to_le_bytes());
			let digest: [u8; 32] = h.finalize().into();
			let (low, _) = digest.split_first_chunk::<16>().unwrap_or((&[1; 16], &[]));
			let r = u128::from_le_bytes(*low).max(1);
			Fr::from(r)
		})
		.collect()
}

/// Verifies a batch of proofs under one key and says which are valid.
///
/// All proofs are first checked together with a random linear combination:
/// `Π e(r_i·A_i, B_i) · e(-Σ r_i·L_i, γ) · e(-Σ r_i·C_i, δ) = e(α, β)^{Σ r_i}` — N + 2 Miller
/// loops and one final exponentiation instead of 3N and N. If that fails, every proof is
/// checked on its own, so the result names each bad proof and never rejects a good one.
pub fn verify_batch<E: Pairing<ScalarField = Fr>>(
	pvk: &PreparedVerifyingKey<E>,
	entries: &[(Proof<E>, Vec<Fr>)],
) -> Result<Vec<bool>, VerifierError> {
	if entries.is_empty() {
		return Err(VerifierError::EmptyBatch);
	}
	if entries.len() > MAX_BATCH_SIZE as usize {
		return Err(VerifierError::BatchTooLarge);
	}
	let expected_inputs = pvk.vk.gamma_abc_g1.len().saturating_sub(1);
	if entries.iter().any(|(_, inputs)| inputs.len() != expected_inputs) {
		return Err(VerifierError::WrongInputCount);
	}
	if entries.len() == 1 {
		return entries.iter().map(|(proof, inputs)| verify(pvk, proof, inputs)).collect();
	}

	if aggregate_holds(pvk, entries, &batch_scalars(&pvk.vk, entries)) {
		return Ok(alloc::vec![true; entries.len()]);
	}
	entries.iter().map(|(proof, inputs)| verify(pvk, proof, inputs)).collect()
}

// Field and group arithmetic is modular: it cannot overflow.
#[allow(clippy::arithmetic_side_effects)]
fn aggregate_holds<E: Pairing<ScalarField = Fr>>(
	pvk: &PreparedVerifyingKey<E>,
	entries: &[(Proof<E>, Vec<Fr>)],
	scalars: &[Fr],
) -> bool {
	let sum_r: Fr = scalars.iter().sum();

	// Σ r_i·L_i = γ_abc_0·Σr_i + Σ_j γ_abc_j·(Σ_i r_i·x_ij): one MSM over the key, whatever N.
	let mut input_scalars = alloc::vec![Fr::zero(); pvk.vk.gamma_abc_g1.len()];
	if let Some(first) = input_scalars.first_mut() {
		*first = sum_r;
	}
	for ((_, inputs), r) in entries.iter().zip(scalars) {
		for (acc, x) in input_scalars.iter_mut().skip(1).zip(inputs) {
			*acc += *r * x;
		}
	}
	let Ok(inputs_point) = E::G1::msm(&pvk.vk.gamma_abc_g1, &input_scalars) else {
		return false;
	};
	let c_points: Vec<E::G1Affine> = entries.iter().map(|(proof, _)| proof.c).collect();
	let Ok(c_point) = E::G1::msm(&c_points, scalars) else {
		return false;
	};
	let scaled_a: Vec<E::G1> = entries
		.iter()
		.zip(scalars)
		.map(|((proof, _), r)| proof.a.mul_bigint(r.into_bigint()))
		.collect();
	let scaled_a = E::G1::normalize_batch(&scaled_a);

	let g1: Vec<E::G1Prepared> = scaled_a
		.into_iter()
		.chain([inputs_point.into_affine(), c_point.into_affine()])
		.map(E::G1Prepared::from)
		.collect();
	let g2: Vec<E::G2Prepared> = entries
		.iter()
		.map(|(proof, _)| E::G2Prepared::from(proof.b))
		.chain([pvk.gamma_g2_neg.clone(), pvk.delta_g2_neg.clone()])
		.collect();
	let miller = E::multi_miller_loop(g1, g2);
	let expected = if sum_r.is_one() { pvk.alpha_g1_beta_g2 } else { pvk.alpha_g1_beta_g2 * sum_r };
	E::final_exponentiation(miller).is_some_and(|out| out == expected)
}
