//! Operators: registration, offers, bonds, and who is listed for which model.

use crate::{pallet::*, types::*};
use alloc::collections::btree_set::BTreeSet;
use polkadot_sdk::{
	frame_support::{ensure, pallet_prelude::*},
	frame_system,
	sp_runtime::traits::{Saturating, Zero},
};
use veritas_primitives::{ModelId, ModelRegistry, Unbonding};

impl<T: Config> Pallet<T> {
	/// Checks `offers` against the market's rules: no model twice, every model new to the
	/// operator (not in `current`) active, every minimum timeout one a job may meet.
	fn check_offers(offers: &OffersOf<T>, current: &OffersOf<T>) -> DispatchResult {
		let mut seen = BTreeSet::new();
		for offer in offers.iter() {
			ensure!(seen.insert(offer.model), Error::<T>::DuplicateOffer);
			// A model offered already stays offerable while it is stored: its operators can
			// change prices while it is deprecated, and its removal drops the offer.
			let kept = current.iter().any(|old| old.model == offer.model);
			ensure!(
				kept || T::Models::active_input_len(offer.model).is_some(),
				Error::<T>::ModelNotActive
			);
			ensure!(offer.min_timeout <= T::MaxJobTimeout::get(), Error::<T>::InvalidMinTimeout);
		}
		Ok(())
	}

	fn check_capacity(capacity: u32) -> DispatchResult {
		ensure!((1..=T::MaxCapacity::get()).contains(&capacity), Error::<T>::InvalidCapacity);
		Ok(())
	}

	pub(crate) fn do_register_operator(
		operator: T::AccountId,
		bond: BalanceOf<T>,
		offers: OffersOf<T>,
		capacity: u32,
	) -> DispatchResult {
		ensure!(!Operators::<T>::contains_key(&operator), Error::<T>::AlreadyOperator);
		ensure!(bond >= Self::min_operator_bond(), Error::<T>::BondTooLow);
		Self::check_capacity(capacity)?;
		Self::check_offers(&offers, &Default::default())?;
		Self::hold(HoldReason::OperatorBond, &operator, bond)?;
		Self::list_operator(&operator, offers.iter().map(|offer| offer.model))?;
		Operators::<T>::insert(
			&operator,
			OperatorOf::<T> { bond, unbonding: None, capacity, active_jobs: 0, offers },
		);
		Self::deposit_event(Event::OperatorRegistered {
			operator: operator.clone(),
			bond,
			capacity,
		});
		Self::serve_queues(&operator, capacity.min(Self::matches_on_join()), None);
		Ok(())
	}

	pub(crate) fn do_update_operator(
		operator: T::AccountId,
		offers: Option<OffersOf<T>>,
		capacity: Option<u32>,
	) -> DispatchResult {
		let mut op = Operators::<T>::get(&operator).ok_or(Error::<T>::NotOperator)?;
		if let Some(capacity) = capacity {
			Self::check_capacity(capacity)?;
			op.capacity = capacity;
		}
		if let Some(offers) = offers {
			// A list slot must cost a full bond at every change, or unbonded accounts could
			// squat the lists of newly approved models.
			ensure!(
				offers.is_empty() || op.bond >= Self::min_operator_bond(),
				Error::<T>::BondTooLow
			);
			Self::check_offers(&offers, &op.offers)?;
			let old: BTreeSet<ModelId> = op.offers.iter().map(|offer| offer.model).collect();
			let new: BTreeSet<ModelId> = offers.iter().map(|offer| offer.model).collect();
			Self::unlist_operator(&operator, old.difference(&new).copied());
			Self::list_operator(&operator, new.difference(&old).copied())?;
			op.offers = offers;
		}
		let room = op.capacity.saturating_sub(op.active_jobs);
		Operators::<T>::insert(&operator, op);
		Self::deposit_event(Event::OperatorUpdated { operator: operator.clone() });
		Self::serve_queues(&operator, room.min(Self::matches_on_join()), None);
		Ok(())
	}

	pub(crate) fn do_bond_extra(operator: T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		let mut op = Operators::<T>::get(&operator).ok_or(Error::<T>::NotOperator)?;
		Self::hold(HoldReason::OperatorBond, &operator, amount)?;
		op.bond = op.bond.saturating_add(amount);
		let room = op.capacity.saturating_sub(op.active_jobs);
		Operators::<T>::insert(&operator, op);
		Self::deposit_event(Event::BondIncreased { operator: operator.clone(), amount });
		Self::serve_queues(&operator, room.min(Self::matches_on_join()), None);
		Ok(())
	}

	pub(crate) fn do_unbond(operator: T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		let mut op = Operators::<T>::get(&operator).ok_or(Error::<T>::NotOperator)?;
		ensure!(!amount.is_zero() && amount <= op.bond, Error::<T>::InvalidUnbondAmount);
		let locked = Self::bond_terms().collateral_for(op.active_jobs);
		ensure!(op.bond.saturating_sub(amount) >= locked, Error::<T>::BondLockedByJobs);
		let unlocks_at =
			frame_system::Pallet::<T>::block_number().saturating_add(T::UnbondingPeriod::get());
		let total = op.unbonding.as_ref().map_or(amount, |u| u.amount.saturating_add(amount));
		op.bond = op.bond.saturating_sub(amount);
		op.unbonding = Some(Unbonding { amount: total, unlocks_at });
		Self::unlist_if_underbonded(&operator, &mut op);
		Operators::<T>::insert(&operator, op);
		Self::deposit_event(Event::UnbondingStarted { operator, amount, unlocks_at });
		Ok(())
	}

	pub(crate) fn do_withdraw_unbonded(operator: T::AccountId) -> DispatchResult {
		let mut op = Operators::<T>::get(&operator).ok_or(Error::<T>::NotOperator)?;
		match op.unbonding.take() {
			Some(unbonding) => {
				let now = frame_system::Pallet::<T>::block_number();
				ensure!(unbonding.unlocks_at <= now, Error::<T>::StillUnbonding);
				let amount = Self::release(HoldReason::OperatorBond, &operator, unbonding.amount);
				Self::deposit_event(Event::Withdrawn { operator: operator.clone(), amount });
			}
			// An operator slashed down to nothing may still leave.
			None => ensure!(op.bond.is_zero(), Error::<T>::NothingToWithdraw),
		}
		if op.bond.is_zero() && op.active_jobs == 0 {
			Self::unlist_operator(&operator, op.offers.iter().map(|offer| offer.model));
			Operators::<T>::remove(&operator);
			Self::deposit_event(Event::OperatorDeregistered { operator });
		} else {
			Operators::<T>::insert(&operator, op);
		}
		Ok(())
	}

	/// Drops every offer of an operator whose bond fell below `MinOperatorBond` and takes it off
	/// every model's list, so that a list slot always costs a full bond. Says whether it did;
	/// the caller stores `op`.
	pub(crate) fn unlist_if_underbonded(operator: &T::AccountId, op: &mut OperatorOf<T>) -> bool {
		if op.bond >= Self::min_operator_bond() || op.offers.is_empty() {
			return false;
		}
		Self::unlist_operator(operator, op.offers.iter().map(|offer| offer.model));
		op.offers = Default::default();
		Self::deposit_event(Event::OperatorUnlisted { operator: operator.clone() });
		true
	}

	pub(crate) fn do_unlist_underbonded(operator: T::AccountId) -> DispatchResult {
		let mut op = Operators::<T>::get(&operator).ok_or(Error::<T>::NotOperator)?;
		ensure!(Self::unlist_if_underbonded(&operator, &mut op), Error::<T>::NotUnderbonded);
		Operators::<T>::insert(&operator, op);
		Ok(())
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

	/// Forgets a removed model: its operator list, cursor and queue, and every listed operator's
	/// offer for it. A removed model has no open job, so its queue is already empty.
	pub(crate) fn forget_model(model: ModelId) {
		for operator in ModelOperators::<T>::take(model) {
			Operators::<T>::mutate(&operator, |op| {
				if let Some(op) = op.as_mut() {
					op.offers.retain(|offer| offer.model != model);
				}
			});
		}
		MatchCursor::<T>::remove(model);
		JobQueue::<T>::remove(model);
		OpenJobs::<T>::remove(model);
	}
}
