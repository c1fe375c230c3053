//! Weights for `pallet_models`: provisional figures until `scripts/bench.sh weights` runs.

#![allow(clippy::unnecessary_cast)]

use core::marker::PhantomData;
use polkadot_sdk::frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, Weight},
};

/// Weight functions needed for `pallet_models`.
pub trait WeightInfo {
	fn register_model(w: u32) -> Weight;
	fn approve_model() -> Weight;
	fn deprecate_model() -> Weight;
	fn retire_model() -> Weight;
	fn remove_model() -> Weight;
}

pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: polkadot_sdk::frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn register_model(_w: u32) -> Weight {
		Weight::from_parts(60_000_000, 4_000).saturating_add(T::DbWeight::get().reads_writes(4, 5))
	}
	fn approve_model() -> Weight {
		Weight::from_parts(30_000_000, 4_000).saturating_add(T::DbWeight::get().reads_writes(2, 2))
	}
	fn deprecate_model() -> Weight {
		Weight::from_parts(30_000_000, 4_000).saturating_add(T::DbWeight::get().reads_writes(1, 1))
	}
	fn retire_model() -> Weight {
		Weight::from_parts(30_000_000, 4_000).saturating_add(T::DbWeight::get().reads_writes(1, 1))
	}
	fn remove_model() -> Weight {
		Weight::from_parts(60_000_000, 4_000).saturating_add(T::DbWeight::get().reads_writes(4, 5))
	}
}

impl WeightInfo for () {
	fn register_model(_w: u32) -> Weight {
		Weight::from_parts(60_000_000, 4_000)
			.saturating_add(RocksDbWeight::get().reads_writes(4, 5))
	}
	fn approve_model() -> Weight {
		Weight::from_parts(30_000_000, 4_000)
			.saturating_add(RocksDbWeight::get().reads_writes(2, 2))
	}
	fn deprecate_model() -> Weight {
		Weight::from_parts(30_000_000, 4_000)
			.saturating_add(RocksDbWeight::get().reads_writes(1, 1))
	}
	fn retire_model() -> Weight {
		Weight::from_parts(30_000_000, 4_000)
			.saturating_add(RocksDbWeight::get().reads_writes(1, 1))
	}
	fn remove_model() -> Weight {
		Weight::from_parts(60_000_000, 4_000)
			.saturating_add(RocksDbWeight::get().reads_writes(4, 5))
	}
}
