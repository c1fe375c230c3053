//! Weights for `pallet_inference`: provisional figures until `scripts/bench.sh weights` runs.

#![allow(clippy::unnecessary_cast)]

use core::marker::PhantomData;
use polkadot_sdk::frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, Weight},
};

/// Weight functions needed for `pallet_inference`.
pub trait WeightInfo {
	fn register_operator() -> Weight;
	fn update_operator() -> Weight;
	fn bond_extra() -> Weight;
	fn unbond() -> Weight;
	fn withdraw_unbonded() -> Weight;
	fn submit_job(i: u32) -> Weight;
	fn cancel_job() -> Weight;
	fn submit_result_accepted(w: u32) -> Weight;
	fn submit_result_rejected(w: u32) -> Weight;
	fn submit_results(n: u32, w: u32) -> Weight;
	fn cancel_slash() -> Weight;
	fn on_initialize_deadlines(d: u32) -> Weight;
	fn on_initialize_slashes(s: u32) -> Weight;
}

pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: polkadot_sdk::frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn register_operator() -> Weight {
		Weight::from_parts(100_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(10, 10))
	}
	fn update_operator() -> Weight {
		Weight::from_parts(100_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(10, 10))
	}
	fn bond_extra() -> Weight {
		Weight::from_parts(100_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(10, 10))
	}
	fn unbond() -> Weight {
		Weight::from_parts(100_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(10, 10))
	}
	fn withdraw_unbonded() -> Weight {
		Weight::from_parts(100_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(10, 10))
	}
	fn submit_job(i: u32) -> Weight {
		Weight::from_parts(100_000_000, 10_000)
			.saturating_add(Weight::from_parts(100_000, 0).saturating_mul(i.into()))
			.saturating_add(T::DbWeight::get().reads_writes(10, 10))
	}
	fn cancel_job() -> Weight {
		Weight::from_parts(100_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(10, 10))
	}
	fn submit_result_accepted(w: u32) -> Weight {
		Weight::from_parts(25_000_000, 10_000)
			.saturating_add(Weight::from_parts(5_000_000_000, 0).saturating_mul(w.into()))
			.saturating_add(T::DbWeight::get().reads_writes(10, 10))
	}
	fn submit_result_rejected(w: u32) -> Weight {
		Weight::from_parts(25_000_000, 10_000)
			.saturating_add(Weight::from_parts(5_000_000_000, 0).saturating_mul(w.into()))
			.saturating_add(T::DbWeight::get().reads_writes(10, 10))
	}
	fn submit_results(n: u32, w: u32) -> Weight {
		Weight::from_parts(25_000_000, 10_000)
			.saturating_add(Weight::from_parts(25_000_000, 0).saturating_mul(n.into()))
			.saturating_add(Weight::from_parts(5_000_000_000, 0).saturating_mul(w.into()))
			.saturating_add(T::DbWeight::get().reads_writes(10, 10))
	}
	fn cancel_slash() -> Weight {
		Weight::from_parts(100_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(10, 10))
	}
	fn on_initialize_deadlines(d: u32) -> Weight {
		Weight::from_parts(100_000_000, 10_000)
			.saturating_add(Weight::from_parts(25_000_000, 0).saturating_mul(d.into()))
			.saturating_add(T::DbWeight::get().reads_writes(10, 10))
	}
	fn on_initialize_slashes(s: u32) -> Weight {
		Weight::from_parts(100_000_000, 10_000)
			.saturating_add(Weight::from_parts(100_000, 0).saturating_mul(s.into()))
			.saturating_add(T::DbWeight::get().reads_writes(10, 10))
	}
}

impl WeightInfo for () {
	fn register_operator() -> Weight {
		Weight::from_parts(100_000_000, 10_000)
			.saturating_add(RocksDbWeight::get().reads_writes(10, 10))
	}
	fn update_operator() -> Weight {
		Weight::from_parts(100_000_000, 10_000)
			.saturating_add(RocksDbWeight::get().reads_writes(10, 10))
	}
	fn bond_extra() -> Weight {
		Weight::from_parts(100_000_000, 10_000)
			.saturating_add(RocksDbWeight::get().reads_writes(10, 10))
	}
	fn unbond() -> Weight {
		Weight::from_parts(100_000_000, 10_000)
			.saturating_add(RocksDbWeight::get().reads_writes(10, 10))
	}
	fn withdraw_unbonded() -> Weight {
		Weight::from_parts(100_000_000, 10_000)
			.saturating_add(RocksDbWeight::get().reads_writes(10, 10))
	}
	fn submit_job(i: u32) -> Weight {
		Weight::from_parts(100_000_000, 10_000)
			.saturating_add(Weight::from_parts(100_000, 0).saturating_mul(i.into()))
			.saturating_add(RocksDbWeight::get().reads_writes(10, 10))
	}
	fn cancel_job() -> Weight {
		Weight::from_parts(100_000_000, 10_000)
			.saturating_add(RocksDbWeight::get().reads_writes(10, 10))
	}
	fn submit_result_accepted(w: u32) -> Weight {
		Weight::from_parts(25_000_000, 10_000)
			.saturating_add(Weight::from_parts(5_000_000_000, 0).saturating_mul(w.into()))
			.saturating_add(RocksDbWeight::get().reads_writes(10, 10))
	}
	fn submit_result_rejected(w: u32) -> Weight {
		Weight::from_parts(25_000_000, 10_000)
			.saturating_add(Weight::from_parts(5_000_000_000, 0).saturating_mul(w.into()))
			.saturating_add(RocksDbWeight::get().reads_writes(10, 10))
	}
	fn submit_results(n: u32, w: u32) -> Weight {
		Weight::from_parts(25_000_000, 10_000)
			.saturating_add(Weight::from_parts(25_000_000, 0).saturating_mul(n.into()))
			.saturating_add(Weight::from_parts(5_000_000_000, 0).saturating_mul(w.into()))
			.saturating_add(RocksDbWeight::get().reads_writes(10, 10))
	}
	fn cancel_slash() -> Weight {
		Weight::from_parts(100_000_000, 10_000)
			.saturating_add(RocksDbWeight::get().reads_writes(10, 10))
	}
	fn on_initialize_deadlines(d: u32) -> Weight {
		Weight::from_parts(100_000_000, 10_000)
			.saturating_add(Weight::from_parts(25_000_000, 0).saturating_mul(d.into()))
			.saturating_add(RocksDbWeight::get().reads_writes(10, 10))
	}
	fn on_initialize_slashes(s: u32) -> Weight {
		Weight::from_parts(100_000_000, 10_000)
			.saturating_add(Weight::from_parts(100_000, 0).saturating_mul(s.into()))
			.saturating_add(RocksDbWeight::get().reads_writes(10, 10))
	}
}
