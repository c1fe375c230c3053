//! The origins that referenda on Veritas's own tracks dispatch with, one per kind of decision,
//! and the genesis switch that gives a development chain its short tracks.
//!
//! Each origin can do one thing: `ModelApprover` approves, deprecates and retires models,
//! `SlashArbiter` cancels pending slashes, `ParameterAdmin` changes the market parameters,
//! `Treasurer` spends from the treasury (bounded by [`super::MAX_TREASURER_SPEND`]),
//! `ReferendumCanceller` and `ReferendumKiller` stop an ongoing referendum (the killer burns its
//! deposits). Anything else, runtime upgrades and the verification backend included, needs
//! `Root`.

pub use pallet::*;

// The pallet macros expand to code that calls `expect` on values they construct themselves.
#[allow(clippy::expect_used)]
#[polkadot_sdk::frame_support::pallet]
pub mod pallet {
	use polkadot_sdk::{
		frame_support::{self, pallet_prelude::*, traits::OriginTrait},
		frame_system::pallet_prelude::BlockNumberFor,
	};

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: polkadot_sdk::frame_system::Config {}

	/// The origin a referendum on one of Veritas's own tracks dispatches its call with.
	#[derive(
		PartialEq, Eq, Clone, MaxEncodedLen, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug,
	)]
	#[pallet::origin]
	pub enum Origin {
		/// Approves, deprecates and retires models (`pallet-models`).
		ModelApprover,
		/// Cancels pending slashes (`pallet-inference`).
		SlashArbiter,
		/// Changes the market parameters (`pallet-parameters`, the `Market` group).
		ParameterAdmin,
		/// Spends from the treasury, up to `MAX_TREASURER_SPEND` at a time.
		Treasurer,
		/// Cancels an ongoing referendum, returning its deposits.
		ReferendumCanceller,
		/// Kills an ongoing referendum, burning its deposits (spam, or worse).
		ReferendumKiller,
	}

	/// Whether referenda run on the short development tracks (`tracks::DEVELOPMENT_TRACKS`): a
	/// referendum completes in about a minute. Set only by the `development` preset's genesis
	/// (and by test networks that ask for it); no call changes it.
	#[pallet::storage]
	pub type DevelopmentTracks<T> = StorageValue<_, bool, ValueQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Run referenda on the short development tracks. Never on a chain with real value.
		pub development_tracks: bool,
		#[serde(skip)]
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			if self.development_tracks {
				DevelopmentTracks::<T>::put(true);
			}
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// A slash must be cancellable: the `SlashArbiter` track's whole course, from
		/// submission to enactment, must end before the shortest deferral the runtime allows.
		fn integrity_test() {
			use crate::{configs::parameters::MarketEnvelope, governance::tracks, BlockNumber};
			let shortest_deferral = MarketEnvelope::get().slash_defer_period.min;
			for set in [tracks::TRACKS.as_slice(), tracks::DEVELOPMENT_TRACKS.as_slice()] {
				let course = tracks::course(set, tracks::SLASH_ARBITER).unwrap_or(BlockNumber::MAX);
				assert!(
					course < shortest_deferral,
					"the slash arbiter's course ({course} blocks) does not fit in the shortest \
					 slash deferral: a cancellation could land after the slash applies"
				);
			}
		}
	}

	/// `EnsureOrigin` for one variant of [`Origin`]: succeeds for exactly that origin.
	macro_rules! ensure_variant {
		($($name:ident => $variant:ident,)*) => {$(
			#[doc = concat!("Succeeds for `Origin::", stringify!($variant), "` only.")]
			pub struct $name;
			impl<O: OriginTrait + From<Origin>> EnsureOrigin<O> for $name
			where
				for<'a> &'a O::PalletsOrigin: TryInto<&'a Origin>,
			{
				type Success = ();
				fn try_origin(o: O) -> Result<Self::Success, O> {
					match o.caller().try_into() {
						Ok(Origin::$variant) => return Ok(()),
						_ => (),
					}
					Err(o)
				}
				#[cfg(feature = "runtime-benchmarks")]
				fn try_successful_origin() -> Result<O, ()> {
					Ok(O::from(Origin::$variant))
				}
			}
		)*};
	}

	ensure_variant! {
		ModelApprover => ModelApprover,
		SlashArbiter => SlashArbiter,
		ParameterAdmin => ParameterAdmin,
		Treasurer => Treasurer,
		ReferendumCanceller => ReferendumCanceller,
		ReferendumKiller => ReferendumKiller,
	}
}
