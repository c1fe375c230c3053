//! Verifying keys that no honest setup produces, under which proofs can be forged or a public
//! input means nothing, are refused (`VerifyingKey::is_degenerate`); and the forgery the first of
//! them opens is real.

#![allow(
	clippy::arithmetic_side_effects,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::unwrap_used
)]

use ark_bls12_381::{Bls12_381, G1Affine, G1Projective, G2Affine, G2Projective};
use ark_ec::{AffineRepr, CurveGroup};
use ark_ff::UniformRand;
use ark_groth16::Groth16;
use ark_std::rand::{rngs::StdRng, Rng, SeedableRng};
use veritas_verifier::{
	backend::{self, Backend},
	test_utils::{chain_inputs, setup, ChainCircuit},
	verify, Fr, Proof, VerifierError, VerifyingKey, MAX_PUBLIC_INPUTS,
};

type Key = VerifyingKey<Bls12_381>;

const BACKENDS: [Backend; 2] = [Backend::Arkworks, Backend::HostCalls];

/// A valid key from a seeded setup of the test circuit.
fn valid_key(public_inputs: usize, seed: u64) -> Key {
	let (_, bytes) = setup(public_inputs, seed);
	Key::decode(&bytes).expect("a seeded setup gives a valid key")
}

/// A key of random points: as valid as an honest setup's, as far as decoding can tell.
fn random_key(rng: &mut StdRng) -> Key {
	let public_inputs = rng.gen_range(1..=MAX_PUBLIC_INPUTS as usize);
	Key {
		alpha_g1: G1Affine::rand(rng),
		beta_g2: G2Affine::rand(rng),
		gamma_g2: G2Affine::rand(rng),
		delta_g2: G2Affine::rand(rng),
		gamma_abc_g1: (0..=public_inputs).map(|_| G1Affine::rand(rng)).collect(),
	}
}

fn changed(key: &Key, change: impl FnOnce(&mut Key)) -> Key {
	let mut key = key.clone();
	change(&mut key);
	key
}

/// Both backends refuse the key's bytes as degenerate.
fn assert_refused(key: &Key, attack: &str) {
	assert!(key.is_degenerate(), "{attack}");
	let bytes = key.encode();
	assert_eq!(Key::decode(&bytes), Err(VerifierError::DegenerateVerifyingKey), "{attack}");
	for backend in BACKENDS {
		assert_eq!(
			backend::validate_vk(backend, &bytes),
			Err(VerifierError::DegenerateVerifyingKey),
			"{attack} on {backend:?}"
		);
	}
}

/// Every degenerate form of `key`, each named after what it lets an attacker do; the input
/// points made equal or opposite are a random pair.
fn degenerate_forms(key: &Key, rng: &mut StdRng) -> Vec<(&'static str, Key)> {
	let points = key.gamma_abc_g1.len();
	let i = rng.gen_range(0..points);
	let j = (i + rng.gen_range(1..points)) % points;
	let generator = G2Affine::generator();
	vec![
		("α = 0: the key binds nothing", changed(key, |k| k.alpha_g1 = G1Affine::zero())),
		("β = 0: the key binds nothing", changed(key, |k| k.beta_g2 = G2Affine::zero())),
		("γ = 0: the inputs drop out", changed(key, |k| k.gamma_g2 = G2Affine::zero())),
		("δ = 0: C drops out", changed(key, |k| k.delta_g2 = G2Affine::zero())),
		("γ = δ: C and L(x) trade weight", changed(key, |k| k.delta_g2 = k.gamma_g2)),
		("γ = −δ: C and L(x) trade weight", changed(key, |k| k.delta_g2 = -k.gamma_g2)),
		("β = γ: A = α + L, B = β + δ, C = A", changed(key, |k| k.gamma_g2 = k.beta_g2)),
		("β = −γ: the same, negated", changed(key, |k| k.gamma_g2 = -k.beta_g2)),
		("β = δ: A = L, B = β + γ, C = L − α", changed(key, |k| k.delta_g2 = k.beta_g2)),
		("β = −δ: the same, negated", changed(key, |k| k.delta_g2 = -k.beta_g2)),
		("δ = G2: no phase-2 contribution", changed(key, |k| k.delta_g2 = generator)),
		("δ = −G2: no phase-2 contribution", changed(key, |k| k.delta_g2 = -generator)),
		("γ = G2: γ carries no secret", changed(key, |k| k.gamma_g2 = generator)),
		("γ = −G2: γ carries no secret", changed(key, |k| k.gamma_g2 = -generator)),
		(
			"γ_abc_i = 0: input i unconstrained",
			changed(key, |k| k.gamma_abc_g1[i] = G1Affine::zero()),
		),
		(
			"γ_abc_j = γ_abc_i: inputs i and j trade value",
			changed(key, |k| k.gamma_abc_g1[j] = k.gamma_abc_g1[i]),
		),
		(
			"γ_abc_j = −γ_abc_i: inputs i and j move together",
			changed(key, |k| k.gamma_abc_g1[j] = -k.gamma_abc_g1[i]),
		),
	]
}

#[test]
fn a_key_with_gamma_equal_to_delta_is_refused() {
	let key = valid_key(2, 1);
	assert_refused(&changed(&key, |k| k.delta_g2 = k.gamma_g2), "γ = δ");
}

#[test]
fn a_key_with_gamma_opposite_to_delta_is_refused() {
	let key = valid_key(2, 2);
	assert_refused(&changed(&key, |k| k.delta_g2 = -k.gamma_g2), "γ = −δ");
}

#[test]
fn a_key_without_a_phase_two_contribution_is_refused() {
	let key = valid_key(2, 3);
	let generator = G2Affine::generator();
	assert_refused(&changed(&key, |k| k.delta_g2 = generator), "δ = G2");
	assert_refused(&changed(&key, |k| k.delta_g2 = -generator), "δ = −G2");
	// What a snarkjs setup with no contribution at all leaves: γ = δ = G2.
	let untouched = changed(&key, |k| {
		k.gamma_g2 = generator;
		k.delta_g2 = generator;
	});
	assert_refused(&untouched, "γ = δ = G2");
}

#[test]
fn a_key_with_gamma_at_the_generator_is_refused() {
	let key = valid_key(2, 4);
	let generator = G2Affine::generator();
	assert_refused(&changed(&key, |k| k.gamma_g2 = generator), "γ = G2");
	assert_refused(&changed(&key, |k| k.gamma_g2 = -generator), "γ = −G2");
}

#[test]
fn a_key_that_leaves_a_public_input_unconstrained_is_refused() {
	let key = valid_key(3, 5);
	for index in 0..key.gamma_abc_g1.len() {
		let unconstrained = changed(&key, |k| k.gamma_abc_g1[index] = G1Affine::zero());
		assert_refused(&unconstrained, &format!("γ_abc_{index} = 0"));
	}
}

#[test]
fn a_key_whose_public_inputs_trade_value_is_refused() {
	let key = valid_key(3, 6);
	let points = key.gamma_abc_g1.len();
	for i in 0..points {
		for j in (0..points).filter(|&j| j != i) {
			let equal = changed(&key, |k| k.gamma_abc_g1[j] = k.gamma_abc_g1[i]);
			assert_refused(&equal, &format!("γ_abc_{j} = γ_abc_{i}"));
		}
	}
}

#[test]
fn a_key_whose_public_inputs_move_together_is_refused() {
	let key = valid_key(3, 7);
	let points = key.gamma_abc_g1.len();
	for i in 0..points {
		for j in (0..points).filter(|&j| j != i) {
			let opposite = changed(&key, |k| k.gamma_abc_g1[j] = -k.gamma_abc_g1[i]);
			assert_refused(&opposite, &format!("γ_abc_{j} = −γ_abc_{i}"));
		}
	}
}

/// The rule, fuzzed: over many seeds, a valid key (from a real setup, or of random points) is
/// accepted and every degenerate form of it is refused.
#[test]
fn every_degenerate_form_of_a_valid_key_is_refused_whatever_the_seed() {
	for seed in 0..64u64 {
		let mut rng = StdRng::seed_from_u64(seed);
		let key = if seed < 8 {
			valid_key(rng.gen_range(1..=MAX_PUBLIC_INPUTS as usize), seed)
		} else {
			random_key(&mut rng)
		};
		assert!(!key.is_degenerate(), "seed {seed}");
		for backend in BACKENDS {
			let accepted = backend::validate_vk(backend, &key.encode());
			assert_eq!(accepted, Ok(key.public_inputs()), "seed {seed} on {backend:?}");
		}
		for (attack, degenerate) in degenerate_forms(&key, &mut rng) {
			assert_refused(&degenerate, &format!("{attack} (seed {seed})"));
		}
	}
}

/// `L(x) = γ_abc_0 + Σ x_j·γ_abc_j`: the public inputs' point of the verification equation.
fn inputs_point(key: &Key, inputs: &[Fr]) -> G1Projective {
	let (first, rest) = key.gamma_abc_g1.split_first().unwrap();
	rest.iter().zip(inputs).fold(first.into_group(), |sum, (point, x)| sum + *point * x)
}

/// Moves `L(x) − L(x')` into `C`: what turns a proof for `x` into one for `x'` when `γ = δ`,
/// since then `e(L, γ)·e(C, δ) = e(L + C, γ)`. No witness is needed.
fn forge(key: &Key, proof: &Proof<Bls12_381>, inputs: &[Fr], forged: &[Fr]) -> Proof<Bls12_381> {
	let shift = inputs_point(key, inputs) - inputs_point(key, forged);
	Proof { c: (proof.c.into_group() + shift).into_affine(), ..proof.clone() }
}

/// A setup of the test circuit (two public inputs) with the given toxic waste, its key as the
/// verifier reads it, and an honest proof for witness 3 with its inputs.
fn setup_and_prove(toxic_waste: [Fr; 4], rng: &mut StdRng) -> (Key, Proof<Bls12_381>, Vec<Fr>) {
	let [alpha, beta, gamma, delta] = toxic_waste;
	let (g1, g2) = (G1Projective::rand(rng), G2Projective::rand(rng));
	let circuit = ChainCircuit { witness: None, public_inputs: 2 };
	let pk = Groth16::<Bls12_381>::generate_parameters_with_qap(
		circuit, alpha, beta, gamma, delta, g1, g2, rng,
	)
	.unwrap();
	let key = Key {
		alpha_g1: pk.vk.alpha_g1,
		beta_g2: pk.vk.beta_g2,
		gamma_g2: pk.vk.gamma_g2,
		delta_g2: pk.vk.delta_g2,
		gamma_abc_g1: pk.vk.gamma_abc_g1.clone(),
	};
	let witness = Fr::from(3u64);
	let circuit = ChainCircuit { witness: Some(witness), public_inputs: 2 };
	let proof =
		Groth16::<Bls12_381>::create_random_proof_with_reduction(circuit, &pk, rng).unwrap();
	(key, Proof { a: proof.a, b: proof.b, c: proof.c }, chain_inputs(witness, 2))
}

/// Attack: register a key from a setup with `γ = δ`, then prove anything. Its honest proofs
/// verify, and so does a proof for inputs no witness gives, made from one of them without the
/// witness. The same forgery fails under a key with `γ ≠ δ`, and `decode` refuses the first key.
#[test]
fn gamma_equal_to_delta_lets_anyone_forge_proofs_so_such_keys_are_refused() {
	let mut rng = StdRng::seed_from_u64(0x6a3d);
	let [alpha, beta, gamma, delta] = [(); 4].map(|()| Fr::rand(&mut rng));
	// No witness gives these: x_2 = (x_1 + w)·x_1 = 5 with x_1 = 2 needs w = 1/2, and then
	// x_1 = w² = 1/4, not 2.
	let forged_inputs = [Fr::from(2u64), Fr::from(5u64)];

	let (key, proof, inputs) = setup_and_prove([alpha, beta, gamma, gamma], &mut rng);
	assert_eq!(key.gamma_g2, key.delta_g2);
	let prepared = key.clone().prepare();
	assert_eq!(verify(&prepared, &proof, &inputs), Ok(true), "the honest proof verifies");
	let forged = forge(&key, &proof, &inputs, &forged_inputs);
	assert_eq!(verify(&prepared, &forged, &forged_inputs), Ok(true), "the forgery verifies");

	let (honest_key, proof, inputs) = setup_and_prove([alpha, beta, gamma, delta], &mut rng);
	let prepared = honest_key.clone().prepare();
	assert_eq!(verify(&prepared, &proof, &inputs), Ok(true));
	let forged = forge(&honest_key, &proof, &inputs, &forged_inputs);
	assert_eq!(verify(&prepared, &forged, &forged_inputs), Ok(false), "γ ≠ δ stops it");
	assert_eq!(Key::decode(&honest_key.encode()), Ok(honest_key));

	assert_refused(&key, "γ = δ from a real setup");
}

/// Attack: register a key whose `γ` or `δ` equals `β`, then answer any job with a proof built
/// from the key's public points alone — no setup secret, no witness. Both forgeries verify
/// under such keys for random inputs, fail under the honest key, and the keys are refused.
#[test]
fn beta_equal_to_gamma_or_delta_lets_anyone_forge_proofs_so_such_keys_are_refused() {
	let mut rng = StdRng::seed_from_u64(0xbe7a);
	let honest = valid_key(3, 11);
	let inputs: Vec<Fr> = (0..honest.public_inputs()).map(|_| Fr::rand(&mut rng)).collect();
	let l = |key: &Key| inputs_point(key, &inputs);
	let alpha = |key: &Key| key.alpha_g1.into_group();
	// β = γ: e(α + L, β + δ) = e(α, β)·e(L, β)·e(α + L, δ).
	let with_gamma = |key: &Key| Proof::<Bls12_381> {
		a: (alpha(key) + l(key)).into_affine(),
		b: (key.beta_g2.into_group() + key.delta_g2).into_affine(),
		c: (alpha(key) + l(key)).into_affine(),
	};
	// β = δ: e(L, β + γ) = e(α, β)·e(L, γ)·e(L − α, β).
	let with_delta = |key: &Key| Proof::<Bls12_381> {
		a: l(key).into_affine(),
		b: (key.beta_g2.into_group() + key.gamma_g2).into_affine(),
		c: (l(key) - alpha(key)).into_affine(),
	};
	let attacks: [(&str, Key, &dyn Fn(&Key) -> Proof<Bls12_381>); 2] = [
		("β = γ", changed(&honest, |k| k.gamma_g2 = k.beta_g2), &with_gamma),
		("β = δ", changed(&honest, |k| k.delta_g2 = k.beta_g2), &with_delta),
	];
	for (attack, key, forge) in attacks {
		let forged = verify(&key.clone().prepare(), &forge(&key), &inputs);
		assert_eq!(forged, Ok(true), "{attack}: the forgery verifies");
		let stopped = verify(&honest.clone().prepare(), &forge(&honest), &inputs);
		assert_eq!(stopped, Ok(false), "{attack}: the honest key stops it");
		assert_refused(&key, attack);
	}
}
