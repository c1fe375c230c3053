//! Weights of the runtime.
//!
//! Block and extrinsic base weights and database weights are Substrate's reference figures
//! until `benchmark overhead` and `benchmark storage` are run on reference hardware; pallet
//! weights generated for Veritas's own pallets live next to this file, one module each.

pub use polkadot_sdk::frame_support::weights::constants::{
	BlockExecutionWeight, ExtrinsicBaseWeight, RocksDbWeight,
};
