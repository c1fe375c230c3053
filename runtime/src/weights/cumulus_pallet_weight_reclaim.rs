//! Weights for `cumulus_pallet_weight_reclaim`: a PLACEHOLDER until `scripts/bench.sh weights`
//! measures them on the Veritas runtime and overwrites this file.
//!
//! The figures are the SDK's own generated weights for this pallet (`cumulus-pallet-weight-reclaim
//! 0.12.0`, `src/weights.rs`, `SubstrateWeight`), measured on the SDK's reference runtime and
//! hardware, here applied to this runtime's `frame_system::Config` (its `DbWeight`). They replace
//! the `()` weights this runtime used before, which were not measured here either.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]
#![allow(clippy::unnecessary_cast)]

use polkadot_sdk::*;
use frame_support::{traits::Get, weights::Weight};
use core::marker::PhantomData;

/// Weights for `cumulus_pallet_weight_reclaim` on the Veritas runtime (a placeholder, see above).
pub struct WeightInfo<T>(PhantomData<T>);
impl<T: frame_system::Config> cumulus_pallet_weight_reclaim::WeightInfo for WeightInfo<T> {
	fn storage_weight_reclaim() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `0`
		//  Estimated: `0`
		// Minimum execution time: 2_247_000 picoseconds.
		Weight::from_parts(2_466_000, 0)
	}
}
