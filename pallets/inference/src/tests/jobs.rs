//! Jobs: submission, matching, queues and cancellation.

use super::*;

#[test]
fn submit_job_holds_the_fee_and_assigns_the_job() {
	test(|| {
		let model = register_model();
		operator(OP_A, model, PRICE, 1, BOND);
		let job = submit(REQUESTER, model, 1, FEE);
		assert_eq!(escrow(REQUESTER), FEE);
		assert_eq!(deposits(REQUESTER), JOB_DEPOSIT);
		let stored = Jobs::<Test>::get(job).unwrap();
		assert_eq!((stored.deposit, stored.compensation), (JOB_DEPOSIT, COMPENSATION));
		let commitment = veritas_verifier::encoding::encode_input(
			&veritas_verifier::commitment::commit_input(&input(1)),
		);
		assert_eq!(stored.input_commitment, commitment);
		assert_eq!(
			stored.status,
			JobStatus::Assigned { operator: OP_A, price: PRICE, deadline: 1 + TIMEOUT }
		);
		assert_eq!(Deadlines::<Test>::get(1 + TIMEOUT).into_inner(), vec![job]);
		assert_eq!(Market::operator_jobs(&OP_A, 0, 10), vec![job]);
		assert_eq!(OpenJobs::<Test>::get(model), 1);
		let events = market_events();
		assert!(events.contains(&Event::JobSubmitted {
			job,
			model,
			requester: REQUESTER,
			max_fee: FEE,
			deposit: JOB_DEPOSIT,
			input_commitment: commitment,
			input: input(1),
		}));
		assert!(events.contains(&Event::JobAssigned {
			job,
			operator: OP_A,
			price: PRICE,
			deadline: 1 + TIMEOUT
		}));
		assert_eq!(Market::job_details(job).unwrap().input, Some(input(1).into_inner()));
	});
}

#[test]
fn submit_job_refuses_bad_jobs() {
	test(|| {
		let model = register_model();
		let submit_with = |who, model, fee, timeout| {
			Market::submit_job(RuntimeOrigin::signed(who), model, input(1), fee, timeout)
		};
		assert_noop!(
			submit_with(REQUESTER, model + 1, FEE, TIMEOUT),
			Error::<Test>::ModelNotActive
		);
		assert_noop!(submit_with(REQUESTER, model, 0, TIMEOUT), Error::<Test>::ZeroFee);
		assert_noop!(
			submit_with(REQUESTER, model, FEE, MIN_TIMEOUT - 1),
			Error::<Test>::InvalidTimeout
		);
		assert_noop!(
			submit_with(REQUESTER, model, FEE, MAX_TIMEOUT + 1),
			Error::<Test>::InvalidTimeout
		);
		assert_noop!(submit_with(REQUESTER, model, FEE, TIMEOUT), Error::<Test>::NoMatchingOffer);
		// The only operator is busy: the queue takes four jobs, then is full.
		busy_operator(OP_A, model);
		assert_noop!(submit_with(POOR, model, FEE, TIMEOUT), Error::<Test>::InsufficientBalance);
		for seed in 0..4 {
			submit(REQUESTER, model, seed, FEE);
		}
		assert_noop!(submit_with(REQUESTER, model, FEE, TIMEOUT), Error::<Test>::QueueFull);
		assert_ok!(pallet_models::Pallet::<Test>::deprecate_model(RawOrigin::Root.into(), model));
		assert_noop!(
			submit_with(OTHER_REQUESTER, model, FEE, TIMEOUT),
			Error::<Test>::ModelNotActive
		);
		for job in 1..5 {
			assert_ok!(Market::cancel_job(RuntimeOrigin::signed(REQUESTER), job));
		}
	});
}

#[test]
fn matching_spreads_jobs_and_respects_price_capacity_and_collateral() {
	test(|| {
		let model = register_model();
		operator(OP_A, model, PRICE, 8, BOND);
		operator(OP_B, model, PRICE, 8, BOND);
		operator(OP_C, model, FEE + 1, 8, BOND);
		let jobs: Vec<_> = (0..4).map(|seed| submit(REQUESTER, model, seed, FEE)).collect();
		let owners: Vec<_> = jobs.iter().map(|job| assigned_to(*job).unwrap()).collect();
		// Round robin between the two operators within the fee; never the expensive one.
		assert_eq!(owners, vec![OP_A, OP_B, OP_A, OP_B]);
		// Bond 2000 with collateral 300 covers 6 jobs: OP_A has 2, so 4 more.
		let more: Vec<_> = (4..12).map(|seed| submit(REQUESTER, model, seed, FEE)).collect();
		assert!(more.iter().all(|job| assigned_to(*job).is_some()));
		assert_eq!(Operators::<Test>::get(OP_A).unwrap().active_jobs, 6);
		assert_eq!(Operators::<Test>::get(OP_B).unwrap().active_jobs, 6);
		// Neither can back another job; the expensive one is beyond this fee, so it waits...
		let waiting = submit(REQUESTER, model, 12, FEE);
		assert!(is_queued(waiting));
		// ...but a richer job goes to the expensive operator.
		let rich = submit(REQUESTER, model, 13, FEE + 1);
		assert_eq!(assigned_to(rich), Some(OP_C));
		assert_eq!(Market::best_quote(model, TIMEOUT), Some((OP_C, FEE + 1)));
		// Answering frees collateral: the waiting job is taken at once.
		assert_ok!(result(OP_A, jobs[0], answer(jobs[0])));
		assert_eq!(assigned_to(waiting), Some(OP_A));
	});
}

#[test]
fn capacity_limits_the_jobs_of_an_operator() {
	test(|| {
		let model = register_model();
		operator(OP_A, model, PRICE, 1, BOND);
		let first = submit(REQUESTER, model, 1, FEE);
		let second = submit(REQUESTER, model, 2, FEE);
		assert_eq!(assigned_to(first), Some(OP_A));
		assert!(is_queued(second));
		assert_ok!(Market::update_operator(RuntimeOrigin::signed(OP_A), None, Some(2)));
		assert_eq!(assigned_to(second), Some(OP_A));
	});
}

#[test]
fn queued_jobs_wait_for_an_operator_then_expire_and_are_refunded() {
	test(|| {
		let model = register_model();
		let busy = busy_operator(OP_C, model);
		let first = submit(REQUESTER, model, 1, FEE);
		let second = submit(OTHER_REQUESTER, model, 2, FEE);
		assert!(is_queued(first) && is_queued(second));
		let queued: Vec<_> = JobQueue::<Test>::get(model).iter().map(|q| q.job).collect();
		assert_eq!(queued, vec![first, second]);
		System::assert_has_event(
			Event::JobQueued { job: first, expires_at: 1 + QUEUE_TIMEOUT }.into(),
		);
		// Cancellation: only by the requester, only while queued.
		assert_noop!(
			Market::cancel_job(RuntimeOrigin::signed(REQUESTER), second),
			Error::<Test>::NotRequester
		);
		assert_noop!(
			Market::cancel_job(RuntimeOrigin::signed(REQUESTER), 99),
			Error::<Test>::UnknownJob
		);
		operator(OP_A, model, PRICE, 1, BOND);
		assert_eq!(assigned_to(first), Some(OP_A));
		assert_noop!(
			Market::cancel_job(RuntimeOrigin::signed(REQUESTER), first),
			Error::<Test>::NotQueued
		);
		// The operator takes the next job when it answers the first.
		assert_ok!(result(OP_A, first, answer(first)));
		assert_eq!(assigned_to(second), Some(OP_A));
		assert_ok!(result(OP_A, second, answer(second)));
		assert_ok!(result(OP_C, busy, answer(busy)));
		// A job that must wait while both are busy expires once its expiry block is over.
		operator(OP_B, model, PRICE, 1, BOND);
		for seed in 3..6 {
			submit(OTHER_REQUESTER, model, seed, FEE);
		}
		let third = submit(REQUESTER, model, 6, FEE);
		assert!(is_queued(third));
		run_to_block(1 + QUEUE_TIMEOUT);
		assert!(is_queued(third));
		run_to_block(2 + QUEUE_TIMEOUT);
		assert!(market_events().contains(&Event::JobExpired { job: third, forfeited: JOB_DEPOSIT }));
		assert!(Jobs::<Test>::get(third).is_none());
		assert_eq!(escrow(REQUESTER), 0);
		assert_eq!(deposits(REQUESTER), JOB_DEPOSIT, "a completed job keeps its deposit");
	});
}

#[test]
fn cancelling_a_queued_job_refunds_it_less_the_price_of_its_queue_slot() {
	test(|| {
		let model = register_model();
		busy_operator(OP_A, model);
		let job = submit(REQUESTER, model, 1, FEE);
		assert_eq!(Balances::free_balance(REQUESTER), ENDOWMENT - FEE - JOB_DEPOSIT);
		assert_ok!(Market::cancel_job(RuntimeOrigin::signed(REQUESTER), job));
		System::assert_last_event(Event::JobCancelled { job, forfeited: JOB_DEPOSIT }.into());
		assert_eq!(Balances::free_balance(REQUESTER), ENDOWMENT - JOB_DEPOSIT);
		assert!(JobQueue::<Test>::get(model).is_empty());
		assert!(Deadlines::<Test>::get(1 + QUEUE_TIMEOUT).is_empty());
		assert_eq!(OpenJobs::<Test>::get(model), 1, "only the busy operator's job");
	});
}

#[test]
fn a_retired_model_takes_no_new_jobs_but_its_running_jobs_finish() {
	test(|| {
		let model = register_model();
		operator(OP_A, model, PRICE, 1, BOND);
		let job = submit(REQUESTER, model, 1, FEE);
		assert_ok!(pallet_models::Pallet::<Test>::retire_model(
			RuntimeOrigin::signed(MODEL_OWNER),
			model
		));
		assert_noop!(
			Market::submit_job(RuntimeOrigin::signed(REQUESTER), model, input(2), FEE, TIMEOUT),
			Error::<Test>::ModelNotActive
		);
		assert_noop!(
			pallet_models::Pallet::<Test>::remove_model(RuntimeOrigin::signed(MODEL_OWNER), model),
			pallet_models::Error::<Test>::ModelInUse
		);
		assert_ok!(result(OP_A, job, answer(job)));
		assert_ok!(pallet_models::Pallet::<Test>::remove_model(
			RuntimeOrigin::signed(MODEL_OWNER),
			model
		));
	});
}

#[test]
fn ids_and_deadline_slots_running_out_are_errors() {
	test(|| {
		let model = register_model();
		operator(OP_A, model, PRICE, 1, BOND);
		NextJobId::<Test>::put(JobId::MAX);
		assert_noop!(
			Market::submit_job(RuntimeOrigin::signed(REQUESTER), model, input(1), FEE, TIMEOUT),
			Error::<Test>::JobIdsExhausted
		);
		NextJobId::<Test>::put(0);
		// Every block the deadline could slip to is full (entries of no job, removed below).
		let first = 1 + TIMEOUT;
		for block in first..=first + Market::deadline_slack() as u64 {
			Deadlines::<Test>::insert(
				block,
				polkadot_sdk::sp_runtime::BoundedVec::truncate_from(vec![900, 901, 902, 903]),
			);
		}
		// The queue's expiry block is full as well: nothing can index the job.
		for block in 1 + QUEUE_TIMEOUT..=1 + QUEUE_TIMEOUT + Market::deadline_slack() as u64 {
			Deadlines::<Test>::insert(
				block,
				polkadot_sdk::sp_runtime::BoundedVec::truncate_from(vec![900, 901, 902, 903]),
			);
		}
		assert_noop!(
			Market::submit_job(RuntimeOrigin::signed(REQUESTER), model, input(1), FEE, TIMEOUT),
			Error::<Test>::DeadlinesFull
		);
		// With room only at the queue expiry, the job is queued instead of assigned.
		let _ = Deadlines::<Test>::clear(u32::MAX, None);
		for block in first..=first + Market::deadline_slack() as u64 {
			Deadlines::<Test>::insert(
				block,
				polkadot_sdk::sp_runtime::BoundedVec::truncate_from(vec![900, 901, 902, 903]),
			);
		}
		let job = submit(REQUESTER, model, 1, FEE);
		let Some(JobStatus::Queued { expires_at }) = status(job) else { panic!("job not queued") };
		// Its expiry slipped past the full blocks.
		assert_eq!(expires_at, first + Market::deadline_slack() as u64 + 1);
		let _ = Deadlines::<Test>::clear(u32::MAX, None);
		Deadlines::<Test>::insert(
			expires_at,
			polkadot_sdk::sp_runtime::BoundedVec::truncate_from(vec![job]),
		);
		assert_ok!(Market::cancel_job(RuntimeOrigin::signed(REQUESTER), job));
	});
}
