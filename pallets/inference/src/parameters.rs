//! The governed market parameters as the market uses them: each clamped into
//! [`Config::MarketBounds`], then held to the relations the market's safety rests on, so that
//! no value governance stores can leave a job unbacked or a deadline unreachable.

use crate::{pallet::*, types::*};
use polkadot_sdk::{
	frame_support::traits::Get,
	frame_system::pallet_prelude::BlockNumberFor,
	sp_runtime::{
		traits::{One, Saturating},
		Perbill,
	},
};
use veritas_primitives::SlashReason;

/// The governed values an operator's bond is measured against.
pub(crate) struct BondTerms<T: Config> {
	/// [`Pallet::min_operator_bond`].
	pub min_bond: BalanceOf<T>,
	/// [`Pallet::job_collateral`].
	pub collateral: BalanceOf<T>,
}

impl<T: Config> BondTerms<T> {
	/// Bond an operator with `jobs` open jobs must keep.
	pub(crate) fn collateral_for(&self, jobs: u32) -> BalanceOf<T> {
		self.collateral.saturating_mul(jobs.into())
	}

	/// Whether `op` may take one more job (bond, collateral, capacity), whatever the model.
	pub(crate) fn has_room(&self, op: &OperatorOf<T>) -> bool {
		op.bond >= self.min_bond
			&& op.active_jobs < op.capacity
			&& op.bond >= self.collateral_for(op.active_jobs.saturating_add(1))
	}
}

impl<T: Config> Pallet<T> {
	/// Share of each job's price that goes to the treasury.
	pub(crate) fn protocol_fee() -> Perbill {
		T::MarketBounds::get().protocol_fee.clamp(T::ProtocolFee::get())
	}

	/// Bond locked per open job.
	pub(crate) fn job_collateral() -> BalanceOf<T> {
		T::MarketBounds::get().job_collateral.clamp(T::JobCollateral::get())
	}

	/// Least bond a listed operator keeps: never below one job's collateral, or a listed
	/// operator could take no job.
	pub(crate) fn min_operator_bond() -> BalanceOf<T> {
		Self::bond_terms().min_bond
	}

	/// The minimum bond and the collateral together, read once: what matching checks for
	/// every operator and queued job it looks at.
	pub(crate) fn bond_terms() -> BondTerms<T> {
		let collateral = Self::job_collateral();
		let min_bond = T::MarketBounds::get()
			.min_operator_bond
			.clamp(T::MinOperatorBond::get())
			.max(collateral);
		BondTerms { min_bond, collateral }
	}

	/// What an operator is slashed for `reason`: never more than one job's collateral, so
	/// that a slash never eats into the collateral of the operator's other jobs.
	pub(crate) fn slash_for(reason: SlashReason) -> BalanceOf<T> {
		let bounds = T::MarketBounds::get();
		let wanted = match reason {
			SlashReason::InvalidProof => {
				bounds.invalid_proof_slash.clamp(T::InvalidProofSlash::get())
			}
			SlashReason::MissedDeadline => bounds.liveness_slash.clamp(T::LivenessSlash::get()),
		};
		wanted.min(Self::job_collateral())
	}

	/// Share of an applied slash, after the requester's compensation, that goes to the treasury.
	pub(crate) fn slash_treasury_share() -> Perbill {
		T::MarketBounds::get().slash_treasury_share.clamp(T::SlashTreasuryShare::get())
	}

	/// Blocks a new slash waits, cancellable, before it applies. Slashes apply in the order they
	/// were made: after the deferral shrinks, a slash waits for any older one still pending, so
	/// the bound's maximum is also the longest any slash can be held up.
	pub(crate) fn slash_defer_period() -> BlockNumberFor<T> {
		T::MarketBounds::get().slash_defer_period.clamp(T::SlashDeferPeriod::get())
	}

	/// Shortest answer timeout a job may ask for: at least one block, at most `MaxJobTimeout`.
	pub(crate) fn min_job_timeout() -> BlockNumberFor<T> {
		T::MarketBounds::get()
			.min_job_timeout
			.clamp(T::MinJobTimeout::get())
			.max(One::one())
			.min(T::MaxJobTimeout::get())
	}
}
