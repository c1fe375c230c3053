//! Deadlines: misses, re-assignment and the bounded per-block index.

use super::*;

#[test]
fn a_missed_deadline_is_slashed_and_the_job_reassigned_once_then_failed() {
	test(|| {
		let model = register_model();
		operator(OP_A, model, PRICE, 1, BOND);
		operator(OP_B, model, PRICE, 1, BOND);
		let job = submit(REQUESTER, model, 1, FEE);
		assert_eq!(assigned_to(job), Some(OP_A));
		// An answer included in the deadline block itself would count.
		run_to_block(1 + TIMEOUT);
		assert_eq!(assigned_to(job), Some(OP_A));
		run_to_block(2 + TIMEOUT);
		let events = market_events();
		assert!(events.contains(&Event::DeadlineMissed { job, operator: OP_A }));
		assert!(events.contains(&Event::OperatorSlashed {
			slash: 0,
			operator: OP_A,
			job,
			amount: LIVENESS_SLASH,
			reason: SlashReason::MissedDeadline,
			applies_at: 2 + TIMEOUT + SLASH_DEFER,
		}));
		assert_eq!(assigned_to(job), Some(OP_B));
		assert_eq!(Jobs::<Test>::get(job).unwrap().assignments, 2);
		// OP_B misses too: refunded in full (OP_A's slash, applied meanwhile, already paid the
		// requester what the job cost it).
		run_to_block(3 + 2 * TIMEOUT);
		assert!(market_events().contains(&Event::JobFailed { job }));
		assert_eq!(escrow(REQUESTER) + deposits(REQUESTER), 0);
		assert_eq!(Balances::free_balance(REQUESTER), ENDOWMENT + COMPENSATION);
		// Once both slashes apply, the requester has received that once, not twice.
		run_to_block(3 + 2 * TIMEOUT + SLASH_DEFER);
		assert_eq!(Balances::free_balance(REQUESTER), ENDOWMENT + COMPENSATION);
		assert_eq!(bonded(OP_A) + bonded(OP_B), 2 * (BOND - LIVENESS_SLASH));
	});
}

#[test]
fn a_missed_deadline_without_a_free_operator_requeues_the_job() {
	test(|| {
		let model = register_model();
		operator(OP_A, model, PRICE, 1, BOND);
		let job = submit(REQUESTER, model, 1, FEE);
		run_to_block(2 + TIMEOUT);
		assert!(is_queued(job));
		// A new operator joining takes it at once.
		operator(OP_B, model, PRICE, 1, BOND);
		assert_eq!(assigned_to(job), Some(OP_B));
		assert_ok!(result(OP_B, job, answer(job)));
		assert!(matches!(status(job), Some(JobStatus::Completed { operator: OP_B, .. })));
	});
}

#[test]
fn deadlines_overflow_to_later_blocks_and_are_never_dropped() {
	test(|| {
		let model = register_model();
		operator(OP_A, model, PRICE, 8, 10_000);
		// Four deadlines fit one block; the fifth and sixth slip to the next.
		let jobs: Vec<_> = (0..6).map(|seed| submit(REQUESTER, model, seed, FEE)).collect();
		assert_eq!(Deadlines::<Test>::get(1 + TIMEOUT).len(), 4);
		assert_eq!(Deadlines::<Test>::get(2 + TIMEOUT).len(), 2);
		assert_eq!(assigned_to(jobs[5]), Some(OP_A));
		// Two deadlines are handled per block, from the block after the deadline: the first
		// block's four take two blocks, the next block's two come after them.
		run_to_block(1 + TIMEOUT);
		let missed =
			|| market_events().iter().filter(|e| matches!(e, Event::DeadlineMissed { .. })).count();
		assert_eq!(missed(), 0);
		run_to_block(2 + TIMEOUT);
		assert_eq!(missed(), 2);
		assert_eq!(DeadlineCursor::<Test>::get(), Some(1 + TIMEOUT));
		run_to_block(3 + TIMEOUT);
		assert_eq!(missed(), 4);
		run_to_block(4 + TIMEOUT);
		assert_eq!(missed(), 6);
		// The cursor rests on the first block not read yet.
		assert_eq!(DeadlineCursor::<Test>::get(), Some(3 + TIMEOUT));
		// No other operator: all six wait in the queue (which holds four) or were refunded.
		assert_eq!(JobQueue::<Test>::get(model).len(), 4);
		assert_eq!(
			market_events().iter().filter(|e| matches!(e, Event::JobFailed { .. })).count(),
			2
		);
	});
}

#[test]
fn a_lagging_cursor_is_charged_within_the_worst_case() {
	use polkadot_sdk::frame_support::traits::{Get, Hooks};
	test(|| {
		let model = register_model();
		operator(OP_A, model, PRICE, 1, BOND);
		operator(OP_B, model, PRICE, 1, BOND);
		let limit = <Test as Config>::MaxDeadlinesHandledPerBlock::get();
		let jobs: Vec<JobId> =
			(0..limit).map(|seed| submit(REQUESTER, model, seed as u8, FEE)).collect();
		let due = 1 + TIMEOUT;
		// The cursor lags: it reads `limit` empty blocks before the one holding every miss.
		DeadlineCursor::<Test>::put(due - u64::from(limit));
		let now = due + 1;
		System::set_block_number(now);
		let charged = <Market as Hooks<u64>>::on_initialize(now);
		for job in jobs {
			assert!(market_events().iter().any(|event| matches!(event,
				Event::DeadlineMissed { job: missed, .. } if *missed == job)));
		}
		let worst = Market::on_initialize_worst_case();
		assert!(charged.all_lte(worst), "charged {charged:?} above the worst case {worst:?}");
	});
}
