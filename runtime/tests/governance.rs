//! Governance as voters use it, on the runtime as the presets start it: referenda on each track,
//! voted, confirmed and enacted by the scheduler block by block (`local_testnet` runs the real
//! tracks; `development` the short ones). After each, the market's invariants and the
//! conservation of funds still hold.

#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing
)]

mod common;

use codec::Encode;
use common::chain::{account, events, genesis};
use polkadot_sdk::{
	frame_support::{
		assert_noop, assert_ok,
		traits::{fungible::Inspect, schedule::DispatchTime, Hooks, StorePreimage},
	},
	frame_system,
	pallet_conviction_voting::{AccountVote, Conviction, Vote},
	pallet_parameters, pallet_referenda, pallet_scheduler, pallet_sudo, pallet_treasury,
	sp_core::traits::ReadRuntimeVersionExt,
	sp_genesis_builder::{DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET},
	sp_keyring::Sr25519Keyring::{self, Alice, Bob, Charlie, Dave, Eve, Ferdie},
	sp_runtime::{DispatchError, DispatchResult},
};
use veritas_primitives::{JobStatus, ModelOffer, ModelStatus, SlashId};
use veritas_runtime::{
	configs::{dynamic_params::market, RuntimeParameters, TreasuryAccount},
	governance::{origins::Origin, tracks, MAX_TREASURER_SPEND},
	Balance, Balances, BlockNumber, ConvictionVoting, Inference, Models, OriginCaller, Parameters,
	Referenda, Runtime, RuntimeCall, RuntimeEvent, RuntimeOrigin, Scheduler, System, Treasury,
	HOURS, MILLI_UNIT, UNIT,
};
use veritas_verifier::{
	fixtures::{TOY_MODEL_INPUT, TOY_MODEL_OUTPUTS},
	test_utils::ToyModel,
};

fn origin(who: Sr25519Keyring) -> RuntimeOrigin {
	RuntimeOrigin::signed(account(who))
}

/// Moves to block `n`, running the hooks governance and the market need in each block: the
/// scheduler (referendum alarms and enactments) and the market (deadlines, due slashes).
fn run_to(n: BlockNumber) {
	while System::block_number() < n {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		Scheduler::on_initialize(next);
		Inference::on_initialize(next);
	}
}

/// Submits a referendum to dispatch `call` with `track_origin`, enacted as early as its track
/// allows, and places its decision deposit. Returns its index.
fn propose(who: Sr25519Keyring, track_origin: OriginCaller, call: RuntimeCall) -> u32 {
	let index = pallet_referenda::ReferendumCount::<Runtime>::get();
	let proposal = <veritas_runtime::Preimage as StorePreimage>::bound(call).unwrap();
	assert_ok!(Referenda::submit(
		origin(who),
		Box::new(track_origin),
		proposal,
		DispatchTime::After(0)
	));
	assert_ok!(Referenda::place_decision_deposit(origin(who), index));
	index
}

fn vote(who: Sr25519Keyring, index: u32, aye: bool, balance: Balance) {
	let vote = Vote { aye, conviction: Conviction::Locked1x };
	assert_ok!(ConvictionVoting::vote(origin(who), index, AccountVote::Standard { vote, balance }));
}

/// Three dev accounts vote aye with 900,000 VRT each: about a fifth of the issuance, enough
/// support on every track from the start.
fn carry(index: u32) {
	for who in [Alice, Bob, Eve] {
		vote(who, index, true, 900_000 * UNIT);
	}
}

fn approved(index: u32) -> bool {
	matches!(
		pallet_referenda::ReferendumInfoFor::<Runtime>::get(index),
		Some(pallet_referenda::ReferendumInfo::Approved(..))
	)
}

fn rejected(index: u32) -> bool {
	matches!(
		pallet_referenda::ReferendumInfoFor::<Runtime>::get(index),
		Some(pallet_referenda::ReferendumInfo::Rejected(..))
	)
}

/// What each enacted referendum's call returned, oldest first. (Referenda schedule their
/// enactments by name; their alarms are anonymous.)
fn enacted() -> Vec<DispatchResult> {
	events()
		.into_iter()
		.filter_map(|event| match event {
			RuntimeEvent::Scheduler(pallet_scheduler::Event::Dispatched {
				id: Some(_),
				result,
				..
			}) => Some(result),
			_ => None,
		})
		.collect()
}

fn track_info(id: tracks::TrackId) -> &'static pallet_referenda::TrackInfo<Balance, BlockNumber> {
	&tracks::in_force().iter().find(|track| track.id == id).unwrap().info
}

/// The market's invariants, the registry's, and conservation: total issuance equals what all
/// accounts hold, free and held.
fn assert_sound() {
	Inference::do_try_state().unwrap();
	Models::do_try_state().unwrap();
	let held: Balance = frame_system::Account::<Runtime>::iter()
		.map(|(_, account)| account.data.free + account.data.reserved)
		.sum();
	assert_eq!(held, Balances::total_issuance());
}

fn toy() -> &'static ToyModel {
	static TOY: std::sync::OnceLock<ToyModel> = std::sync::OnceLock::new();
	TOY.get_or_init(|| ToyModel::setup(TOY_MODEL_OUTPUTS, 0x600d))
}

/// Bob registers the toy model; it waits for approval. Returns its id.
fn register_model() -> u32 {
	let id = pallet_models::NextModelId::<Runtime>::get();
	let input_len = TOY_MODEL_INPUT.len() as u32;
	assert_ok!(Models::register_model(
		origin(Bob),
		Default::default(),
		Default::default(),
		Default::default(),
		vec![input_len].try_into().unwrap(),
		input_len,
		vec![TOY_MODEL_OUTPUTS as u32].try_into().unwrap(),
		8,
		toy().vk.clone().try_into().unwrap(),
		None,
	));
	id
}

fn status(model: u32) -> ModelStatus {
	pallet_models::Models::<Runtime>::get(model).unwrap().status
}

fn bond(who: Sr25519Keyring) -> Balance {
	pallet_inference::Operators::<Runtime>::get(account(who)).unwrap().bond
}

const OPERATOR_BOND: Balance = 1_000 * UNIT;
const JOB_TIMEOUT: BlockNumber = 50;

/// The toy model registered and approved (by Root), and Charlie bonded with `OPERATOR_BOND`
/// offering it, for up to `capacity` jobs at once. Returns the model.
fn model_with_operator(capacity: u32) -> u32 {
	let model = register_model();
	assert_ok!(Models::approve_model(RuntimeOrigin::root(), model));
	let offer = ModelOffer { model, price: MILLI_UNIT, min_timeout: 10 };
	assert_ok!(Inference::register_operator(
		origin(Charlie),
		OPERATOR_BOND,
		vec![offer].try_into().unwrap(),
		capacity
	));
	model
}

/// Dave submits a job of `model` on the toy input.
fn submit_job(model: u32) -> polkadot_sdk::frame_support::dispatch::DispatchResult {
	Inference::submit_job(
		origin(Dave),
		model,
		TOY_MODEL_INPUT.to_vec().try_into().unwrap(),
		UNIT,
		JOB_TIMEOUT,
	)
}

/// An approved model, Charlie bonded for it, and a job of Dave's assigned to Charlie, who
/// answers it with a proof of another input: slashed. Returns the model and the slash.
fn slashed_operator() -> (u32, SlashId) {
	let model = model_with_operator(1);
	let job = pallet_inference::NextJobId::<Runtime>::get();
	assert_ok!(submit_job(model));
	let (output, _) = toy().prove(TOY_MODEL_INPUT, 1);
	let (_, forged) = toy().prove(&vec![0xa5; TOY_MODEL_INPUT.len()], 2);
	assert_ok!(Inference::submit_result(
		origin(Charlie),
		job,
		output.try_into().unwrap(),
		forged.try_into().unwrap()
	));
	let slash = pallet_inference::NextSlashId::<Runtime>::get() - 1;
	assert!(Inference::pending_slash(slash).is_some(), "the forged answer was slashed");
	(model, slash)
}

#[test]
fn a_model_approver_referendum_activates_the_model_at_enactment() {
	genesis(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		let model = register_model();
		let approve = RuntimeCall::Models(pallet_models::Call::approve_model { model });
		let index = propose(Dave, OriginCaller::Origins(Origin::ModelApprover), approve);
		carry(index);
		let track = track_info(tracks::MODEL_APPROVER);
		let start = System::block_number();
		// Decided after the prepare period, approved after the confirm period: not yet enacted.
		let decided = start + track.prepare_period + track.confirm_period;
		run_to(decided + 1);
		assert!(approved(index));
		assert_eq!(status(model), ModelStatus::Pending);
		run_to(decided + track.min_enactment_period + 2);
		assert_eq!(status(model), ModelStatus::Active);
		assert_eq!(enacted(), vec![Ok(())]);
		assert_sound();
	});
}

#[test]
fn a_referendum_without_enough_support_is_rejected_and_changes_nothing() {
	genesis(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		let model = register_model();
		let approve = RuntimeCall::Models(pallet_models::Call::approve_model { model });
		let index = propose(Dave, OriginCaller::Origins(Origin::ModelApprover), approve);
		// A thousand VRT of the twelve million there are: far below the 1 % support floor.
		vote(Alice, index, true, 1_000 * UNIT);
		let track = track_info(tracks::MODEL_APPROVER);
		run_to(System::block_number() + track.prepare_period + track.decision_period + 2);
		assert!(rejected(index));
		assert_eq!(status(model), ModelStatus::Pending);
		assert!(enacted().is_empty());
		assert_sound();
	});
}

#[test]
fn a_slash_arbiter_referendum_started_at_the_slash_cancels_it_in_time() {
	genesis(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		let (_, slash) = slashed_operator();
		let applies_at = Inference::pending_slash(slash).unwrap().applies_at;
		assert!(bond(Charlie) < OPERATOR_BOND);
		let cancel = RuntimeCall::Inference(pallet_inference::Call::cancel_slash { slash });
		let index = propose(Dave, OriginCaller::Origins(Origin::SlashArbiter), cancel);
		carry(index);
		run_to(applies_at + 1);
		assert_eq!(enacted(), vec![Ok(())]);
		assert!(events().contains(&RuntimeEvent::Inference(
			pallet_inference::Event::SlashCancelled { slash, restored: 100 * UNIT }
		)));
		assert!(Inference::pending_slash(slash).is_none());
		assert_eq!(bond(Charlie), OPERATOR_BOND);
		assert_sound();
	});
}

#[test]
fn a_slash_arbiter_referendum_that_ends_after_the_window_changes_nothing() {
	genesis(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		let (_, slash) = slashed_operator();
		let applies_at = Inference::pending_slash(slash).unwrap().applies_at;
		let slashed_bond = bond(Charlie);
		// Proposed an hour before the slash applies: the track needs longer than that.
		run_to(applies_at - HOURS);
		let cancel = RuntimeCall::Inference(pallet_inference::Call::cancel_slash { slash });
		let index = propose(Dave, OriginCaller::Origins(Origin::SlashArbiter), cancel);
		carry(index);
		let course = tracks::course(tracks::in_force(), tracks::SLASH_ARBITER).unwrap();
		run_to(System::block_number() + course + 1);
		assert!(approved(index));
		let unknown: DispatchError = pallet_inference::Error::<Runtime>::UnknownSlash.into();
		assert_eq!(enacted(), vec![Err(unknown)]);
		assert!(events().iter().any(|event| matches!(
			event,
			RuntimeEvent::Inference(pallet_inference::Event::SlashApplied { slash: s, .. })
				if *s == slash
		)));
		assert_eq!(bond(Charlie), slashed_bond);
		assert_sound();
	});
}

#[test]
fn a_parameter_change_takes_effect_at_enactment_and_matching_follows_it() {
	genesis(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		let model = model_with_operator(2);
		let raise = RuntimeCall::Parameters(pallet_parameters::Call::set_parameter {
			key_value: RuntimeParameters::Market(market::Parameters::MinOperatorBond(
				market::MinOperatorBond,
				Some(2 * OPERATOR_BOND),
			)),
		});
		let index = propose(Dave, OriginCaller::Origins(Origin::ParameterAdmin), raise);
		carry(index);
		let course = tracks::course(tracks::in_force(), tracks::PARAMETER_ADMIN).unwrap();
		let submit = |at| {
			let job = pallet_inference::NextJobId::<Runtime>::get();
			run_to(at);
			assert_ok!(submit_job(model));
			(job, pallet_inference::Jobs::<Runtime>::get(job).unwrap().status)
		};
		// Before enactment Charlie's bond is enough: the job is assigned at once, and answered.
		let (job, status) = submit(2);
		assert!(matches!(status, JobStatus::Assigned { .. }));
		let (output, proof) = toy().prove(TOY_MODEL_INPUT, 3);
		assert_ok!(Inference::submit_result(
			origin(Charlie),
			job,
			output.try_into().unwrap(),
			proof.try_into().unwrap()
		));
		let track = track_info(tracks::PARAMETER_ADMIN);
		let enactment =
			1 + track.prepare_period + track.confirm_period + track.min_enactment_period;
		assert!(enactment < course);
		run_to(enactment + 2);
		assert_eq!(enacted(), vec![Ok(())]);
		assert_eq!(
			pallet_parameters::Parameters::<Runtime>::get(
				veritas_runtime::configs::RuntimeParametersKey::Market(
					market::ParametersKey::MinOperatorBond(market::MinOperatorBond)
				)
			),
			Some(veritas_runtime::configs::RuntimeParametersValue::Market(
				market::ParametersValue::MinOperatorBond(2 * OPERATOR_BOND)
			))
		);
		// After it, Charlie is under-bonded: no operator would take the job.
		run_to(enactment + 3);
		assert_noop!(submit_job(model), pallet_inference::Error::<Runtime>::NoMatchingOffer);
		// Once Charlie bonds up to the new minimum, it takes jobs again.
		assert_ok!(Inference::bond_extra(origin(Charlie), OPERATOR_BOND));
		assert!(matches!(submit(enactment + 4).1, JobStatus::Assigned { .. }));
		assert_sound();
	});
}

#[test]
fn each_origin_does_only_its_own_thing() {
	genesis(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		let model = register_model();
		let as_origin = |origin: Origin| RuntimeOrigin::from(OriginCaller::Origins(origin));
		let no_fee = || {
			RuntimeParameters::Market(market::Parameters::ProtocolFee(
				market::ProtocolFee,
				Some(Default::default()),
			))
		};
		for wrong in [Origin::SlashArbiter, Origin::ParameterAdmin, Origin::Treasurer] {
			assert_noop!(Models::approve_model(as_origin(wrong), model), DispatchError::BadOrigin);
		}
		for wrong in [Origin::ModelApprover, Origin::ParameterAdmin, Origin::Treasurer] {
			assert_noop!(Inference::cancel_slash(as_origin(wrong), 0), DispatchError::BadOrigin);
		}
		for wrong in [Origin::ModelApprover, Origin::SlashArbiter, Origin::Treasurer] {
			assert_noop!(
				Parameters::set_parameter(as_origin(wrong), no_fee()),
				DispatchError::BadOrigin
			);
		}
		assert_noop!(Models::approve_model(origin(Alice), model), DispatchError::BadOrigin);
		// The verification backend is Root's alone: forcing host calls on a relay without them
		// would halt the chain.
		let host_calls = RuntimeParameters::Verifier(
			veritas_runtime::configs::dynamic_params::verifier::Parameters::VerificationBackend(
				veritas_runtime::configs::dynamic_params::verifier::VerificationBackend,
				Some(veritas_primitives::BackendPolicy::HostCalls),
			),
		);
		assert_noop!(
			Parameters::set_parameter(as_origin(Origin::ParameterAdmin), host_calls.clone()),
			DispatchError::BadOrigin
		);
		assert_ok!(Parameters::set_parameter(RuntimeOrigin::root(), host_calls));
		assert_ok!(Parameters::set_parameter(as_origin(Origin::ParameterAdmin), no_fee()));
		// No sudo key outside development: Root is reached only by a referendum.
		assert!(pallet_sudo::Key::<Runtime>::get().is_none());
		assert_ok!(Models::approve_model(as_origin(Origin::ModelApprover), model));
	});
}

#[test]
fn a_treasury_spend_pays_out_within_the_treasurer_limit() {
	genesis(DEV_RUNTIME_PRESET).execute_with(|| {
		// Charlie funds the treasury; Alice, Bob and Eve vote with their whole balances.
		assert_ok!(Balances::transfer_keep_alive(
			origin(Charlie),
			TreasuryAccount::get().into(),
			200_000 * UNIT
		));
		let spend = |amount| {
			RuntimeCall::Treasury(pallet_treasury::Call::spend {
				asset_kind: Box::new(()),
				amount,
				beneficiary: Box::new(account(Ferdie)),
				valid_from: None,
			})
		};
		let within = propose(Dave, OriginCaller::Origins(Origin::Treasurer), spend(5_000 * UNIT));
		let beyond = propose(
			Dave,
			OriginCaller::Origins(Origin::Treasurer),
			spend(MAX_TREASURER_SPEND + UNIT),
		);
		carry(within);
		carry(beyond);
		run_to(System::block_number() + 20);
		let too_much: DispatchError =
			pallet_treasury::Error::<Runtime>::InsufficientPermission.into();
		assert_eq!(enacted(), vec![Ok(()), Err(too_much)]);
		let before = Balances::balance(&account(Ferdie));
		assert_ok!(Treasury::payout(origin(Charlie), 0));
		assert_eq!(Balances::balance(&account(Ferdie)), before + 5_000 * UNIT);
		assert_sound();
	});
}

#[test]
fn a_canceller_referendum_stops_another_referendum_and_returns_its_deposits() {
	genesis(DEV_RUNTIME_PRESET).execute_with(|| {
		let remark = RuntimeCall::System(frame_system::Call::remark { remark: vec![1] });
		let unwanted = propose(Dave, OriginCaller::system(frame_system::RawOrigin::Root), remark);
		let cancel = RuntimeCall::Referenda(pallet_referenda::Call::cancel { index: unwanted });
		let index = propose(Ferdie, OriginCaller::Origins(Origin::ReferendumCanceller), cancel);
		carry(index);
		run_to(System::block_number() + 10);
		assert!(approved(index));
		assert!(matches!(
			pallet_referenda::ReferendumInfoFor::<Runtime>::get(unwanted),
			Some(pallet_referenda::ReferendumInfo::Cancelled(..))
		));
		assert_ok!(Referenda::refund_decision_deposit(origin(Dave), unwanted));
		assert_ok!(Referenda::refund_submission_deposit(origin(Dave), unwanted));
		assert_sound();
	});
}

/// The runtime wasm with its embedded version's `spec_version` raised by one, compressed as
/// the build compresses it: a runtime the chain accepts as an upgrade.
fn upgraded_wasm() -> Vec<u8> {
	let compressed = veritas_runtime::WASM_BINARY.expect("built with the wasm");
	let wasm = polkadot_sdk::sp_maybe_compressed_blob::decompress(compressed, 64 << 20)
		.unwrap()
		.into_owned();
	let mut version = veritas_runtime::VERSION;
	version.spec_version += 1;
	// A custom section named `runtime_version` ahead of the original one: readers take the
	// first.
	let name = b"runtime_version";
	let payload = version.encode();
	let mut section = Vec::new();
	leb128(&mut section, name.len() as u32);
	section.extend_from_slice(name);
	section.extend_from_slice(&payload);
	let mut upgraded = wasm[..8].to_vec();
	upgraded.push(0);
	leb128(&mut upgraded, section.len() as u32);
	upgraded.extend_from_slice(&section);
	upgraded.extend_from_slice(&wasm[8..]);
	use polkadot_sdk::sp_maybe_compressed_blob::{compress_weakly, CODE_BLOB_BOMB_LIMIT};
	compress_weakly(&upgraded, CODE_BLOB_BOMB_LIMIT).unwrap()
}

fn leb128(out: &mut Vec<u8>, mut value: u32) {
	loop {
		let byte = (value & 0x7f) as u8;
		value >>= 7;
		if value == 0 {
			out.push(byte);
			return;
		}
		out.push(byte | 0x80);
	}
}

#[test]
fn a_root_referendum_upgrades_the_runtime() {
	let mut ext = genesis(DEV_RUNTIME_PRESET);
	let executor = polkadot_sdk::sc_executor::WasmExecutor::<
		polkadot_sdk::sp_io::SubstrateHostFunctions,
	>::builder()
	.build();
	ext.register_extension(ReadRuntimeVersionExt::new(executor));
	ext.execute_with(|| {
		// What the relay chain's inherent provides in every real block.
		cumulus_pallet_parachain_system::ValidationData::<Runtime>::put(
			polkadot_sdk::cumulus_primitives_core::PersistedValidationData::default(),
		);
		cumulus_pallet_parachain_system::HostConfiguration::<Runtime>::put(
			polkadot_sdk::cumulus_primitives_core::AbridgedHostConfiguration {
				// What Polkadot's relay allows today.
				max_code_size: 3 << 20,
				max_head_data_size: 1 << 20,
				max_upward_queue_count: 8,
				max_upward_queue_size: 1 << 20,
				max_upward_message_size: 1 << 16,
				max_upward_message_num_per_candidate: 2,
				hrmp_max_message_num_per_candidate: 2,
				validation_upgrade_cooldown: 2,
				validation_upgrade_delay: 2,
				async_backing_params:
					polkadot_sdk::cumulus_primitives_core::relay_chain::AsyncBackingParams {
						max_candidate_depth: 3,
						allowed_ancestry_len: 2,
					},
			},
		);
		let code = upgraded_wasm();
		let code_hash = polkadot_sdk::sp_io::hashing::blake2_256(&code).into();
		let authorize = RuntimeCall::System(frame_system::Call::authorize_upgrade { code_hash });
		let index = propose(Dave, OriginCaller::system(frame_system::RawOrigin::Root), authorize);
		carry(index);
		run_to(System::block_number() + 20);
		assert_eq!(enacted(), vec![Ok(())]);
		// Anyone may now submit the authorised code; the chain schedules it with the relay.
		assert_ok!(System::apply_authorized_upgrade(origin(Ferdie), code.clone()));
		assert_eq!(cumulus_pallet_parachain_system::PendingValidationCode::<Runtime>::get(), code);
		assert_sound();
	});
}

/// The slash arbiter's course fits in the shortest deferral on both sets of tracks, and the
/// default deferral is longer still.
#[test]
fn the_slash_arbiter_always_has_time() {
	genesis(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		let floor = veritas_runtime::configs::parameters::SLASH_DEFER_PERIOD_FLOOR;
		for set in [&tracks::TRACKS[..], &tracks::DEVELOPMENT_TRACKS[..]] {
			assert!(tracks::course(set, tracks::SLASH_ARBITER).unwrap() < floor);
		}
		use polkadot_sdk::frame_support::traits::Get;
		assert!(floor <= market::SlashDeferPeriod::get());
	});
}
