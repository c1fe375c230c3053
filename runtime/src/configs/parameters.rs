//! The parameters governance changes without a runtime upgrade (`Parameters::set_parameter`:
//! the market's from a `ParameterAdmin` referendum, the verification backend from `Root`), and
//! the envelope the market holds them in.
//!
//! A referendum can set any value its voters pass. The market never uses one outside
//! [`MarketEnvelope`]: `pallet-inference` clamps each value into it on every read, so that no
//! vote can, say, take every job's price as a fee, leave jobs without collateral or make slashes
//! uncancellable. `veritas gov propose set-param` refuses values outside the envelope, which the
//! metadata carries as the constant `Inference::MarketBounds`.

use crate::{
	governance::ParameterAdminOrRoot, AccountId, Balance, BlockNumber, Runtime, RuntimeEvent,
	RuntimeOrigin, DAYS, HOURS, UNIT,
};
use pallet_inference::types::{Bounds, MarketBounds};
use polkadot_sdk::{
	frame_support::{
		dynamic_params::{dynamic_pallet_params, dynamic_params},
		parameter_types,
		traits::{EnsureOrigin, EnsureOriginWithArg},
	},
	frame_system::EnsureRoot,
	pallet_parameters,
	sp_runtime::Perbill,
};

#[dynamic_params(RuntimeParameters, pallet_parameters::Parameters::<Runtime>)]
pub mod dynamic_params {
	use super::*;

	/// Proof verification.
	#[dynamic_pallet_params]
	#[codec(index = 0)]
	pub mod verifier {
		/// How the BLS12-381 implementation that verifies proofs in block execution is chosen.
		///
		/// `Auto` (the default) follows the relay chain (see `verifier_backend`): the RFC-163
		/// host calls (two to four times faster), when the executor parameters of the session
		/// validating the block enable `EccRfc163`, pure wasm otherwise. `Arkworks` forces pure
		/// wasm. `HostCalls` forces the host calls: on a relay without `EccRfc163` no block that
		/// verifies a proof could be included, so it is only for a relay known to have them or a
		/// chain without relay: the `development` preset starts on it (see
		/// `initial_parameters`).
		#[codec(index = 0)]
		pub static VerificationBackend: veritas_primitives::BackendPolicy =
			veritas_primitives::BackendPolicy::Auto;
	}

	/// The job market's economics (`pallet-inference`). docs/governance.md gives the reasoning
	/// behind each default and bound.
	#[dynamic_pallet_params]
	#[codec(index = 1)]
	pub mod market {
		/// Share of each job's price that goes to the treasury.
		#[codec(index = 0)]
		pub static ProtocolFee: Perbill = Perbill::from_percent(5);

		/// Least bond an operator keeps to be listed and take jobs.
		#[codec(index = 1)]
		pub static MinOperatorBond: Balance = 1_000 * UNIT;

		/// Bond locked per open job; a slash never exceeds it.
		#[codec(index = 2)]
		pub static JobCollateral: Balance = 100 * UNIT;

		/// Slash for answering with a proof that does not verify.
		#[codec(index = 3)]
		pub static InvalidProofSlash: Balance = 100 * UNIT;

		/// Slash for missing a deadline.
		#[codec(index = 4)]
		pub static LivenessSlash: Balance = 20 * UNIT;

		/// Share of an applied slash, after the requester's compensation, that goes to the
		/// treasury; the rest is burned.
		#[codec(index = 5)]
		pub static SlashTreasuryShare: Perbill = Perbill::from_percent(50);

		/// Blocks a slash waits, cancellable by a `SlashArbiter` referendum, before it applies.
		#[codec(index = 6)]
		pub static SlashDeferPeriod: BlockNumber = 2 * DAYS;

		/// Shortest answer timeout a job may ask for.
		#[codec(index = 7)]
		pub static MinJobTimeout: BlockNumber = 10;
	}
}

/// The shortest slash deferral the market allows: a day and a half. The `SlashArbiter` track's
/// whole course takes a little over a day (`tracks::course`); the rest is room to notice a slash
/// and submit the referendum. `governance::origins`' `integrity_test` checks that the course
/// fits in [`MarketEnvelope`]'s shortest deferral, on both sets of tracks.
pub const SLASH_DEFER_PERIOD_FLOOR: BlockNumber = 36 * HOURS;

parameter_types! {
	/// What governance may set the market parameters to (see the module's documentation).
	pub const MarketEnvelope: MarketBounds<Balance, BlockNumber> = MarketBounds {
		// Above a fifth, operators would be better off outside the chain.
		protocol_fee: Bounds { min: Perbill::zero(), max: Perbill::from_percent(20) },
		// A list slot must cost something real, and stay within an operator's reach.
		min_operator_bond: Bounds { min: 100 * UNIT, max: 1_000_000 * UNIT },
		// Never zero: every open job is backed by a slashable stake.
		job_collateral: Bounds { min: UNIT, max: 100_000 * UNIT },
		invalid_proof_slash: Bounds { min: UNIT, max: 100_000 * UNIT },
		liveness_slash: Bounds { min: UNIT, max: 100_000 * UNIT },
		slash_treasury_share: Bounds { min: Perbill::zero(), max: Perbill::one() },
		// Long enough to cancel an unjust slash; at most a month, which is also the longest a
		// slash can wait behind an older one after the deferral shrinks.
		slash_defer_period: Bounds { min: SLASH_DEFER_PERIOD_FLOOR, max: 30 * DAYS },
		// At least two blocks to prove and include an answer; at most an hour of floor.
		min_job_timeout: Bounds { min: 2, max: HOURS },
	};
}

#[cfg(feature = "runtime-benchmarks")]
impl Default for RuntimeParameters {
	fn default() -> Self {
		RuntimeParameters::Verifier(dynamic_params::verifier::Parameters::VerificationBackend(
			dynamic_params::verifier::VerificationBackend,
			Some(veritas_primitives::BackendPolicy::Auto),
		))
	}
}

/// Who may set each parameter. The market's: a `ParameterAdmin` referendum (or `Root`). The
/// verification backend: `Root` only. Forcing `HostCalls` on a relay without `EccRfc163` makes
/// every block that verifies a proof invalid, so collators keep building blocks the relay
/// refuses: the chain halts, its governance with it, until the relay's governance intervenes.
/// That is a runtime upgrade's weight of trust, not a parameter's.
pub struct ParameterAdminFor;
impl EnsureOriginWithArg<RuntimeOrigin, RuntimeParametersKey> for ParameterAdminFor {
	type Success = ();

	fn try_origin(
		origin: RuntimeOrigin,
		key: &RuntimeParametersKey,
	) -> Result<Self::Success, RuntimeOrigin> {
		match key {
			RuntimeParametersKey::Market(_) => {
				<ParameterAdminOrRoot as EnsureOrigin<RuntimeOrigin>>::try_origin(origin)
			}
			RuntimeParametersKey::Verifier(_) => {
				<EnsureRoot<AccountId> as EnsureOrigin<RuntimeOrigin>>::try_origin(origin)
			}
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn try_successful_origin(_: &RuntimeParametersKey) -> Result<RuntimeOrigin, ()> {
		Ok(RuntimeOrigin::root())
	}
}

impl pallet_parameters::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeParameters = RuntimeParameters;
	type AdminOrigin = ParameterAdminFor;
	type WeightInfo = crate::weights::pallet_parameters::WeightInfo<Runtime>;
}
