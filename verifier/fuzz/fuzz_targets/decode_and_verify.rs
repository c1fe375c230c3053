//! Arbitrary bytes into every decoder and into verification: nothing may panic, and whatever is
//! accepted must re-encode to the same bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use veritas_verifier::{
	backend::{self, Backend},
	encoding::{decode_input, encode_input},
	test_utils::{fixture, Fixture},
	Proof, PublicInput, VerifyingKey, PROOF_SIZE, PUBLIC_INPUT_SIZE,
};

type E = ark_bls12_381::Bls12_381;

fn valid() -> &'static Fixture {
	static FIXTURE: OnceLock<Fixture> = OnceLock::new();
	FIXTURE.get_or_init(|| fixture(2, 1, 42))
}

fuzz_target!(|data: &[u8]| {
	let f = valid();
	let (selector, rest) = match data.split_first() {
		Some(split) => split,
		None => return,
	};
	match selector % 5 {
		// A verifying key from arbitrary bytes.
		0 => {
			if let Ok(vk) = VerifyingKey::<E>::decode(rest) {
				assert_eq!(vk.encode(), rest, "accepted key must be canonical");
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
