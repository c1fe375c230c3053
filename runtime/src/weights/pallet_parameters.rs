//! Weights for `pallet_parameters`: a PLACEHOLDER until `scripts/bench.sh weights` measures them on
//! the Veritas runtime and overwrites this file.
//!
//! The figures are the SDK's own generated weights for this pallet (`pallet-parameters 0.21.0`,
//! `src/weights.rs`, `SubstrateWeight`), measured on the SDK's reference runtime and hardware, here
//! applied to this runtime's `frame_system::Config` (its `DbWeight`). They replace the `()` weights
//! this runtime used before, which were not measured here either.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]
#![allow(clippy::unnecessary_cast)]

use polkadot_sdk::*;
use frame_support::{traits::Get, weights::Weight};
use core::marker::PhantomData;

/// Weights for `pallet_parameters` on the Veritas runtime (a placeholder, see above).
pub struct WeightInfo<T>(PhantomData<T>);
impl<T: frame_system::Config> pallet_parameters::WeightInfo for WeightInfo<T> {
	/// Storage: `Parameters::Parameters` (r:1 w:1)
	/// Proof: `Parameters::Parameters` (`max_values`: None, `max_size`: Some(11322), added: 13797, mode: `MaxEncodedLen`)
	fn set_parameter() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `0`
		//  Estimated: `14787`
		// Minimum execution time: 5_884_000 picoseconds.
		Weight::from_parts(6_204_000, 14787)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
}
