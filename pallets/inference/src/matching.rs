//! Matching jobs to operators, the per-model queues and the per-block deadline index.

use crate::{pallet::*, types::*};
use polkadot_sdk::{
	frame_support::pallet_prelude::*,
	frame_system::{self, pallet_prelude::BlockNumberFor},
	sp_runtime::traits::{One, Saturating},
};
use veritas_primitives::{JobId, JobStatus, ModelId};

/// How many blocks after the wanted one a deadline may slip when that block's index is full.
pub const DEADLINE_SLACK: u32 = 16;

/// How many queued jobs of one model an operator with free capacity looks at.
pub const QUEUE_SCAN: usize = 16;

impl<T: Config> Pallet<T> {
	/// Bond an operator with `jobs` open jobs must keep.
	pub(crate) fn collateral_for(jobs: u32) -> BalanceOf<T> {
		T::JobCollateral::get().saturating_mul(jobs.into())
	}

	/// Whether `op` may take one more job (bond, collateral, capacity), whatever the model.
	pub(crate) fn has_room(op: &OperatorOf<T>) -> bool {
		op.bond >= T::MinOperatorBond::get()
			&& op.active_jobs < op.capacity
			&& op.bond >= Self::collateral_for(op.active_jobs.saturating_add(1))
	}

	/// The price at which `op` would take a job of `model` paying at most `max_fee`.
	pub(crate) fn quote(
		op: &OperatorOf<T>,
		model: ModelId,
		max_fee: BalanceOf<T>,
	) -> Option<BalanceOf<T>> {
		if !Self::has_room(op) {
			return None;
		}
		op.price_of(model).filter(|price| *price <= max_fee)
	}

	/// Round robin over the model's operators from the cursor: the first that would take the
	/// job, other than `exclude`. Moves the cursor past it.
	pub(crate) fn find_operator(
		model: ModelId,
		max_fee: BalanceOf<T>,
		exclude: Option<&T::AccountId>,
	) -> Option<(T::AccountId, OperatorOf<T>, BalanceOf<T>)> {
		let operators = ModelOperators::<T>::get(model);
		let count = operators.len();
		if count == 0 {
			return None;
		}
		let start = (MatchCursor::<T>::get(model) as usize).checked_rem(count).unwrap_or(0);
		for offset in 0..count {
			let index = start.saturating_add(offset).checked_rem(count).unwrap_or(0);
			let Some(who) = operators.get(index) else { continue };
			if exclude == Some(who) {
				continue;
			}
			let Some(op) = Operators::<T>::get(who) else { continue };
			if let Some(price) = Self::quote(&op, model, max_fee) {
				MatchCursor::<T>::insert(model, index.saturating_add(1) as u32);
				return Some((who.clone(), op, price));
			}
		}
		None
	}

	/// Assigns `job` to `operator` at `price`: indexes its deadline and books the job on the
	/// operator. The caller stores `job` and `op`.
	pub(crate) fn assign(
		id: JobId,
		job: &mut JobOf<T>,
		operator: T::AccountId,
		op: &mut OperatorOf<T>,
		price: BalanceOf<T>,
	) -> DispatchResult {
		let now = frame_system::Pallet::<T>::block_number();
		let deadline = Self::schedule_deadline(id, now.saturating_add(job.timeout))?;
		op.active_jobs = op.active_jobs.saturating_add(1);
		OperatorJobs::<T>::insert(&operator, id, ());
		job.assignments = job.assignments.saturating_add(1);
		job.status = JobStatus::Assigned { operator: operator.clone(), price, deadline };
		Self::deposit_event(Event::JobAssigned { job: id, operator, price, deadline });
		Ok(())
	}

	/// Finds an operator for `job` and assigns it; `false` if none can take it now.
	pub(crate) fn try_match(id: JobId, job: &mut JobOf<T>) -> bool {
		let Some((operator, mut op, price)) =
			Self::find_operator(job.model, job.max_fee, job.failed_operator.as_ref())
		else {
			return false;
		};
		if Self::assign(id, job, operator.clone(), &mut op, price).is_err() {
			return false;
		}
		Operators::<T>::insert(&operator, op);
		true
	}

	/// Puts `job` in its model's queue with an expiry.
	pub(crate) fn enqueue(id: JobId, job: &mut JobOf<T>) -> DispatchResult {
		let now = frame_system::Pallet::<T>::block_number();
		// Called outside a storage transaction too (from `on_initialize`): change nothing
		// unless both the index and the queue take the job.
		let expires_at = Self::schedule_deadline(id, now.saturating_add(T::QueueTimeout::get()))?;
		if JobQueue::<T>::try_mutate(job.model, |queue| queue.try_push(id)).is_err() {
			Self::unschedule_deadline(id, expires_at);
			return Err(Error::<T>::QueueFull.into());
		}
		job.status = JobStatus::Queued { expires_at };
		Self::deposit_event(Event::JobQueued { job: id, expires_at });
		Ok(())
	}

	/// Takes the job out of its model's queue.
	pub(crate) fn dequeue(model: ModelId, id: JobId) {
		JobQueue::<T>::mutate(model, |queue| queue.retain(|queued| *queued != id));
	}

	/// Gives `operator` up to `limit` queued jobs of the models it serves, oldest first among
	/// the first [`QUEUE_SCAN`] of each queue. Returns how many it took.
	pub(crate) fn serve_queues(operator: &T::AccountId, limit: u32) -> u32 {
		let Some(mut op) = Operators::<T>::get(operator) else { return 0 };
		let mut taken = 0u32;
		let offers = op.offers.clone();
		'models: for offer in offers.iter() {
			let queue = JobQueue::<T>::get(offer.model);
			for id in queue.iter().take(QUEUE_SCAN) {
				if taken >= limit || !Self::has_room(&op) {
					break 'models;
				}
				let Some(mut job) = Jobs::<T>::get(id) else { continue };
				let JobStatus::Queued { expires_at } = job.status else { continue };
				if job.max_fee < offer.price || job.failed_operator.as_ref() == Some(operator) {
					continue;
				}
				if Self::assign(*id, &mut job, operator.clone(), &mut op, offer.price).is_err() {
					continue;
				}
				Self::dequeue(offer.model, *id);
				Self::unschedule_deadline(*id, expires_at);
				Jobs::<T>::insert(id, job);
				taken = taken.saturating_add(1);
			}
		}
		if taken > 0 {
			Operators::<T>::insert(operator, op);
		}
		taken
	}

	/// Indexes `id` under block `at`, or the first block after it with room (up to
	/// [`DEADLINE_SLACK`] later). Returns the block used.
	pub(crate) fn schedule_deadline(
		id: JobId,
		at: BlockNumberFor<T>,
	) -> Result<BlockNumberFor<T>, DispatchError> {
		let mut block = at;
		for _ in 0..=DEADLINE_SLACK {
			if Deadlines::<T>::try_mutate(block, |ids| ids.try_push(id)).is_ok() {
				return Ok(block);
			}
			block = block.saturating_add(One::one());
		}
		Err(Error::<T>::DeadlinesFull.into())
	}

	/// Removes `id` from the index of block `at`.
	pub(crate) fn unschedule_deadline(id: JobId, at: BlockNumberFor<T>) {
		Deadlines::<T>::mutate_exists(at, |ids| {
			if let Some(list) = ids.as_mut() {
				list.retain(|indexed| *indexed != id);
				if list.is_empty() {
					*ids = None;
				}
			}
		});
	}

	/// Adds `operator` to the operator lists of `models`.
	pub(crate) fn list_operator(
		operator: &T::AccountId,
		models: impl Iterator<Item = ModelId>,
	) -> DispatchResult {
		for model in models {
			ModelOperators::<T>::try_mutate(model, |list| {
				if !list.contains(operator) {
					list.try_push(operator.clone())
						.map_err(|_| Error::<T>::TooManyOperatorsForModel)?;
				}
				Ok::<_, DispatchError>(())
			})?;
		}
		Ok(())
	}

	/// Removes `operator` from the operator lists of `models`.
	pub(crate) fn unlist_operator(operator: &T::AccountId, models: impl Iterator<Item = ModelId>) {
		for model in models {
			ModelOperators::<T>::mutate_exists(model, |list| {
				if let Some(ops) = list.as_mut() {
					ops.retain(|listed| listed != operator);
					if ops.is_empty() {
						*list = None;
					}
				}
			});
		}
	}
}
