//! Storage and bookkeeping types of the job market.

use crate::Config;
use codec::{Decode, Encode, MaxEncodedLen};
use polkadot_sdk::{
	frame_support::{
		traits::fungible::Inspect, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound,
		PartialEqNoBound,
	},
	frame_system::pallet_prelude::BlockNumberFor,
};
use scale_info::TypeInfo;
use veritas_primitives::{Job, ModelId, ModelOffer, PendingSlash, Unbonding};

pub type AccountIdOf<T> = <T as polkadot_sdk::frame_system::Config>::AccountId;

/// The balance type of the market's currency.
pub type BalanceOf<T> = <<T as Config>::Currency as Inspect<AccountIdOf<T>>>::Balance;

/// A stored job.
pub type JobOf<T> = Job<AccountIdOf<T>, BalanceOf<T>, BlockNumberFor<T>>;

/// A job input.
pub type InputOf<T> = BoundedVec<u8, <T as Config>::MaxInputLen>;

/// A stored pending slash.
pub type PendingSlashOf<T> = PendingSlash<AccountIdOf<T>, BalanceOf<T>, BlockNumberFor<T>>;

/// The offers of one operator.
pub type OffersOf<T> = BoundedVec<ModelOffer<BalanceOf<T>>, <T as Config>::MaxModelsPerOperator>;

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
	pub offers: OffersOf<T>,
}

impl<T: Config> OperatorOf<T> {
	/// The price this operator asks for `model`, if it serves it.
	pub fn price_of(&self, model: ModelId) -> Option<BalanceOf<T>> {
		self.offers.iter().find(|offer| offer.model == model).map(|offer| offer.price)
	}
}

/// How a result was settled; weights differ.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResultOutcome {
	Accepted,
	Rejected,
}

/// What a `submit_results` call did, for its actual weight.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BatchOutcome {
	pub accepted: u32,
	pub rejected: u32,
}
