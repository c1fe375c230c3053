//! The logic behind each call.

use crate::{pallet::*, types::*};
use codec::Encode;
use polkadot_sdk::{
	frame_support::{
		ensure,
		pallet_prelude::*,
		traits::{fungible::MutateHold, tokens::Precision},
	},
	frame_system::{self, pallet_prelude::OriginFor},
	sp_runtime::{traits::Saturating, DispatchError},
};
use veritas_primitives::{
	models::{shape_elements, MAX_FRAC_BITS},
	ModelId, ModelInfo, ModelStatus, ModelUsage, ProofVerifier, VerifierError,
};

impl<T: Config> Pallet<T> {
	pub(crate) fn do_register_model(
		owner: T::AccountId,
		spec: ModelSpec,
		verifying_key: &[u8],
		supersedes: Option<ModelId>,
	) -> Result<ModelId, DispatchError> {
		shape_elements(&spec.input_shape).ok_or(Error::<T>::InvalidShape)?;
		let outputs = shape_elements(&spec.output_shape).ok_or(Error::<T>::InvalidShape)?;
		ensure!(
			(1..=T::MaxInputLen::get()).contains(&spec.input_len),
			Error::<T>::InvalidInputLength
		);
		ensure!((1..=MAX_FRAC_BITS).contains(&spec.frac_bits), Error::<T>::InvalidFixedPoint);
		// The committed test fixture's setup seed is public: anyone could forge its proofs.
		// Benchmarks alone may use it, having no prover in the runtime.
		ensure!(
			cfg!(feature = "runtime-benchmarks")
				|| !veritas_verifier::is_published_test_key(verifying_key),
			Error::<T>::PublishedTestKey
		);
		if let Some(earlier) = supersedes {
			let earlier = Models::<T>::get(earlier).ok_or(Error::<T>::UnknownSupersededModel)?;
			ensure!(earlier.owner == owner, Error::<T>::NotOwnerOfSuperseded);
		}
		let (public_inputs, prepared) =
			T::ProofVerifier::prepare_key(verifying_key).map_err(Self::key_error)?;
		ensure!(public_inputs == outputs.saturating_add(1), Error::<T>::OutputShapeMismatch);
		let prepared =
			PreparedKey::try_from(prepared).map_err(|_| Error::<T>::UnsupportedInputCount)?;

		let model = NextModelId::<T>::get();
		let next = model.checked_add(1).ok_or(Error::<T>::ModelIdsExhausted)?;
		let mut info = ModelInfo {
			owner: owner.clone(),
			name: spec.name,
			metadata_uri: spec.metadata_uri,
			weights_hash: spec.weights_hash,
			input_shape: spec.input_shape,
			input_len: spec.input_len,
			output_shape: spec.output_shape,
			frac_bits: spec.frac_bits,
			supersedes,
			status: ModelStatus::Pending,
			deposit: Default::default(),
			public_inputs,
			registered_at: frame_system::Pallet::<T>::block_number(),
		};
		info.deposit = Self::deposit_for(info.encoded_size().saturating_add(prepared.len()));
		T::Currency::hold(&HoldReason::ModelDeposit.into(), &owner, info.deposit)
			.map_err(|_| Error::<T>::InsufficientFundsForDeposit)?;

		let deposit = info.deposit;
		NextModelId::<T>::put(next);
		Models::<T>::insert(model, info);
		VerifyingKeys::<T>::insert(model, prepared);
		ModelsByOwner::<T>::insert(&owner, model, ());
		Self::deposit_event(Event::ModelRegistered { model, owner, deposit });
		Ok(model)
	}

	pub(crate) fn do_approve_model(model: ModelId) -> DispatchResult {
		let mut info = Models::<T>::get(model).ok_or(Error::<T>::UnknownModel)?;
		ensure!(
			matches!(info.status, ModelStatus::Pending | ModelStatus::Deprecated),
			Error::<T>::NotApprovable
		);
		info.status = ModelStatus::Active;
		if let Some(earlier) = info.supersedes {
			Models::<T>::mutate(earlier, |earlier_info| {
				if let Some(earlier_info) = earlier_info.as_mut() {
					if earlier_info.status == ModelStatus::Active {
						earlier_info.status = ModelStatus::Deprecated;
						Self::deposit_event(Event::ModelDeprecated { model: earlier });
					}
				}
			});
		}
		Models::<T>::insert(model, info);
		Self::deposit_event(Event::ModelApproved { model });
		Ok(())
	}

	pub(crate) fn do_deprecate_model(model: ModelId) -> DispatchResult {
		Models::<T>::try_mutate(model, |info| {
			let info = info.as_mut().ok_or(Error::<T>::UnknownModel)?;
			ensure!(info.status == ModelStatus::Active, Error::<T>::NotActive);
			info.status = ModelStatus::Deprecated;
			Ok::<_, DispatchError>(())
		})?;
		Self::deposit_event(Event::ModelDeprecated { model });
		Ok(())
	}

	pub(crate) fn do_retire_model(model: ModelId) -> DispatchResult {
		Models::<T>::try_mutate(model, |info| {
			let info = info.as_mut().ok_or(Error::<T>::UnknownModel)?;
			ensure!(info.status != ModelStatus::Retired, Error::<T>::AlreadyRetired);
			info.status = ModelStatus::Retired;
			Ok::<_, DispatchError>(())
		})?;
		Self::deposit_event(Event::ModelRetired { model });
		Ok(())
	}

	pub(crate) fn do_remove_model(model: ModelId) -> DispatchResult {
		let info = Models::<T>::get(model).ok_or(Error::<T>::UnknownModel)?;
		ensure!(
			matches!(info.status, ModelStatus::Pending | ModelStatus::Retired),
			Error::<T>::NotRemovable
		);
		ensure!(T::ModelUsage::open_jobs(model) == 0, Error::<T>::ModelInUse);
		// Best effort: a deposit can only have shrunk through an outside slash of the hold, and
		// removing the model must not be blocked by it.
		let returned = T::Currency::release(
			&HoldReason::ModelDeposit.into(),
			&info.owner,
			info.deposit,
			Precision::BestEffort,
		)?;
		Models::<T>::remove(model);
		VerifyingKeys::<T>::remove(model);
		ModelsByOwner::<T>::remove(&info.owner, model);
		T::ModelUsage::model_removed(model);
		Self::deposit_event(Event::ModelRemoved { model, owner: info.owner, deposit: returned });
		Ok(())
	}

	/// Lets governance through, and a signed origin only if it owns `model`.
	pub(crate) fn ensure_owner_or_governance(
		origin: OriginFor<T>,
		model: ModelId,
	) -> DispatchResult {
		let Err(origin) = T::ApproveOrigin::try_origin(origin) else { return Ok(()) };
		let who = polkadot_sdk::frame_system::ensure_signed(origin)?;
		let info = Models::<T>::get(model).ok_or(Error::<T>::UnknownModel)?;
		ensure!(info.owner == who, Error::<T>::NotOwner);
		Ok(())
	}

	/// The deposit for `bytes` of storage.
	pub fn deposit_for(bytes: usize) -> BalanceOf<T> {
		let bytes: BalanceOf<T> = u32::try_from(bytes).unwrap_or(u32::MAX).into();
		T::DepositBase::get().saturating_add(T::DepositPerByte::get().saturating_mul(bytes))
	}

	fn key_error(error: VerifierError) -> DispatchError {
		match error {
			VerifierError::UnsupportedInputCount => Error::<T>::UnsupportedInputCount,
			VerifierError::DegenerateVerifyingKey => Error::<T>::DegenerateVerifyingKey,
			_ => Error::<T>::MalformedVerifyingKey,
		}
		.into()
	}
}
