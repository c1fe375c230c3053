//! Storage and bookkeeping types of the job market.

use crate::Config;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use polkadot_sdk::{
	frame_support::{
		traits::fungible::Inspect, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound,
		PartialEqNoBound,
	},
	frame_system::pallet_prelude::BlockNumberFor,
};
use scale_info::TypeInfo;
use veritas_primitives::{Job, JobId, ModelId, ModelOffer, PendingSlash, Unbonding};

pub type AccountIdOf<T> = <T as polkadot_sdk::frame_system::Config>::AccountId;

/// The balance type of the market's currency.
pub type BalanceOf<T> = <<T as Config>::Currency as Inspect<AccountIdOf<T>>>::Balance;

/// A stored job.
pub type JobOf<T> = Job<AccountIdOf<T>, BalanceOf<T>, BlockNumberFor<T>>;

/// A job input.
pub type InputOf<T> = BoundedVec<u8, <T as Config>::MaxInputLen>;

/// A stored pending slash.
pub type PendingSlashOf<T> = PendingSlash<AccountIdOf<T>, BalanceOf<T>, BlockNumberFor<T>>;

/// One model offer of an operator.
pub type OfferOf<T> = ModelOffer<BalanceOf<T>, BlockNumberFor<T>>;

/// The offers of one operator.
pub type OffersOf<T> = BoundedVec<OfferOf<T>, <T as Config>::MaxModelsPerOperator>;

/// A registered operator.
#[derive(
	Encode, Decode, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct OperatorOf<T: Config> {
	/// Bond backing jobs, held under `OperatorBond` together with `unbonding`.
	pub bond: BalanceOf<T>,
	/// Bond on its way out.
	pub unbonding: Option<Unbonding<BalanceOf<T>, BlockNumberFor<T>>>,
	/// Most jobs at once.
	pub capacity: u32,
	/// Jobs assigned now.
	pub active_jobs: u32,
	/// Empty while the bond is below `MinOperatorBond`.
	pub offers: OffersOf<T>,
}

impl<T: Config> OperatorOf<T> {
	/// This operator's offer for `model`, if it serves it.
	pub fn offer_for(&self, model: ModelId) -> Option<&OfferOf<T>> {
		self.offers.iter().find(|offer| offer.model == model)
	}
}

/// A queued job with the terms matching reads, so that a queue is scanned whole in one read.
#[derive(
	Encode, Decode, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct QueuedJobOf<T: Config> {
	pub job: JobId,
	pub max_fee: BalanceOf<T>,
	pub timeout: BlockNumberFor<T>,
	/// The operator that failed the job; it does not get it again.
	pub excluded: Option<AccountIdOf<T>>,
}

impl<T: Config> QueuedJobOf<T> {
	/// Whether an operator with `offer` may take this job.
	pub fn fits(&self, operator: &AccountIdOf<T>, offer: &OfferOf<T>) -> bool {
		self.max_fee >= offer.price
			&& self.timeout >= offer.min_timeout
			&& self.excluded.as_ref() != Some(operator)
	}
}

/// How a result was settled; weights differ.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResultOutcome {
	/// Paid; `queue_served`: the freed slot found a queued job that fitted (and took it, or
	/// tried against a full deadline index).
	Accepted {
		queue_served: bool,
	},
	Rejected,
}

/// What a `submit_results` call did, for its actual weight.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BatchOutcome {
	pub accepted: u32,
	pub rejected: u32,
	/// The combined check failed, so every proof was verified on its own.
	pub checked_one_by_one: bool,
	/// Distinct models (so verifying keys) the results were of.
	pub models: u32,
	/// Accepted results whose freed slot found a queued job that fitted.
	pub queue_served: u32,
}

/// An inclusive range a governed parameter is held in.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub struct Bounds<V> {
	pub min: V,
	pub max: V,
}

impl<V: Ord + Copy> Bounds<V> {
	/// `value`, raised to `min` or lowered to `max`. If the bounds are crossed, `max` wins:
	/// the runtime's `integrity_test` rules that out, and an accessor must not panic.
	pub fn clamp(&self, value: V) -> V {
		value.max(self.min).min(self.max)
	}

	pub fn contains(&self, value: V) -> bool {
		self.min <= value && value <= self.max
	}
}

/// The envelope of the market parameters governance may change ([`crate::Config::MarketBounds`]).
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub struct MarketBounds<Balance, BlockNumber> {
	pub protocol_fee: Bounds<polkadot_sdk::sp_runtime::Perbill>,
	pub min_operator_bond: Bounds<Balance>,
	pub job_collateral: Bounds<Balance>,
	pub invalid_proof_slash: Bounds<Balance>,
	pub liveness_slash: Bounds<Balance>,
	pub slash_treasury_share: Bounds<polkadot_sdk::sp_runtime::Perbill>,
	pub slash_defer_period: Bounds<BlockNumber>,
	pub min_job_timeout: Bounds<BlockNumber>,
}
