//! Operators: registration, offers, bonds and listing.

use super::*;

#[test]
fn register_operator_holds_the_bond_and_lists_the_operator() {
	test(|| {
		let model = register_model();
		assert_ok!(Market::register_operator(
			RuntimeOrigin::signed(OP_A),
			BOND,
			offers(&[(model, PRICE)]),
			3
		));
		assert_eq!(bonded(OP_A), BOND);
		assert_eq!(ModelOperators::<Test>::get(model).into_inner(), vec![OP_A]);
		System::assert_last_event(
			Event::OperatorRegistered { operator: OP_A, bond: BOND, capacity: 3 }.into(),
		);
		let details = Market::operator_details(&OP_A).unwrap();
		assert_eq!((details.bond, details.capacity, details.active_jobs), (BOND, 3, 0));
		assert!(details.accepting_jobs);
		assert_eq!(Market::best_quote(model, TIMEOUT), Some((OP_A, PRICE)));
	});
}

#[test]
fn register_operator_refuses_bad_registrations() {
	test(|| {
		let model = register_model();
		let register = |who, bond, list: &[(u32, Balance)], capacity| {
			Market::register_operator(RuntimeOrigin::signed(who), bond, offers(list), capacity)
		};
		assert_noop!(register(OP_A, MIN_BOND - 1, &[(model, PRICE)], 1), Error::<Test>::BondTooLow);
		assert_noop!(register(OP_A, BOND, &[(model, PRICE)], 0), Error::<Test>::InvalidCapacity);
		assert_noop!(register(OP_A, BOND, &[(model, PRICE)], 9), Error::<Test>::InvalidCapacity);
		assert_noop!(
			register(OP_A, BOND, &[(model, PRICE), (model, 5)], 1),
			Error::<Test>::DuplicateOffer
		);
		assert_noop!(register(OP_A, BOND, &[(model + 7, PRICE)], 1), Error::<Test>::ModelNotActive);
		let too_patient: crate::types::OffersOf<Test> = vec![veritas_primitives::ModelOffer {
			model,
			price: PRICE,
			min_timeout: MAX_TIMEOUT + 1,
		}]
		.try_into()
		.unwrap();
		assert_noop!(
			Market::register_operator(RuntimeOrigin::signed(OP_A), BOND, too_patient, 1),
			Error::<Test>::InvalidMinTimeout
		);
		assert_noop!(
			register(POOR, BOND, &[(model, PRICE)], 1),
			Error::<Test>::InsufficientBalance
		);
		assert_ok!(register(OP_A, BOND, &[(model, PRICE)], 1));
		assert_noop!(register(OP_A, BOND, &[(model, PRICE)], 1), Error::<Test>::AlreadyOperator);
		for who in [OP_B, OP_C, OP_D] {
			assert_ok!(register(who, BOND, &[(model, PRICE)], 1));
		}
		assert_noop!(
			register(OP_E, BOND, &[(model, PRICE)], 1),
			Error::<Test>::TooManyOperatorsForModel
		);
	});
}

#[test]
fn update_operator_moves_the_operator_between_model_lists() {
	test(|| {
		let first = register_model();
		let second = register_model();
		operator(OP_A, first, PRICE, 1, BOND);
		assert_noop!(
			Market::update_operator(RuntimeOrigin::signed(OP_B), None, Some(2)),
			Error::<Test>::NotOperator
		);
		assert_noop!(
			Market::update_operator(RuntimeOrigin::signed(OP_A), None, Some(0)),
			Error::<Test>::InvalidCapacity
		);
		assert_ok!(Market::update_operator(
			RuntimeOrigin::signed(OP_A),
			Some(offers(&[(second, 7)])),
			Some(2)
		));
		System::assert_last_event(Event::OperatorUpdated { operator: OP_A }.into());
		assert!(ModelOperators::<Test>::get(first).is_empty());
		assert_eq!(ModelOperators::<Test>::get(second).into_inner(), vec![OP_A]);
		assert_eq!(Market::best_quote(second, TIMEOUT), Some((OP_A, 7)));
		assert_eq!(Market::best_quote(first, TIMEOUT), None);
		assert_eq!(Operators::<Test>::get(OP_A).unwrap().capacity, 2);
	});
}

#[test]
fn bond_extra_adds_to_the_bond() {
	test(|| {
		let model = register_model();
		assert_noop!(
			Market::bond_extra(RuntimeOrigin::signed(OP_A), 10),
			Error::<Test>::NotOperator
		);
		operator(OP_A, model, PRICE, 1, BOND);
		assert_ok!(Market::bond_extra(RuntimeOrigin::signed(OP_A), 500));
		System::assert_last_event(Event::BondIncreased { operator: OP_A, amount: 500 }.into());
		assert_eq!(bonded(OP_A), BOND + 500);
		assert_noop!(
			Market::bond_extra(RuntimeOrigin::signed(OP_A), ENDOWMENT),
			Error::<Test>::InsufficientBalance
		);
	});
}

#[test]
fn unbonding_waits_its_period_and_spares_the_collateral_of_open_jobs() {
	test(|| {
		let model = register_model();
		operator(OP_A, model, PRICE, 2, BOND);
		let job = submit(REQUESTER, model, 1, FEE);
		assert_eq!(assigned_to(job), Some(OP_A));
		assert_noop!(
			Market::unbond(RuntimeOrigin::signed(OP_A), 0),
			Error::<Test>::InvalidUnbondAmount
		);
		assert_noop!(
			Market::unbond(RuntimeOrigin::signed(OP_A), BOND + 1),
			Error::<Test>::InvalidUnbondAmount
		);
		// One open job locks its collateral.
		assert_noop!(
			Market::unbond(RuntimeOrigin::signed(OP_A), BOND),
			Error::<Test>::BondLockedByJobs
		);
		assert_noop!(
			Market::withdraw_unbonded(RuntimeOrigin::signed(OP_A)),
			Error::<Test>::NothingToWithdraw
		);
		assert_ok!(Market::unbond(RuntimeOrigin::signed(OP_A), BOND - COLLATERAL));
		System::assert_has_event(
			Event::UnbondingStarted {
				operator: OP_A,
				amount: BOND - COLLATERAL,
				unlocks_at: 1 + UNBONDING,
			}
			.into(),
		);
		// Below the minimum bond the operator loses its offers and leaves the model's list: a
		// new job finds nobody who would ever take it.
		System::assert_has_event(Event::OperatorUnlisted { operator: OP_A }.into());
		assert!(!Market::operator_details(&OP_A).unwrap().accepting_jobs);
		assert!(Operators::<Test>::get(OP_A).unwrap().offers.is_empty());
		assert!(ModelOperators::<Test>::get(model).is_empty());
		assert_noop!(
			submit_with(REQUESTER, model, 2, FEE, TIMEOUT),
			Error::<Test>::NoMatchingOffer
		);
		assert_noop!(
			Market::withdraw_unbonded(RuntimeOrigin::signed(OP_A)),
			Error::<Test>::StillUnbonding
		);
		assert_ok!(result(OP_A, job, answer(job)));
		run_to_block(1 + UNBONDING);
		let free = Balances::free_balance(OP_A);
		assert_ok!(Market::withdraw_unbonded(RuntimeOrigin::signed(OP_A)));
		assert_eq!(Balances::free_balance(OP_A), free + BOND - COLLATERAL);
		assert_eq!(bonded(OP_A), COLLATERAL);
		assert!(Operators::<Test>::contains_key(OP_A));
		// Unbond the rest: the operator leaves.
		assert_ok!(Market::unbond(RuntimeOrigin::signed(OP_A), COLLATERAL));
		run_to_block(1 + 2 * UNBONDING);
		assert_ok!(Market::withdraw_unbonded(RuntimeOrigin::signed(OP_A)));
		System::assert_last_event(Event::OperatorDeregistered { operator: OP_A }.into());
		assert!(!Operators::<Test>::contains_key(OP_A));
		assert!(ModelOperators::<Test>::get(model).is_empty());
		assert_eq!(bonded(OP_A), 0);
		assert_eq!(escrow(REQUESTER), 0);
	});
}

#[test]
fn an_operator_slashed_below_the_minimum_bond_is_unlisted_until_it_tops_up_and_offers_again() {
	test(|| {
		let model = register_model();
		operator(OP_A, model, PRICE, 4, MIN_BOND);
		operator(OP_B, model, PRICE, 1, BOND);
		let busy = submit(REQUESTER, model, 3, FEE);
		let job = submit(REQUESTER, model, 1, FEE);
		assert_eq!((assigned_to(busy), assigned_to(job)), (Some(OP_A), Some(OP_B)));
		assert_ok!(result(OP_A, busy, wrong_answer(busy)));
		assert_eq!(Operators::<Test>::get(OP_A).unwrap().bond, MIN_BOND - INVALID_PROOF_SLASH);
		System::assert_has_event(Event::OperatorUnlisted { operator: OP_A }.into());
		assert!(!Market::operator_details(&OP_A).unwrap().accepting_jobs);
		assert_eq!(ModelOperators::<Test>::get(model).into_inner(), vec![OP_B]);
		// OP_B is busy: the failed job and a new one wait for it.
		assert!(is_queued(busy));
		let next = submit(REQUESTER, model, 2, FEE);
		assert!(is_queued(next));
		assert_eq!(Market::best_quote(model, TIMEOUT), None);
		// Offering again needs the minimum bond.
		assert_noop!(
			Market::update_operator(
				RuntimeOrigin::signed(OP_A),
				Some(offers(&[(model, PRICE)])),
				None
			),
			Error::<Test>::BondTooLow
		);
		// Topping up and offering again brings it back, and it takes the waiting jobs it did
		// not fail.
		assert_ok!(Market::bond_extra(RuntimeOrigin::signed(OP_A), INVALID_PROOF_SLASH));
		assert_ok!(Market::update_operator(
			RuntimeOrigin::signed(OP_A),
			Some(offers(&[(model, PRICE)])),
			None
		));
		assert_eq!(assigned_to(next), Some(OP_A));
		assert!(is_queued(busy));
		assert_ok!(Market::cancel_job(RuntimeOrigin::signed(REQUESTER), busy));
	});
}

#[test]
fn an_offer_for_a_model_that_stopped_taking_jobs_may_be_kept_but_not_added() {
	test(|| {
		let first = register_model();
		let second = register_model();
		operator(OP_A, first, PRICE, 1, BOND);
		assert_ok!(pallet_models::Pallet::<Test>::deprecate_model(RawOrigin::Root.into(), first));
		assert_ok!(pallet_models::Pallet::<Test>::deprecate_model(RawOrigin::Root.into(), second));
		// A new price for the deprecated model it offers already: allowed.
		assert_ok!(Market::update_operator(
			RuntimeOrigin::signed(OP_A),
			Some(offers(&[(first, PRICE + 1)])),
			None
		));
		// A deprecated model it does not offer yet: refused.
		assert_noop!(
			Market::update_operator(
				RuntimeOrigin::signed(OP_A),
				Some(offers(&[(first, PRICE), (second, PRICE)])),
				None
			),
			Error::<Test>::ModelNotActive
		);
	});
}

#[test]
fn operator_jobs_are_paged_in_id_order() {
	test(|| {
		let model = register_model();
		operator(OP_A, model, PRICE, 5, 10_000);
		let jobs: Vec<_> = (0..5).map(|seed| submit(REQUESTER, model, seed, FEE)).collect();
		assert_eq!(Market::operator_jobs(&OP_A, 0, 2), jobs[..2].to_vec());
		assert_eq!(Market::operator_jobs(&OP_A, jobs[2], 10), jobs[2..].to_vec());
		assert!(Market::operator_jobs(&OP_B, 0, 10).is_empty());
		for job in jobs {
			assert_ok!(result(OP_A, job, answer(job)));
		}
	});
}
