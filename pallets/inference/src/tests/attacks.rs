//! Attacks on the market, each played out and shown not to pay. Named after what the attacker
//! tries.

use super::*;
use crate::weights::WeightInfo;
use polkadot_sdk::{
	frame_support::{dispatch::GetDispatchInfo, weights::Weight},
	sp_runtime::traits::Convert,
};

/// Hole: a 1-byte input to a model whose circuit takes 64 bytes can never be proved; both
/// operators miss and are slashed, and the requester used to collect half of both slashes.
#[test]
fn requester_submits_an_unprovable_input_to_farm_slashes() {
	test(|| {
		let model = register_model();
		operator(OP_A, model, PRICE, 1, MIN_BOND);
		operator(OP_B, model, PRICE, 1, MIN_BOND);
		let short: crate::types::InputOf<Test> = vec![0u8].try_into().unwrap();
		let long: crate::types::InputOf<Test> =
			vec![0u8; INPUT_LEN as usize + 1].try_into().unwrap();
		for wrong in [short, long, Default::default()] {
			assert_noop!(
				Market::submit_job(RuntimeOrigin::signed(REQUESTER), model, wrong, FEE, TIMEOUT),
				Error::<Test>::InputLengthMismatch
			);
		}
		// Nobody was slashed, and operators bonded at exactly the minimum still take jobs.
		assert!(Market::operator_details(&OP_A).unwrap().accepting_jobs);
		assert!(Market::operator_details(&OP_B).unwrap().accepting_jobs);
	});
}

/// Hole: even with a provable input, a requester used to end a failed job richer than it
/// started (half of two slashes). Now it receives at most what submitting the job cost it
/// (its transaction fees, which the mock does not charge), once per job.
#[test]
fn requester_profits_from_a_job_that_fails_twice() {
	test(|| {
		let model = register_model();
		operator(OP_A, model, PRICE, 1, BOND);
		operator(OP_B, model, PRICE, 1, BOND);
		let (treasury, issuance) = (Balances::free_balance(TREASURY), Balances::total_issuance());
		let job = submit(REQUESTER, model, 1, FEE);
		assert_ok!(result(OP_A, job, wrong_answer(job)));
		run_to_block(2 + TIMEOUT);
		assert!(market_events().contains(&Event::JobFailed { job }));
		run_to_block(2 + TIMEOUT + SLASH_DEFER);
		let applied: Vec<_> = market_events()
			.into_iter()
			.filter_map(|event| match event {
				Event::SlashApplied { to_requester, to_treasury, burned, .. } => {
					Some((to_requester, to_treasury, burned))
				}
				_ => None,
			})
			.collect();
		assert_eq!(applied.len(), 2);
		let gained = Balances::free_balance(REQUESTER) - ENDOWMENT;
		assert_eq!(gained, COMPENSATION);
		assert!(gained <= SubmitJobFee::convert(INPUT_LEN), "never more than the job cost");
		// The rest went to the treasury or was burned.
		let slashed = INVALID_PROOF_SLASH + LIVENESS_SLASH;
		let to_treasury: Balance = applied.iter().map(|a| a.1).sum();
		let burned: Balance = applied.iter().map(|a| a.2).sum();
		assert_eq!(gained + to_treasury + burned, slashed);
		assert_eq!(Balances::free_balance(TREASURY), treasury + to_treasury);
		assert_eq!(Balances::total_issuance(), issuance - burned);
	});
}

/// Hole: a requester picks the shortest timeout and stuffs the one block an answer could land
/// in. Operators now state the shortest timeout they accept, and jobs below it never reach
/// them.
#[test]
fn requester_picks_a_one_block_answer_window() {
	test(|| {
		let model = register_model();
		let patient = 10;
		operator_with(OP_A, &[(model, PRICE, patient)], 2);
		// The quote a client reads agrees with matching.
		assert_eq!(Market::best_quote(model, patient - 1), None);
		assert_eq!(Market::best_quote(model, patient), Some((OP_A, PRICE)));
		assert_noop!(
			submit_with(REQUESTER, model, 1, FEE, patient - 1),
			Error::<Test>::NoMatchingOffer
		);
		assert_noop!(
			submit_with(REQUESTER, model, 1, FEE, MIN_TIMEOUT - 1),
			Error::<Test>::InvalidTimeout
		);
		let job = NextJobId::<Test>::get();
		assert_ok!(submit_with(REQUESTER, model, 1, FEE, patient));
		assert_eq!(assigned_to(job), Some(OP_A));
		// With a hasty operator listed too, hasty jobs go to it alone.
		operator_with(OP_B, &[(model, PRICE, MIN_TIMEOUT)], 2);
		assert_eq!(Market::best_quote(model, MIN_TIMEOUT), Some((OP_B, PRICE)));
		for seed in 2..5 {
			let hasty = NextJobId::<Test>::get();
			assert_ok!(submit_with(REQUESTER, model, seed, FEE, MIN_TIMEOUT));
			assert_ne!(assigned_to(hasty), Some(OP_A));
		}
	});
}

/// Hole: the deadline block's `on_initialize` ran before any of its extrinsics, so the answer
/// window was one block shorter than the timeout. An answer included in the deadline block
/// counts now; a late one is refused by the deadline itself, however late the miss is handled.
#[test]
fn block_stuffer_makes_an_answer_in_the_deadline_block_miss() {
	test(|| {
		let model = register_model();
		operator(OP_A, model, PRICE, 2, BOND);
		let on_time = submit(REQUESTER, model, 1, FEE);
		let late = submit(REQUESTER, model, 2, FEE);
		let deadline = 1 + TIMEOUT;
		run_to_block(deadline);
		assert_ok!(result(OP_A, on_time, answer(on_time)));
		assert!(matches!(status(late), Some(JobStatus::Assigned { .. })));
		// The next block, before its `on_initialize` handled the miss (as under load).
		System::set_block_number(deadline + 1);
		assert_noop!(result(OP_A, late, answer(late)), Error::<Test>::DeadlinePassed);
		run_to_block(deadline + 2);
		assert!(market_events().contains(&Event::DeadlineMissed { job: late, operator: OP_A }));
	});
}

/// Hole: operators unbonded to 1 planck stayed listed for ever, and could add offers for newly
/// approved models without any bond, so a few accounts could fill every model's list.
#[test]
fn squatter_holds_a_model_list_with_a_dust_bond() {
	test(|| {
		let model = register_model();
		for who in [OP_A, OP_B, OP_C, OP_D] {
			operator(who, model, PRICE, 1, BOND);
		}
		assert_eq!(ModelOperators::<Test>::get(model).len(), 4);
		// The list is full: a newcomer is refused while the squatters stay bonded.
		assert_noop!(
			Market::register_operator(
				RuntimeOrigin::signed(OP_E),
				BOND,
				offers(&[(model, PRICE)]),
				1
			),
			Error::<Test>::TooManyOperatorsForModel
		);
		// The squatters keep 1 planck each: they are unlisted at once.
		for who in [OP_A, OP_B, OP_C, OP_D] {
			assert_ok!(Market::unbond(RuntimeOrigin::signed(who), BOND - 1));
		}
		assert!(ModelOperators::<Test>::get(model).is_empty());
		// A newly approved model: offering it needs the minimum bond.
		let fresh = register_model();
		assert_noop!(
			Market::update_operator(
				RuntimeOrigin::signed(OP_A),
				Some(offers(&[(fresh, PRICE)])),
				None
			),
			Error::<Test>::BondTooLow
		);
		// An honest operator takes the freed slot.
		operator(OP_E, model, PRICE, 1, BOND);
		assert_eq!(ModelOperators::<Test>::get(model).into_inner(), vec![OP_E]);
	});
}

/// Hole: 1-planck jobs below every price stayed queued, filled the model's queue, and hid
/// honest jobs from freed operators, which scanned only the head of the queue.
#[test]
fn griefer_fills_the_queue_with_jobs_no_operator_takes() {
	test(|| {
		let model = register_model();
		busy_operator(OP_A, model);
		assert_noop!(submit_with(REQUESTER, model, 1, 1, TIMEOUT), Error::<Test>::NoMatchingOffer);
		// Jobs only a cheap operator the griefer runs would take fill the queue...
		operator(OP_B, model, 10, 1, BOND);
		let own = submit(REQUESTER, model, 2, 10);
		assert_eq!(assigned_to(own), Some(OP_B));
		let cheap: Vec<_> = (3..6).map(|seed| submit(REQUESTER, model, seed, 10)).collect();
		assert!(cheap.iter().all(|job| is_queued(*job)));
		// ...but an honest job behind them is found by the first freed operator it fits.
		let honest = submit(OTHER_REQUESTER, model, 9, FEE);
		assert!(is_queued(honest));
		let busy = Market::operator_jobs(&OP_A, 0, 1)[0];
		assert_ok!(result(OP_A, busy, answer(busy)));
		assert_eq!(assigned_to(honest), Some(OP_A));
		assert!(cheap.iter().all(|job| is_queued(*job)));
		// Holding the slots is not free: each job that leaves the queue without an operator,
		// cancelled or expired, pays its deposit's base to the treasury.
		assert_ok!(Market::cancel_job(RuntimeOrigin::signed(REQUESTER), cheap[0]));
		System::assert_last_event(
			Event::JobCancelled { job: cheap[0], forfeited: JOB_DEPOSIT }.into(),
		);
		run_to_block(2 + QUEUE_TIMEOUT);
		let expired = market_events()
			.into_iter()
			.filter(|e| matches!(e, Event::JobExpired { forfeited: JOB_DEPOSIT, .. }))
			.count();
		assert_eq!(expired, 2, "both remaining cheap jobs expired and paid for their slots");
	});
}

/// Hole: one bad proof among many makes the batch fall back to one verification per proof,
/// but only the batch was charged. The worst case is now reserved before dispatch and the
/// refund stops at what was done.
#[test]
fn operator_hides_one_bad_proof_in_a_batch_to_run_uncharged_verifications() {
	test(|| {
		let model = register_model();
		operator(OP_A, model, PRICE, 8, 10_000);
		operator(OP_B, model, PRICE, 8, 10_000);
		let jobs: Vec<_> = (0..8).map(|seed| submit(REQUESTER, model, seed, FEE)).collect();
		let mine: Vec<_> = jobs.into_iter().filter(|job| assigned_to(*job) == Some(OP_A)).collect();
		let n = mine.len() as u32;
		let mut results = answered(&mine);
		let (output, proof) = wrong_answer(mine[0]);
		results[0] = (mine[0], output, proof);
		let call =
			crate::Call::<Test>::submit_results { results: results.clone().try_into().unwrap() };
		let reserved = call.get_dispatch_info().call_weight;
		let fallback = <() as WeightInfo>::submit_results_fallback_pure_wasm(n)
			.max(<() as WeightInfo>::submit_results_fallback_host_calls(n));
		assert!(reserved.all_gte(fallback), "the fallback is paid for up front");
		let info = Market::submit_results(RuntimeOrigin::signed(OP_A), results.try_into().unwrap())
			.unwrap();
		let charged = info.actual_weight.unwrap();
		let extra = <() as WeightInfo>::submit_result_rejected(1)
			.saturating_sub(<() as WeightInfo>::submit_result_accepted(1));
		// No queued job waits: each accepted result is refunded the queue take.
		let untaken = Market::queue_take(n).saturating_mul(u64::from(n - 1));
		assert_eq!(
			charged,
			<() as WeightInfo>::submit_results_fallback_pure_wasm(n)
				.saturating_add(extra)
				.saturating_sub(untaken)
		);
		assert!(charged.all_lte(reserved));
		// An all-valid batch is refunded down to the combined check.
		let job = submit(REQUESTER, model, 20, FEE);
		let who = assigned_to(job).unwrap();
		let (output, proof) = answer(job);
		let info = Market::submit_results(
			RuntimeOrigin::signed(who),
			vec![(job, output, proof)].try_into().unwrap(),
		)
		.unwrap();
		let untaken = Market::queue_take(1);
		assert_eq!(
			info.actual_weight,
			Some(<() as WeightInfo>::submit_results_pure_wasm(1).saturating_sub(untaken))
		);
	});
}

/// Hole: a batch answering jobs of many models makes the chain read and parse one key per
/// model and check one group each, more than a batch of one model. The worst case (the most
/// models a call may answer) is reserved before dispatch, and the call is charged for the
/// models it answered.
#[test]
fn operator_spreads_a_batch_over_models_to_run_uncharged_key_work() {
	test(|| {
		let models: Vec<_> = (0..2).map(|_| register_model()).collect();
		let offers_all: Vec<_> = models.iter().map(|model| (*model, PRICE)).collect();
		Market::register_operator(RuntimeOrigin::signed(OP_A), BOND, offers(&offers_all), 3)
			.unwrap();
		let jobs: Vec<_> = [0usize, 1, 1]
			.into_iter()
			.enumerate()
			.map(|(seed, model)| submit(REQUESTER, models[model], seed as u8, FEE))
			.collect();
		let results = answered(&jobs);
		let call =
			crate::Call::<Test>::submit_results { results: results.clone().try_into().unwrap() };
		let reserved = call.get_dispatch_info().call_weight;
		let spread = <() as WeightInfo>::submit_results_models_pure_wasm;
		let one_model = <() as WeightInfo>::submit_results_pure_wasm;
		// A further model (the mock's `MaxModelsPerCall` is 2): its benchmark, two results of
		// one model and one of another, less three results of one model.
		let further = spread(2).saturating_sub(one_model(3));
		assert!(further.all_gt(Weight::zero()));
		assert!(reserved.all_gte(
			<() as WeightInfo>::submit_results_fallback_pure_wasm(3).saturating_add(further)
		));
		let info = Market::submit_results(RuntimeOrigin::signed(OP_A), results.try_into().unwrap())
			.unwrap();
		assert!(jobs.iter().all(|job| matches!(status(*job), Some(JobStatus::Completed { .. }))));
		let charged = info.actual_weight.unwrap();
		let untaken = Market::queue_take(3).saturating_mul(3);
		assert!(charged.all_gte(one_model(3).saturating_add(further).saturating_sub(untaken)));
		assert!(charged.all_lte(reserved));
	});
}

/// Hole: a key with γ = δ lets anyone forge proofs; the registry refuses it, so a job cannot
/// even be placed on such a model.
#[test]
fn owner_registers_a_forgeable_key() {
	test(|| {
		let mut key = toy_model().vk.clone();
		let gamma = key[144..240].to_vec();
		key[240..336].copy_from_slice(&gamma);
		assert_noop!(
			pallet_models::Pallet::<Test>::register_model(
				RuntimeOrigin::signed(MODEL_OWNER),
				b"forgeable".to_vec().try_into().unwrap(),
				Default::default(),
				Default::default(),
				vec![INPUT_LEN].try_into().unwrap(),
				INPUT_LEN,
				vec![OUTPUTS as u32].try_into().unwrap(),
				8,
				key.try_into().unwrap(),
				None,
			),
			pallet_models::Error::<Test>::DegenerateVerifyingKey
		);
	});
}

/// Hole: a removed model left its operator list, cursor and every operator's offer behind.
#[test]
fn removed_model_leaves_stale_market_state() {
	test(|| {
		let model = register_model();
		let other = register_model();
		assert_ok!(Market::register_operator(
			RuntimeOrigin::signed(OP_A),
			BOND,
			offers(&[(model, PRICE), (other, PRICE)]),
			1
		));
		operator(OP_B, model, PRICE, 1, BOND);
		let job = submit(REQUESTER, model, 1, FEE);
		assert_ok!(result(assigned_to(job).unwrap(), job, answer(job)));
		assert!(MatchCursor::<Test>::contains_key(model));
		assert_ok!(pallet_models::Pallet::<Test>::retire_model(
			RuntimeOrigin::signed(MODEL_OWNER),
			model
		));
		assert_ok!(pallet_models::Pallet::<Test>::remove_model(
			RuntimeOrigin::signed(MODEL_OWNER),
			model
		));
		assert!(!ModelOperators::<Test>::contains_key(model));
		assert!(!MatchCursor::<Test>::contains_key(model));
		assert!(!JobQueue::<Test>::contains_key(model));
		let kept: Vec<_> =
			Operators::<Test>::get(OP_A).unwrap().offers.iter().map(|o| o.model).collect();
		assert_eq!(kept, vec![other]);
		assert!(Operators::<Test>::get(OP_B).unwrap().offers.is_empty());
	});
}

/// Hole: the refund for results whose freed slot finds no queued job must not reach a result
/// that took one. The same batch is charged the queue take more when a queued job waits that
/// it takes, and nothing more when the job waiting is one it cannot take.
#[test]
fn a_batch_is_refunded_the_queue_take_only_where_no_queued_job_was_taken() {
	let charged = |waiting_fee: Option<Balance>| {
		let mut charged = Weight::zero();
		test(|| {
			let model = register_model();
			operator(OP_A, model, PRICE, 2, BOND);
			let jobs = [submit(REQUESTER, model, 1, FEE), submit(REQUESTER, model, 2, FEE)];
			if waiting_fee.is_some_and(|fee| fee < PRICE) {
				// A cheaper operator, busy, so that a job only it would take waits in the queue.
				operator(OP_B, model, PRICE - 1, 1, BOND);
				let busy = submit(OTHER_REQUESTER, model, 4, FEE);
				assert_eq!(assigned_to(busy), Some(OP_B));
			}
			let waiting = waiting_fee.map(|fee| submit(REQUESTER, model, 3, fee));
			assert!(waiting.is_none_or(is_queued));
			let results = answered(&jobs);
			let info =
				Market::submit_results(RuntimeOrigin::signed(OP_A), results.try_into().unwrap())
					.unwrap();
			let fits = waiting_fee.is_some_and(|fee| fee >= PRICE);
			assert!(waiting.is_none_or(|job| (assigned_to(job) == Some(OP_A)) == fits));
			assert!(waiting.is_none_or(|job| is_queued(job) != fits));
			charged = info.actual_weight.unwrap();
		});
		charged
	};
	// With a job waiting, the first result's slot takes it and the second's finds the queue
	// empty: one queue take more than with none waiting.
	let take = Market::queue_take(2);
	assert!(take.ref_time() > 0);
	assert_eq!(charged(Some(FEE)), charged(None).saturating_add(take));
	// A job that offers less than the operator asks (waiting for a cheaper one) is scanned and
	// left: nothing taken.
	assert_eq!(charged(Some(PRICE - 1)), charged(None));
}
