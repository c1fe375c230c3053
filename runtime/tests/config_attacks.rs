//! The holes of issue "A market no one can farm", played as attacks against the runtime as a
//! chain starts it (state built from its genesis presets, calls dispatched as a block would):
//! free XCM sends, proxies that move their principal's money, near-free block space, collator
//! slots for cents, and the proof backend a relay cannot execute. Each test fails on the
//! configuration the issue describes.

#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing
)]

mod common;

use codec::Encode;
use common::chain::{account, events, genesis, signed};
use polkadot_sdk::{
	cumulus_primitives_core::{ParaId, UpwardMessageSender},
	frame_support::{
		assert_ok,
		traits::{fungible, Get, InstanceFilter, OnUnbalanced, PalletInfoAccess},
		weights::{Weight, WeightToFee as _},
	},
	frame_system, pallet_balances, pallet_collator_selection, pallet_proxy, pallet_session,
	pallet_transaction_payment::{self, Multiplier},
	pallet_utility, pallet_xcm,
	polkadot_runtime_common::xcm_sender::PriceForMessageDelivery,
	sp_genesis_builder::{DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET},
	sp_keyring::Sr25519Keyring::{self, Alice, Bob, Charlie, Dave, Ferdie},
	sp_runtime::{DispatchError, FixedU128, ModuleError, MultiAddress, Perbill},
	staging_xcm::{
		latest::{
			Asset, AssetId, Assets, Fungibility::Fungible, Instruction::ClearOrigin, Location, Xcm,
		},
		VersionedLocation, VersionedXcm,
	},
};
use veritas_primitives::BackendPolicy;
use veritas_runtime::{
	configs::{
		dynamic_params::verifier::VerificationBackend,
		xcm_config::{BaseDeliveryFee, PriceForParentDelivery, PriceForSiblingDelivery},
		CollatorFeeShare, DealWithFees, MinimumMultiplier, ProxyType, TransactionByteFee,
	},
	genesis_config_presets::{preset_names, CANDIDACY_BOND, DESIRED_CANDIDATES},
	AccountId, Balance, Balances, CollatorSelection, Executive, Inference, PolkadotXcm, Proxy,
	Runtime, RuntimeCall, RuntimeEvent, RuntimeOrigin, SessionKeys, System, TransactionPayment,
	WeightToFee, EXISTENTIAL_DEPOSIT, MAXIMUM_BLOCK_WEIGHT, MAX_BLOCK_LENGTH, MILLI_UNIT,
	NORMAL_BLOCK_FEE, NORMAL_DISPATCH_RATIO, UNIT,
};
use veritas_verifier::Backend;

fn origin(who: Sr25519Keyring) -> RuntimeOrigin {
	RuntimeOrigin::signed(account(who))
}

fn free(who: &AccountId) -> Balance {
	Balances::free_balance(who)
}

fn transfer(to: Sr25519Keyring, value: Balance) -> RuntimeCall {
	RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
		dest: MultiAddress::Id(account(to)),
		value,
	})
}

fn inference(call: pallet_inference::Call<Runtime>) -> RuntimeCall {
	RuntimeCall::Inference(call)
}

fn batch(calls: Vec<RuntimeCall>) -> RuntimeCall {
	RuntimeCall::Utility(pallet_utility::Call::batch { calls })
}

/// `principal` makes `delegate` its proxy of type `kind`, with no announcement delay.
fn add_proxy(principal: Sr25519Keyring, delegate: Sr25519Keyring, kind: ProxyType) {
	assert_ok!(Proxy::add_proxy(origin(principal), MultiAddress::Id(account(delegate)), kind, 0));
}

/// `delegate` dispatches `call` for `principal`. `Proxy::proxy` itself succeeds whenever the
/// proxy exists; what the proxied call returned is in `ProxyExecuted`, which this returns.
fn via_proxy(
	delegate: Sr25519Keyring,
	principal: Sr25519Keyring,
	call: RuntimeCall,
) -> Result<(), DispatchError> {
	assert_ok!(Proxy::proxy(
		origin(delegate),
		MultiAddress::Id(account(principal)),
		None,
		Box::new(call)
	));
	events()
		.into_iter()
		.rev()
		.find_map(|event| match event {
			RuntimeEvent::Proxy(pallet_proxy::Event::ProxyExecuted { result }) => Some(result),
			_ => None,
		})
		.expect("a ProxyExecuted event")
}

fn call_filtered() -> DispatchError {
	frame_system::Error::<Runtime>::CallFiltered.into()
}

/// Whether a proxied call got past the proxy filter into pallet `P`: it succeeded, or `P`
/// itself refused it (these tests set up no state for the calls to succeed on).
fn reached<P: PalletInfoAccess>(result: &Result<(), DispatchError>) -> bool {
	match result {
		Ok(()) => true,
		Err(DispatchError::Module(ModuleError { index, .. })) => usize::from(*index) == P::index(),
		Err(_) => false,
	}
}

// 10. Free XCM sends can halt the chain.

/// Any signed account could `send` XCM for free, growing the upward queue every block carries in
/// its proof. Now only Root sends.
#[test]
fn signed_accounts_cannot_send_xcm() {
	genesis(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		<veritas_runtime::ParachainSystem as UpwardMessageSender>::ensure_successful_delivery();
		for _ in 0..3 {
			let sent = PolkadotXcm::send(
				origin(Bob),
				Box::new(VersionedLocation::from(Location::parent())),
				Box::new(VersionedXcm::from(Xcm::<()>(vec![ClearOrigin]))),
			);
			assert_eq!(sent, Err(DispatchError::BadOrigin));
		}
		assert!(cumulus_pallet_parachain_system::PendingUpwardMessages::<Runtime>::get().is_empty());
	});
}

/// Root (governance) still sends: the message is queued for the relay and recorded, without a
/// delivery charge to a payer Root does not have.
#[test]
fn root_sends_xcm_to_the_relay() {
	genesis(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		<veritas_runtime::ParachainSystem as UpwardMessageSender>::ensure_successful_delivery();
		assert_ok!(PolkadotXcm::send(
			RuntimeOrigin::root(),
			Box::new(VersionedLocation::from(Location::parent())),
			Box::new(VersionedXcm::from(Xcm::<()>(vec![ClearOrigin]))),
		));
		assert_eq!(
			cumulus_pallet_parachain_system::PendingUpwardMessages::<Runtime>::get().len(),
			1
		);
		assert!(events().iter().any(|event| matches!(
			event,
			RuntimeEvent::PolkadotXcm(pallet_xcm::Event::Sent { destination, .. })
				if *destination == Location::parent()
		)));
	});
}

/// Delivery to the relay and to siblings costs a base fee plus `TransactionByteFee` per byte,
/// times a factor that congestion raises.
#[test]
fn xcm_delivery_is_priced_and_congestion_raises_the_price() {
	genesis(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		let message = Xcm::<()>(vec![ClearOrigin]);
		let vrt = |amount: Balance| {
			Assets::from(Asset { id: AssetId(Location::here()), fun: Fungible(amount) })
		};
		let price =
			BaseDeliveryFee::get() + message.encoded_size() as Balance * TransactionByteFee::get();
		assert!(price >= 30 * MILLI_UNIT);
		assert_eq!(PriceForParentDelivery::price_for_delivery((), &message), vrt(price));
		assert_eq!(
			PriceForSiblingDelivery::price_for_delivery(ParaId::from(2001), &message),
			vrt(price)
		);

		cumulus_pallet_parachain_system::UpwardDeliveryFeeFactor::<Runtime>::put(
			FixedU128::from_u32(2),
		);
		assert_eq!(PriceForParentDelivery::price_for_delivery((), &message), vrt(2 * price));
	});
}

// 11. A `NonTransfer` proxy can move its principal's money.

/// A `NonTransfer` hot key used to be able to escrow its principal's whole balance in a job
/// paying an operator it runs.
#[test]
fn non_transfer_proxy_cannot_submit_a_job() {
	genesis(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		add_proxy(Bob, Charlie, ProxyType::NonTransfer);
		let before = free(&account(Bob));
		let job = inference(pallet_inference::Call::submit_job {
			model: 0,
			input: Default::default(),
			max_fee: before / 2,
			timeout: 10,
		});
		assert_eq!(via_proxy(Charlie, Bob, job), Err(call_filtered()));
		assert_eq!(free(&account(Bob)), before);
	});
}

#[test]
fn non_transfer_proxy_cannot_transfer() {
	genesis(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		add_proxy(Bob, Charlie, ProxyType::NonTransfer);
		let before = free(&account(Bob));
		assert_eq!(via_proxy(Charlie, Bob, transfer(Charlie, UNIT)), Err(call_filtered()));
		assert_eq!(free(&account(Bob)), before);
	});
}

/// `Proxy::proxy` dispatches for the next account with a fresh, unfiltered origin: a
/// `NonTransfer` key of Bob, who holds an `Any` proxy of Dave, could empty Dave's account.
#[test]
fn non_transfer_proxy_cannot_escape_through_a_nested_proxy() {
	genesis(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		add_proxy(Dave, Bob, ProxyType::Any);
		add_proxy(Bob, Charlie, ProxyType::NonTransfer);
		let dave_before = free(&account(Dave));
		let nested = RuntimeCall::Proxy(pallet_proxy::Call::proxy {
			real: MultiAddress::Id(account(Dave)),
			force_proxy_type: None,
			call: Box::new(transfer(Charlie, 1_000 * UNIT)),
		});
		assert_eq!(via_proxy(Charlie, Bob, nested), Err(call_filtered()));
		assert_eq!(free(&account(Dave)), dave_before);

		// Nor may it hand out proxies (a deposit, and a way to stay in after being removed).
		let more = RuntimeCall::Proxy(pallet_proxy::Call::add_proxy {
			delegate: MultiAddress::Id(account(Ferdie)),
			proxy_type: ProxyType::NonTransfer,
			delay: 0,
		});
		assert_eq!(via_proxy(Charlie, Bob, more), Err(call_filtered()));
	});
}

/// Batches are allowed, but every call in them still goes through the proxy's filter.
#[test]
fn non_transfer_proxy_cannot_escape_through_a_batch() {
	genesis(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		add_proxy(Bob, Charlie, ProxyType::NonTransfer);
		let before = free(&account(Bob));

		assert_eq!(via_proxy(Charlie, Bob, batch(vec![transfer(Charlie, UNIT)])), Ok(()));
		assert!(events().contains(&RuntimeEvent::Utility(
			pallet_utility::Event::BatchInterrupted { index: 0, error: call_filtered() }
		)));

		let all = RuntimeCall::Utility(pallet_utility::Call::batch_all {
			calls: vec![transfer(Charlie, UNIT)],
		});
		assert_eq!(via_proxy(Charlie, Bob, all), Err(call_filtered()));

		let forced = RuntimeCall::Utility(pallet_utility::Call::force_batch {
			calls: vec![transfer(Charlie, UNIT)],
		});
		assert_eq!(via_proxy(Charlie, Bob, forced), Ok(()));
		assert!(events().contains(&RuntimeEvent::Utility(pallet_utility::Event::ItemFailed {
			error: call_filtered()
		})));

		assert_eq!(free(&account(Bob)), before);
	});
}

/// What `NonTransfer` is for still works: remarks, session keys, cancelling a queued job.
#[test]
fn non_transfer_proxy_keeps_its_harmless_calls() {
	genesis(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		add_proxy(Bob, Charlie, ProxyType::NonTransfer);
		let remark = RuntimeCall::System(frame_system::Call::remark { remark: b"hi".to_vec() });
		assert_eq!(via_proxy(Charlie, Bob, remark), Ok(()));
		let purge = RuntimeCall::Session(pallet_session::Call::purge_keys {});
		assert!(reached::<veritas_runtime::Session>(&via_proxy(Charlie, Bob, purge)));
		let cancel = inference(pallet_inference::Call::cancel_job { job: 0 });
		assert!(reached::<Inference>(&via_proxy(Charlie, Bob, cancel)));
	});
}

/// An operator's hot key answers jobs and adjusts offers, alone or in batches.
#[test]
fn operator_proxy_can_answer_jobs_for_its_principal() {
	genesis(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		add_proxy(Bob, Charlie, ProxyType::Operator);
		let answer = pallet_inference::Call::submit_result {
			job: 0,
			output: Default::default(),
			proof: [0u8; veritas_verifier::PROOF_SIZE],
		};
		assert!(reached::<Inference>(&via_proxy(Charlie, Bob, inference(answer.clone()))));
		let answers = pallet_inference::Call::submit_results { results: Default::default() };
		assert!(reached::<Inference>(&via_proxy(Charlie, Bob, inference(answers))));
		let offers = pallet_inference::Call::update_operator { offers: None, capacity: Some(2) };
		assert!(reached::<Inference>(&via_proxy(Charlie, Bob, inference(offers))));

		// In a batch the answer reaches the pallet too: it is the pallet that refuses it.
		assert_eq!(via_proxy(Charlie, Bob, batch(vec![inference(answer)])), Ok(()));
		let interrupted = events().into_iter().find_map(|event| match event {
			RuntimeEvent::Utility(pallet_utility::Event::BatchInterrupted { error, .. }) => {
				Some(error)
			}
			_ => None,
		});
		assert!(reached::<Inference>(&Err(interrupted.expect("the answer fails: no such job"))));
	});
}

/// The hot key can touch neither the bond nor the balance: no unbonding, withdrawal, bonding,
/// registration, job, transfer, nested proxy or new proxy, not even inside a batch.
#[test]
fn operator_proxy_cannot_touch_bonds_jobs_or_balances() {
	genesis(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		add_proxy(Dave, Bob, ProxyType::Any);
		add_proxy(Bob, Charlie, ProxyType::Operator);
		let before = free(&account(Bob));
		let forbidden = [
			inference(pallet_inference::Call::unbond { amount: UNIT }),
			inference(pallet_inference::Call::withdraw_unbonded {}),
			inference(pallet_inference::Call::bond_extra { amount: UNIT }),
			inference(pallet_inference::Call::register_operator {
				bond: 1_000 * UNIT,
				offers: Default::default(),
				capacity: 1,
			}),
			inference(pallet_inference::Call::submit_job {
				model: 0,
				input: Default::default(),
				max_fee: UNIT,
				timeout: 10,
			}),
			inference(pallet_inference::Call::cancel_job { job: 0 }),
			transfer(Charlie, UNIT),
			RuntimeCall::Proxy(pallet_proxy::Call::proxy {
				real: MultiAddress::Id(account(Dave)),
				force_proxy_type: None,
				call: Box::new(transfer(Charlie, UNIT)),
			}),
			RuntimeCall::Proxy(pallet_proxy::Call::add_proxy {
				delegate: MultiAddress::Id(account(Ferdie)),
				proxy_type: ProxyType::Operator,
				delay: 0,
			}),
			RuntimeCall::System(frame_system::Call::remark { remark: Vec::new() }),
		];
		for call in forbidden {
			System::reset_events();
			assert_eq!(via_proxy(Charlie, Bob, call.clone()), Err(call_filtered()), "{call:?}");
			assert_eq!(via_proxy(Charlie, Bob, batch(vec![call.clone()])), Ok(()));
			assert!(
				events().contains(&RuntimeEvent::Utility(
					pallet_utility::Event::BatchInterrupted { index: 0, error: call_filtered() }
				)),
				"{call:?} in a batch"
			);
		}
		assert_eq!(free(&account(Bob)), before);
	});
}

/// A proxy may add or remove only proxies it is a superset of: every call the smaller type
/// allows, the larger one allows too, and nothing else is a superset of `Any`.
#[test]
fn proxy_supersets_follow_the_allow_lists() {
	use ProxyType::*;
	let kinds = [Any, NonTransfer, CancelProxy, Operator];
	for a in kinds {
		for b in kinds {
			let expected = a == b || a == Any || (a == NonTransfer && b == CancelProxy);
			assert_eq!(a.is_superset(&b), expected, "{a:?} ⊇ {b:?}");
		}
	}
	let calls = [
		transfer(Charlie, UNIT),
		RuntimeCall::System(frame_system::Call::remark { remark: Vec::new() }),
		RuntimeCall::Proxy(pallet_proxy::Call::reject_announcement {
			delegate: MultiAddress::Id(account(Alice)),
			call_hash: Default::default(),
		}),
		batch(Vec::new()),
		RuntimeCall::Utility(pallet_utility::Call::batch_all { calls: Vec::new() }),
		inference(pallet_inference::Call::submit_results { results: Default::default() }),
		inference(pallet_inference::Call::cancel_job { job: 0 }),
	];
	for a in kinds {
		for b in kinds {
			if a.is_superset(&b) {
				for call in &calls {
					assert!(
						!b.filter(call) || a.filter(call),
						"{a:?} ⊇ {b:?} but not for {call:?}"
					);
				}
			}
		}
	}
	// The encoding of the types that existed before `Operator` is unchanged.
	assert_eq!(
		(Any.encode(), NonTransfer.encode(), CancelProxy.encode()),
		(vec![0], vec![1], vec![2])
	);
	assert_eq!(Operator.encode(), vec![3]);
}

// 12. Compute is almost free.

/// Filling the `Normal` class of a block costs `NORMAL_BLOCK_FEE` whichever resource fills it:
/// ref time, proof size or bytes.
#[test]
fn a_full_normal_block_costs_the_target_fee() {
	assert_eq!(NORMAL_BLOCK_FEE, 10 * UNIT);
	let normal = NORMAL_DISPATCH_RATIO * MAXIMUM_BLOCK_WEIGHT;
	let tolerance = NORMAL_BLOCK_FEE / 1_000_000;
	let by_time = WeightToFee::weight_to_fee(&Weight::from_parts(normal.ref_time(), 0));
	let by_proof = WeightToFee::weight_to_fee(&Weight::from_parts(0, normal.proof_size()));
	assert!(by_time.abs_diff(NORMAL_BLOCK_FEE) <= tolerance, "ref time: {by_time}");
	assert!(by_proof.abs_diff(NORMAL_BLOCK_FEE) <= tolerance, "proof size: {by_proof}");
	assert_eq!(WeightToFee::weight_to_fee(&normal), by_time.max(by_proof));

	let normal_length = Balance::from(NORMAL_DISPATCH_RATIO * MAX_BLOCK_LENGTH);
	let by_length = TransactionByteFee::get() * normal_length;
	assert!(by_length.abs_diff(NORMAL_BLOCK_FEE) <= tolerance, "length: {by_length}");

	// That is the floor: the fee multiplier never goes below 1.
	assert_eq!(MinimumMultiplier::get(), Multiplier::from_u32(1));
}

/// A plain transfer still pays at least an existential deposit (creating dust accounts costs at
/// least what they hold) and stays cheap (under 0.1 VRT).
#[test]
fn a_transfer_fee_covers_the_existential_deposit() {
	genesis(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		let xt = signed(Bob, transfer(Charlie, UNIT), 0);
		let len = xt.encoded_size() as u32;
		let fee = TransactionPayment::query_info(xt, len).partial_fee;
		assert!(fee >= EXISTENTIAL_DEPOSIT, "fee {fee}");
		assert!(fee <= 100 * EXISTENTIAL_DEPOSIT, "fee {fee}");
	});
}

// 13. Collators.

/// A signed transfer's fee goes 20 % to the collators' pot, its tip wholly; the rest is burned.
#[test]
fn transfer_fees_reach_the_collator_pot_in_the_chosen_share() {
	genesis(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		assert_eq!(CollatorFeeShare::get(), Perbill::from_percent(20));
		let pot = CollatorSelection::account_id();
		let pot_before = free(&pot);
		let issuance_before = pallet_balances::TotalIssuance::<Runtime>::get();
		let bob_before = free(&account(Bob));
		let tip = 7 * MILLI_UNIT;

		assert_eq!(
			Executive::apply_extrinsic(signed(Bob, transfer(Charlie, UNIT), tip)),
			Ok(Ok(()))
		);

		let (actual_fee, paid_tip) = events()
			.into_iter()
			.find_map(|event| match event {
				RuntimeEvent::TransactionPayment(
					pallet_transaction_payment::Event::TransactionFeePaid {
						actual_fee, tip, ..
					},
				) => Some((actual_fee, tip)),
				_ => None,
			})
			.expect("a TransactionFeePaid event");
		assert_eq!(paid_tip, tip);
		assert_eq!(free(&account(Bob)), bob_before - UNIT - actual_fee);
		let fee = actual_fee - tip;
		let to_collators = CollatorFeeShare::get() * fee;
		assert!(to_collators > 0);
		assert_eq!(free(&pot), pot_before + to_collators + tip);
		assert_eq!(
			pallet_balances::TotalIssuance::<Runtime>::get(),
			issuance_before - (fee - to_collators)
		);
	});
}

/// XCM execution fees (the trader's) take the same route.
#[test]
fn xcm_execution_fees_are_split_the_same_way() {
	genesis(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		let pot = CollatorSelection::account_id();
		let pot_before = free(&pot);
		let issuance_before = pallet_balances::TotalIssuance::<Runtime>::get();
		let fee = 10 * MILLI_UNIT;
		let credit = <Balances as fungible::Balanced<AccountId>>::issue(fee);
		<DealWithFees as OnUnbalanced<_>>::on_unbalanced(credit);
		let to_collators = CollatorFeeShare::get() * fee;
		assert_eq!(free(&pot), pot_before + to_collators);
		assert_eq!(
			pallet_balances::TotalIssuance::<Runtime>::get(),
			issuance_before + to_collators
		);
	});
}

/// Outside development, collator slots are open to bonded candidates and a candidacy ties up
/// 10,000 VRT.
#[test]
fn presets_set_production_collator_selection() {
	genesis(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		assert_eq!(CANDIDACY_BOND, 10_000 * UNIT);
		assert_eq!(DESIRED_CANDIDATES, 8);
		assert_eq!(pallet_collator_selection::CandidacyBond::<Runtime>::get(), CANDIDACY_BOND);
		assert_eq!(
			pallet_collator_selection::DesiredCandidates::<Runtime>::get(),
			DESIRED_CANDIDATES
		);
		assert!(free(&CollatorSelection::account_id()) >= EXISTENTIAL_DEPOSIT);
	});
	genesis(DEV_RUNTIME_PRESET).execute_with(|| {
		assert_eq!(pallet_collator_selection::CandidacyBond::<Runtime>::get(), CANDIDACY_BOND);
		assert_eq!(pallet_collator_selection::DesiredCandidates::<Runtime>::get(), 0);
	});
}

/// A Sybil candidate with session keys but less than the bond is refused; with it, the bond is
/// reserved.
#[test]
fn a_candidacy_costs_the_bond() {
	genesis(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		let sybil = AccountId::from([7u8; 32]);
		pallet_session::NextKeys::<Runtime>::insert(
			&sybil,
			SessionKeys { aura: Ferdie.public().into() },
		);
		let short = CANDIDACY_BOND - UNIT;
		let _ = <Balances as fungible::Mutate<AccountId>>::set_balance(&sybil, short);
		assert!(
			CollatorSelection::register_as_candidate(RuntimeOrigin::signed(sybil.clone())).is_err()
		);
		assert_eq!(Balances::reserved_balance(&sybil), 0);

		let enough = CANDIDACY_BOND + UNIT;
		let _ = <Balances as fungible::Mutate<AccountId>>::set_balance(&sybil, enough);
		assert_ok!(CollatorSelection::register_as_candidate(RuntimeOrigin::signed(sybil.clone())));
		assert_eq!(Balances::reserved_balance(&sybil), CANDIDACY_BOND);
	});
}

// 8. Safe default backend.

/// Every spec but `development` follows the relay (`Auto`), which verifies in pure wasm until a
/// relay state proof shows `EccRfc163`; only the relay-less development chain forces host calls.
#[test]
fn only_the_development_preset_starts_on_host_calls() {
	let names = preset_names();
	assert!(names.iter().any(|name| name.as_str() == LOCAL_TESTNET_RUNTIME_PRESET));
	for name in names {
		let (policy, backend) = if name.as_str() == DEV_RUNTIME_PRESET {
			(BackendPolicy::HostCalls, Backend::HostCalls)
		} else {
			(BackendPolicy::Auto, Backend::Arkworks)
		};
		genesis(name.as_str()).execute_with(|| {
			assert_eq!(VerificationBackend::get(), policy, "preset {name}");
			assert_eq!(veritas_runtime::verifier_backend::status().backend, backend, "{name}");
		});
	}
}
