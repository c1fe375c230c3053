//! Arbitrary bytes into every decoder and into verification: nothing may panic, whatever is
//! accepted must re-encode to the same bytes, and a key is accepted exactly when it is not
//! degenerate.
#![no_main]

use ark_bls12_381::{G1Affine, G2Affine};
use ark_ec::AffineRepr;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use veritas_verifier::{
	backend::{self, Backend},
	encoding::{decode_input, encode_input},
	test_utils::{fixture, Fixture},
	Proof, PublicInput, VerifierError, VerifyingKey, PROOF_SIZE, PUBLIC_INPUT_SIZE,
};

type E = ark_bls12_381::Bls12_381;

fn valid() -> &'static Fixture {
	static FIXTURE: OnceLock<Fixture> = OnceLock::new();
	FIXTURE.get_or_init(|| fixture(2, 1, 42))
}

/// The degenerate-key rule, written out again here so that the fuzzer checks `decode` against
/// the rule rather than against itself.
fn is_degenerate(vk: &VerifyingKey<E>) -> bool {
	let g2 = G2Affine::generator();
	let same_up_to_sign = |p: G2Affine, q: G2Affine| p == q || p == -q;
	let points = &vk.gamma_abc_g1;
	vk.alpha_g1.is_zero()
		|| vk.beta_g2.is_zero()
		|| vk.gamma_g2.is_zero()
		|| vk.delta_g2.is_zero()
		|| same_up_to_sign(vk.gamma_g2, vk.delta_g2)
		|| same_up_to_sign(vk.beta_g2, vk.gamma_g2)
		|| same_up_to_sign(vk.beta_g2, vk.delta_g2)
		|| same_up_to_sign(vk.gamma_g2, g2)
		|| same_up_to_sign(vk.delta_g2, g2)
		|| points.iter().any(|p| p.is_zero())
		|| (0..points.len())
			.any(|i| (0..i).any(|j| points[i] == points[j] || points[i] == -points[j]))
}

/// Replaces one point of the key (`slot`) by another (`source`): one of its own, a generator or
/// the identity, negated when the top bit of `source` is set. Points stay in their group.
fn replace_point(vk: &mut VerifyingKey<E>, slot: u8, source: u8) {
	let negate = source & 0x80 != 0;
	let source = usize::from(source & 0x7f);
	if slot % 2 == 0 {
		let candidates =
			[vk.beta_g2, vk.gamma_g2, vk.delta_g2, G2Affine::generator(), G2Affine::zero()];
		let point = candidates[source % candidates.len()];
		let point = if negate { -point } else { point };
		match (slot / 2) % 3 {
			0 => vk.beta_g2 = point,
			1 => vk.gamma_g2 = point,
			_ => vk.delta_g2 = point,
		}
	} else {
		let mut candidates = vec![vk.alpha_g1, G1Affine::generator(), G1Affine::zero()];
		candidates.extend(&vk.gamma_abc_g1);
		let point = candidates[source % candidates.len()];
		let point = if negate { -point } else { point };
		match usize::from(slot / 2) % (vk.gamma_abc_g1.len() + 1) {
			0 => vk.alpha_g1 = point,
			input => vk.gamma_abc_g1[input - 1] = point,
		}
	}
}

fuzz_target!(|data: &[u8]| {
	let f = valid();
	let (selector, rest) = match data.split_first() {
		Some(split) => split,
		None => return,
	};
	match selector % 6 {
		// A verifying key from arbitrary bytes.
		0 => {
			if let Ok(vk) = VerifyingKey::<E>::decode(rest) {
				assert_eq!(vk.encode(), rest, "accepted key must be canonical");
				assert!(!is_degenerate(&vk), "accepted a degenerate key: {vk:?}");
			}
		},
		// The valid key with points replaced as the fuzzer chooses (random bytes almost never
		// decode, so this is where degenerate keys come from): accepted exactly when the rule
		// says it is not degenerate.
		5 => {
			let mut vk = VerifyingKey::<E>::decode(&f.vk).expect("the fixture key is valid");
			for choice in rest.chunks_exact(2) {
				replace_point(&mut vk, choice[0], choice[1]);
			}
			match VerifyingKey::<E>::decode(&vk.encode()) {
				Ok(decoded) => {
					assert_eq!(decoded, vk);
					assert!(!is_degenerate(&vk), "accepted a degenerate key: {vk:?}");
				},
				Err(error) => {
					assert_eq!(error, VerifierError::DegenerateVerifyingKey);
					assert!(is_degenerate(&vk), "refused a sound key: {vk:?}");
				},
			}
		},
		// A proof from arbitrary bytes.
		1 => {
			if let Ok(proof) = Proof::<E>::decode(rest) {
				assert_eq!(proof.encode(), rest, "accepted proof must be canonical");
			}
		},
		// A public input from arbitrary bytes.
		2 => {
			if let Ok(bytes) = <[u8; PUBLIC_INPUT_SIZE]>::try_from(rest) {
				if let Ok(x) = decode_input(&bytes) {
					assert_eq!(encode_input(&x), bytes);
				}
			}
		},
		// Verification of an arbitrary proof and inputs under a valid key: must not panic and
		// must not accept (the fixture's witness is not what the fuzzer provides, except by
		// reproducing the valid proof).
		3 => {
			let (proof, inputs) = rest.split_at(rest.len().min(PROOF_SIZE));
			let inputs: Vec<PublicInput> = inputs
				.chunks_exact(PUBLIC_INPUT_SIZE)
				.map(|c| <[u8; PUBLIC_INPUT_SIZE]>::try_from(c).unwrap_or([0; 32]))
				.collect();
			let result = backend::verify(Backend::Arkworks, &f.vk, proof, &inputs);
			if result == Ok(true) {
				assert_eq!((proof, &inputs[..]), (&f.proofs[0].0[..], &f.proofs[0].1[..]));
			}
		},
		// A batch mixing the valid proof with arbitrary ones: the valid one is never rejected.
		_ => {
			let (good_proof, good_inputs) = &f.proofs[0];
			let mut entries: Vec<(&[u8], &[PublicInput])> = vec![(good_proof, good_inputs)];
			for chunk in rest.chunks(PROOF_SIZE) {
				entries.push((chunk, good_inputs));
			}
			if let Ok(verdicts) = backend::verify_batch(Backend::Arkworks, &f.vk, &entries) {
				assert!(verdicts[0].is_valid(), "a valid proof was rejected in a batch");
			}
		},
	}
});
