//! Which Veritas blocks relay validators accept. Real blocks that register a model and verify
//! Groth16 proofs, built from the compiled runtime, run through the PVF executor with and without
//! `EnabledHostFunction(EccRfc163)`:
//!
//! - verified on the host calls: valid with `EccRfc163`, invalid without (naming the function);
//! - verified in pure wasm: valid both ways;
//! - under the default `Auto` policy, whatever the relay's state says: valid under the relay's
//!   own executor parameters. A relay without `EccRfc163` is the case that stalled chains;
//! - a batch across two models with any subset of forged proofs: exactly the valid results
//!   settle, on either backend, in blocks the relay accepts.

#![allow(
	clippy::arithmetic_side_effects,
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::indexing_slicing
)]

use ark_bls12_381::Bls12_381;
use ark_ec::{AffineRepr, CurveGroup};
use polkadot_sdk::{
	cumulus_primitives_core::{relay_chain::ExecutorParams, ParaId},
	sp_genesis_builder::DEV_RUNTIME_PRESET,
	sp_runtime::traits::Header as _,
};
use std::{collections::BTreeMap, sync::OnceLock};
use veritas_primitives::{
	Backend, BackendPolicy, BackendStatus, JobId, ProofBytes, RelayHostCalls,
};
use veritas_relay_validation::{
	chain::{runtime_code, Candidate, Chain},
	market::{completed, rejected, set_policy, slashed_for_invalid_proofs, Answers, Market},
	pvf::RelayValidator,
	relay::{ecc, ExecutorParamsState, Relay},
};
use veritas_runtime::{RuntimeEvent, DEVELOPMENT_PARA_ID};
use veritas_verifier::Proof;

/// The runtime prepared by a relay whose executor parameters enable `EccRfc163`.
fn with_ecc() -> &'static RelayValidator {
	static VALIDATOR: OnceLock<RelayValidator> = OnceLock::new();
	VALIDATOR.get_or_init(|| {
		RelayValidator::prepare(runtime_code().unwrap(), ExecutorParams::from(&[ecc()][..]))
			.unwrap()
	})
}

/// The runtime prepared by a relay without it (every production relay today).
fn without_ecc() -> &'static RelayValidator {
	static VALIDATOR: OnceLock<RelayValidator> = OnceLock::new();
	VALIDATOR.get_or_init(|| {
		RelayValidator::prepare(runtime_code().unwrap(), ExecutorParams::default()).unwrap()
	})
}

fn dev_chain(relay: ExecutorParamsState) -> Chain {
	let relay = Relay::new(ParaId::from(DEVELOPMENT_PARA_ID), relay);
	Chain::new(DEV_RUNTIME_PRESET, relay).unwrap()
}

/// A chain on the default policy, `Auto`, which follows the relay, and the extrinsic its first
/// block must carry. The development chain (which starts on `HostCalls`) with its sudo key
/// switched to `Auto`: the presets on `Auto` have no sudo key to approve the market's model.
fn auto_chain(relay: ExecutorParamsState) -> (Chain, Vec<veritas_runtime::UncheckedExtrinsic>) {
	let mut chain = dev_chain(relay);
	let policy = set_policy(&mut chain, BackendPolicy::Auto);
	(chain, vec![policy])
}

/// The market's blocks: open it (after `first`), two jobs, one answered by `submit_result` and
/// one by `submit_results`. Both answers complete their jobs.
fn market_blocks(
	chain: &mut Chain,
	first: Vec<veritas_runtime::UncheckedExtrinsic>,
) -> Vec<Candidate> {
	let mut market = Market::open(chain, first, 1, 1).unwrap();
	market.submit_jobs(chain, 2).unwrap();
	let (first_job, second_job) = (market.assigned[0].job, market.assigned[1].job);
	let one = market.answer_one(chain).unwrap();
	let single = chain.build_block(vec![one]).unwrap();
	assert_eq!(completed(&single.events), vec![first_job], "submit_result settled its job");
	let batch = market.next_answers(chain).unwrap();
	let batched = chain.build_block(vec![batch]).unwrap();
	assert_eq!(completed(&batched.events), vec![second_job], "submit_results settled its job");
	vec![single, batched]
}

fn assert_valid(validator: &RelayValidator, candidate: &Candidate, what: &str) {
	let validated = validator.validate(&candidate.params).unwrap_or_else(|error| {
		panic!("{what}: block {} invalid: {error}", candidate.block.header.number)
	});
	assert_eq!(
		validated.result.head_data.0,
		codec::Encode::encode(&candidate.block.header),
		"{what}: the new head is the block's header"
	);
}

fn backend_status(chain: &Chain) -> BackendStatus {
	chain.call_at_parent("VerifierApi_backend_status", &[]).unwrap()
}

fn relay_events(candidate: &Candidate) -> Vec<RelayHostCalls> {
	candidate
		.events
		.iter()
		.filter_map(|event| match event {
			RuntimeEvent::VerifierBackend(
				veritas_runtime::verifier_backend::Event::RelayHostCallsChanged { relay, .. },
			) => Some(*relay),
			_ => None,
		})
		.collect()
}

#[test]
fn a_block_verified_on_host_calls_is_valid_only_where_the_relay_enables_them() {
	// The development preset forces the host calls; the relay's state does not matter.
	let mut chain = dev_chain(ExecutorParamsState::EccDisabled);
	for candidate in market_blocks(&mut chain, vec![]) {
		assert_valid(with_ecc(), &candidate, "with EccRfc163");
		let error = without_ecc().validate(&candidate.params).err().unwrap_or_else(|| {
			panic!(
				"block {} verified on host calls passed without EccRfc163",
				candidate.block.header.number
			)
		});
		assert!(
			error.0.contains("ext_host_calls_bls12_381"),
			"the error names the missing host function: {error}"
		);
	}
	assert_eq!(backend_status(&chain).backend, Backend::HostCalls);
}

#[test]
fn a_block_verified_in_pure_wasm_is_valid_under_every_relay() {
	let mut chain = dev_chain(ExecutorParamsState::EccEnabled);
	let policy = set_policy(&mut chain, BackendPolicy::Arkworks);
	for candidate in market_blocks(&mut chain, vec![policy]) {
		assert_valid(with_ecc(), &candidate, "with EccRfc163");
		assert_valid(without_ecc(), &candidate, "without EccRfc163");
	}
	assert_eq!(backend_status(&chain).backend, Backend::Arkworks);
}

#[test]
fn the_automatic_backend_builds_blocks_the_relay_can_validate() {
	// A relay that does not enable EccRfc163 — by its parameters, by having none, or with some
	// this runtime cannot read: every block valid without the host functions. This is the test
	// that catches a chain building blocks no relay validator can execute.
	for state in [
		ExecutorParamsState::EccDisabled,
		ExecutorParamsState::Absent,
		ExecutorParamsState::Garbage,
	] {
		let (mut chain, first) = auto_chain(state.clone());
		for candidate in market_blocks(&mut chain, first) {
			assert_valid(without_ecc(), &candidate, &format!("{state:?}"));
		}
		let status = backend_status(&chain);
		assert_eq!(status.policy, BackendPolicy::Auto);
		assert_eq!(status.backend, Backend::Arkworks, "{state:?}: {status:?}");
	}

	// A relay that enables it: the runtime learns the session in the first block, reads its
	// parameters from the second on, and verifies on the host calls, which only that relay's
	// validators can run.
	let (mut chain, first) = auto_chain(ExecutorParamsState::EccEnabled);
	let blocks = market_blocks(&mut chain, first);
	let status = backend_status(&chain);
	assert_eq!(status.relay, RelayHostCalls::Enabled { session: 1 });
	assert_eq!(status.backend, Backend::HostCalls);
	for candidate in &blocks {
		assert!(relay_events(candidate).is_empty(), "the reading changed only once, earlier");
		assert_valid(with_ecc(), candidate, "with EccRfc163");
		let error = without_ecc().validate(&candidate.params).err().expect("host calls were used");
		assert!(error.0.contains("ext_host_calls_bls12_381"), "{error}");
	}
}

#[test]
fn the_runtime_announces_what_the_relay_enables() {
	let (mut chain, policy) = auto_chain(ExecutorParamsState::EccEnabled);
	// Block 1 learns the session; block 2 carries its executor parameters.
	let first = chain.build_block(policy).unwrap();
	assert!(relay_events(&first).is_empty());
	assert_eq!(backend_status(&chain).backend, Backend::Arkworks);
	let second = chain.build_block(vec![]).unwrap();
	assert_eq!(relay_events(&second), vec![RelayHostCalls::Enabled { session: 1 }]);
	assert_eq!(backend_status(&chain).backend, Backend::HostCalls);
	assert_eq!(chain.head().number(), &2);
	for candidate in [&first, &second] {
		// No proof was verified: both blocks are valid under either relay.
		assert_valid(without_ecc(), candidate, "empty block");
	}
}

/// Every result of `batch`, as the block settled it: completed, or rejected with its operator
/// slashed for an invalid proof. Panics on a result settled both ways or neither.
fn settled(candidate: &Candidate, batch: &[(JobId, bool)], what: &str) {
	let completed = completed(&candidate.events);
	let rejected = rejected(&candidate.events);
	let slashed = slashed_for_invalid_proofs(&candidate.events);
	for (job, forged) in batch {
		let (was_completed, was_rejected) = (completed.contains(job), rejected.contains(job));
		assert_eq!(was_completed, !forged, "{what}: job {job} (forged: {forged}) completed?");
		assert_eq!(was_rejected, *forged, "{what}: job {job} (forged: {forged}) rejected?");
		assert_eq!(slashed.contains(job), *forged, "{what}: job {job} (forged: {forged}) slashed?");
	}
}

/// `C + shift` and `C − shift` in the same model's proof: two invalid proofs whose errors
/// cancel in an unweighted sum of their equations.
fn cancelling_pair(proof: &ProofBytes) -> (ProofBytes, ProofBytes) {
	let decoded = Proof::<Bls12_381>::decode(proof).unwrap();
	let shift = decoded.a.into_group();
	let moved = |sign: bool| {
		let mut crafted = decoded.clone();
		let c = crafted.c.into_group();
		crafted.c = if sign { c + shift } else { c - shift }.into_affine();
		ProofBytes::try_from(crafted.encode().as_slice()).unwrap()
	};
	(moved(true), moved(false))
}

/// The batch a block actually runs, in the real runtime, on each backend, with two models of
/// keys from different setups in every call: for each of the 16 ways to forge some of four
/// results (two per model, interleaved), one `submit_results` call in one block; the block
/// completes exactly the results with valid proofs and rejects and slashes exactly the others,
/// and the relay validates the block. A further call carries two proofs of one model whose
/// errors cancel when summed without weights: both rejected.
#[test]
fn a_batch_across_models_settles_exactly_its_valid_results() {
	let cases = [
		(BackendPolicy::HostCalls, Backend::HostCalls, with_ecc(), "host calls"),
		(BackendPolicy::Arkworks, Backend::Arkworks, without_ecc(), "pure wasm"),
	];
	for (policy, backend, validator, what) in cases {
		let mut chain = dev_chain(ExecutorParamsState::EccEnabled);
		let first = vec![set_policy(&mut chain, policy)];
		// 17 calls of four results, two of each model from one operator: more jobs than one
		// operator takes, spread over three.
		let mut market = Market::open(&mut chain, first, 3, 2).unwrap();
		market.submit_jobs(&mut chain, 120).unwrap();
		let two_each = BTreeMap::from([(0, 2), (1, 2)]);
		let mut calls = Vec::new();
		let mut batches = Vec::new();
		for forged in 0u32..16 {
			let pick = |k: usize, answers: &Answers| {
				if forged & (1 << k) != 0 {
					answers.forged
				} else {
					answers.proof
				}
			};
			let (call, jobs) = market.answer(&mut chain, &two_each, pick).unwrap();
			assert_eq!(jobs.len(), 4);
			calls.push(call);
			batches.push(jobs);
		}
		// Results 0 and 2 are the first model's: their errors cancel each other.
		let (plus, minus) = cancelling_pair(&market.models[0].proof);
		let crafted = |k: usize, answers: &Answers| match k {
			0 => plus,
			2 => minus,
			_ => answers.proof,
		};
		let (call, jobs) = market.answer(&mut chain, &two_each, crafted).unwrap();
		assert_eq!(
			jobs.iter().map(|(_, forged)| *forged).collect::<Vec<_>>(),
			[true, false, true, false]
		);
		calls.push(call);
		batches.push(jobs);

		let candidate = chain.build_block(calls).unwrap();
		for applied in &candidate.applied {
			assert!(matches!(applied, Ok(Ok(()))), "{what}: {applied:?}");
		}
		for (i, batch) in batches.iter().enumerate() {
			settled(&candidate, batch, &format!("{what}, call {i}"));
		}
		assert_eq!(backend_status(&chain).backend, backend, "{what}");
		assert_valid(validator, &candidate, what);
		if backend == Backend::HostCalls {
			let error =
				without_ecc().validate(&candidate.params).err().expect("host calls were used");
			assert!(error.0.contains("ext_host_calls_bls12_381"), "{error}");
		}
	}
}
