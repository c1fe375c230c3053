//! The market as the registry and runtime APIs see it, call weights, and its invariants.

use crate::{pallet::*, types::*, weights::WeightInfo};
use alloc::vec::Vec;
use polkadot_sdk::{frame_support::weights::Weight, frame_system::pallet_prelude::BlockNumberFor};
use veritas_primitives::{
	Backend, JobDetails, JobId, ModelId, ModelUsage, OperatorDetails, ProofVerifier, SlashId,
};

impl<T: Config> ModelUsage for Pallet<T> {
	fn open_jobs(model: ModelId) -> u32 {
		OpenJobs::<T>::get(model)
	}
}

impl<T: Config> Pallet<T> {
	/// 1 when verification runs on pure wasm (the slower backend), 0 on host calls.
	fn pure_wasm() -> u32 {
		u32::from(T::ProofVerifier::backend() == Backend::Arkworks)
	}

	/// Weight of `submit_result`: before dispatch the worst case, after it what was done.
	pub fn submit_result_weight(outcome: Option<ResultOutcome>) -> Weight {
		match outcome {
			None => T::WeightInfo::submit_result_accepted(1)
				.max(T::WeightInfo::submit_result_rejected(1)),
			Some(ResultOutcome::Accepted) => {
				T::WeightInfo::submit_result_accepted(Self::pure_wasm())
			}
			Some(ResultOutcome::Rejected) => {
				T::WeightInfo::submit_result_rejected(Self::pure_wasm())
			}
		}
	}

	/// Weight of `submit_results` with `count` results: before dispatch the worst case (every
	/// result rejected on pure wasm), after it what was done.
	pub fn submit_results_weight(count: u32, outcome: Option<BatchOutcome>) -> Weight {
		let (wasm, rejected) = match outcome {
			None => (1, count),
			Some(outcome) => (Self::pure_wasm(), outcome.rejected),
		};
		let batch = if wasm == 1 {
			T::WeightInfo::submit_results_pure_wasm(count)
		} else {
			T::WeightInfo::submit_results_host_calls(count)
		};
		// Rejection costs what acceptance does plus a slash and a re-match; the difference is
		// the same per result as for a single result.
		let extra = T::WeightInfo::submit_result_rejected(wasm)
			.saturating_sub(T::WeightInfo::submit_result_accepted(wasm));
		batch.saturating_add(extra.saturating_mul(rejected.into()))
	}

	/// One job with input and output (runtime API).
	pub fn job_details(
		id: JobId,
	) -> Option<JobDetails<T::AccountId, BalanceOf<T>, BlockNumberFor<T>>> {
		let job = Jobs::<T>::get(id)?;
		Some(JobDetails {
			job,
			input: JobInputs::<T>::get(id).map(|input| input.into_inner()).unwrap_or_default(),
			output: JobOutputs::<T>::get(id).map(|output| output.into_inner()),
		})
	}

	/// One operator (runtime API).
	pub fn operator_details(
		who: &T::AccountId,
	) -> Option<OperatorDetails<BalanceOf<T>, BlockNumberFor<T>>> {
		let op = Operators::<T>::get(who)?;
		Some(OperatorDetails {
			bond: op.bond,
			unbonding: op.unbonding.clone(),
			capacity: op.capacity,
			active_jobs: op.active_jobs,
			accepting_jobs: Self::has_room(&op),
			offers: op.offers.into_inner(),
		})
	}

	/// Up to `limit` jobs assigned to `who`, ids from `start` on (runtime API). An operator has
	/// at most `MaxCapacity` jobs, so this reads a bounded set.
	pub fn operator_jobs(who: &T::AccountId, start: JobId, limit: u32) -> Vec<JobId> {
		let mut ids: Vec<JobId> =
			OperatorJobs::<T>::iter_key_prefix(who).filter(|id| *id >= start).collect();
		ids.sort_unstable();
		ids.truncate(limit as usize);
		ids
	}

	/// The cheapest operator that would take a job of `model` now (runtime API).
	pub fn best_quote(model: ModelId) -> Option<(T::AccountId, BalanceOf<T>)> {
		ModelOperators::<T>::get(model)
			.into_iter()
			.filter_map(|who| {
				let op = Operators::<T>::get(&who)?;
				let price = Self::has_room(&op).then(|| op.price_of(model)).flatten()?;
				Some((who, price))
			})
			.min_by_key(|(_, price)| *price)
	}

	/// A pending slash (runtime API).
	pub fn pending_slash(id: SlashId) -> Option<PendingSlashOf<T>> {
		PendingSlashes::<T>::get(id)
	}

	/// Invariants: holds equal the books (escrow = open jobs' fees per requester; bond hold =
	/// bond + unbonding; pending-slash hold = pending slashes); every assigned job's operator
	/// exists and books it; queue, deadline and per-model counts agree with job states.
	#[cfg(any(feature = "std", feature = "try-runtime"))]
	pub fn do_try_state() -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
		use alloc::collections::btree_map::BTreeMap;
		use polkadot_sdk::{
			frame_support::{ensure, traits::fungible::InspectHold},
			sp_runtime::traits::{Saturating, Zero},
		};
		use veritas_primitives::JobStatus;
		let held = |reason: HoldReason, who: &T::AccountId| {
			T::Currency::balance_on_hold(&reason.into(), who)
		};
		let mut escrow: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		let mut open: BTreeMap<ModelId, u32> = BTreeMap::new();
		let mut assigned: BTreeMap<T::AccountId, u32> = BTreeMap::new();
		let mut indexed = 0usize;
		for (id, job) in Jobs::<T>::iter() {
			ensure!(JobInputs::<T>::contains_key(id), "job without input");
			let deadline = match &job.status {
				JobStatus::Completed { .. } => {
					ensure!(JobOutputs::<T>::contains_key(id), "completed job without output");
					continue;
				}
				JobStatus::Queued { expires_at } => {
					let in_queue = JobQueue::<T>::get(job.model)
						.iter()
						.filter(|queued| **queued == id)
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
		for (model, queue) in JobQueue::<T>::iter() {
			for id in queue.iter() {
				let job = Jobs::<T>::get(id).ok_or("queue holds an unknown job")?;
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
			for offer in op.offers.iter() {
				ensure!(ModelOperators::<T>::get(offer.model).contains(&who), "offer not listed");
			}
		}
		for (model, list) in ModelOperators::<T>::iter() {
			for who in list.iter() {
				let op = Operators::<T>::get(who).ok_or("listed operator is not registered")?;
				ensure!(
					op.price_of(model).is_some(),
					"operator listed for a model it does not offer"
				);
			}
		}
		Ok(())
	}
}
