//! Job storage: deposits, inputs dropped at completion, records cleared by the requester or
//! after the retention period.

use super::*;
use polkadot_sdk::frame_support::{traits::Hooks, weights::Weight};

/// Hole: completed jobs kept their record, input and output for ever, with no deposit.
#[test]
fn requester_stores_inputs_for_ever_for_free() {
	test(|| {
		let model = register_model();
		operator(OP_A, model, PRICE, 1, BOND);
		let job = submit(REQUESTER, model, 1, FEE);
		assert_eq!(deposits(REQUESTER), JOB_DEPOSIT);
		assert_ok!(result(OP_A, job, answer(job)));
		assert!(JobInputs::<Test>::get(job).is_none());
		assert_noop!(
			Market::clear_job(RuntimeOrigin::signed(OTHER_REQUESTER), job),
			Error::<Test>::NotRequester
		);
		assert_noop!(
			Market::clear_job(RuntimeOrigin::signed(REQUESTER), job + 1),
			Error::<Test>::UnknownJob
		);
		let free = Balances::free_balance(REQUESTER);
		assert_ok!(Market::clear_job(RuntimeOrigin::signed(REQUESTER), job));
		System::assert_last_event(Event::JobCleared { job, deposit: JOB_DEPOSIT }.into());
		assert_eq!(Balances::free_balance(REQUESTER), free + JOB_DEPOSIT);
		assert!(Jobs::<Test>::get(job).is_none() && JobOutputs::<Test>::get(job).is_none());
		assert_eq!(deposits(REQUESTER), 0);
	});
}

#[test]
fn only_a_completed_job_can_be_cleared() {
	test(|| {
		let model = register_model();
		operator(OP_A, model, PRICE, 1, BOND);
		let job = submit(REQUESTER, model, 1, FEE);
		assert_noop!(
			Market::clear_job(RuntimeOrigin::signed(REQUESTER), job),
			Error::<Test>::NotCompleted
		);
	});
}

#[test]
fn completed_jobs_are_cleared_in_id_order_after_their_retention_within_the_block_limit() {
	test(|| {
		let model = register_model();
		operator(OP_A, model, PRICE, 4, 10_000);
		let jobs: Vec<_> = (0..4).map(|seed| submit(REQUESTER, model, seed, FEE)).collect();
		for job in &jobs[..3] {
			assert_ok!(result(OP_A, *job, answer(*job)));
		}
		// The requester cleared one itself.
		assert_ok!(Market::clear_job(RuntimeOrigin::signed(REQUESTER), jobs[1]));
		let idle = |now| Market::on_idle(now, Weight::MAX);
		System::set_block_number(RETENTION);
		idle(RETENTION);
		assert!(Jobs::<Test>::contains_key(jobs[0]), "kept until its retention has passed");
		System::set_block_number(1 + RETENTION);
		idle(1 + RETENTION);
		// Two steps per block: job 0 cleared, job 1 already gone.
		assert!(!Jobs::<Test>::contains_key(jobs[0]));
		assert_eq!(NextJobToClear::<Test>::get(), 2);
		idle(1 + RETENTION);
		// Job 2 cleared; job 3 is still open, so the cursor waits on it.
		assert!(!Jobs::<Test>::contains_key(jobs[2]));
		assert_eq!(NextJobToClear::<Test>::get(), 3);
		assert_eq!(deposits(REQUESTER), JOB_DEPOSIT);
		// No weight left: nothing is done.
		assert_eq!(Market::on_idle(1 + RETENTION, Weight::zero()), Weight::zero());
	});
}
