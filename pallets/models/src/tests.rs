// Tests: panics are how they fail.
#![allow(
	clippy::arithmetic_side_effects,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::unwrap_used
)]
use crate::{mock::*, pallet::*, Error, Event};
use polkadot_sdk::{
	frame_support::{assert_noop, assert_ok, traits::fungible::InspectHold},
	frame_system::RawOrigin,
	sp_core::H256,
	sp_runtime::{BoundedVec, DispatchError},
};
use std::sync::OnceLock;
use veritas_primitives::{ModelId, ModelRegistry, ModelStatus};
use veritas_verifier::test_utils::ToyModel;

/// A 15-output key from a seeded setup of the tests' own (the committed fixture's key is refused).
fn test_vk() -> &'static [u8] {
	static KEY: OnceLock<Vec<u8>> = OnceLock::new();
	KEY.get_or_init(|| ToyModel::setup(15, 3).vk)
}

fn shape(dims: &[u32]) -> BoundedVec<u32, polkadot_sdk::sp_core::ConstU32<4>> {
	dims.to_vec().try_into().unwrap()
}

fn register_with(
	who: AccountId,
	output_shape: &[u32],
	vk: &[u8],
	supersedes: Option<ModelId>,
) -> polkadot_sdk::sp_runtime::DispatchResult {
	Registry::register_model(
		RuntimeOrigin::signed(who),
		b"digits-mlp".to_vec().try_into().unwrap(),
		b"ipfs://bafy-digits".to_vec().try_into().unwrap(),
		H256::repeat_byte(7),
		shape(&[8, 8]),
		INPUT_LEN,
		shape(output_shape),
		8,
		vk.to_vec().try_into().unwrap(),
		supersedes,
	)
	.map(|_| ())
	.map_err(|e| e.error)
}

/// Registers the 15-output fixture model for `who`; returns its id.
fn register(who: AccountId) -> ModelId {
	let id = NextModelId::<Test>::get();
	assert_ok!(register_with(who, &[15], test_vk(), None));
	id
}

fn held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::ModelDeposit.into(), &who)
}

#[test]
fn register_stores_the_prepared_key_and_holds_a_deposit_for_the_bytes() {
	test(|| {
		let id = register(ALICE);
		let info = Registry::model(id).unwrap();
		let key = VerifyingKeys::<Test>::get(id).unwrap();
		assert_eq!(key.len(), veritas_verifier::prepared_key_size(16));
		assert_eq!(info.status, ModelStatus::Pending);
		assert_eq!(info.public_inputs, 16);
		assert_eq!(info.output_elements(), 15);
		assert_eq!(info.registered_at, 1);
		use codec::Encode;
		let expected = DEPOSIT_BASE + DEPOSIT_PER_BYTE * (info.encoded_size() + key.len()) as u64;
		assert_eq!(info.deposit, expected);
		assert_eq!(held(ALICE), expected);
		assert_eq!(Balances::free_balance(ALICE), ENDOWMENT - expected);
		System::assert_last_event(
			Event::ModelRegistered { model: id, owner: ALICE, deposit: expected }.into(),
		);
		assert_eq!(Registry::models_by_owner(ALICE), vec![id]);
		// Pending models take no jobs, but their key is there for the registry's users.
		assert_eq!(<Registry as ModelRegistry>::active_input_len(id), None);
		assert_eq!(<Registry as ModelRegistry>::output_elements(id), Some(15));
		assert_eq!(<Registry as ModelRegistry>::verifying_key(id), Some(key.into_inner()));
	});
}

#[test]
fn register_refuses_bad_shapes_and_keys() {
	test(|| {
		assert_noop!(register_with(ALICE, &[], test_vk(), None), Error::<Test>::InvalidShape);
		assert_noop!(register_with(ALICE, &[15, 0], test_vk(), None), Error::<Test>::InvalidShape);
		assert_noop!(
			register_with(ALICE, &[u32::MAX, 2], test_vk(), None),
			Error::<Test>::InvalidShape
		);
		// The key takes 16 public inputs: 15 outputs, not 10.
		assert_noop!(
			register_with(ALICE, &[10], test_vk(), None),
			Error::<Test>::OutputShapeMismatch
		);
		assert_noop!(
			register_with(ALICE, &[15], &test_vk()[..test_vk().len() - 1], None),
			Error::<Test>::MalformedVerifyingKey
		);
		let mut flipped = test_vk().to_vec();
		flipped[10] ^= 0xff;
		assert_noop!(
			register_with(ALICE, &[15], &flipped, None),
			Error::<Test>::MalformedVerifyingKey
		);
		assert_noop!(register_with(ALICE, &[15], &[], None), Error::<Test>::MalformedVerifyingKey);
	});
}

#[test]
fn register_accepts_any_output_shape_that_matches_the_key() {
	test(|| {
		let model = ToyModel::setup(6, 1);
		assert_ok!(register_with(ALICE, &[2, 3], &model.vk, None));
		assert_eq!(Registry::model(0).unwrap().public_inputs, 7);
	});
}

#[test]
fn register_refuses_an_owner_who_cannot_pay_the_deposit() {
	test(|| {
		assert_noop!(
			register_with(POOR, &[15], test_vk(), None),
			Error::<Test>::InsufficientFundsForDeposit
		);
	});
}

#[test]
fn register_checks_the_superseded_model() {
	test(|| {
		assert_noop!(
			register_with(ALICE, &[15], test_vk(), Some(9)),
			Error::<Test>::UnknownSupersededModel
		);
		let bobs = register(BOB);
		assert_noop!(
			register_with(ALICE, &[15], test_vk(), Some(bobs)),
			Error::<Test>::NotOwnerOfSuperseded
		);
		assert_ok!(register_with(BOB, &[15], test_vk(), Some(bobs)));
	});
}

#[test]
fn only_governance_approves_and_only_pending_or_deprecated_models() {
	test(|| {
		let id = register(ALICE);
		assert_noop!(
			Registry::approve_model(RuntimeOrigin::signed(ALICE), id),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Registry::approve_model(RawOrigin::Root.into(), 42),
			Error::<Test>::UnknownModel
		);
		assert_ok!(Registry::approve_model(RawOrigin::Root.into(), id));
		System::assert_last_event(Event::ModelApproved { model: id }.into());
		assert_eq!(<Registry as ModelRegistry>::active_input_len(id), Some(INPUT_LEN));
		assert_noop!(
			Registry::approve_model(RawOrigin::Root.into(), id),
			Error::<Test>::NotApprovable
		);
		// Deprecated models can come back.
		assert_ok!(Registry::deprecate_model(RuntimeOrigin::signed(ALICE), id));
		assert_eq!(<Registry as ModelRegistry>::active_input_len(id), None);
		assert_ok!(Registry::approve_model(RawOrigin::Root.into(), id));
		assert_eq!(<Registry as ModelRegistry>::active_input_len(id), Some(INPUT_LEN));
		// Retired ones cannot.
		assert_ok!(Registry::retire_model(RawOrigin::Root.into(), id));
		assert_noop!(
			Registry::approve_model(RawOrigin::Root.into(), id),
			Error::<Test>::NotApprovable
		);
	});
}

#[test]
fn approving_a_new_version_deprecates_the_active_one() {
	test(|| {
		let v1 = register(ALICE);
		assert_ok!(Registry::approve_model(RawOrigin::Root.into(), v1));
		assert_ok!(register_with(ALICE, &[15], test_vk(), Some(v1)));
		let v2 = v1 + 1;
		// Registering alone changes nothing.
		assert_eq!(Registry::model(v1).unwrap().status, ModelStatus::Active);
		assert_ok!(Registry::approve_model(RawOrigin::Root.into(), v2));
		assert_eq!(Registry::model(v1).unwrap().status, ModelStatus::Deprecated);
		assert_eq!(Registry::model(v2).unwrap().status, ModelStatus::Active);
		System::assert_has_event(Event::ModelDeprecated { model: v1 }.into());
	});
}

#[test]
fn deprecate_needs_the_owner_or_governance_and_an_active_model() {
	test(|| {
		let id = register(ALICE);
		assert_noop!(
			Registry::deprecate_model(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::NotActive
		);
		assert_ok!(Registry::approve_model(RawOrigin::Root.into(), id));
		assert_noop!(
			Registry::deprecate_model(RuntimeOrigin::signed(BOB), id),
			Error::<Test>::NotOwner
		);
		assert_noop!(
			Registry::deprecate_model(RuntimeOrigin::signed(BOB), 7),
			Error::<Test>::UnknownModel
		);
		assert_noop!(
			Registry::deprecate_model(RuntimeOrigin::none(), id),
			DispatchError::BadOrigin
		);
		assert_ok!(Registry::deprecate_model(RawOrigin::Root.into(), id));
		System::assert_last_event(Event::ModelDeprecated { model: id }.into());
		assert_eq!(Registry::model(id).unwrap().status, ModelStatus::Deprecated);
	});
}

#[test]
fn retire_is_final() {
	test(|| {
		let id = register(ALICE);
		assert_ok!(Registry::approve_model(RawOrigin::Root.into(), id));
		assert_noop!(
			Registry::retire_model(RuntimeOrigin::signed(BOB), id),
			Error::<Test>::NotOwner
		);
		assert_noop!(
			Registry::retire_model(RawOrigin::Root.into(), 5),
			Error::<Test>::UnknownModel
		);
		assert_ok!(Registry::retire_model(RuntimeOrigin::signed(ALICE), id));
		System::assert_last_event(Event::ModelRetired { model: id }.into());
		assert_eq!(<Registry as ModelRegistry>::active_input_len(id), None);
		// Running jobs still need the key.
		assert!(<Registry as ModelRegistry>::verifying_key(id).is_some());
		assert_noop!(
			Registry::retire_model(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::AlreadyRetired
		);
	});
}

#[test]
fn remove_returns_the_deposit_once_no_job_is_open() {
	test(|| {
		let id = register(ALICE);
		let deposit = Registry::model(id).unwrap().deposit;
		assert_ok!(Registry::approve_model(RawOrigin::Root.into(), id));
		assert_noop!(
			Registry::remove_model(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::NotRemovable
		);
		assert_ok!(Registry::retire_model(RuntimeOrigin::signed(ALICE), id));
		ModelsInUse::set(vec![id]);
		assert_noop!(
			Registry::remove_model(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::ModelInUse
		);
		ModelsInUse::set(vec![]);
		assert_noop!(
			Registry::remove_model(RuntimeOrigin::signed(BOB), id),
			Error::<Test>::NotOwner
		);
		assert_ok!(Registry::remove_model(RuntimeOrigin::signed(ALICE), id));
		System::assert_last_event(Event::ModelRemoved { model: id, owner: ALICE, deposit }.into());
		assert_eq!(held(ALICE), 0);
		assert_eq!(Balances::free_balance(ALICE), ENDOWMENT);
		assert!(Registry::model(id).is_none());
		assert!(VerifyingKeys::<Test>::get(id).is_none());
		assert!(Registry::models_by_owner(ALICE).is_empty());
		assert_eq!(RemovedFromMarket::get(), vec![id], "the job market forgets the model");
		assert_noop!(
			Registry::remove_model(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::UnknownModel
		);
	});
}

#[test]
fn a_pending_model_can_be_withdrawn_by_its_owner_or_rejected_by_governance() {
	test(|| {
		let a = register(ALICE);
		let b = register(BOB);
		assert_ok!(Registry::remove_model(RuntimeOrigin::signed(ALICE), a));
		assert_ok!(Registry::remove_model(RawOrigin::Root.into(), b));
		assert_eq!(held(ALICE) + held(BOB), 0);
	});
}

#[test]
fn models_are_listed_in_pages_and_by_owner() {
	test(|| {
		let ids: Vec<_> = [ALICE, BOB, ALICE, BOB, ALICE].into_iter().map(register).collect();
		assert_ok!(Registry::remove_model(RuntimeOrigin::signed(BOB), ids[1]));
		let page = |start, limit| -> Vec<ModelId> {
			Registry::models(start, limit).into_iter().map(|(id, _)| id).collect()
		};
		assert_eq!(page(0, 2), vec![0, 2]);
		assert_eq!(page(3, 10), vec![3, 4]);
		assert_eq!(page(5, 10), Vec::<ModelId>::new());
		assert_eq!(page(0, 0), Vec::<ModelId>::new());
		let mut alices = Registry::models_by_owner(ALICE);
		alices.sort();
		assert_eq!(alices, vec![0, 2, 4]);
		assert_eq!(Registry::models_by_owner(BOB), vec![3]);
	});
}

#[test]
fn model_ids_running_out_is_an_error() {
	test(|| {
		NextModelId::<Test>::put(ModelId::MAX);
		assert_noop!(
			register_with(ALICE, &[15], test_vk(), None),
			Error::<Test>::ModelIdsExhausted
		);
	});
}

/// Registers the fixture model with input length `input_len` and scale `2^frac_bits`.
fn register_format(input_len: u32, frac_bits: u8) -> polkadot_sdk::sp_runtime::DispatchResult {
	Registry::register_model(
		RuntimeOrigin::signed(ALICE),
		b"digits-mlp".to_vec().try_into().unwrap(),
		b"ipfs://bafy-digits".to_vec().try_into().unwrap(),
		H256::repeat_byte(7),
		shape(&[8, 8]),
		input_len,
		shape(&[15]),
		frac_bits,
		test_vk().to_vec().try_into().unwrap(),
		None,
	)
	.map(|_| ())
	.map_err(|e| e.error)
}

#[test]
fn a_model_declares_an_input_length_within_the_market_limit() {
	test(|| {
		assert_noop!(register_format(0, 8), Error::<Test>::InvalidInputLength);
		assert_noop!(register_format(MAX_INPUT_LEN + 1, 8), Error::<Test>::InvalidInputLength);
		assert_ok!(register_format(MAX_INPUT_LEN, 8));
		assert_eq!(Registry::model(0).unwrap().input_len, MAX_INPUT_LEN);
	});
}

/// Clients encode inputs and decode outputs with the declared scale: it must be one the
/// prover supports.
#[test]
fn a_model_declares_a_supported_fixed_point_scale() {
	test(|| {
		assert_noop!(register_format(INPUT_LEN, 0), Error::<Test>::InvalidFixedPoint);
		assert_noop!(
			register_format(INPUT_LEN, veritas_primitives::models::MAX_FRAC_BITS + 1),
			Error::<Test>::InvalidFixedPoint
		);
		assert_ok!(register_format(INPUT_LEN, veritas_primitives::models::MAX_FRAC_BITS));
		assert_eq!(Registry::model(0).unwrap().frac_bits, 16);
	});
}

/// Attack: register the committed test fixture, whose setup seed is in the repository, get it
/// approved "for a test", then forge a proof for every job.
#[cfg(not(feature = "runtime-benchmarks"))]
#[test]
fn registering_the_published_test_key_is_refused() {
	test(|| {
		assert_noop!(
			register_with(ALICE, &[15], veritas_verifier::fixtures::TOY_MODEL_VK, None),
			Error::<Test>::PublishedTestKey
		);
	});
}

/// Attack: register a key with γ = δ, under which anyone can turn any valid proof into a proof
/// of any other statement.
#[test]
fn registering_a_key_with_gamma_equal_to_delta_is_refused() {
	test(|| {
		// Compressed layout: α (48 bytes), β, γ, δ (96 bytes each), then the input points.
		let mut key = test_vk().to_vec();
		let gamma = key[144..240].to_vec();
		key[240..336].copy_from_slice(&gamma);
		assert_noop!(
			register_with(ALICE, &[15], &key, None),
			Error::<Test>::DegenerateVerifyingKey
		);
	});
}
