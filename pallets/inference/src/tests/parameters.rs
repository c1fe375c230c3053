//! Governed parameters changed mid-flight, as a `ParameterAdmin` referendum changes them: the
//! market holds every value within `MarketBounds` and keeps its invariants (checked after each
//! test by `mock::test`).

use super::*;

#[test]
fn a_raised_minimum_bond_stops_new_jobs_until_the_operator_bonds_more() {
	test(|| {
		let model = register_model();
		operator(OP_A, model, PRICE, 2, BOND);
		MinOperatorBond::set(BOND + 1_000);
		// Still listed, but bonded too little to take a job: no job may wait for it.
		assert_noop!(
			submit_with(REQUESTER, model, 1, FEE, TIMEOUT),
			Error::<Test>::NoMatchingOffer
		);
		assert_ok!(Market::bond_extra(RuntimeOrigin::signed(OP_A), 1_000));
		let job = submit(REQUESTER, model, 1, FEE);
		assert_eq!(assigned_to(job), Some(OP_A));
	});
}

#[test]
fn no_slash_exceeds_one_job_collateral_whatever_the_slash_is_set_to() {
	test(|| {
		let model = register_model();
		operator(OP_A, model, PRICE, 2, BOND);
		ProofSlash::set(5 * COLLATERAL);
		let job = submit(REQUESTER, model, 1, FEE);
		assert_ok!(result(OP_A, job, wrong_answer(job)));
		assert_eq!(Market::pending_slash(0).unwrap().amount, COLLATERAL);
	});
}

#[test]
fn a_raised_slash_and_collateral_take_no_more_than_the_jobs_share_of_the_bond() {
	test(|| {
		let model = register_model();
		operator(OP_A, model, PRICE, 4, BOND);
		let jobs: Vec<_> = (1..=4).map(|seed| submit(REQUESTER, model, seed, FEE)).collect();
		assert!(jobs.iter().all(|job| assigned_to(*job) == Some(OP_A)));
		// Governance raises both above what the four open jobs were backed with.
		JobCollateral::set(BOND);
		ProofSlash::set(BOND);
		assert_ok!(result(OP_A, jobs[0], wrong_answer(jobs[0])));
		// A quarter of the bond: the other three jobs keep theirs.
		assert_eq!(Market::pending_slash(0).unwrap().amount, BOND / 4);
		assert_ok!(result(OP_A, jobs[1], wrong_answer(jobs[1])));
		assert_eq!(Market::pending_slash(1).unwrap().amount, BOND / 4);
	});
}

#[test]
fn a_value_outside_the_envelope_is_held_at_its_bound() {
	test(|| {
		let model = register_model();
		operator(OP_A, model, PRICE, 1, BOND);
		// A fee of 100 % would leave operators nothing: the envelope caps it.
		ProtocolFee::set(Perbill::one());
		let treasury = Balances::free_balance(TREASURY);
		let job = submit(REQUESTER, model, 1, FEE);
		assert_ok!(result(OP_A, job, answer(job)));
		let cap = Perbill::from_percent(MAX_PROTOCOL_FEE_PERCENT);
		assert_eq!(Balances::free_balance(TREASURY), treasury + cap.mul_floor(PRICE));
		// A zero timeout floor is raised to the envelope's least, a huge one lowered to its most.
		// (A timeout the floor admits but no offer meets is refused for the offers.)
		MinJobTimeout::set(0);
		assert_noop!(submit_with(REQUESTER, model, 2, FEE, 0), Error::<Test>::InvalidTimeout);
		assert_noop!(submit_with(REQUESTER, model, 2, FEE, 1), Error::<Test>::NoMatchingOffer);
		MinJobTimeout::set(u64::MAX);
		assert_noop!(submit_with(REQUESTER, model, 3, FEE, 49), Error::<Test>::InvalidTimeout);
		assert_ok!(submit_with(REQUESTER, model, 3, FEE, 50));
	});
}

#[test]
fn a_shortened_deferral_never_applies_a_slash_before_its_own_time_or_an_older_one() {
	test(|| {
		let model = register_model();
		// A failed job goes to a second operator: a third answers the second job.
		operator(OP_A, model, PRICE, 1, BOND);
		operator(OP_B, model, PRICE, 1, BOND);
		operator(OP_C, model, PRICE, 1, BOND);
		// A deferral beyond the envelope is held at its longest.
		SlashDeferPeriod::set(u64::MAX);
		let first = submit(REQUESTER, model, 1, FEE);
		let failed = assigned_to(first).unwrap();
		assert_ok!(result(failed, first, wrong_answer(first)));
		assert_eq!(Market::pending_slash(0).unwrap().applies_at, 1 + MAX_SLASH_DEFER);
		// Then shortened below the envelope: held at its shortest.
		SlashDeferPeriod::set(0);
		let second = submit(OTHER_REQUESTER, model, 2, FEE);
		let other = assigned_to(second).unwrap();
		assert_ok!(result(other, second, wrong_answer(second)));
		assert_eq!(Market::pending_slash(1).unwrap().applies_at, 1 + 2);
		// Slashes apply in order: the second waits for the first, never the other way round.
		run_to_block(MAX_SLASH_DEFER);
		assert!(Market::pending_slash(0).is_some() && Market::pending_slash(1).is_some());
		run_to_block(1 + MAX_SLASH_DEFER);
		assert!(Market::pending_slash(0).is_none() && Market::pending_slash(1).is_none());
	});
}

#[test]
fn a_raised_collateral_takes_effect_for_the_next_job_and_keeps_open_ones_backed() {
	test(|| {
		let model = register_model();
		operator(OP_A, model, PRICE, 4, BOND);
		let first = submit(REQUESTER, model, 1, FEE);
		assert_eq!(assigned_to(first), Some(OP_A));
		// Two jobs now need more than the bond: the next one waits.
		JobCollateral::set(BOND / 2 + 1);
		MinOperatorBond::set(BOND);
		let second = submit(REQUESTER, model, 2, FEE);
		assert!(is_queued(second));
		// The open job is still answered and paid.
		assert_ok!(result(OP_A, first, answer(first)));
		assert_eq!(assigned_to(second), Some(OP_A));
	});
}

#[test]
fn anyone_frees_the_list_slots_of_operators_a_raised_minimum_bond_left_behind() {
	test(|| {
		let model = register_model();
		for who in [OP_A, OP_B, OP_C, OP_D] {
			operator(who, model, PRICE, 1, BOND);
		}
		let job = submit(REQUESTER, model, 1, FEE);
		let busy = assigned_to(job).unwrap();
		MinOperatorBond::set(BOND + 1_000);
		// The list is full of operators who may take no job, and a bonded newcomer is refused.
		let newcomer = || {
			Market::register_operator(
				RuntimeOrigin::signed(OP_E),
				BOND + 1_000,
				offers(&[(model, PRICE)]),
				1,
			)
		};
		assert_noop!(newcomer(), Error::<Test>::TooManyOperatorsForModel);
		assert!(Market::operator_details(&busy).unwrap().underbonded);
		// A stranger frees a slot, without a fee.
		let info = Market::unlist_underbonded(RuntimeOrigin::signed(REQUESTER), busy).unwrap();
		assert_eq!(info.pays_fee, polkadot_sdk::frame_support::dispatch::Pays::No);
		System::assert_has_event(Event::OperatorUnlisted { operator: busy }.into());
		assert!(!ModelOperators::<Test>::get(model).contains(&busy));
		assert!(Operators::<Test>::get(busy).unwrap().offers.is_empty());
		assert_ok!(newcomer());
		assert!(!Market::operator_details(&OP_E).unwrap().underbonded);
		// The unlisted operator's running job is still its own to answer, and is paid.
		assert_ok!(result(busy, job, answer(job)));
		assert!(matches!(status(job), Some(JobStatus::Completed { .. })));
		// Nothing left to unlist, a bonded operator and a stranger are all refused, at a fee.
		assert_noop!(
			Market::unlist_underbonded(RuntimeOrigin::signed(REQUESTER), busy),
			Error::<Test>::NotUnderbonded
		);
		assert_noop!(
			Market::unlist_underbonded(RuntimeOrigin::signed(REQUESTER), OP_E),
			Error::<Test>::NotUnderbonded
		);
		assert_noop!(
			Market::unlist_underbonded(RuntimeOrigin::signed(REQUESTER), POOR),
			Error::<Test>::NotOperator
		);
	});
}
