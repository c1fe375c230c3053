//! The verification backend follows the relay: what each relay state proof says of `EccRfc163`
//! (enabled, disabled, absent, undecodable) and what the runtime then verifies on, under every
//! governance policy. The proofs are real relay state proofs, built as a collator builds them.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use codec::Encode;
use common::chain::{events, genesis};
use polkadot_sdk::cumulus_primitives_core::{
	relay_chain::{ExecutorHostFunction, ExecutorParam, ExecutorParams, PvfExecKind},
	ParaId, PersistedValidationData, RelayStorageKey,
};
use polkadot_sdk::{
	cumulus_pallet_parachain_system::{RelayChainStateProof, ValidationData},
	cumulus_test_relay_sproof_builder::RelayStateSproofBuilder,
	frame_support::traits::Get,
	sp_genesis_builder::{DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET},
};
use veritas_primitives::{Backend, BackendPolicy, ProofVerifier as _, RelayHostCalls};
use veritas_runtime::{
	configs::{dynamic_params::verifier, ProofVerifier, RuntimeParameters},
	verifier_backend::{
		current_session_index_key, pending_configs_key, session_executor_params_key, RelaySession,
	},
	Parameters, Runtime, RuntimeEvent, RuntimeOrigin, VerifierBackend,
};

const ECC: ExecutorParam = ExecutorParam::EnabledHostFunction(ExecutorHostFunction::EccRfc163);

/// What the executor-params entry of the relay state holds.
enum Entry {
	Params(Vec<ExecutorParam>),
	Raw(Vec<u8>),
	Missing,
}

/// `Configuration::PendingConfigs` as a relay stores it once every scheduled change has applied.
const NO_CHANGE_PENDING: &[u8] = &[0];

/// One change scheduled for session 7 (only the vector's length is read, so the configuration
/// itself is left short).
const CHANGE_PENDING: &[u8] = &[4, 7, 0, 0, 0, 0xde, 0xad];

/// A relay state proof at `session` whose executor parameters for that session are `entry`, and
/// no configuration change pending.
fn relay_proof(session: Option<u32>, entry: Entry) -> RelayChainStateProof {
	relay_proof_with(session, entry, Some(NO_CHANGE_PENDING))
}

/// [`relay_proof`] with `pending` as the relay's `PendingConfigs` (`None`: no such entry).
fn relay_proof_with(
	session: Option<u32>,
	entry: Entry,
	pending: Option<&[u8]>,
) -> RelayChainStateProof {
	let para_id = ParaId::from(veritas_runtime::LOCAL_TESTNET_PARA_ID);
	let mut builder = RelayStateSproofBuilder { para_id, ..Default::default() };
	if let Some(pending) = pending {
		builder.additional_key_values.push((pending_configs_key(), pending.to_vec()));
	}
	if let Some(session) = session {
		builder.additional_key_values.push((current_session_index_key(), session.encode()));
		match entry {
			Entry::Params(params) => builder.additional_key_values.push((
				session_executor_params_key(session),
				ExecutorParams::from(&params[..]).encode(),
			)),
			Entry::Raw(bytes) => {
				builder.additional_key_values.push((session_executor_params_key(session), bytes))
			}
			Entry::Missing => {}
		}
	}
	let (root, proof) = builder.into_state_root_and_proof();
	RelayChainStateProof::new(para_id, root, proof).expect("the proof matches its root")
}

/// What `set_validation_data` does for this module: the block's validation data is set, then the
/// proof is read.
fn note(proof: &RelayChainStateProof) -> polkadot_sdk::frame_support::weights::Weight {
	ValidationData::<Runtime>::put(PersistedValidationData::default());
	VerifierBackend::note_relay_proof(proof)
}

/// What `ParachainSystem::on_initialize` does at the start of the next block.
fn next_block() {
	ValidationData::<Runtime>::kill();
}

fn set_policy(policy: BackendPolicy) {
	Parameters::set_parameter(
		RuntimeOrigin::root(),
		RuntimeParameters::Verifier(verifier::Parameters::VerificationBackend(
			verifier::VerificationBackend,
			Some(policy),
		)),
	)
	.unwrap();
}

fn changed_events() -> Vec<(RelayHostCalls, Backend)> {
	events()
		.into_iter()
		.filter_map(|event| match event {
			RuntimeEvent::VerifierBackend(
				veritas_runtime::verifier_backend::Event::RelayHostCallsChanged { relay, backend },
			) => Some((relay, backend)),
			_ => None,
		})
		.collect()
}

#[test]
fn the_relay_keys_are_those_of_the_relay_runtimes() {
	// twox128("ParasShared") ++ twox128("CurrentSessionIndex"), and the `Identity` map prefix of
	// `ParaSessionInfo::SessionExecutorParams`, as polkadot, kusama, westend and rococo name them.
	assert_eq!(
		hex::encode(current_session_index_key()),
		"b341e3a63e58a188839b242d17f8c9f8b5cab3380174032968897a4c3ce57c0a"
	);
	assert_eq!(
		hex::encode(session_executor_params_key(0x0102_0304)),
		"4da2c41eaffa8e1a791c5d65beeefd1f4e5747352ae927817a9171156fb3da7f04030201"
	);
	assert_eq!(
		hex::encode(pending_configs_key()),
		"06de3d8a54d27e44a9d5ce189618f22d53b4123b2e186e07fb7bad5dda5f55c0"
	);
	// The form every relay stores: `EnabledHostFunction(EccRfc163)` alone is `04 08 01`.
	assert_eq!(ExecutorParams::from(&[ECC][..]).encode(), vec![4, 8, 1]);
}

#[test]
fn auto_verifies_on_host_calls_exactly_when_the_validating_session_enables_them() {
	let cases = [
		("enabled", Some(5), Entry::Params(vec![ECC]), RelayHostCalls::Enabled { session: 5 }),
		(
			"enabled among other parameters",
			Some(5),
			Entry::Params(vec![
				ExecutorParam::MaxMemoryPages(8192),
				ExecutorParam::PvfExecTimeout(PvfExecKind::Backing, 2500),
				ECC,
			]),
			RelayHostCalls::Enabled { session: 5 },
		),
		(
			"disabled",
			Some(5),
			Entry::Params(vec![ExecutorParam::MaxMemoryPages(8192)]),
			RelayHostCalls::Disabled { session: 5 },
		),
		(
			"no executor parameters at all",
			Some(5),
			Entry::Params(vec![]),
			RelayHostCalls::Disabled { session: 5 },
		),
		("parameters absent", Some(5), Entry::Missing, RelayHostCalls::Unknown),
		("no session index", None, Entry::Missing, RelayHostCalls::Unknown),
		(
			"garbage (an executor parameter this runtime does not know)",
			Some(5),
			Entry::Raw(vec![4, 0xee, 1, 2, 3]),
			RelayHostCalls::Undecodable { session: 5 },
		),
		(
			"garbage (truncated)",
			Some(5),
			Entry::Raw(vec![8, 8]),
			RelayHostCalls::Undecodable { session: 5 },
		),
	];
	for (name, session, entry, expected) in cases {
		genesis(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
			assert!(note(&relay_proof(session, entry)).ref_time() > 0);
			let status = veritas_runtime::verifier_backend::status();
			assert_eq!(status.relay, expected, "{name}");
			assert_eq!(status.policy, BackendPolicy::Auto, "{name}");
			let backend = if expected.enabled() { Backend::HostCalls } else { Backend::Arkworks };
			assert_eq!(status.backend, backend, "{name}");
			assert_eq!(ProofVerifier::backend(), backend, "{name}: what the pallets verify on");
			// The genesis reading is `Unknown`: only a different one is announced.
			let announced = if expected == RelayHostCalls::Unknown {
				vec![]
			} else {
				vec![(expected, backend)]
			};
			assert_eq!(changed_events(), announced, "{name}");
		});
	}
}

#[test]
fn host_calls_wait_while_a_relay_configuration_change_is_pending() {
	let cases = [
		("no change pending", Some(NO_CHANGE_PENDING), RelayHostCalls::Enabled { session: 5 }),
		("no PendingConfigs entry", None, RelayHostCalls::Enabled { session: 5 }),
		("a change scheduled", Some(CHANGE_PENDING), RelayHostCalls::ChangePending { session: 5 }),
		("an unreadable length", Some(&[0xff][..]), RelayHostCalls::ChangePending { session: 5 }),
	];
	for (name, pending, expected) in cases {
		genesis(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
			note(&relay_proof_with(Some(5), Entry::Params(vec![ECC]), pending));
			assert_eq!(veritas_runtime::verifier_backend::status().relay, expected, "{name}");
			let backend = if expected.enabled() { Backend::HostCalls } else { Backend::Arkworks };
			assert_eq!(ProofVerifier::backend(), backend, "{name}");
		});
	}
	// A pending change does not matter to a session without the host functions.
	genesis(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		note(&relay_proof_with(Some(5), Entry::Params(vec![]), Some(CHANGE_PENDING)));
		assert_eq!(
			veritas_runtime::verifier_backend::status().relay,
			RelayHostCalls::Disabled { session: 5 }
		);
	});
}

#[test]
fn governance_overrides_what_the_relay_says() {
	genesis(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		note(&relay_proof(Some(1), Entry::Params(vec![ECC])));
		set_policy(BackendPolicy::Arkworks);
		assert_eq!(ProofVerifier::backend(), Backend::Arkworks);

		note(&relay_proof(Some(1), Entry::Params(vec![])));
		set_policy(BackendPolicy::HostCalls);
		assert_eq!(ProofVerifier::backend(), Backend::HostCalls);
		let status = veritas_runtime::verifier_backend::status();
		assert_eq!(status.relay, RelayHostCalls::Disabled { session: 1 });
		assert_eq!(status.policy, BackendPolicy::HostCalls);

		set_policy(BackendPolicy::Auto);
		assert_eq!(ProofVerifier::backend(), Backend::Arkworks);
	});
}

#[test]
fn presets_start_auto_except_the_development_chain_which_has_no_relay() {
	genesis(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		assert_eq!(verifier::VerificationBackend::get(), BackendPolicy::Auto);
		assert_eq!(ProofVerifier::backend(), Backend::Arkworks);
	});
	genesis(DEV_RUNTIME_PRESET).execute_with(|| {
		assert_eq!(verifier::VerificationBackend::get(), BackendPolicy::HostCalls);
		// A dev node's mocked relay proof has no executor parameters: still the host calls.
		note(&relay_proof(None, Entry::Missing));
		assert_eq!(ProofVerifier::backend(), Backend::HostCalls);
	});
}

#[test]
fn the_collator_is_asked_for_the_session_it_will_need() {
	genesis(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		// Before any proof: only the session index and the pending changes can be asked for.
		let keys = VerifierBackend::keys_to_prove().keys;
		assert_eq!(
			keys,
			vec![
				RelayStorageKey::Top(current_session_index_key()),
				RelayStorageKey::Top(pending_configs_key()),
			]
		);

		// The first proof names the session; its parameters were not asked for yet.
		note(&relay_proof(Some(7), Entry::Missing));
		assert_eq!(RelaySession::<Runtime>::get(), Some(7));
		assert_eq!(ProofVerifier::backend(), Backend::Arkworks);
		let keys = VerifierBackend::keys_to_prove().keys;
		assert_eq!(
			keys,
			vec![
				RelayStorageKey::Top(current_session_index_key()),
				RelayStorageKey::Top(pending_configs_key()),
				RelayStorageKey::Top(session_executor_params_key(7)),
				RelayStorageKey::Top(session_executor_params_key(8)),
			]
		);

		// The next block's proof carries them.
		note(&relay_proof(Some(7), Entry::Params(vec![ECC])));
		assert_eq!(ProofVerifier::backend(), Backend::HostCalls);

		// A session the runtime did not foresee (the chain was stalled across two sessions):
		// pure wasm for that block, and the new session is asked for next.
		note(&relay_proof(Some(10), Entry::Missing));
		assert_eq!(ProofVerifier::backend(), Backend::Arkworks);
		assert_eq!(
			VerifierBackend::keys_to_prove().keys.get(2),
			Some(&RelayStorageKey::Top(session_executor_params_key(10)))
		);
		assert_eq!(
			changed_events(),
			vec![
				(RelayHostCalls::Enabled { session: 7 }, Backend::HostCalls),
				(RelayHostCalls::Unknown, Backend::Arkworks),
			]
		);
	});
}

#[test]
fn hooks_before_the_inherent_do_not_trust_the_previous_blocks_reading() {
	genesis(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		note(&relay_proof(Some(4), Entry::Params(vec![ECC])));
		assert_eq!(ProofVerifier::backend(), Backend::HostCalls);
		// The next block's hooks (an XCM `Transact` of `submit_result`, say) run before its
		// inherent: its relay parent may be in a session without EccRfc163.
		next_block();
		assert_eq!(ProofVerifier::backend(), Backend::Arkworks);
		assert_eq!(veritas_runtime::verifier_backend::status().relay, RelayHostCalls::Unknown);
		// A forced policy stays forced.
		set_policy(BackendPolicy::HostCalls);
		assert_eq!(ProofVerifier::backend(), Backend::HostCalls);
		set_policy(BackendPolicy::Auto);
		// The inherent reads the new session's parameters.
		note(&relay_proof(Some(5), Entry::Params(vec![])));
		assert_eq!(ProofVerifier::backend(), Backend::Arkworks);
	});
}
