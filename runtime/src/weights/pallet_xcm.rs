//! Weights for `pallet_xcm`: a PLACEHOLDER until `scripts/bench.sh weights` measures them on
//! the Veritas runtime and overwrites this file.
//!
//! The SDK ships no generated weights for `pallet_xcm`, only `TestWeightInfo` (a flat 100 ms
//! and no proof size for every call, which is what this runtime used before). The figures below
//! are Asset Hub Westend's generated ones (polkadot-sdk
//! `cumulus/parachains/runtimes/assets/asset-hub-westend/src/weights/pallet_xcm.rs`, benchmark
//! CLI 32.0.0, 2024-12-18, steps 50, repeat 20, `Intel(R) Xeon(R) CPU @ 2.60GHz`): a parachain
//! with the same XCM plumbing (`ParachainSystem`, `XcmpQueue`, `PolkadotXcm`), here applied to
//! this runtime's `frame_system::Config` (its `DbWeight`). The calls that file predates are
//! marked PLACEHOLDER below with where their figure comes from.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]
#![allow(clippy::unnecessary_cast)]

use polkadot_sdk::*;
use frame_support::{traits::Get, weights::Weight};
use core::marker::PhantomData;

/// Weights for `pallet_xcm` on the Veritas runtime (a placeholder, see above).
pub struct WeightInfo<T>(PhantomData<T>);
impl<T: frame_system::Config> pallet_xcm::WeightInfo for WeightInfo<T> {
	fn send() -> Weight {
		Weight::from_parts(29_115_000, 3610)
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	// Teleports are refused (`XcmTeleportFilter = Nothing`); a refused call still pays this.
	fn teleport_assets() -> Weight {
		Weight::from_parts(113_250_000, 3610)
			.saturating_add(T::DbWeight::get().reads(9_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	fn reserve_transfer_assets() -> Weight {
		Weight::from_parts(140_479_000, 6196)
			.saturating_add(T::DbWeight::get().reads(10_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	// Measured on Asset Hub for a transfer touching two asset kinds: an upper bound for a VRT-only
	// local-reserve transfer to a sibling.
	fn transfer_assets() -> Weight {
		Weight::from_parts(182_260_000, 6208)
			.saturating_add(T::DbWeight::get().reads(14_u64))
			.saturating_add(T::DbWeight::get().writes(7_u64))
	}
	// Local execution is refused (`XcmExecuteFilter = Nothing`); a refused call still pays this.
	fn execute() -> Weight {
		Weight::from_parts(13_124_000, 1588)
			.saturating_add(T::DbWeight::get().reads(1_u64))
	}
	fn force_xcm_version() -> Weight {
		Weight::from_parts(7_353_000, 0)
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn force_default_xcm_version() -> Weight {
		Weight::from_parts(2_408_000, 0)
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn force_subscribe_version_notify() -> Weight {
		Weight::from_parts(35_949_000, 3610)
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	fn force_unsubscribe_version_notify() -> Weight {
		Weight::from_parts(39_353_000, 3828)
			.saturating_add(T::DbWeight::get().reads(7_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	fn force_suspension() -> Weight {
		Weight::from_parts(2_432_000, 0)
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn migrate_supported_version() -> Weight {
		Weight::from_parts(26_274_000, 15999)
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn migrate_version_notifiers() -> Weight {
		Weight::from_parts(26_532_000, 16003)
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn already_notified_target() -> Weight {
		Weight::from_parts(29_178_000, 18488)
			.saturating_add(T::DbWeight::get().reads(7_u64))
	}
	fn notify_current_targets() -> Weight {
		Weight::from_parts(33_946_000, 6152)
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	fn notify_target_migration_fail() -> Weight {
		Weight::from_parts(18_677_000, 13541)
			.saturating_add(T::DbWeight::get().reads(5_u64))
	}
	fn migrate_version_notify_targets() -> Weight {
		Weight::from_parts(26_284_000, 16010)
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn migrate_and_notify_old_targets() -> Weight {
		Weight::from_parts(47_866_000, 16052)
			.saturating_add(T::DbWeight::get().reads(12_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	fn new_query() -> Weight {
		Weight::from_parts(5_816_000, 1588)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn take_response() -> Weight {
		Weight::from_parts(32_195_000, 11205)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	// PLACEHOLDER: Asset Hub's single-asset `claim_assets` plus `TestWeightInfo`'s 10 ms per
	// asset, deliberately pessimistic (this chain's transactor deposits only VRT).
	fn claim_assets(n: u32) -> Weight {
		Weight::from_parts(44_942_000, 3625)
			.saturating_add(Weight::from_parts(10_000_000, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	// PLACEHOLDER: not in Asset Hub's file; sized like `force_unsubscribe_version_notify` (a few
	// small storage items read and written) rather than `TestWeightInfo`'s 0.1 µs.
	fn add_authorized_alias() -> Weight {
		Weight::from_parts(50_000_000, 4000)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	// PLACEHOLDER: as `add_authorized_alias`.
	fn remove_authorized_alias() -> Weight {
		Weight::from_parts(50_000_000, 4000)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	// PLACEHOLDER: `TestWeightInfo`'s figures. Only the XCM precompile of `pallet-revive`
	// charges this, and this runtime has none.
	fn weigh_message(n: u32) -> Weight {
		Weight::from_parts(100_000, 0)
			.saturating_add(Weight::from_parts(100_000, 0).saturating_mul(n.into()))
	}
	// PLACEHOLDER: as `weigh_message`.
	fn decode_xcm(n: u32) -> Weight {
		Weight::from_parts(100_000, 0)
			.saturating_add(Weight::from_parts(20_000, 0).saturating_mul(n.into()))
	}
}
