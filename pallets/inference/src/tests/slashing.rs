//! Slashes: deferral, shares and cancellation.

use super::*;

#[test]
fn slashes_apply_after_the_deferral_with_shares_to_requester_and_treasury() {
	test(|| {
		let model = register_model();
		operator(OP_A, model, PRICE, 1, BOND);
		let job = submit(REQUESTER, model, 1, FEE);
		assert_ok!(result(OP_A, job, wrong_answer(job)));
		// No other operator: back in the queue.
		assert!(is_queued(job));
		let slash = Market::pending_slash(0).unwrap();
		assert_eq!(
			(slash.operator, slash.requester, slash.amount, slash.to_requester),
			(OP_A, REQUESTER, INVALID_PROOF_SLASH, COMPENSATION)
		);
		let (requester, treasury, issuance) = (
			Balances::free_balance(REQUESTER),
			Balances::free_balance(TREASURY),
			Balances::total_issuance(),
		);
		run_to_block(SLASH_DEFER);
		assert!(Market::pending_slash(0).is_some());
		run_to_block(1 + SLASH_DEFER);
		// The requester gets what the job cost it, the treasury a fifth of the rest.
		let to_requester = COMPENSATION;
		let to_treasury = (INVALID_PROOF_SLASH - COMPENSATION) / 5;
		let burned = INVALID_PROOF_SLASH - to_requester - to_treasury;
		System::assert_has_event(
			Event::SlashApplied { slash: 0, to_requester, to_treasury, burned }.into(),
		);
		assert!(Market::pending_slash(0).is_none());
		assert_eq!(pending(OP_A), 0);
		assert_eq!(Balances::free_balance(REQUESTER), requester + to_requester);
		assert_eq!(Balances::free_balance(TREASURY), treasury + to_treasury);
		assert_eq!(Balances::total_issuance(), issuance - burned);
		assert_noop!(Market::cancel_slash(RawOrigin::Root.into(), 0), Error::<Test>::UnknownSlash);
		// The failed operator never gets the job back; it expires and is refunded.
		run_to_block(2 + QUEUE_TIMEOUT);
		// It was assigned once: its requester pays nothing for the queue slot.
		assert!(market_events().contains(&Event::JobExpired { job, forfeited: 0 }));
		assert_eq!(escrow(REQUESTER), 0);
	});
}

#[test]
fn governance_may_cancel_a_pending_slash_and_restore_the_bond() {
	test(|| {
		let model = register_model();
		operator(OP_A, model, PRICE, 1, BOND);
		let job = submit(REQUESTER, model, 1, FEE);
		assert_ok!(result(OP_A, job, wrong_answer(job)));
		assert_noop!(
			Market::cancel_slash(RuntimeOrigin::signed(REQUESTER), 0),
			DispatchError::BadOrigin
		);
		assert_noop!(Market::cancel_slash(RawOrigin::Root.into(), 9), Error::<Test>::UnknownSlash);
		assert_ok!(Market::cancel_slash(RawOrigin::Root.into(), 0));
		System::assert_last_event(
			Event::SlashCancelled { slash: 0, restored: INVALID_PROOF_SLASH }.into(),
		);
		assert_eq!(bonded(OP_A), BOND);
		assert_eq!(pending(OP_A), 0);
		assert_eq!(Operators::<Test>::get(OP_A).unwrap().bond, BOND);
		// Nothing is applied later.
		run_to_block(2 + SLASH_DEFER);
		assert!(!market_events().iter().any(|e| matches!(e, Event::SlashApplied { .. })));
		assert_ok!(Market::cancel_job(RuntimeOrigin::signed(REQUESTER), job));
	});
}
