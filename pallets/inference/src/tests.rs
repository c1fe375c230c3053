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
	sp_runtime::DispatchError,
};
use veritas_primitives::{JobId, JobStatus, SlashReason, PUBLIC_INPUT_SIZE};

fn escrow(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::JobEscrow.into(), &who)
}
fn bonded(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::OperatorBond.into(), &who)
}
fn pending(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::PendingSlash.into(), &who)
}
fn status(job: JobId) -> Option<JobStatus<AccountId, Balance, u64>> {
	Jobs::<Test>::get(job).map(|job| job.status)
}
fn assigned_to(job: JobId) -> Option<AccountId> {
	match status(job) {
		Some(JobStatus::Assigned { operator, .. }) => Some(operator),
		_ => None,
	}
}
fn is_queued(job: JobId) -> bool {
	matches!(status(job), Some(JobStatus::Queued { .. }))
}
fn result(
	who: AccountId,
	job: JobId,
	answer: (veritas_primitives::JobOutput, veritas_primitives::ProofBytes),
) -> DispatchResultLike {
	Market::submit_result(RuntimeOrigin::signed(who), job, answer.0, answer.1)
		.map(|_| ())
		.map_err(|e| e.error)
}
type DispatchResultLike = Result<(), DispatchError>;

const BOND: Balance = 2_000;
const PRICE: Balance = 100;
const FEE: Balance = 150;

// ---- operators ----

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
		assert_eq!(Market::best_quote(model), Some((OP_A, PRICE)));
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
		assert_eq!(Market::best_quote(second), Some((OP_A, 7)));
		assert_eq!(Market::best_quote(first), None);
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
		System::assert_last_event(
			Event::UnbondingStarted {
				operator: OP_A,
				amount: BOND - COLLATERAL,
				unlocks_at: 1 + UNBONDING,
			}
			.into(),
		);
		// Below the minimum bond the operator takes no new job.
		assert!(!Market::operator_details(&OP_A).unwrap().accepting_jobs);
		let other = submit(REQUESTER, model, 2, FEE);
		assert!(is_queued(other));
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
		// Nobody took the other job: it expired and was refunded.
		assert!(market_events().contains(&Event::JobExpired { job: other }));
		assert_eq!(escrow(REQUESTER), 0);
	});
}

// ---- jobs ----

#[test]
fn submit_job_holds_the_fee_and_assigns_the_job() {
	test(|| {
		let model = register_model();
		operator(OP_A, model, PRICE, 1, BOND);
		let job = submit(REQUESTER, model, 1, FEE);
		assert_eq!(escrow(REQUESTER), FEE);
		let stored = Jobs::<Test>::get(job).unwrap();
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
			input_commitment: commitment
		}));
		assert!(events.contains(&Event::JobAssigned {
			job,
			operator: OP_A,
			price: PRICE,
			deadline: 1 + TIMEOUT
		}));
		assert_eq!(Market::job_details(job).unwrap().input, input(1).into_inner());
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
		assert_noop!(submit_with(REQUESTER, model, FEE, 1), Error::<Test>::InvalidTimeout);
		assert_noop!(submit_with(REQUESTER, model, FEE, 51), Error::<Test>::InvalidTimeout);
		assert_noop!(submit_with(POOR, model, FEE, TIMEOUT), Error::<Test>::InsufficientBalance);
		// No operator: the queue takes four jobs, then is full.
		for seed in 0..4 {
			submit(REQUESTER, model, seed, FEE);
		}
		assert_noop!(submit_with(REQUESTER, model, FEE, TIMEOUT), Error::<Test>::QueueFull);
		assert_ok!(pallet_models::Pallet::<Test>::deprecate_model(RawOrigin::Root.into(), model));
		assert_noop!(
			submit_with(OTHER_REQUESTER, model, FEE, TIMEOUT),
			Error::<Test>::ModelNotActive
		);
		for job in 0..4 {
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
		assert_eq!(Market::best_quote(model), Some((OP_C, FEE + 1)));
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
fn a_valid_result_pays_the_operator_and_the_treasury_and_refunds_the_rest() {
	test(|| {
		let model = register_model();
		operator(OP_A, model, PRICE, 1, BOND);
		let job = submit(REQUESTER, model, 1, FEE);
		let (requester, op, treasury) = (
			Balances::free_balance(REQUESTER),
			Balances::free_balance(OP_A),
			Balances::free_balance(TREASURY),
		);
		let (output, proof) = answer(job);
		assert_ok!(Market::submit_result(RuntimeOrigin::signed(OP_A), job, output.clone(), proof));
		let fee = PRICE / 10;
		System::assert_last_event(
			Event::JobCompleted {
				job,
				operator: OP_A,
				output: output.clone(),
				price: PRICE,
				protocol_fee: fee,
			}
			.into(),
		);
		assert_eq!(Balances::free_balance(REQUESTER), requester + FEE - PRICE);
		assert_eq!(Balances::free_balance(OP_A), op + PRICE - fee);
		assert_eq!(Balances::free_balance(TREASURY), treasury + fee);
		assert_eq!(escrow(REQUESTER), 0);
		assert_eq!(bonded(OP_A), BOND);
		assert_eq!(JobOutputs::<Test>::get(job), Some(output.clone()));
		assert_eq!(Market::job_details(job).unwrap().output, Some(output.into_inner()));
		assert!(matches!(
			status(job),
			Some(JobStatus::Completed { operator: OP_A, price: PRICE, completed_at: 1 })
		));
		assert_eq!(OpenJobs::<Test>::get(model), 0);
		assert!(Market::operator_jobs(&OP_A, 0, 10).is_empty());
		assert!(Deadlines::<Test>::get(1 + TIMEOUT).is_empty());
		// Only once.
		assert_noop!(result(OP_A, job, answer(job)), Error::<Test>::NotAssignedOperator);
	});
}

#[test]
fn only_the_assigned_operator_answers_and_outputs_must_fit_the_model() {
	test(|| {
		let model = register_model();
		operator(OP_A, model, PRICE, 1, BOND);
		operator(OP_B, model, PRICE, 1, BOND);
		let job = submit(REQUESTER, model, 1, FEE);
		assert_eq!(assigned_to(job), Some(OP_A));
		assert_noop!(result(OP_B, job, answer(job)), Error::<Test>::NotAssignedOperator);
		assert_noop!(result(OP_A, job + 5, answer(job)), Error::<Test>::UnknownJob);
		let (output, proof) = answer(job);
		let short: veritas_primitives::JobOutput =
			output[..PUBLIC_INPUT_SIZE].to_vec().try_into().unwrap();
		assert_noop!(result(OP_A, job, (short, proof)), Error::<Test>::MalformedOutput);
		// An output element that is not a canonical field element.
		let mut not_in_field = output.clone();
		not_in_field[..PUBLIC_INPUT_SIZE].copy_from_slice(&[0xff; PUBLIC_INPUT_SIZE]);
		assert_noop!(result(OP_A, job, (not_in_field, proof)), Error::<Test>::MalformedOutput);
		assert_ok!(result(OP_A, job, (output, proof)));
	});
}

#[test]
fn an_invalid_proof_is_rejected_slashed_and_the_job_goes_to_another_operator() {
	test(|| {
		let model = register_model();
		operator(OP_A, model, PRICE, 1, BOND);
		operator(OP_B, model, PRICE, 1, BOND);
		let job = submit(REQUESTER, model, 1, FEE);
		assert_eq!(assigned_to(job), Some(OP_A));
		assert_ok!(result(OP_A, job, wrong_answer(job)));
		let events = market_events();
		assert!(events.contains(&Event::ResultRejected { job, operator: OP_A }));
		assert!(events.contains(&Event::OperatorSlashed {
			slash: 0,
			operator: OP_A,
			job,
			amount: INVALID_PROOF_SLASH,
			reason: SlashReason::InvalidProof,
			applies_at: 1 + SLASH_DEFER,
		}));
		assert_eq!(bonded(OP_A), BOND - INVALID_PROOF_SLASH);
		assert_eq!(pending(OP_A), INVALID_PROOF_SLASH);
		assert_eq!(assigned_to(job), Some(OP_B));
		assert_eq!(Jobs::<Test>::get(job).unwrap().failed_operator, Some(OP_A));
		assert_eq!(escrow(REQUESTER), FEE);
		// A malformed proof counts as a wrong answer too.
		let (output, _) = answer(job);
		assert_ok!(result(OP_B, job, (output, [0u8; 192])));
		assert_eq!(pending(OP_B), INVALID_PROOF_SLASH);
		// Second failure: refunded in full.
		assert!(market_events().contains(&Event::JobFailed { job }));
		assert!(Jobs::<Test>::get(job).is_none());
		assert_eq!(escrow(REQUESTER), 0);
		assert_eq!(Balances::free_balance(REQUESTER), ENDOWMENT);
	});
}

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
			(slash.operator, slash.requester, slash.amount),
			(OP_A, REQUESTER, INVALID_PROOF_SLASH)
		);
		let (requester, treasury, issuance) = (
			Balances::free_balance(REQUESTER),
			Balances::free_balance(TREASURY),
			Balances::total_issuance(),
		);
		run_to_block(SLASH_DEFER);
		assert!(Market::pending_slash(0).is_some());
		run_to_block(1 + SLASH_DEFER);
		let (to_requester, to_treasury) = (INVALID_PROOF_SLASH / 2, INVALID_PROOF_SLASH / 5);
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
		run_to_block(1 + QUEUE_TIMEOUT);
		assert!(market_events().contains(&Event::JobExpired { job }));
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

#[test]
fn a_missed_deadline_is_slashed_and_the_job_reassigned_once_then_failed() {
	test(|| {
		let model = register_model();
		operator(OP_A, model, PRICE, 1, BOND);
		operator(OP_B, model, PRICE, 1, BOND);
		let job = submit(REQUESTER, model, 1, FEE);
		assert_eq!(assigned_to(job), Some(OP_A));
		run_to_block(TIMEOUT);
		assert_eq!(assigned_to(job), Some(OP_A));
		run_to_block(1 + TIMEOUT);
		let events = market_events();
		assert!(events.contains(&Event::DeadlineMissed { job, operator: OP_A }));
		assert!(events.contains(&Event::OperatorSlashed {
			slash: 0,
			operator: OP_A,
			job,
			amount: LIVENESS_SLASH,
			reason: SlashReason::MissedDeadline,
			applies_at: 1 + TIMEOUT + SLASH_DEFER,
		}));
		assert_eq!(assigned_to(job), Some(OP_B));
		assert_eq!(Jobs::<Test>::get(job).unwrap().assignments, 2);
		// OP_B misses too: refunded, and the requester is compensated from both slashes.
		run_to_block(1 + 2 * TIMEOUT);
		assert!(market_events().contains(&Event::JobFailed { job }));
		assert_eq!(escrow(REQUESTER), 0);
		// Refunded in full; OP_A's slash, due in the same block, already paid its share.
		assert_eq!(Balances::free_balance(REQUESTER), ENDOWMENT + LIVENESS_SLASH / 2);
		run_to_block(1 + 2 * TIMEOUT + SLASH_DEFER);
		assert_eq!(Balances::free_balance(REQUESTER), ENDOWMENT + 2 * (LIVENESS_SLASH / 2));
		assert_eq!(bonded(OP_A) + bonded(OP_B), 2 * (BOND - LIVENESS_SLASH));
	});
}

#[test]
fn a_missed_deadline_without_a_free_operator_requeues_the_job() {
	test(|| {
		let model = register_model();
		operator(OP_A, model, PRICE, 1, BOND);
		let job = submit(REQUESTER, model, 1, FEE);
		run_to_block(1 + TIMEOUT);
		assert!(is_queued(job));
		// A new operator joining takes it at once.
		operator(OP_B, model, PRICE, 1, BOND);
		assert_eq!(assigned_to(job), Some(OP_B));
		assert_ok!(result(OP_B, job, answer(job)));
		assert!(matches!(status(job), Some(JobStatus::Completed { operator: OP_B, .. })));
	});
}

#[test]
fn queued_jobs_wait_for_an_operator_then_expire_and_are_refunded() {
	test(|| {
		let model = register_model();
		let first = submit(REQUESTER, model, 1, FEE);
		let second = submit(OTHER_REQUESTER, model, 2, FEE);
		assert!(is_queued(first) && is_queued(second));
		assert_eq!(JobQueue::<Test>::get(model).into_inner(), vec![first, second]);
		System::assert_has_event(
			Event::JobQueued { job: first, expires_at: 1 + QUEUE_TIMEOUT }.into(),
		);
		// Cancellation: only by the requester, only while queued.
		assert_noop!(
			Market::cancel_job(RuntimeOrigin::signed(REQUESTER), second),
			Error::<Test>::NotRequester
		);
		assert_noop!(
			Market::cancel_job(RuntimeOrigin::signed(REQUESTER), 9),
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
		// With no operator that can take it (too cheap for OP_A), a job expires.
		let third = submit(REQUESTER, model, 3, PRICE - 1);
		assert!(is_queued(third));
		run_to_block(QUEUE_TIMEOUT);
		assert!(is_queued(third));
		run_to_block(1 + QUEUE_TIMEOUT);
		assert!(market_events().contains(&Event::JobExpired { job: third }));
		assert!(Jobs::<Test>::get(third).is_none());
		assert_eq!(escrow(REQUESTER) + escrow(OTHER_REQUESTER), 0);
	});
}

#[test]
fn cancelling_a_queued_job_refunds_it_in_full() {
	test(|| {
		let model = register_model();
		let job = submit(REQUESTER, model, 1, FEE);
		assert_ok!(Market::cancel_job(RuntimeOrigin::signed(REQUESTER), job));
		System::assert_last_event(Event::JobCancelled { job }.into());
		assert_eq!(Balances::free_balance(REQUESTER), ENDOWMENT);
		assert!(JobQueue::<Test>::get(model).is_empty());
		assert!(Deadlines::<Test>::get(1 + QUEUE_TIMEOUT).is_empty());
		assert_eq!(OpenJobs::<Test>::get(model), 0);
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
		// Two deadlines are handled per block: the first block's four take two blocks, the
		// next block's two come after them.
		run_to_block(1 + TIMEOUT);
		let missed =
			|| market_events().iter().filter(|e| matches!(e, Event::DeadlineMissed { .. })).count();
		assert_eq!(missed(), 2);
		assert_eq!(DeadlineCursor::<Test>::get(), Some(1 + TIMEOUT));
		run_to_block(2 + TIMEOUT);
		assert_eq!(missed(), 4);
		run_to_block(3 + TIMEOUT);
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
fn an_operator_below_the_minimum_bond_receives_no_jobs() {
	test(|| {
		let model = register_model();
		operator(OP_A, model, PRICE, 4, MIN_BOND);
		let job = submit(REQUESTER, model, 1, FEE);
		assert_ok!(result(OP_A, job, wrong_answer(job)));
		assert_eq!(Operators::<Test>::get(OP_A).unwrap().bond, MIN_BOND - INVALID_PROOF_SLASH);
		assert!(!Market::operator_details(&OP_A).unwrap().accepting_jobs);
		let next = submit(REQUESTER, model, 2, FEE);
		assert!(is_queued(next));
		assert_eq!(Market::best_quote(model), None);
		// Topping up the bond brings it back, and it takes the waiting jobs it did not fail.
		assert_ok!(Market::bond_extra(RuntimeOrigin::signed(OP_A), INVALID_PROOF_SLASH));
		assert_eq!(assigned_to(next), Some(OP_A));
		assert!(is_queued(job));
		assert_ok!(Market::cancel_job(RuntimeOrigin::signed(REQUESTER), job));
	});
}

#[test]
fn submit_results_settles_a_batch_with_one_verdict_per_result() {
	test(|| {
		let model = register_model();
		operator(OP_A, model, PRICE, 4, BOND);
		operator(OP_B, model, PRICE, 4, BOND);
		let jobs: Vec<_> = (0..6).map(|seed| submit(REQUESTER, model, seed, FEE)).collect();
		let mine: Vec<_> =
			jobs.iter().copied().filter(|job| assigned_to(*job) == Some(OP_A)).collect();
		assert_eq!(mine.len(), 3);
		let batch = |entries: Vec<(
			JobId,
			(veritas_primitives::JobOutput, veritas_primitives::ProofBytes),
		)>| {
			let entries: Vec<_> = entries.into_iter().map(|(job, (o, p))| (job, o, p)).collect();
			Market::submit_results(RuntimeOrigin::signed(OP_A), entries.try_into().unwrap())
				.map(|_| ())
				.map_err(|e| e.error)
		};
		assert_noop!(batch(vec![]), Error::<Test>::NoResults);
		assert_noop!(
			batch(vec![(mine[0], answer(mine[0])), (mine[0], answer(mine[0]))]),
			Error::<Test>::DuplicateJob
		);
		let theirs = jobs.iter().copied().find(|job| assigned_to(*job) == Some(OP_B)).unwrap();
		assert_noop!(
			batch(vec![(mine[0], answer(mine[0])), (theirs, answer(theirs))]),
			Error::<Test>::NotAssignedOperator
		);
		assert_ok!(batch(vec![
			(mine[0], answer(mine[0])),
			(mine[1], wrong_answer(mine[1])),
			(mine[2], answer(mine[2]))
		]));
		assert!(matches!(status(mine[0]), Some(JobStatus::Completed { .. })));
		assert!(matches!(status(mine[2]), Some(JobStatus::Completed { .. })));
		assert_eq!(assigned_to(mine[1]), Some(OP_B));
		assert!(market_events().contains(&Event::ResultRejected { job: mine[1], operator: OP_A }));
		assert_eq!(pending(OP_A), INVALID_PROOF_SLASH);
	});
}

#[test]
fn submit_results_answers_one_model_per_call() {
	test(|| {
		let first = register_model();
		let second = register_model();
		Market::register_operator(
			RuntimeOrigin::signed(OP_A),
			BOND,
			offers(&[(first, PRICE), (second, PRICE)]),
			2,
		)
		.unwrap();
		let a = submit(REQUESTER, first, 1, FEE);
		let b = submit(REQUESTER, second, 2, FEE);
		let (oa, pa) = answer(a);
		let (ob, pb) = answer(b);
		assert_noop!(
			Market::submit_results(
				RuntimeOrigin::signed(OP_A),
				vec![(a, oa, pa), (b, ob, pb)].try_into().unwrap()
			),
			Error::<Test>::MixedModels
		);
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

#[test]
fn host_call_backend_settles_the_same_way() {
	test(|| {
		VerifierBackend::set(veritas_primitives::Backend::HostCalls);
		let model = register_model();
		operator(OP_A, model, PRICE, 2, BOND);
		let good = submit(REQUESTER, model, 1, FEE);
		let bad = submit(REQUESTER, model, 2, FEE);
		assert_ok!(result(OP_A, good, answer(good)));
		assert_ok!(result(OP_A, bad, wrong_answer(bad)));
		assert!(matches!(status(good), Some(JobStatus::Completed { .. })));
		assert!(is_queued(bad));
		VerifierBackend::set(veritas_primitives::Backend::Arkworks);
		assert_ok!(Market::cancel_job(RuntimeOrigin::signed(REQUESTER), bad));
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
		for block in first..=first + crate::matching::DEADLINE_SLACK as u64 {
			Deadlines::<Test>::insert(
				block,
				polkadot_sdk::sp_runtime::BoundedVec::truncate_from(vec![900, 901, 902, 903]),
			);
		}
		// The queue's expiry block is full as well: nothing can index the job.
		for block in 1 + QUEUE_TIMEOUT..=1 + QUEUE_TIMEOUT + crate::matching::DEADLINE_SLACK as u64
		{
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
		for block in first..=first + crate::matching::DEADLINE_SLACK as u64 {
			Deadlines::<Test>::insert(
				block,
				polkadot_sdk::sp_runtime::BoundedVec::truncate_from(vec![900, 901, 902, 903]),
			);
		}
		let job = submit(REQUESTER, model, 1, FEE);
		let Some(JobStatus::Queued { expires_at }) = status(job) else { panic!("job not queued") };
		// Its expiry slipped past the full blocks.
		assert_eq!(expires_at, first + crate::matching::DEADLINE_SLACK as u64 + 1);
		let _ = Deadlines::<Test>::clear(u32::MAX, None);
		Deadlines::<Test>::insert(
			expires_at,
			polkadot_sdk::sp_runtime::BoundedVec::truncate_from(vec![job]),
		);
		assert_ok!(Market::cancel_job(RuntimeOrigin::signed(REQUESTER), job));
	});
}

// ---- a real model ----

/// The digits MLP of `veritas-zkml`, from its committed ONNX file to a settled job: the proof
/// the operator's prover emits is the one the pallet accepts, and only for its job's input.
#[test]
fn a_zkml_proof_of_the_digits_model_settles_its_job_and_no_other() {
	use rand::rngs::OsRng;
	use veritas_zkml::{inference::quantize_input, onnx, prover, QuantizedModel};
	const DIGITS: &[u8] = include_bytes!("../../../zkml/fixtures/digits/model.onnx");
	let model = QuantizedModel::quantize(&onnx::import(DIGITS).unwrap(), 8).unwrap();
	let keys = prover::setup(&model, &mut OsRng).unwrap();
	// Two stroke patterns, as the requester's client quantises them.
	let image = |shift: usize| -> Vec<f32> {
		(0..64).map(|i| if (i + shift).is_multiple_of(5) { 1.0 } else { 0.0 }).collect()
	};
	let inputs = [0, 1].map(|shift| quantize_input(&model, &image(shift)).unwrap());
	test(|| {
		let id = register_model_from(MODEL_OWNER, &keys.verifying, model.output_len() as u32);
		operator(OP_A, id, PRICE, 2, BOND);
		operator(OP_B, id, PRICE, 2, BOND);
		let jobs = inputs.clone().map(|input| {
			let job = crate::NextJobId::<Test>::get();
			assert_ok!(Market::submit_job(
				RuntimeOrigin::signed(REQUESTER),
				id,
				input.try_into().unwrap(),
				FEE,
				TIMEOUT
			));
			job
		});
		let operators = jobs.map(|job| assigned_to(job).unwrap());
		let proved = inputs
			.clone()
			.map(|input| prover::prove(&model, &keys.proving, &input, &mut OsRng).unwrap());
		let submit = |who, job, answer: &prover::ProvedInference| {
			Market::submit_result(
				RuntimeOrigin::signed(who),
				job,
				answer.output.clone().try_into().unwrap(),
				answer.proof.clone().try_into().unwrap(),
			)
		};

		// The second job answered with the first job's output and proof: rejected, slashed.
		assert_ok!(submit(operators[1], jobs[1], &proved[0]));
		System::assert_has_event(
			Event::ResultRejected { job: jobs[1], operator: operators[1] }.into(),
		);
		assert!(pending(operators[1]) > 0);

		// The first job answered with its own proof: completed with the model's output.
		assert_ok!(submit(operators[0], jobs[0], &proved[0]));
		assert!(matches!(status(jobs[0]), Some(JobStatus::Completed { .. })));
		assert_eq!(JobOutputs::<Test>::get(jobs[0]).unwrap().into_inner(), proved[0].output);
		assert_ne!(proved[0].output, proved[1].output);
	});
}
