//! Work the chain does on its own each block: missed deadlines and queue expiries, due slashes,
//! and clearing completed jobs after their retention. Each is bounded per block and weighed.

use crate::{pallet::*, weights::WeightInfo};
use polkadot_sdk::{
	frame_support::{pallet_prelude::*, weights::Weight},
	frame_system::pallet_prelude::BlockNumberFor,
	sp_runtime::traits::{One, Saturating},
};
use veritas_primitives::{JobId, JobStatus, SlashReason};

impl<T: Config> Pallet<T> {
	/// Handles up to `MaxDeadlinesHandledPerBlock` deadlines of blocks before `now`, oldest
	/// first: an answer included in its deadline block counts, so a deadline is due only once
	/// that block is over. What does not fit stays indexed and the cursor stays on its block,
	/// so it is handled in the next block: nothing is dropped.
	pub(crate) fn handle_deadlines(now: BlockNumberFor<T>) -> Weight {
		let limit = T::MaxDeadlinesHandledPerBlock::get();
		let mut cursor = DeadlineCursor::<T>::get().unwrap_or(now);
		let mut handled = 0u32;
		let mut missed = 0u32;
		let mut blocks_read = 0u32;
		let mut empty_blocks = 0u32;
		// Each block read either handles a deadline or moves the cursor on, so a lagging cursor
		// catches up by `limit + 1` blocks per block at most.
		while cursor < now && handled < limit && blocks_read <= limit {
			blocks_read = blocks_read.saturating_add(1);
			let mut due = Deadlines::<T>::take(cursor).into_inner();
			if due.is_empty() {
				empty_blocks = empty_blocks.saturating_add(1);
			}
			let take = due.len().min(limit.saturating_sub(handled) as usize);
			let rest = due.split_off(take);
			for id in due {
				if Self::handle_deadline(id, cursor) {
					missed = missed.saturating_add(1);
				}
				handled = handled.saturating_add(1);
			}
			if !rest.is_empty() {
				// Deadlines handled above only index later blocks, so this block's list holds
				// nothing new: put the rest back as it was.
				Deadlines::<T>::insert(cursor, BoundedVec::truncate_from(rest));
				break;
			}
			cursor = cursor.saturating_add(One::one());
		}
		DeadlineCursor::<T>::put(cursor);
		Self::due_entries_weight(missed, handled.saturating_sub(missed), empty_blocks)
	}

	/// Weight of handling `missed` missed deadlines and `other` other due entries (queue
	/// expiries, superseded entries) and reading `empty_blocks` blocks of the index that held
	/// none. The benchmarks read each entry's block with it; an empty block read costs less
	/// than an expiry, and is charged as one.
	fn due_entries_weight(missed: u32, other: u32, empty_blocks: u32) -> Weight {
		let deadlines = T::WeightInfo::on_initialize_deadlines;
		let expiries = T::WeightInfo::on_initialize_expiries;
		// Both benchmarks measure the hook's fixed cost: charge the larger once.
		deadlines(missed)
			.saturating_add(expiries(other.saturating_add(empty_blocks)))
			.saturating_sub(deadlines(0).min(expiries(0)))
	}

	/// Weight of reading `read` pending-slash entries, each charged as a slash applied (a
	/// cancelled one is only a missing entry read).
	fn due_slashes_weight(read: u32) -> Weight {
		T::WeightInfo::on_initialize_slashes(read)
	}

	/// The most `on_initialize` can weigh: as many due entries as it handles, all missed
	/// deadlines or all expiries, found after as many empty index blocks as a lagging cursor
	/// may read before them, and as many slashes as it reads. `runtime/tests/block_budget.rs`
	/// keeps this within a share of the runtime's blocks.
	pub fn on_initialize_worst_case() -> Weight {
		let limit = T::MaxDeadlinesHandledPerBlock::get();
		// `handle_deadlines` reads at most `limit + 1` blocks, one of them holding entries.
		Self::due_entries_weight(limit, 0, limit)
			.max(Self::due_entries_weight(0, limit, limit))
			.max(Self::due_entries_weight(0, 0, limit.saturating_add(1)))
			.saturating_add(Self::due_slashes_weight(T::MaxSlashesAppliedPerBlock::get()))
	}

	/// A deadline indexed under `block` fell due (its index entry is already gone). Returns
	/// whether it was a missed deadline.
	fn handle_deadline(id: JobId, block: BlockNumberFor<T>) -> bool {
		let Some(job) = Jobs::<T>::get(id) else { return false };
		match &job.status {
			JobStatus::Queued { expires_at } if *expires_at == block => {
				Self::dequeue(job.model, id);
				let mut job = job;
				let forfeited = Self::forfeit_queue_slot(&mut job);
				Self::close_job(id, &job);
				Self::deposit_event(Event::JobExpired { job: id, forfeited });
				false
			}
			JobStatus::Assigned { operator, deadline, .. } if *deadline == block => {
				let operator = operator.clone();
				Self::deposit_event(Event::DeadlineMissed { job: id, operator: operator.clone() });
				Self::fail_assignment(id, job, &operator, SlashReason::MissedDeadline);
				true
			}
			// An entry that no longer matches the job's state was superseded; nothing is due.
			_ => false,
		}
	}

	/// Applies up to `MaxSlashesAppliedPerBlock` slashes whose deferral has passed, in id order.
	/// Governance may shorten the deferral: a newer slash then waits for an older one still
	/// deferred, held up at most the longest deferral `MarketBounds` allows, never applied early.
	pub(crate) fn apply_due_slashes(now: BlockNumberFor<T>) -> Weight {
		let limit = T::MaxSlashesAppliedPerBlock::get();
		let end = NextSlashId::<T>::get();
		let mut next = NextSlashToApply::<T>::get();
		let mut read = 0u32;
		while next < end && read < limit {
			read = read.saturating_add(1);
			match PendingSlashes::<T>::get(next) {
				Some(slash) if slash.applies_at > now => break,
				Some(slash) => {
					PendingSlashes::<T>::remove(next);
					Self::apply_slash(next, slash);
				}
				// Cancelled.
				None => {}
			}
			next = next.saturating_add(1);
		}
		if read > 0 {
			NextSlashToApply::<T>::put(next);
		}
		Self::due_slashes_weight(read)
	}

	/// Clears, in job-id order, completed jobs whose retention has passed, as far as
	/// `remaining` weight and `MaxJobsClearedPerBlock` allow. It stops at the first job still
	/// open or retained: ids follow submission order and a job stays open for a bounded time,
	/// so the cursor lags by at most that time plus the retention.
	pub(crate) fn clear_expired_jobs(now: BlockNumberFor<T>, remaining: Weight) -> Weight {
		let per_job = T::WeightInfo::on_idle_clear_jobs(1)
			.saturating_sub(T::WeightInfo::on_idle_clear_jobs(0));
		let mut used = T::WeightInfo::on_idle_clear_jobs(0);
		if remaining.any_lt(used) {
			return Weight::zero();
		}
		let end = NextJobId::<T>::get();
		let start = NextJobToClear::<T>::get();
		let mut next = start;
		let mut steps = 0u32;
		while next < end && steps < T::MaxJobsClearedPerBlock::get() {
			if remaining.any_lt(used.saturating_add(per_job)) {
				break;
			}
			used = used.saturating_add(per_job);
			steps = steps.saturating_add(1);
			match Jobs::<T>::get(next) {
				// Cleared by its requester, or ended without an answer.
				None => {}
				Some(job) => match job.status {
					JobStatus::Completed { completed_at, .. }
						if completed_at.saturating_add(T::JobRetention::get()) <= now =>
					{
						Self::clear_record(next, &job);
					}
					_ => break,
				},
			}
			next = next.saturating_add(1);
		}
		if next != start {
			NextJobToClear::<T>::put(next);
		}
		used
	}
}
