//! Weights of the runtime.
//!
//! Block and extrinsic base weights and database weights are Substrate's reference figures
//! until `benchmark overhead` and `benchmark storage` are run on reference hardware. The pallet
//! modules below are written by `scripts/bench.sh weights`; until it has run, each says in its
//! header where its placeholder figures come from.

pub use polkadot_sdk::frame_support::weights::constants::{
	BlockExecutionWeight, ExtrinsicBaseWeight, RocksDbWeight,
};

pub mod cumulus_pallet_weight_reclaim;
pub mod cumulus_pallet_xcmp_queue;
pub mod pallet_collator_selection;
pub mod pallet_conviction_voting;
pub mod pallet_parameters;
pub mod pallet_preimage;
pub mod pallet_referenda;
pub mod pallet_scheduler;
pub mod pallet_session;
pub mod pallet_treasury;
pub mod pallet_xcm;
