use crate::{
	encoding::encode_input, Engine, Fr, PreparedVerifyingKey, Proof, VerifierError, VerifyingKey,
	MAX_BATCH_SIZE,
};
use alloc::vec::Vec;
use ark_ec::CurveGroup;
use ark_ff::{One, Zero};
use blake2::{digest::consts::U32, Blake2b, Digest};

type Blake2b256 = Blake2b<U32>;

/// Domain separator of the batch transcript; bump it if the transcript format changes.
const BATCH_DOMAIN: &[u8] = b"veritas/groth16-bls12-381/batch/v3";

/// `γ_abc_0 + Σ x_j·γ_abc_j`: the public inputs' part of the verification equation.
// Field and group arithmetic is modular: it cannot overflow.
#[allow(clippy::arithmetic_side_effects)]
fn prepare_inputs<E: Engine>(
	pvk: &PreparedVerifyingKey<E>,
	inputs: &[Fr],
) -> Result<E::G1, VerifierError> {
	let (first, rest) =
		pvk.vk.gamma_abc_g1.split_first().ok_or(VerifierError::MalformedVerifyingKey)?;
	if rest.len() != inputs.len() {
		return Err(VerifierError::WrongInputCount);
	}
	Ok(E::g1_msm(rest, inputs).ok_or(VerifierError::WrongInputCount)? + *first)
}

/// Verifies one proof: `e(A, B) = e(α, β)·e(L, γ)·e(C, δ)`, checked as one multi-Miller loop of
/// three pairs and one final exponentiation. `Ok(false)` means a well-formed proof that is wrong.
pub fn verify<E: Engine>(
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

/// The proofs of one key in a batch: the key, and each proof with its public inputs.
pub type KeyGroup<'a, E> = (&'a PreparedVerifyingKey<E>, &'a [(Proof<E>, Vec<Fr>)]);

/// The batch's random scalars, one per proof in the order given, derived from every key, proof
/// and input (Fiat–Shamir), so they are fixed only after the provers have committed to all of
/// them. The keys are part of the statements being checked, so they are absorbed too: a
/// transcript that leaves part of the statement out is the "weak Fiat–Shamir" mistake. Lengths
/// are absorbed before what they count, so no two batches share a transcript. 128 bits each,
/// never zero.
pub fn batch_scalars<E: Engine>(groups: &[(&VerifyingKey<E>, &[(Proof<E>, Vec<Fr>)])]) -> Vec<Fr> {
	let mut transcript = Blake2b256::new();
	transcript.update(BATCH_DOMAIN);
	transcript.update((groups.len() as u64).to_le_bytes());
	let mut count = 0u64;
	for (vk, entries) in groups {
		let key = vk.encode();
		transcript.update((key.len() as u64).to_le_bytes());
		transcript.update(key);
		transcript.update((entries.len() as u64).to_le_bytes());
		for (proof, inputs) in entries.iter() {
			transcript.update(proof.encode());
			transcript.update((inputs.len() as u64).to_le_bytes());
			for input in inputs {
				transcript.update(encode_input(input));
			}
		}
		count = count.saturating_add(entries.len() as u64);
	}
	let seed = transcript.finalize();
	(0..count)
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

/// Verifies a batch of proofs under one key and says which are valid: [`verify_batches`] with
/// one group, at most [`MAX_BATCH_SIZE`] proofs.
pub fn verify_batch<E: Engine>(
	pvk: &PreparedVerifyingKey<E>,
	entries: &[(Proof<E>, Vec<Fr>)],
) -> Result<Vec<bool>, VerifierError> {
	if entries.len() > MAX_BATCH_SIZE as usize {
		return Err(VerifierError::BatchTooLarge);
	}
	let mut verdicts = verify_batches(&[(pvk, entries)])?;
	verdicts.pop().ok_or(VerifierError::EmptyBatch)
}

/// Verifies proofs under several keys together and says which are valid, one list of verdicts
/// per group.
///
/// All proofs are first checked at once with a random linear combination: with `r_i` from
/// [`batch_scalars`] and `s_k` the sum of the `r_i` of key `k`,
/// `Π_i e(r_i·A_i, B_i) · Π_k e(Σ_{i∈k} r_i·L_i, −γ_k)·e(Σ_{i∈k} r_i·C_i, −δ_k) = Π_k e(α_k, β_k)^{s_k}`.
/// The first key's first scalar is replaced by `1 − Σ` of the others, so `s_1 = 1` and its
/// right-hand side is the stored `e(α_1, β_1)`; every other key's term moves into the Miller
/// loop as the pair `(−s_k·α_k, β_k)`. No exponentiation in the target group is left:
/// N + 3K − 1 Miller loops and one final exponentiation instead of 3N and N. Grouping by
/// key only uses bilinearity (`Π e(P_i, Q) = e(ΣP_i, Q)` for a common `Q`); each proof keeps its
/// own scalar, and the one scalar fixed by the others still leaves every invalid proof with a
/// non-zero coefficient (docs/design.md). If the combination fails, every proof is checked on
/// its own, so the result names each bad proof and never rejects a good one. A key without
/// proofs is an error, as is a proof with the wrong number of inputs.
pub fn verify_batches<E: Engine>(
	groups: &[KeyGroup<'_, E>],
) -> Result<Vec<Vec<bool>>, VerifierError> {
	if groups.is_empty() || groups.iter().any(|(_, entries)| entries.is_empty()) {
		return Err(VerifierError::EmptyBatch);
	}
	for (pvk, entries) in groups {
		let expected_inputs = pvk.vk.gamma_abc_g1.len().saturating_sub(1);
		if entries.iter().any(|(_, inputs)| inputs.len() != expected_inputs) {
			return Err(VerifierError::WrongInputCount);
		}
	}
	let one_by_one = || {
		groups
			.iter()
			.map(|(pvk, entries)| {
				entries.iter().map(|(proof, inputs)| verify(pvk, proof, inputs)).collect()
			})
			.collect()
	};
	if let [(_, [_])] = groups {
		return one_by_one();
	}
	let keys: Vec<_> = groups.iter().map(|(pvk, entries)| (&pvk.vk, *entries)).collect();
	if aggregate_holds(groups, &batch_scalars(&keys)) {
		return Ok(groups.iter().map(|(_, entries)| alloc::vec![true; entries.len()]).collect());
	}
	one_by_one()
}

// Field and group arithmetic is modular: it cannot overflow.
#[allow(clippy::arithmetic_side_effects)]
fn aggregate_holds<E: Engine>(groups: &[KeyGroup<'_, E>], scalars: &[Fr]) -> bool {
	let total: usize = groups.iter().map(|(_, entries)| entries.len()).sum();
	let pairs = total.saturating_add(groups.len().saturating_mul(3));
	let mut g1: Vec<E::G1> = Vec::with_capacity(pairs);
	let mut g2: Vec<E::G2Prepared> = Vec::with_capacity(pairs);
	// The first group's scalars are made to sum to one (its first proof takes what the others
	// leave), so the right-hand side is its `e(α, β)` itself: no exponentiation.
	let Some((anchor, _)) = groups.first() else { return false };
	let expected = anchor.alpha_g1_beta_g2;
	let mut rest = scalars;
	for (index, (pvk, entries)) in groups.iter().enumerate() {
		let Some((drawn, later)) = rest.split_at_checked(entries.len()) else { return false };
		rest = later;
		let mut scalars = drawn.to_vec();
		let anchored = index == 0;
		let sum_r: Fr = if anchored {
			let others: Fr = scalars.iter().skip(1).sum();
			if let Some(first) = scalars.first_mut() {
				*first = Fr::one() - others;
			}
			Fr::one()
		} else {
			scalars.iter().sum()
		};
		// Σ r_i·L_i = γ_abc_0·Σr_i + Σ_j γ_abc_j·(Σ_i r_i·x_ij): one MSM over the key, whatever N.
		let mut input_scalars = alloc::vec![Fr::zero(); pvk.vk.gamma_abc_g1.len()];
		if let Some(first) = input_scalars.first_mut() {
			*first = sum_r;
		}
		for ((_, inputs), r) in entries.iter().zip(&scalars) {
			for (acc, x) in input_scalars.iter_mut().skip(1).zip(inputs) {
				*acc += *r * x;
			}
		}
		let c_points: Vec<E::G1Affine> = entries.iter().map(|(proof, _)| proof.c).collect();
		for ((proof, _), r) in entries.iter().zip(&scalars) {
			let Some(a) = E::g1_mul(&proof.a, r) else { return false };
			g1.push(a);
			g2.push(E::G2Prepared::from(proof.b));
		}
		let (Some(inputs_point), Some(c_point)) =
			(E::g1_msm(&pvk.vk.gamma_abc_g1, &input_scalars), E::g1_msm(&c_points, &scalars))
		else {
			return false;
		};
		g1.extend([inputs_point, c_point]);
		g2.extend([pvk.gamma_g2_neg.clone(), pvk.delta_g2_neg.clone()]);
		if !anchored {
			// `e(α, β)^{s}` moved into the Miller loop as the pair `(−s·α, β)`.
			let Some(alpha) = E::g1_mul(&pvk.vk.alpha_g1, &-sum_r) else { return false };
			g1.push(alpha);
			g2.push(E::G2Prepared::from(pvk.vk.beta_g2));
		}
	}
	let g1: Vec<E::G1Prepared> =
		E::G1::normalize_batch(&g1).into_iter().map(E::G1Prepared::from).collect();
	let miller = E::multi_miller_loop(g1, g2);
	E::final_exponentiation(miller).is_some_and(|out| out == expected)
}
