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
		let mut blocks_read = 0u32;
		// Each block read either handles a deadline or moves the cursor on, so a lagging cursor
		// catches up by `limit + 1` blocks per block at most.
		while cursor < now && handled < limit && blocks_read <= limit {
			blocks_read = blocks_read.saturating_add(1);
			let mut due = Deadlines::<T>::take(cursor).into_inner();
			let take = due.len().min(limit.saturating_sub(handled) as usize);
			let rest = due.split_off(take);
			for id in due {
				Self::handle_deadline(id, cursor);
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
		// A due entry is a missed deadline or a queue expiry; each is weighed at the costlier.
		T::WeightInfo::on_initialize_deadlines(handled)
			.max(T::WeightInfo::on_initialize_expiries(handled))
			.saturating_add(T::DbWeight::get().reads_writes(blocks_read.into(), blocks_read.into()))
	}

	/// The most `on_initialize` can weigh: as many due entries as it handles, each at the
	/// costlier of a missed deadline and a queue expiry, with a block of the index read per
	/// entry and one more, and as many slashes as it applies. The runtime keeps this within a
	/// share of its blocks.
	pub fn on_initialize_worst_case() -> Weight {
		let deadlines = T::MaxDeadlinesHandledPerBlock::get();
		let slashes = T::MaxSlashesAppliedPerBlock::get();
		let blocks_read = u64::from(deadlines).saturating_add(1);
		T::WeightInfo::on_initialize_deadlines(deadlines)
			.max(T::WeightInfo::on_initialize_expiries(deadlines))
			.saturating_add(T::DbWeight::get().reads_writes(blocks_read, blocks_read))
			.saturating_add(T::WeightInfo::on_initialize_slashes(slashes))
			.saturating_add(T::DbWeight::get().reads(slashes.into()))
	}

	/// A deadline indexed under `block` fell due (its index entry is already gone).
	fn handle_deadline(id: JobId, block: BlockNumberFor<T>) {
		let Some(job) = Jobs::<T>::get(id) else { return };
		match &job.status {
			JobStatus::Queued { expires_at } if *expires_at == block => {
				Self::dequeue(job.model, id);
				let mut job = job;
				let forfeited = Self::forfeit_queue_slot(&mut job);
				Self::close_job(id, &job);
				Self::deposit_event(Event::JobExpired { job: id, forfeited });
			}
			JobStatus::Assigned { operator, deadline, .. } if *deadline == block => {
				let operator = operator.clone();
				Self::deposit_event(Event::DeadlineMissed { job: id, operator: operator.clone() });
				Self::fail_assignment(id, job, &operator, SlashReason::MissedDeadline);
			}
			// An entry that no longer matches the job's state was superseded; nothing is due.
			_ => {}
		}
	}

	/// Applies up to `MaxSlashesAppliedPerBlock` slashes whose deferral has passed, in id order
	/// (which is the order they fall due, the deferral being constant).
	pub(crate) fn apply_due_slashes(now: BlockNumberFor<T>) -> Weight {
		let limit = T::MaxSlashesAppliedPerBlock::get();
		let end = NextSlashId::<T>::get();
		let mut next = NextSlashToApply::<T>::get();
		let mut applied = 0u32;
		let mut read = 0u32;
		while next < end && read < limit {
			read = read.saturating_add(1);
			match PendingSlashes::<T>::get(next) {
				Some(slash) if slash.applies_at > now => break,
				Some(slash) => {
					PendingSlashes::<T>::remove(next);
					Self::apply_slash(next, slash);
					applied = applied.saturating_add(1);
				}
				// Cancelled.
				None => {}
			}
			next = next.saturating_add(1);
		}
		if read > 0 {
			NextSlashToApply::<T>::put(next);
		}
		T::WeightInfo::on_initialize_slashes(applied)
			.saturating_add(T::DbWeight::get().reads(read.saturating_sub(applied).into()))
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
