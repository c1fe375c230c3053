//! The market's tests, by topic. Each runs in `mock::test`, which afterwards checks both
//! pallets' invariants and that funds are conserved.
// Tests: panics are how they fail.
#![allow(
	clippy::arithmetic_side_effects,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::unwrap_used
)]

mod attacks;
mod deadlines;
mod jobs;
mod operators;
mod parameters;
mod results;
mod retention;
mod slashing;

pub(crate) use crate::{mock::*, pallet::*, Error, Event};
pub(crate) use polkadot_sdk::{
	frame_support::{assert_noop, assert_ok, traits::fungible::InspectHold},
	frame_system::RawOrigin,
	sp_runtime::{DispatchError, Perbill},
};
pub(crate) use veritas_primitives::{JobId, JobStatus, SlashReason, PUBLIC_INPUT_SIZE};

pub(crate) fn escrow(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::JobEscrow.into(), &who)
}
pub(crate) fn deposits(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::JobDeposit.into(), &who)
}
pub(crate) fn bonded(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::OperatorBond.into(), &who)
}
pub(crate) fn pending(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::PendingSlash.into(), &who)
}
pub(crate) fn status(job: JobId) -> Option<JobStatus<AccountId, Balance, u64>> {
	Jobs::<Test>::get(job).map(|job| job.status)
}
pub(crate) fn assigned_to(job: JobId) -> Option<AccountId> {
	match status(job) {
		Some(JobStatus::Assigned { operator, .. }) => Some(operator),
		_ => None,
	}
}
/// Each job with its right output and a valid proof, as `submit_results` takes them.
pub(crate) fn answered(
	jobs: &[JobId],
) -> Vec<(JobId, veritas_primitives::JobOutput, veritas_primitives::ProofBytes)> {
	jobs.iter()
		.map(|job| {
			let (output, proof) = answer(*job);
			(*job, output, proof)
		})
		.collect()
}
pub(crate) fn is_queued(job: JobId) -> bool {
	matches!(status(job), Some(JobStatus::Queued { .. }))
}
pub(crate) fn result(
	who: AccountId,
	job: JobId,
	answer: (veritas_primitives::JobOutput, veritas_primitives::ProofBytes),
) -> Result<(), DispatchError> {
	Market::submit_result(RuntimeOrigin::signed(who), job, answer.0, answer.1)
		.map(|_| ())
		.map_err(|e| e.error)
}
/// Submits a job with `input(seed)`, `fee` and `timeout`.
pub(crate) fn submit_with(
	who: AccountId,
	model: u32,
	seed: u8,
	fee: Balance,
	timeout: u64,
) -> Result<(), DispatchError> {
	Market::submit_job(RuntimeOrigin::signed(who), model, input(seed), fee, timeout)
}
/// Registers `who` with offers of `(model, price, min_timeout)`.
pub(crate) fn operator_with(who: AccountId, list: &[(u32, Balance, u64)], capacity: u32) {
	let offers: Vec<_> = list
		.iter()
		.map(|(model, price, min_timeout)| veritas_primitives::ModelOffer {
			model: *model,
			price: *price,
			min_timeout: *min_timeout,
		})
		.collect();
	assert_ok!(Market::register_operator(
		RuntimeOrigin::signed(who),
		BOND,
		offers.try_into().unwrap(),
		capacity
	));
}
/// An operator with room for one job, busy with one: jobs for `model` queue behind it.
pub(crate) fn busy_operator(who: AccountId, model: u32) -> JobId {
	operator(who, model, PRICE, 1, BOND);
	let job = submit(OTHER_REQUESTER, model, 200, FEE);
	assert_eq!(assigned_to(job), Some(who));
	job
}

pub(crate) const BOND: Balance = 2_000;
pub(crate) const PRICE: Balance = 100;
pub(crate) const FEE: Balance = 150;
