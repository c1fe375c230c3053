//! The registry as other pallets and runtime APIs see it, and its invariants.

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use veritas_primitives::{ModelId, ModelRegistry, ModelStatus};

impl<T: Config> ModelRegistry for Pallet<T> {
	fn active_input_len(model: ModelId) -> Option<u32> {
		Models::<T>::get(model)
			.filter(|info| info.status == ModelStatus::Active)
			.map(|info| info.input_len)
	}

	fn output_elements(model: ModelId) -> Option<u32> {
		Models::<T>::get(model).map(|info| info.output_elements())
	}

	fn verifying_key(model: ModelId) -> Option<Vec<u8>> {
		VerifyingKeys::<T>::get(model).map(|key| key.into_inner())
	}
}

impl<T: Config> Pallet<T> {
	/// One model (runtime API).
	pub fn model(model: ModelId) -> Option<ModelInfoOf<T>> {
		Models::<T>::get(model)
	}

	/// Up to `limit` models with ids from `start` on (runtime API). It walks ids in order, so
	/// ids of removed models between `start` and the last one returned cost a read each.
	pub fn models(start: ModelId, limit: u32) -> Vec<(ModelId, ModelInfoOf<T>)> {
		let end = NextModelId::<T>::get();
		let mut page = Vec::new();
		let mut id = start;
		while id < end && page.len() < limit as usize {
			if let Some(info) = Models::<T>::get(id) {
				page.push((id, info));
			}
			id = id.saturating_add(1);
		}
		page
	}

	/// The models of `owner` (runtime API).
	pub fn models_by_owner(owner: T::AccountId) -> Vec<ModelId> {
		ModelsByOwner::<T>::iter_key_prefix(owner).collect()
	}

	/// Invariants: every model has its key and owner index entry and no other entries exist;
	/// each owner's held deposit equals the deposits of its models.
	#[cfg(any(feature = "std", feature = "try-runtime"))]
	pub fn do_try_state() -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
		use alloc::collections::btree_map::BTreeMap;
		use polkadot_sdk::{
			frame_support::{ensure, traits::fungible::InspectHold},
			sp_runtime::traits::Saturating,
		};
		let mut deposits: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		let next = NextModelId::<T>::get();
		for (id, info) in Models::<T>::iter() {
			ensure!(id < next, "model id beyond NextModelId");
			ensure!(VerifyingKeys::<T>::contains_key(id), "model without a verifying key");
			ensure!(
				ModelsByOwner::<T>::contains_key(&info.owner, id),
				"model missing from owner index"
			);
			let total = deposits.entry(info.owner.clone()).or_default();
			*total = total.saturating_add(info.deposit);
		}
		for id in VerifyingKeys::<T>::iter_keys() {
			ensure!(Models::<T>::contains_key(id), "verifying key without a model");
		}
		for (owner, id, ()) in ModelsByOwner::<T>::iter() {
			let info = Models::<T>::get(id).ok_or("owner index names a removed model")?;
			ensure!(info.owner == owner, "owner index names the wrong owner");
		}
		for (owner, total) in deposits {
			let held = T::Currency::balance_on_hold(&HoldReason::ModelDeposit.into(), &owner);
			ensure!(held == total, "held deposit differs from the models' deposits");
		}
		Ok(())
	}
}
