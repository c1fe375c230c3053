//! Matching jobs to operators, the per-model queues and the per-block deadline index.

use crate::{pallet::*, types::*};
use polkadot_sdk::{
	frame_support::pallet_prelude::*,
	frame_system::{self, pallet_prelude::BlockNumberFor},
	sp_runtime::traits::{One, Saturating},
};
use veritas_primitives::{JobId, JobStatus, ModelId, ModelUsage};

/// Where a job stands with a model's operators.
pub(crate) enum Match<T: Config> {
	/// This operator takes it now at this price.
	Now(T::AccountId, OperatorOf<T>, BalanceOf<T>),
	/// An operator would take it by price and timeout, but none has room now.
	Later,
	/// No listed operator would ever take it.
	Never,
}

impl<T: Config> ModelUsage for Pallet<T> {
	fn open_jobs(model: ModelId) -> u32 {
		OpenJobs::<T>::get(model)
	}

	fn model_removed(model: ModelId) {
		Self::forget_model(model)
	}
}

impl<T: Config> Pallet<T> {
	/// Whether `op` may take one more job now (see [`crate::parameters::BondTerms::has_room`]).
	pub(crate) fn has_room(op: &OperatorOf<T>) -> bool {
		Self::bond_terms().has_room(op)
	}

	/// Round robin over the model's operators from the cursor: the first that would take a job
	/// paying at most `max_fee` with `timeout`, other than `exclude`, takes it; the cursor moves
	/// past it. Otherwise, whether any operator would take it once it has room.
	pub(crate) fn find_operator(
		model: ModelId,
		max_fee: BalanceOf<T>,
		timeout: BlockNumberFor<T>,
		exclude: Option<&T::AccountId>,
	) -> Match<T> {
		let operators = ModelOperators::<T>::get(model);
		let count = operators.len();
		let start = (MatchCursor::<T>::get(model) as usize).checked_rem(count).unwrap_or(0);
		let mut matchable = false;
		let terms = Self::bond_terms();
		for offset in 0..count {
			let index = start.saturating_add(offset).checked_rem(count).unwrap_or(0);
			let Some(who) = operators.get(index) else { continue };
			if exclude == Some(who) {
				continue;
			}
			let Some(op) = Operators::<T>::get(who) else { continue };
			let Some(offer) = op.offer_for(model) else { continue };
			if offer.price > max_fee || offer.min_timeout > timeout {
				continue;
			}
			// Bonded below the minimum (raised by governance since it listed): it takes no job
			// until it bonds more, so a job must not wait for it.
			if op.bond < terms.min_bond {
				continue;
			}
			matchable = true;
			if terms.has_room(&op) {
				let price = offer.price;
				MatchCursor::<T>::insert(model, index.saturating_add(1) as u32);
				return Match::Now(who.clone(), op, price);
			}
		}
		if matchable {
			Match::Later
		} else {
			Match::Never
		}
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

	/// Assigns `job` to an operator that takes it now, or queues it if one would take it
	/// later. `Err(NoMatchingOffer)` if no operator ever would; `QueueFull` or `DeadlinesFull`
	/// if it cannot wait. Nothing changes on an error.
	pub(crate) fn place(id: JobId, job: &mut JobOf<T>) -> DispatchResult {
		match Self::find_operator(job.model, job.max_fee, job.timeout, job.failed_operator.as_ref())
		{
			Match::Now(operator, mut op, price) => {
				if Self::assign(id, job, operator.clone(), &mut op, price).is_ok() {
					Operators::<T>::insert(&operator, op);
					return Ok(());
				}
				Self::enqueue(id, job)
			}
			Match::Later => Self::enqueue(id, job),
			Match::Never => Err(Error::<T>::NoMatchingOffer.into()),
		}
	}

	/// Puts `job` in its model's queue with an expiry.
	pub(crate) fn enqueue(id: JobId, job: &mut JobOf<T>) -> DispatchResult {
		let now = frame_system::Pallet::<T>::block_number();
		// Called outside a storage transaction too (from `on_initialize`): change nothing
		// unless both the index and the queue take the job.
		let expires_at = Self::schedule_deadline(id, now.saturating_add(T::QueueTimeout::get()))?;
		let entry = QueuedJobOf::<T> {
			job: id,
			max_fee: job.max_fee,
			timeout: job.timeout,
			excluded: job.failed_operator.clone(),
		};
		if JobQueue::<T>::try_mutate(job.model, |queue| queue.try_push(entry)).is_err() {
			Self::unschedule_deadline(id, expires_at);
			return Err(Error::<T>::QueueFull.into());
		}
		job.status = JobStatus::Queued { expires_at };
		Self::deposit_event(Event::JobQueued { job: id, expires_at });
		Ok(())
	}

	/// Takes the job out of its model's queue.
	pub(crate) fn dequeue(model: ModelId, id: JobId) {
		JobQueue::<T>::mutate_exists(model, |queue| {
			if let Some(entries) = queue.as_mut() {
				entries.retain(|queued| queued.job != id);
				if entries.is_empty() {
					*queue = None;
				}
			}
		});
	}

	/// Gives `operator` up to `limit` queued jobs, oldest first, of `only` or else of every
	/// model it serves. Each queue is read once and scanned whole, so jobs this operator cannot
	/// take never hide ones it can. Returns whether any queued job fitted the operator (taken,
	/// or tried against a full deadline index): only then did it cost more than the scan.
	pub(crate) fn serve_queues(operator: &T::AccountId, limit: u32, only: Option<ModelId>) -> bool {
		let Some(mut op) = Operators::<T>::get(operator) else { return false };
		let mut taken = 0u32;
		let mut fitted = false;
		let terms = Self::bond_terms();
		let offers = op.offers.clone();
		for offer in offers.iter().filter(|offer| only.is_none_or(|model| model == offer.model)) {
			if taken >= limit || !terms.has_room(&op) {
				break;
			}
			let mut queue = JobQueue::<T>::get(offer.model);
			let before = queue.len();
			let mut stuck = false;
			let mut keep = |queued: &QueuedJobOf<T>| {
				if stuck || taken >= limit || !terms.has_room(&op) || !queued.fits(operator, offer)
				{
					return true;
				}
				fitted = true;
				let Some(mut job) = Jobs::<T>::get(queued.job) else { return false };
				let JobStatus::Queued { expires_at } = job.status else { return false };
				if Self::assign(queued.job, &mut job, operator.clone(), &mut op, offer.price)
					.is_err()
				{
					// The deadline index is full around this timeout; trying further jobs
					// would repeat the same probes for nothing (and unweighed).
					stuck = true;
					return true;
				}
				Self::unschedule_deadline(queued.job, expires_at);
				Jobs::<T>::insert(queued.job, job);
				taken = taken.saturating_add(1);
				false
			};
			queue.retain(|queued| keep(queued));
			if queue.len() != before {
				if queue.is_empty() {
					JobQueue::<T>::remove(offer.model);
				} else {
					JobQueue::<T>::insert(offer.model, queue);
				}
			}
		}
		if taken > 0 {
			Operators::<T>::insert(operator, op);
		}
		fitted
	}

	/// Indexes `id` under block `at`, or the first block after it with room (up to
	/// `deadline_slack` later). Returns the block used.
	pub(crate) fn schedule_deadline(
		id: JobId,
		at: BlockNumberFor<T>,
	) -> Result<BlockNumberFor<T>, DispatchError> {
		let mut block = at;
		for _ in 0..=Self::deadline_slack() {
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
}
