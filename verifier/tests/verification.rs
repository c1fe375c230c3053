//! Every rejection path of the verifier, and batch-vs-single equivalence, on real proofs.

#![allow(
	clippy::arithmetic_side_effects,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::unwrap_used
)]

use ark_bls12_381::{Fq, Fq2, G1Affine, G2Affine};
use ark_ec::AffineRepr;
use ark_ff::{BigInteger, Field, One, PrimeField, UniformRand};
use ark_serialize::{CanonicalDeserialize, CanonicalSerialize};
use ark_std::rand::{rngs::StdRng, SeedableRng};
use veritas_verifier::{
	backend::{self, Backend},
	batch_scalars,
	encoding::{decode_input, decode_inputs, encode_input},
	test_utils::{fixture, prove, setup},
	Fr, Proof, PublicInput, Verdict, VerifierError, VerifyingKey, MAX_BATCH_SIZE,
	MAX_PUBLIC_INPUTS, PROOF_SIZE,
};

const BACKENDS: [Backend; 2] = [Backend::Arkworks, Backend::HostCalls];

fn compressed<T: CanonicalSerialize>(value: &T) -> Vec<u8> {
	let mut out = Vec::new();
	value.serialize_compressed(&mut out).unwrap();
	out
}

/// A point on the G1 curve outside the prime-order subgroup.
fn g1_point_outside_subgroup() -> G1Affine {
	let mut x = Fq::one();
	loop {
		if let Some(y) = (x * x * x + Fq::from(4u64)).sqrt() {
			let p = G1Affine::new_unchecked(x, y);
			if !p.is_in_correct_subgroup_assuming_on_curve() {
				return p;
			}
		}
		x += Fq::one();
	}
}

/// A point on the G2 curve (`y² = x³ + 4(u + 1)`) outside the prime-order subgroup.
fn g2_point_outside_subgroup() -> G2Affine {
	let mut x = Fq2::one();
	loop {
		if let Some(p) = G2Affine::get_point_from_x_unchecked(x, false) {
			if !p.is_in_correct_subgroup_assuming_on_curve() {
				return p;
			}
		}
		x += Fq2::one();
	}
}

#[test]
fn valid_proofs_verify_on_both_backends_and_agree_with_ark_groth16() {
	let f = fixture(2, 3, 1);
	let vk =
		ark_groth16::VerifyingKey::<ark_bls12_381::Bls12_381>::deserialize_compressed(&f.vk[..])
			.unwrap();
	let pvk = ark_groth16::prepare_verifying_key(&vk);
	for (proof, inputs) in &f.proofs {
		for backend in BACKENDS {
			assert_eq!(backend::verify(backend, &f.vk, proof, inputs), Ok(true), "{backend:?}");
		}
		let ark_proof =
			ark_groth16::Proof::<ark_bls12_381::Bls12_381>::deserialize_compressed(&proof[..])
				.unwrap();
		let xs: Vec<Fr> = inputs.iter().map(|x| decode_input(x).unwrap()).collect();
		assert!(ark_groth16::Groth16::<ark_bls12_381::Bls12_381>::verify_proof(
			&pvk, &ark_proof, &xs
		)
		.unwrap());
	}
}

#[test]
fn wrong_inputs_or_wrong_key_do_not_verify() {
	let f = fixture(2, 2, 2);
	let (proof, inputs) = &f.proofs[0];
	let (_, other_inputs) = &f.proofs[1];
	let (_, other_vk) = setup(2, 99);
	for backend in BACKENDS {
		assert_eq!(backend::verify(backend, &f.vk, proof, other_inputs), Ok(false));
		let mut bumped = inputs.clone();
		bumped[1] = encode_input(&(decode_input(&bumped[1]).unwrap() + Fr::one()));
		assert_eq!(backend::verify(backend, &f.vk, proof, &bumped), Ok(false));
		assert_eq!(backend::verify(backend, &other_vk, proof, inputs), Ok(false));
	}
}

#[test]
fn verifying_key_rejections() {
	let f = fixture(2, 1, 3);
	let vk = &f.vk;
	for backend in BACKENDS {
		assert_eq!(backend::validate_vk(backend, vk), Ok(2));
		// Wrong lengths.
		assert_eq!(backend::validate_vk(backend, &[]), Err(VerifierError::MalformedVerifyingKey));
		assert_eq!(
			backend::validate_vk(backend, &vk[..vk.len() - 1]),
			Err(VerifierError::MalformedVerifyingKey)
		);
		let mut longer = vk.clone();
		longer.push(0);
		assert_eq!(
			backend::validate_vk(backend, &longer),
			Err(VerifierError::MalformedVerifyingKey)
		);
		// A coordinate that is not on the curve (flip a bit of α's x).
		let mut off_curve = vk.clone();
		off_curve[47] ^= 1;
		assert!(backend::validate_vk(backend, &off_curve).is_err());
		// A non-canonical encoding: the infinity flag set on a non-identity α.
		let mut flags = vk.clone();
		flags[0] |= 0x40;
		assert_eq!(
			backend::validate_vk(backend, &flags),
			Err(VerifierError::MalformedVerifyingKey)
		);
		// α = identity.
		let mut identity = vk.clone();
		identity[..48].copy_from_slice(&compressed(&G1Affine::zero()));
		assert_eq!(
			backend::validate_vk(backend, &identity),
			Err(VerifierError::DegenerateVerifyingKey)
		);
		// α outside the prime-order subgroup.
		let mut cofactor = vk.clone();
		cofactor[..48].copy_from_slice(&compressed(&g1_point_outside_subgroup()));
		assert_eq!(
			backend::validate_vk(backend, &cofactor),
			Err(VerifierError::MalformedVerifyingKey)
		);
		// Input counts: none, and more than the bound.
		let count_at = 48 + 3 * 96;
		let mut no_inputs = vk[..count_at].to_vec();
		no_inputs.extend(1u64.to_le_bytes());
		no_inputs.extend(&vk[count_at + 8..count_at + 8 + 48]);
		assert_eq!(
			backend::validate_vk(backend, &no_inputs),
			Err(VerifierError::UnsupportedInputCount)
		);
		let mut too_many = vk.clone();
		too_many[count_at..count_at + 8]
			.copy_from_slice(&(u64::from(MAX_PUBLIC_INPUTS) + 2).to_le_bytes());
		assert_eq!(
			backend::validate_vk(backend, &too_many),
			Err(VerifierError::UnsupportedInputCount)
		);
		let mut huge = vk.clone();
		huge[count_at..count_at + 8].copy_from_slice(&u64::MAX.to_le_bytes());
		assert_eq!(backend::validate_vk(backend, &huge), Err(VerifierError::UnsupportedInputCount));
	}
}

#[test]
fn the_largest_key_is_accepted() {
	let f = fixture(MAX_PUBLIC_INPUTS as usize, 1, 4);
	let (proof, inputs) = &f.proofs[0];
	assert_eq!(f.vk.len(), veritas_verifier::MAX_VERIFYING_KEY_SIZE as usize);
	for backend in BACKENDS {
		assert_eq!(backend::validate_vk(backend, &f.vk), Ok(MAX_PUBLIC_INPUTS));
		assert_eq!(backend::verify(backend, &f.vk, proof, inputs), Ok(true));
	}
}

#[test]
fn proof_and_input_rejections() {
	let f = fixture(2, 1, 5);
	let (proof, inputs) = &f.proofs[0];
	for backend in BACKENDS {
		let verify = |p: &[u8], x: &[PublicInput]| backend::verify(backend, &f.vk, p, x);
		assert_eq!(verify(&proof[..PROOF_SIZE - 1], inputs), Err(VerifierError::MalformedProof));
		assert_eq!(
			verify(&[proof.clone(), vec![0]].concat(), inputs),
			Err(VerifierError::MalformedProof)
		);
		let mut off_curve = proof.clone();
		off_curve[47] ^= 1;
		assert!(matches!(
			verify(&off_curve, inputs),
			Err(VerifierError::MalformedProof) | Ok(false)
		));
		let mut non_canonical = proof.clone();
		non_canonical[48] |= 0x40;
		assert_eq!(verify(&non_canonical, inputs), Err(VerifierError::MalformedProof));
		let mut outside = proof.clone();
		outside[..48].copy_from_slice(&compressed(&g1_point_outside_subgroup()));
		assert_eq!(verify(&outside, inputs), Err(VerifierError::MalformedProof));
		let mut outside = proof.clone();
		outside[48..144].copy_from_slice(&compressed(&g2_point_outside_subgroup()));
		assert_eq!(verify(&outside, inputs), Err(VerifierError::MalformedProof));
		let mut outside = proof.clone();
		outside[144..].copy_from_slice(&compressed(&g1_point_outside_subgroup()));
		assert_eq!(verify(&outside, inputs), Err(VerifierError::MalformedProof));
		let mut identity = proof.clone();
		identity[48..144].copy_from_slice(&compressed(&G2Affine::zero()));
		assert_eq!(verify(&identity, inputs), Err(VerifierError::DegenerateProof));
		// Input count and field range.
		assert_eq!(verify(proof, &inputs[..1]), Err(VerifierError::WrongInputCount));
		assert_eq!(
			verify(proof, &[inputs.clone(), inputs.clone()].concat()),
			Err(VerifierError::WrongInputCount)
		);
		let mut modulus = [0u8; 32];
		let r_bytes = Fr::MODULUS.to_bytes_le();
		modulus.copy_from_slice(&r_bytes);
		assert_eq!(verify(proof, &[modulus, inputs[1]]), Err(VerifierError::InputNotInField));
		assert_eq!(verify(proof, &[[0xff; 32], inputs[1]]), Err(VerifierError::InputNotInField));
	}
}

#[test]
fn inputs_round_trip_and_reject_out_of_field() {
	let mut rng = StdRng::seed_from_u64(6);
	for _ in 0..100 {
		let x = Fr::rand(&mut rng);
		assert_eq!(decode_input(&encode_input(&x)), Ok(x));
	}
	let mut r_minus_one = Fr::MODULUS;
	r_minus_one.sub_with_borrow(&ark_ff::BigInt::from(1u64));
	let mut bytes = [0u8; 32];
	bytes.copy_from_slice(&r_minus_one.to_bytes_le());
	assert_eq!(decode_input(&bytes), Ok(-Fr::one()));
}

#[test]
fn batch_of_valid_proofs_passes_on_both_backends() {
	let f = fixture(2, 8, 7);
	let entries: Vec<(&[u8], &[PublicInput])> =
		f.proofs.iter().map(|(p, x)| (p.as_slice(), x.as_slice())).collect();
	for backend in BACKENDS {
		let verdicts = backend::verify_batch(backend, &f.vk, &entries).unwrap();
		assert_eq!(verdicts, vec![Verdict::Valid; 8]);
	}
}

#[test]
fn batch_names_every_bad_proof_and_never_rejects_a_good_one() {
	let f = fixture(2, 6, 8);
	let (pk_other, _) = setup(2, 77);
	let foreign = prove(&pk_other, 3, 3).0;
	let mut proofs: Vec<(Vec<u8>, Vec<PublicInput>)> = f.proofs.clone();
	// 1: inputs of another proof. 3: a proof made under another key. 4: garbage bytes.
	proofs[1].1 = f.proofs[2].1.clone();
	proofs[3].0 = foreign;
	proofs[4].0 = vec![7u8; PROOF_SIZE];
	let entries: Vec<(&[u8], &[PublicInput])> =
		proofs.iter().map(|(p, x)| (p.as_slice(), x.as_slice())).collect();
	for backend in BACKENDS {
		let verdicts = backend::verify_batch(backend, &f.vk, &entries).unwrap();
		assert_eq!(verdicts[0], Verdict::Valid);
		assert_eq!(verdicts[1], Verdict::Invalid);
		assert_eq!(verdicts[2], Verdict::Valid);
		assert_eq!(verdicts[3], Verdict::Invalid);
		assert!(matches!(verdicts[4], Verdict::Malformed(_)));
		assert_eq!(verdicts[5], Verdict::Valid);
		// The batch agrees with verifying one by one.
		for ((proof, inputs), verdict) in entries.iter().zip(&verdicts) {
			let single = backend::verify(backend, &f.vk, proof, inputs);
			match verdict {
				Verdict::Valid => assert_eq!(single, Ok(true)),
				Verdict::Invalid => assert_eq!(single, Ok(false)),
				Verdict::Malformed(e) => assert_eq!(single, Err(*e)),
			}
		}
	}
}

#[test]
fn batch_passes_iff_every_member_passes() {
	let f = fixture(3, 5, 9);
	// Every subset of tampered proofs: the batch is all-valid exactly when the subset is empty.
	for mask in 0u32..(1 << 5) {
		let proofs: Vec<(Vec<u8>, Vec<PublicInput>)> = f
			.proofs
			.iter()
			.enumerate()
			.map(|(i, (p, x))| {
				let mut x = x.clone();
				if mask & (1 << i) != 0 {
					x[2] = {
						let v = decode_input(&x[2]).unwrap();
						encode_input(&(v + v))
					};
				}
				(p.clone(), x)
			})
			.collect();
		let entries: Vec<(&[u8], &[PublicInput])> =
			proofs.iter().map(|(p, x)| (p.as_slice(), x.as_slice())).collect();
		let verdicts = backend::verify_batch(Backend::Arkworks, &f.vk, &entries).unwrap();
		for (i, verdict) in verdicts.iter().enumerate() {
			let tampered = mask & (1 << i) != 0;
			assert_eq!(*verdict, if tampered { Verdict::Invalid } else { Verdict::Valid });
		}
	}
}

#[test]
fn batch_size_and_key_errors() {
	let f = fixture(2, 1, 10);
	let (proof, inputs) = &f.proofs[0];
	for backend in BACKENDS {
		assert_eq!(backend::verify_batch(backend, &f.vk, &[]), Err(VerifierError::EmptyBatch));
		let too_many = vec![(proof.as_slice(), inputs.as_slice()); MAX_BATCH_SIZE as usize + 1];
		assert_eq!(
			backend::verify_batch(backend, &f.vk, &too_many),
			Err(VerifierError::BatchTooLarge)
		);
		assert_eq!(
			backend::verify_batch(backend, &f.vk[..f.vk.len() - 1], &[(proof, inputs)]),
			Err(VerifierError::MalformedVerifyingKey)
		);
		let wrong_count = [(proof.as_slice(), &inputs[..1])];
		assert_eq!(
			backend::verify_batch(backend, &f.vk, &wrong_count).unwrap(),
			vec![Verdict::Malformed(VerifierError::WrongInputCount)]
		);
	}
}

#[test]
fn crafted_batch_cannot_cancel_errors_across_proofs() {
	// Two wrong proofs whose errors would cancel in an unweighted sum: swap the C points of two
	// valid proofs. Without random weights Σ C_i is unchanged; with them the batch must fail.
	let f = fixture(2, 2, 11);
	let (p0, x0) = &f.proofs[0];
	let (p1, x1) = &f.proofs[1];
	let mut q0 = p0.clone();
	let mut q1 = p1.clone();
	q0[144..].copy_from_slice(&p1[144..]);
	q1[144..].copy_from_slice(&p0[144..]);
	let entries: [(&[u8], &[PublicInput]); 2] = [(&q0, x0), (&q1, x1)];
	for backend in BACKENDS {
		assert_eq!(
			backend::verify_batch(backend, &f.vk, &entries).unwrap(),
			vec![Verdict::Invalid, Verdict::Invalid]
		);
	}
}

#[test]
fn prepared_keys_round_trip_and_verify_like_raw_keys() {
	let f = fixture(2, 3, 12);
	for backend in BACKENDS {
		let prepared = backend::prepare_vk(backend, &f.vk).unwrap();
		assert_eq!(prepared.len(), veritas_verifier::prepared_key_size(2));
		// Both backends prepare the same bytes.
		assert_eq!(prepared, backend::prepare_vk(Backend::Arkworks, &f.vk).unwrap());
		let (proof, inputs) = &f.proofs[0];
		let (_, other) = &f.proofs[1];
		assert_eq!(backend::verify_prepared(backend, &prepared, proof, inputs), Ok(true));
		assert_eq!(backend::verify_prepared(backend, &prepared, proof, other), Ok(false));
		assert_eq!(
			backend::verify_prepared(backend, &prepared[..prepared.len() - 1], proof, inputs),
			Err(VerifierError::MalformedVerifyingKey)
		);
		assert_eq!(
			backend::verify_prepared(backend, &prepared, proof, &inputs[..1]),
			Err(VerifierError::WrongInputCount)
		);
		let entries: Vec<(&[u8], &[PublicInput])> =
			f.proofs.iter().map(|(p, x)| (p.as_slice(), x.as_slice())).collect();
		assert_eq!(
			backend::verify_batch_prepared(backend, &prepared, &entries).unwrap(),
			vec![Verdict::Valid; 3]
		);
		assert!(backend::prepare_vk(backend, &f.vk[1..]).is_err());
	}
}

#[test]
fn batch_scalars_depend_on_the_key() {
	type E = ark_bls12_381::Bls12_381;
	let f = fixture(2, 3, 13);
	let (_, other_vk) = setup(2, 14);
	let key = VerifyingKey::<E>::decode(&f.vk).unwrap();
	let other_key = VerifyingKey::<E>::decode(&other_vk).unwrap();
	let entries: Vec<(Proof<E>, Vec<Fr>)> = f
		.proofs
		.iter()
		.map(|(proof, inputs)| (Proof::decode(proof).unwrap(), decode_inputs(inputs).unwrap()))
		.collect();
	let scalars = batch_scalars(&[(&key, &entries)]);
	assert_eq!(scalars.len(), entries.len());
	assert_eq!(scalars, batch_scalars(&[(&key, &entries)]), "the transcript is deterministic");
	let under_other_key = batch_scalars(&[(&other_key, &entries)]);
	for (scalar, other) in scalars.iter().zip(&under_other_key) {
		assert_ne!(scalar, other, "the same proofs under another key give other scalars");
	}
}
