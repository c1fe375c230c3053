//! The market's invariants, checked by `try-state` and after every pallet test.

use crate::pallet::*;

impl<T: Config> Pallet<T> {
	/// Invariants: holds equal the books (escrow = open jobs' fees per requester; bond hold =
	/// bond + unbonding; pending-slash hold = pending slashes); every assigned job's operator
	/// exists and books it; queue, deadline and per-model counts agree with job states.
	#[cfg(any(feature = "std", feature = "try-runtime"))]
	pub fn do_try_state() -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
		use crate::types::BalanceOf;
		use alloc::collections::btree_map::BTreeMap;
		use polkadot_sdk::{
			frame_support::{ensure, traits::fungible::InspectHold},
			sp_runtime::traits::{Saturating, Zero},
		};
		use veritas_primitives::{JobStatus, ModelId};
		let held = |reason: HoldReason, who: &T::AccountId| {
			T::Currency::balance_on_hold(&reason.into(), who)
		};
		let mut escrow: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		let mut open: BTreeMap<ModelId, u32> = BTreeMap::new();
		let mut assigned: BTreeMap<T::AccountId, u32> = BTreeMap::new();
		let mut indexed = 0usize;
		let mut deposits: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		for (id, job) in Jobs::<T>::iter() {
			let total = deposits.entry(job.requester.clone()).or_default();
			*total = total.saturating_add(job.deposit);
			let deadline = match &job.status {
				JobStatus::Completed { .. } => {
					ensure!(JobOutputs::<T>::contains_key(id), "completed job without output");
					ensure!(!JobInputs::<T>::contains_key(id), "completed job kept its input");
					continue;
				}
				JobStatus::Queued { expires_at } => {
					let in_queue = JobQueue::<T>::get(job.model)
						.iter()
						.filter(|queued| queued.job == id)
						.count();
					ensure!(in_queue == 1, "queued job not in its model's queue exactly once");
					*expires_at
				}
				JobStatus::Assigned { operator, deadline, .. } => {
					ensure!(
						Operators::<T>::contains_key(operator),
						"job assigned to an unknown operator"
					);
					ensure!(
						OperatorJobs::<T>::contains_key(operator, id),
						"assigned job not booked on operator"
					);
					let count = assigned.entry(operator.clone()).or_default();
					*count = count.saturating_add(1);
					*deadline
				}
			};
			ensure!(JobInputs::<T>::contains_key(id), "open job without input");
			ensure!(!JobOutputs::<T>::contains_key(id), "open job with an output");
			let entries = Deadlines::<T>::get(deadline).iter().filter(|due| **due == id).count();
			ensure!(entries == 1, "open job not indexed under its deadline exactly once");
			indexed = indexed.saturating_add(1);
			let total = escrow.entry(job.requester.clone()).or_default();
			*total = total.saturating_add(job.max_fee);
			let count = open.entry(job.model).or_default();
			*count = count.saturating_add(1);
		}
		let all_indexed: usize = Deadlines::<T>::iter_values().map(|ids| ids.len()).sum();
		ensure!(all_indexed == indexed, "deadline index holds entries of no open job");
		for id in JobInputs::<T>::iter_keys() {
			ensure!(Jobs::<T>::contains_key(id), "input of no job");
		}
		for id in JobOutputs::<T>::iter_keys() {
			ensure!(Jobs::<T>::contains_key(id), "output of no job");
		}
		for (model, queue) in JobQueue::<T>::iter() {
			for queued in queue.iter() {
				let job = Jobs::<T>::get(queued.job).ok_or("queue holds an unknown job")?;
				ensure!(job.model == model, "job queued under another model");
				ensure!(
					matches!(job.status, JobStatus::Queued { .. }),
					"queue holds a job not queued"
				);
			}
		}
		for (model, count) in OpenJobs::<T>::iter() {
			ensure!(
				open.get(&model).copied().unwrap_or_default() == count,
				"open-job count is off"
			);
		}
		for (model, count) in open {
			ensure!(OpenJobs::<T>::get(model) == count, "open-job count is off");
		}
		for (requester, total) in escrow {
			ensure!(
				held(HoldReason::JobEscrow, &requester) == total,
				"escrow hold differs from open jobs"
			);
		}
		for (requester, total) in deposits {
			ensure!(
				held(HoldReason::JobDeposit, &requester) == total,
				"deposit hold differs from stored jobs"
			);
		}
		let mut slashes: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		for slash in PendingSlashes::<T>::iter_values() {
			let total = slashes.entry(slash.operator.clone()).or_default();
			*total = total.saturating_add(slash.amount);
		}
		for (operator, total) in slashes {
			ensure!(
				held(HoldReason::PendingSlash, &operator) == total,
				"pending-slash hold differs"
			);
		}
		for (who, op) in Operators::<T>::iter() {
			let unbonding = op.unbonding.as_ref().map_or(Zero::zero(), |u| u.amount);
			ensure!(
				held(HoldReason::OperatorBond, &who) == op.bond.saturating_add(unbonding),
				"bond hold differs from bond and unbonding"
			);
			let booked = OperatorJobs::<T>::iter_key_prefix(&who).count() as u32;
			ensure!(booked == op.active_jobs, "operator's job count differs from its bookings");
			ensure!(
				assigned.get(&who).copied().unwrap_or_default() == op.active_jobs,
				"operator's job count differs from the jobs assigned to it"
			);
			// A listed operator's bond may be below `MinOperatorBond` after governance raised
			// it: matching skips such an operator until it bonds more (`has_room`).
			for offer in op.offers.iter() {
				ensure!(ModelOperators::<T>::get(offer.model).contains(&who), "offer not listed");
			}
		}
		for (model, list) in ModelOperators::<T>::iter() {
			for who in list.iter() {
				let op = Operators::<T>::get(who).ok_or("listed operator is not registered")?;
				ensure!(
					op.offer_for(model).is_some(),
					"operator listed for a model it does not offer"
				);
			}
		}
		Ok(())
	}
}
