//! Genesis values of dynamic parameters that must differ between chain specs.
//!
//! A dynamic parameter has one default for every chain, and `pallet-parameters` (stable2609) has
//! no genesis config. The verification backend needs two starting points: the safe default,
//! `Arkworks`, which any relay can execute, and `HostCalls` on the development chain, which has no
//! relay and whose node provides the RFC-163 host functions. This pallet has no calls, storage or
//! events; its genesis config only sets such parameters, through `Parameters::set_parameter` as
//! governance would, so that the value lives where governance changes it later.

pub use pallet::*;

// The pallet macros expand to code that calls `expect` on values they construct themselves.
#[allow(clippy::expect_used)]
#[polkadot_sdk::frame_support::pallet]
pub mod pallet {
	use crate::configs::{dynamic_params::verifier, RuntimeParameters};
	use polkadot_sdk::frame_support::{self, pallet_prelude::*};

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: polkadot_sdk::frame_system::Config {}

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Start with `VerificationBackend = HostCalls`. Only for a chain whose blocks are never
		/// executed by a relay without `EccRfc163`: the development chain.
		pub host_call_verification: bool,
		#[serde(skip)]
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			if !self.host_call_verification {
				return;
			}
			let backend = RuntimeParameters::Verifier(verifier::Parameters::VerificationBackend(
				verifier::VerificationBackend,
				Some(veritas_primitives::BackendPolicy::HostCalls),
			));
			// Root always passes `AdminOrigin`; should it ever not, the chain keeps the safe
			// default rather than failing to build its genesis.
			if let Err(error) = crate::pallet_parameters::Pallet::<crate::Runtime>::set_parameter(
				crate::RuntimeOrigin::root(),
				backend,
			) {
				log::error!(
					target: "runtime::initial_parameters",
					"setting the genesis verification backend failed: {error:?}"
				);
			}
		}
	}
}
