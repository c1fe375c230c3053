//! The market as the `InferenceApi` runtime API reads it.

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use polkadot_sdk::frame_system::pallet_prelude::BlockNumberFor;
use veritas_primitives::{JobDetails, JobId, ModelId, OperatorDetails, SlashId};

impl<T: Config> Pallet<T> {
	/// One job with its input (while open) and output (once completed).
	pub fn job_details(
		id: JobId,
	) -> Option<JobDetails<T::AccountId, BalanceOf<T>, BlockNumberFor<T>>> {
		let job = Jobs::<T>::get(id)?;
		Some(JobDetails {
			job,
			input: JobInputs::<T>::get(id).map(|input| input.into_inner()),
			output: JobOutputs::<T>::get(id).map(|output| output.into_inner()),
		})
	}

	/// One operator.
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
			underbonded: op.bond < Self::min_operator_bond(),
			offers: op.offers.into_inner(),
		})
	}

	/// Up to `limit` jobs assigned to `who`, ids from `start` on. An operator has at most
	/// `MaxCapacity` jobs, so this reads a bounded set.
	pub fn operator_jobs(who: &T::AccountId, start: JobId, limit: u32) -> Vec<JobId> {
		let mut ids: Vec<JobId> =
			OperatorJobs::<T>::iter_key_prefix(who).filter(|id| *id >= start).collect();
		ids.sort_unstable();
		ids.truncate(limit as usize);
		ids
	}

	/// The cheapest operator that would take a job of `model` with `timeout` now, and its
	/// price: the offers `submit_job` would match, among the operators with room.
	pub fn best_quote(
		model: ModelId,
		timeout: BlockNumberFor<T>,
	) -> Option<(T::AccountId, BalanceOf<T>)> {
		let terms = Self::bond_terms();
		ModelOperators::<T>::get(model)
			.into_iter()
			.filter_map(|who| {
				let op = Operators::<T>::get(&who)?;
				let offer = terms.has_room(&op).then(|| op.offer_for(model)).flatten()?;
				(offer.min_timeout <= timeout).then_some((who, offer.price))
			})
			.min_by_key(|(_, price)| *price)
	}

	/// A pending slash.
	pub fn pending_slash(id: SlashId) -> Option<PendingSlashOf<T>> {
		PendingSlashes::<T>::get(id)
	}
}
