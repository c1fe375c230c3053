//! Money: escrow, payment, refunds and slashes. Funds move only through holds.

use crate::{pallet::*, types::*};
use polkadot_sdk::{
	frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::MutateHold,
			tokens::{Fortitude, Precision, Restriction},
		},
	},
	frame_system,
	sp_runtime::traits::{Saturating, Zero},
};
use veritas_primitives::{JobId, PendingSlash, SlashId, SlashReason};

impl<T: Config> Pallet<T> {
	/// Holds `amount` of `who`'s free balance under `reason`.
	pub(crate) fn hold(
		reason: HoldReason,
		who: &T::AccountId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		T::Currency::hold(&reason.into(), who, amount)
			.map_err(|_| Error::<T>::InsufficientBalance.into())
	}

	/// Returns up to `amount` held under `reason` to `who`'s free balance.
	pub(crate) fn release(
		reason: HoldReason,
		who: &T::AccountId,
		amount: BalanceOf<T>,
	) -> BalanceOf<T> {
		if amount.is_zero() {
			return amount;
		}
		T::Currency::release(&reason.into(), who, amount, Precision::BestEffort).unwrap_or_else(
			|error| {
				log::error!(target: "runtime::inference", "release of a hold failed: {error:?}");
				Zero::zero()
			},
		)
	}

	/// Moves `amount` held under `reason` on `from` to `to`'s free balance; `false` if `to`
	/// cannot receive it (e.g. below the existential deposit for a new account).
	fn pay_from_hold(
		reason: HoldReason,
		from: &T::AccountId,
		to: &T::AccountId,
		amount: BalanceOf<T>,
	) -> bool {
		amount.is_zero()
			|| T::Currency::transfer_on_hold(
				&reason.into(),
				from,
				to,
				amount,
				Precision::Exact,
				Restriction::Free,
				Fortitude::Force,
			)
			.is_ok()
	}

	/// Settles a job answered correctly: pays the operator `price` less the protocol fee, the
	/// treasury the fee, and refunds the rest of the escrow. Returns the fee taken.
	pub(crate) fn pay_for_job(
		requester: &T::AccountId,
		operator: &T::AccountId,
		max_fee: BalanceOf<T>,
		price: BalanceOf<T>,
	) -> BalanceOf<T> {
		let mut protocol_fee = T::ProtocolFee::get().mul_floor(price);
		let earnings = price.saturating_sub(protocol_fee);
		let mut refund = max_fee.saturating_sub(price);
		if !Self::pay_from_hold(HoldReason::JobEscrow, requester, operator, earnings) {
			// An operator's account always exists (its bond is held): only a broken invariant
			// lands here, and then the requester keeps its money.
			refund = refund.saturating_add(earnings);
		}
		if !Self::pay_from_hold(HoldReason::JobEscrow, requester, &T::Treasury::get(), protocol_fee)
		{
			// A treasury that cannot receive (not yet created, fee below the existential
			// deposit) waives the fee rather than losing it.
			refund = refund.saturating_add(protocol_fee);
			protocol_fee = Zero::zero();
		}
		Self::release(HoldReason::JobEscrow, requester, refund);
		protocol_fee
	}

	/// Moves up to `wanted` of the operator's bond to a pending slash that applies after
	/// `SlashDeferPeriod`. Returns the slash id, if anything was slashed.
	pub(crate) fn slash(
		operator: &T::AccountId,
		op: &mut OperatorOf<T>,
		job: JobId,
		requester: &T::AccountId,
		wanted: BalanceOf<T>,
		reason: SlashReason,
	) -> Option<SlashId> {
		let amount = wanted.min(op.bond);
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
		let slash = NextSlashId::<T>::get();
		NextSlashId::<T>::put(slash.saturating_add(1));
		let applies_at =
			frame_system::Pallet::<T>::block_number().saturating_add(T::SlashDeferPeriod::get());
		PendingSlashes::<T>::insert(
			slash,
			PendingSlash {
				operator: operator.clone(),
				requester: requester.clone(),
				job,
				amount: released,
				reason,
				applies_at,
			},
		);
		Self::deposit_event(Event::OperatorSlashed {
			slash,
			operator: operator.clone(),
			job,
			amount: released,
			reason,
			applies_at,
		});
		Some(slash)
	}

	/// Applies a pending slash: shares to the requester and the treasury, the rest burned. A
	/// share its recipient cannot receive is burned too.
	pub(crate) fn apply_slash(id: SlashId, slash: PendingSlashOf<T>) {
		let mut to_requester = T::SlashRequesterShare::get().mul_floor(slash.amount);
		let mut to_treasury = T::SlashTreasuryShare::get().mul_floor(slash.amount);
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
