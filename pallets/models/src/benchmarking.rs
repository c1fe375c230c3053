//! Benchmarks of every call, each at its worst case: the largest verifying key a model may have
//! (16 public inputs) and the longest name and URI.
// Benchmark setup, compiled only with `runtime-benchmarks`: a failing setup should stop the benchmark.
#![allow(
	clippy::arithmetic_side_effects,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::unwrap_used
)]

use crate::{pallet::*, types::*, BenchmarkHelper};
use alloc::vec;
use polkadot_sdk::{
	frame_benchmarking::v2::*,
	frame_support::traits::{fungible::Mutate, EnsureOrigin},
	frame_system::RawOrigin,
	sp_core::H256,
	sp_runtime::traits::Bounded,
};
use veritas_primitives::{
	models::{MAX_METADATA_URI_LEN, MAX_MODEL_NAME_LEN},
	ModelId, ModelStatus,
};
use veritas_verifier::fixtures::{TOY_MODEL_INPUT, TOY_MODEL_OUTPUTS, TOY_MODEL_VK};

fn funded<T: Config>(name: &'static str) -> T::AccountId {
	let who: T::AccountId = account(name, 0, 0);
	let amount = BalanceOf::<T>::max_value() / 1_000u32.into();
	T::Currency::set_balance(&who, amount);
	who
}

/// Registers the fixture model for `owner`, optionally superseding `earlier`.
pub fn register<T: Config>(owner: &T::AccountId, supersedes: Option<ModelId>) -> ModelId {
	let spec = ModelSpec {
		name: vec![b'n'; MAX_MODEL_NAME_LEN as usize].try_into().unwrap_or_default(),
		metadata_uri: vec![b'u'; MAX_METADATA_URI_LEN as usize].try_into().unwrap_or_default(),
		weights_hash: H256::repeat_byte(1),
		input_shape: vec![8, 8].try_into().expect("two dimensions fit"),
		input_len: TOY_MODEL_INPUT.len() as u32,
		output_shape: vec![TOY_MODEL_OUTPUTS as u32].try_into().expect("one dimension fits"),
		frac_bits: 8,
	};
	Pallet::<T>::do_register_model(owner.clone(), spec, TOY_MODEL_VK, supersedes)
		.expect("the fixture model registers")
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// `w`: 1 prepares the key on the pure-wasm backend, 0 with the RFC-163 host calls.
	#[benchmark]
	fn register_model(w: Linear<0, 1>) {
		use veritas_primitives::{Backend, SetVerifierBackend};
		T::BenchmarkHelper::set_backend(if w == 1 {
			Backend::Arkworks
		} else {
			Backend::HostCalls
		});
		let owner = funded::<T>("owner");
		let earlier = register::<T>(&owner, None);
		#[extrinsic_call]
		_(
			RawOrigin::Signed(owner.clone()),
			vec![b'n'; MAX_MODEL_NAME_LEN as usize].try_into().expect("name fits"),
			vec![b'u'; MAX_METADATA_URI_LEN as usize].try_into().expect("uri fits"),
			H256::repeat_byte(1),
			vec![8, 8].try_into().expect("two dimensions fit"),
			TOY_MODEL_INPUT.len() as u32,
			vec![TOY_MODEL_OUTPUTS as u32].try_into().expect("one dimension fits"),
			8,
			TOY_MODEL_VK.to_vec().try_into().expect("the fixture key fits"),
			Some(earlier),
		);
		assert!(Models::<T>::contains_key(earlier + 1));
	}

	#[benchmark]
	fn approve_model() -> Result<(), BenchmarkError> {
		let owner = funded::<T>("owner");
		let earlier = register::<T>(&owner, None);
		Pallet::<T>::do_approve_model(earlier)?;
		let model = register::<T>(&owner, Some(earlier));
		let origin =
			T::ApproveOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, model);
		assert_eq!(Models::<T>::get(earlier).map(|m| m.status), Some(ModelStatus::Deprecated));
		Ok(())
	}

	#[benchmark]
	fn deprecate_model() -> Result<(), BenchmarkError> {
		let owner = funded::<T>("owner");
		let model = register::<T>(&owner, None);
		Pallet::<T>::do_approve_model(model)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), model);
		assert_eq!(Models::<T>::get(model).map(|m| m.status), Some(ModelStatus::Deprecated));
		Ok(())
	}

	#[benchmark]
	fn retire_model() -> Result<(), BenchmarkError> {
		let owner = funded::<T>("owner");
		let model = register::<T>(&owner, None);
		Pallet::<T>::do_approve_model(model)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), model);
		assert_eq!(Models::<T>::get(model).map(|m| m.status), Some(ModelStatus::Retired));
		Ok(())
	}

	/// Worst case: the job market lists the most operators it allows for the model, each of
	/// which loses its offer.
	#[benchmark]
	fn remove_model() -> Result<(), BenchmarkError> {
		let owner = funded::<T>("owner");
		let model = register::<T>(&owner, None);
		Pallet::<T>::do_approve_model(model)?;
		T::BenchmarkHelper::fill_market(model);
		Pallet::<T>::do_retire_model(model)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), model);
		assert!(!Models::<T>::contains_key(model));
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
