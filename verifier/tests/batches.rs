//! Batches across keys: every subset of bad proofs is found exactly, on both backends, and
//! crafted proofs whose errors cancel when summed across keys are caught.

#![allow(
	clippy::arithmetic_side_effects,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::unwrap_used
)]

use ark_bls12_381::{Bls12_381, Fr, G1Projective};
use ark_ec::{pairing::Pairing, AffineRepr, CurveGroup};
use ark_ff::{UniformRand, Zero};
use ark_std::rand::{rngs::StdRng, SeedableRng};
use veritas_verifier::{
	backend::{self, prepare_vk, verify_batches_prepared, Backend},
	encoding::decode_inputs,
	test_utils::{fixture, Fixture},
	verify_batches, Proof, PublicInput, Verdict, VerifierError, VerifyingKey, MAX_BATCH_SIZE,
	PROOF_SIZE,
};

const BACKENDS: [Backend; 2] = [Backend::Arkworks, Backend::HostCalls];

type Entries = Vec<(Vec<u8>, Vec<PublicInput>)>;

/// Runs the byte-level multi-key batch on `groups` of `(prepared key, entries)`.
fn run(
	backend: Backend,
	groups: &[(Vec<u8>, Entries)],
) -> Result<Vec<Vec<Verdict>>, VerifierError> {
	let borrowed: Vec<Vec<(&[u8], &[PublicInput])>> = groups
		.iter()
		.map(|(_, entries)| {
			entries.iter().map(|(proof, inputs)| (proof.as_slice(), inputs.as_slice())).collect()
		})
		.collect();
	let refs: Vec<backend::PreparedGroup<'_>> = groups
		.iter()
		.zip(&borrowed)
		.map(|((key, _), entries)| (key.as_slice(), entries.as_slice()))
		.collect();
	verify_batches_prepared(backend, &refs)
}

/// Three keys with 1, 2 and 3 public inputs and two valid proofs each.
fn three_keys() -> Vec<(Fixture, Vec<u8>)> {
	[(1, 31), (2, 32), (3, 33)]
		.into_iter()
		.map(|(inputs, seed)| {
			let f = fixture(inputs, 2, seed);
			let prepared = prepare_vk(Backend::Arkworks, &f.vk).unwrap();
			(f, prepared)
		})
		.collect()
}

#[test]
fn valid_proofs_of_several_keys_verify_together() {
	let keys = three_keys();
	let groups: Vec<(Vec<u8>, Entries)> =
		keys.iter().map(|(f, prepared)| (prepared.clone(), f.proofs.clone())).collect();
	for backend in BACKENDS {
		let verdicts = run(backend, &groups).unwrap();
		assert_eq!(verdicts, vec![vec![Verdict::Valid; 2]; 3], "{backend:?}");
	}
}

/// Each of the six proofs (three keys, two each) is either left valid or made invalid by
/// answering another statement (its sibling's inputs), in every one of the 64 combinations.
#[test]
fn any_subset_of_bad_proofs_is_found_exactly() {
	let keys = three_keys();
	for backend in BACKENDS {
		for bad in 0u32..64 {
			let mut groups: Vec<(Vec<u8>, Entries)> = Vec::new();
			let mut expected = Vec::new();
			for (k, (f, prepared)) in keys.iter().enumerate() {
				let mut entries = f.proofs.clone();
				let mut verdicts = Vec::new();
				for (i, entry) in entries.iter_mut().enumerate() {
					if bad & (1 << (2 * k + i)) != 0 {
						entry.1 = f.proofs[1 - i].1.clone();
						verdicts.push(Verdict::Invalid);
					} else {
						verdicts.push(Verdict::Valid);
					}
				}
				groups.push((prepared.clone(), entries));
				expected.push(verdicts);
			}
			assert_eq!(run(backend, &groups).unwrap(), expected, "{backend:?}, bad set {bad:#08b}");
		}
	}
}

#[test]
fn malformed_proofs_get_their_own_verdict_and_groups_keep_their_order() {
	let keys = three_keys();
	let mut groups: Vec<(Vec<u8>, Entries)> =
		keys.iter().map(|(f, prepared)| (prepared.clone(), f.proofs.clone())).collect();
	groups[0].1[1].0 = vec![0u8; PROOF_SIZE];
	// Every proof of the middle key is malformed: nothing of it reaches the pairing.
	for entry in &mut groups[1].1 {
		entry.1.pop();
	}
	for backend in BACKENDS {
		let verdicts = run(backend, &groups).unwrap();
		assert_eq!(
			verdicts[0],
			vec![Verdict::Valid, Verdict::Malformed(VerifierError::MalformedProof)]
		);
		assert_eq!(verdicts[1], vec![Verdict::Malformed(VerifierError::WrongInputCount); 2]);
		assert_eq!(verdicts[2], vec![Verdict::Valid; 2]);
	}
}

#[test]
fn empty_oversized_and_unreadable_batches_are_errors() {
	let keys = three_keys();
	let (f, prepared) = &keys[0];
	for backend in BACKENDS {
		assert_eq!(run(backend, &[]), Err(VerifierError::EmptyBatch));
		assert_eq!(run(backend, &[(prepared.clone(), vec![])]), Err(VerifierError::EmptyBatch));
		let too_many: Entries =
			(0..=MAX_BATCH_SIZE).map(|i| f.proofs[i as usize % 2].clone()).collect();
		let halves = vec![
			(prepared.clone(), too_many[..100].to_vec()),
			(prepared.clone(), too_many[100..].to_vec()),
		];
		assert_eq!(run(backend, &halves), Err(VerifierError::BatchTooLarge));
		let unreadable = vec![(prepared[..100].to_vec(), f.proofs.clone())];
		assert_eq!(run(backend, &unreadable), Err(VerifierError::MalformedVerifyingKey));
	}
}

/// Decodes a fixture's key and proofs for the generic API.
fn decoded(f: &Fixture) -> (VerifyingKey<Bls12_381>, Vec<(Proof<Bls12_381>, Vec<Fr>)>) {
	let key = VerifyingKey::decode(&f.vk).unwrap();
	let entries = f
		.proofs
		.iter()
		.map(|(proof, inputs)| (Proof::decode(proof).unwrap(), decode_inputs(inputs).unwrap()))
		.collect();
	(key, entries)
}

/// Whether the unweighted product of the groups' equations holds (every scalar 1): the check
/// a batch without random scalars would make.
fn unweighted_sum_holds(
	groups: &[(&VerifyingKey<Bls12_381>, &[(Proof<Bls12_381>, Vec<Fr>)])],
) -> bool {
	let mut g1 = Vec::new();
	let mut g2 = Vec::new();
	let mut expected = ark_ec::pairing::PairingOutput::<Bls12_381>::zero();
	for (vk, entries) in groups {
		for (proof, inputs) in entries.iter() {
			let l = vk.gamma_abc_g1[1..]
				.iter()
				.zip(inputs)
				.fold(vk.gamma_abc_g1[0].into_group(), |acc, (p, x)| acc + *p * *x);
			g1.extend([proof.a, l.into_affine(), proof.c]);
			g2.extend([proof.b, -vk.gamma_g2, -vk.delta_g2]);
			expected += Bls12_381::pairing(vk.alpha_g1, vk.beta_g2);
		}
	}
	Bls12_381::multi_pairing(g1, g2) == expected
}

/// Two invalid proofs whose errors cancel when summed, `C + P` and `C' − P`, in two groups: two
/// models registered with the same key. Grouping by key must not let one group's error pay for
/// another's. (`verification.rs` has the same attack within one key.)
#[test]
fn proofs_whose_errors_cancel_across_keys_are_both_rejected() {
	let f = fixture(1, 2, 43);
	let (vk, entries) = decoded(&f);
	let shift = G1Projective::rand(&mut StdRng::seed_from_u64(44));
	let mut first = vec![entries[0].clone()];
	let mut second = vec![entries[1].clone()];
	first[0].0.c = (first[0].0.c.into_group() + shift).into_affine();
	second[0].0.c = (second[0].0.c.into_group() - shift).into_affine();
	assert!(unweighted_sum_holds(&[(&vk, &first), (&vk, &second)]));

	let pvk = vk.clone().prepare();
	let verdicts = verify_batches(&[(&pvk, &first), (&pvk, &second)]).unwrap();
	assert_eq!(verdicts, vec![vec![false], vec![false]]);
	let prepared = prepare_vk(Backend::Arkworks, &f.vk).unwrap();
	let group = |entries: &[(Proof<Bls12_381>, Vec<Fr>)], index: usize| -> (Vec<u8>, Entries) {
		(prepared.clone(), vec![(entries[0].0.encode(), f.proofs[index].1.clone())])
	};
	for backend in BACKENDS {
		let verdicts = run(backend, &[group(&first, 0), group(&second, 1)]).unwrap();
		assert_eq!(verdicts, vec![vec![Verdict::Invalid], vec![Verdict::Invalid]], "{backend:?}");
	}
}

/// Moving a valid proof from one group to another of a different key changes the transcript
/// and the verdict: a proof is judged under the key of its group.
#[test]
fn a_proof_is_judged_under_its_own_groups_key() {
	let keys = three_keys();
	let (f0, key0) = &keys[1];
	let (f1, key1) = &keys[2];
	let (_, other_key) = &keys[0];
	for backend in BACKENDS {
		let swapped = vec![(key0.clone(), f1.proofs.clone()), (key1.clone(), f0.proofs.clone())];
		let verdicts = run(backend, &swapped).unwrap();
		// Three-input proofs under a two-input key are malformed; the others invalid.
		assert_eq!(verdicts[0], vec![Verdict::Malformed(VerifierError::WrongInputCount); 2]);
		assert_eq!(verdicts[1], vec![Verdict::Malformed(VerifierError::WrongInputCount); 2]);
		let same_size = fixture(1, 1, 45);
		let verdicts = run(backend, &[(other_key.clone(), same_size.proofs.clone())]).unwrap();
		assert_eq!(verdicts, vec![vec![Verdict::Invalid]], "{backend:?}");
	}
}

/// The same error in every proof of a group, in the first group (whose scalars are made to sum
/// to one) and in a later one (whose `e(α, β)` term is a Miller-loop pair): each is caught, and
/// the other group's valid proofs still pass.
#[test]
fn one_error_shared_by_every_proof_of_a_group_is_caught() {
	let f = fixture(2, 4, 46);
	let (vk, entries) = decoded(&f);
	let shift = G1Projective::rand(&mut StdRng::seed_from_u64(47));
	let shifted: Vec<_> = entries
		.iter()
		.map(|(proof, inputs)| {
			let mut proof = proof.clone();
			proof.c = (proof.c.into_group() + shift).into_affine();
			(proof, inputs.clone())
		})
		.collect();
	let pvk = vk.prepare();
	let prepared = prepare_vk(Backend::Arkworks, &f.vk).unwrap();
	let bytes = |entries: &[(Proof<Bls12_381>, Vec<Fr>)]| -> (Vec<u8>, Entries) {
		let encoded = entries
			.iter()
			.zip(&f.proofs)
			.map(|((proof, _), (_, inputs))| (proof.encode(), inputs.clone()))
			.collect();
		(prepared.clone(), encoded)
	};
	for (bad_first, groups) in [(true, [&shifted, &entries]), (false, [&entries, &shifted])] {
		let verdicts = verify_batches(&[(&pvk, groups[0]), (&pvk, groups[1])]).unwrap();
		let expected = |bad: bool| vec![!bad; 4];
		assert_eq!(verdicts, vec![expected(bad_first), expected(!bad_first)]);
		assert_eq!(verify_batches(&[(&pvk, &shifted)]).unwrap(), vec![vec![false; 4]]);
		for backend in BACKENDS {
			let verdicts = run(backend, &[bytes(groups[0]), bytes(groups[1])]).unwrap();
			let expected = |bad: bool| vec![if bad { Verdict::Invalid } else { Verdict::Valid }; 4];
			assert_eq!(verdicts, vec![expected(bad_first), expected(!bad_first)], "{backend:?}");
		}
	}
}
