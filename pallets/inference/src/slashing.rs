//! Slashes: taken from a bond at once, applied after a deferral unless governance cancels them.

use crate::{pallet::*, types::*};
use polkadot_sdk::{
	frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::MutateHold,
			tokens::{Fortitude, Precision},
		},
	},
	frame_system,
	sp_runtime::traits::{CheckedDiv, Saturating, Zero},
};
use veritas_primitives::{JobId, PendingSlash, SlashId, SlashReason};

impl<T: Config> Pallet<T> {
	/// Moves up to `wanted` of the operator's bond to a pending slash that applies after
	/// `SlashDeferPeriod`. The first slash of a job carries the requester's compensation (at
	/// most the slash). Returns the slash id, if anything was slashed.
	pub(crate) fn slash(
		operator: &T::AccountId,
		op: &mut OperatorOf<T>,
		id: JobId,
		job: &mut JobOf<T>,
		wanted: BalanceOf<T>,
		reason: SlashReason,
	) -> Option<SlashId> {
		// Never more than this job's equal share of the bond: every open job was backed when it was
		// assigned, but a slash and collateral raised since (by governance) could otherwise take
		// the backing of the operator's other jobs. Under unchanged parameters the share is at
		// least `JobCollateral`, so this never binds.
		let open_jobs = BalanceOf::<T>::from(op.active_jobs.saturating_add(1));
		let share = op.bond.checked_div(&open_jobs).unwrap_or(op.bond);
		let amount = wanted.min(share);
		if amount.is_zero() {
			return None;
		}
		let released = Self::release(HoldReason::OperatorBond, operator, amount);
		if Self::hold(HoldReason::PendingSlash, operator, released).is_err() {
			// Cannot happen: the funds were just released. Put them back as bond.
			let _ = Self::hold(HoldReason::OperatorBond, operator, released);
			return None;
		}
		op.bond = op.bond.saturating_sub(released);
		let to_requester = job.compensation.min(released);
		job.compensation = job.compensation.saturating_sub(to_requester);
		let slash = NextSlashId::<T>::get();
		NextSlashId::<T>::put(slash.saturating_add(1));
		let applies_at =
			frame_system::Pallet::<T>::block_number().saturating_add(Self::slash_defer_period());
		PendingSlashes::<T>::insert(
			slash,
			PendingSlash {
				operator: operator.clone(),
				requester: job.requester.clone(),
				job: id,
				amount: released,
				to_requester,
				reason,
				applies_at,
			},
		);
		Self::deposit_event(Event::OperatorSlashed {
			slash,
			operator: operator.clone(),
			job: id,
			amount: released,
			reason,
			applies_at,
		});
		Some(slash)
	}

	/// Applies a pending slash: the requester's compensation, then the treasury's share of the
	/// rest, the remainder burned. A share its recipient cannot receive is burned too.
	pub(crate) fn apply_slash(id: SlashId, slash: PendingSlashOf<T>) {
		let mut to_requester = slash.to_requester.min(slash.amount);
		let mut to_treasury =
			Self::slash_treasury_share().mul_floor(slash.amount.saturating_sub(to_requester));
		if !Self::pay_from_hold(
			HoldReason::PendingSlash,
			&slash.operator,
			&slash.requester,
			to_requester,
		) {
			to_requester = Zero::zero();
		}
		if !Self::pay_from_hold(
			HoldReason::PendingSlash,
			&slash.operator,
			&T::Treasury::get(),
			to_treasury,
		) {
			to_treasury = Zero::zero();
		}
		let rest = slash.amount.saturating_sub(to_requester).saturating_sub(to_treasury);
		let burned = if rest.is_zero() {
			rest
		} else {
			T::Currency::burn_held(
				&HoldReason::PendingSlash.into(),
				&slash.operator,
				rest,
				Precision::BestEffort,
				Fortitude::Force,
			)
			.unwrap_or_else(|_| Zero::zero())
		};
		Self::deposit_event(Event::SlashApplied { slash: id, to_requester, to_treasury, burned });
	}

	pub(crate) fn do_cancel_slash(id: SlashId) -> DispatchResult {
		let slash = PendingSlashes::<T>::take(id).ok_or(Error::<T>::UnknownSlash)?;
		let restored = Self::restore_slash(&slash);
		Self::deposit_event(Event::SlashCancelled { slash: id, restored });
		Ok(())
	}

	/// Returns a cancelled slash to the operator's bond (or free balance, if it has left).
	pub(crate) fn restore_slash(slash: &PendingSlashOf<T>) -> BalanceOf<T> {
		let restored = Self::release(HoldReason::PendingSlash, &slash.operator, slash.amount);
		Operators::<T>::mutate(&slash.operator, |op| {
			if let Some(op) = op.as_mut() {
				if Self::hold(HoldReason::OperatorBond, &slash.operator, restored).is_ok() {
					op.bond = op.bond.saturating_add(restored);
				}
			}
		});
		restored
	}
}
