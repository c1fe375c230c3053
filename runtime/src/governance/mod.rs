//! OpenGov for Veritas: referenda on [`tracks`] dispatch with `Root` or one of the [`origins`],
//! voted with conviction, scheduled and enacted by the scheduler, their calls stored as
//! preimages; and the treasury they spend from. docs/governance.md is the voters' guide.

// The arithmetic here is on configuration constants, none of which can overflow.
#![allow(clippy::arithmetic_side_effects)]

pub mod origins;
pub mod tracks;

use crate::{
	configs::{RuntimeBlockWeights, TreasuryAccount},
	AccountId, Balance, Balances, BlockNumber, OriginCaller, Preimage, Referenda, Runtime,
	RuntimeCall, RuntimeEvent, RuntimeHoldReason, RuntimeOrigin, Scheduler, System, DAYS, UNIT,
};
use polkadot_sdk::{
	frame_support::{
		self, parameter_types,
		traits::{
			fungible::{self, HoldConsideration},
			tokens::{Pay, PaymentStatus, Preservation, UnityAssetBalanceConversion},
			ConstU32, EitherOf, LinearStoragePrice, PrivilegeCmp,
		},
		PalletId,
	},
	frame_system::{EnsureRoot, EnsureRootWithSuccess, EnsureSigned, EnsureWithSuccess},
	pallet_conviction_voting, pallet_preimage, pallet_referenda, pallet_scheduler, pallet_treasury,
	sp_runtime::{traits::IdentityLookup, DispatchError, Perbill, Permill},
};

pub use origins::{
	ModelApprover, ParameterAdmin, ReferendumCanceller, ReferendumKiller, SlashArbiter, Treasurer,
};

/// How often, in blocks, referenda wake to check their tallies. One: a referendum's periods
/// are counted exactly, which the slash arbiter's deadline relies on.
pub const ALARM_INTERVAL: BlockNumber = 1;

/// The most the `Treasurer` track may spend at once: 100,000 VRT. More needs `Root`.
pub const MAX_TREASURER_SPEND: Balance = 100_000 * UNIT;

/// `Root` or the model approver: approves, deprecates and retires models.
pub type ModelApproverOrRoot = EitherOf<EnsureRoot<AccountId>, ModelApprover>;
/// `Root` or the slash arbiter: cancels pending slashes.
pub type SlashArbiterOrRoot = EitherOf<EnsureRoot<AccountId>, SlashArbiter>;
/// `Root` or the parameter admin: changes the market parameters.
pub type ParameterAdminOrRoot = EitherOf<EnsureRoot<AccountId>, ParameterAdmin>;

parameter_types! {
	/// What the scheduler may use of a block: a tenth of its time (200 ms) and 15 % of its proof
	/// (enough to fetch a 1 MiB preimage, which the scheduler requires). Referenda enact a few
	/// small calls at a time; a block also services the message queue (35 %) and the market's
	/// hooks (at most half), and the three together must fit (`runtime/tests/block_budget.rs`).
	/// A call heavier than this is never dispatched (`PermanentlyOverweight`): propose its parts.
	pub MaximumSchedulerWeight: frame_support::weights::Weight = {
		let block = RuntimeBlockWeights::get().max_block;
		frame_support::weights::Weight::from_parts(
			Perbill::from_percent(10) * block.ref_time(),
			Perbill::from_percent(15) * block.proof_size(),
		)
	};
	pub const PreimageHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::Preimage(pallet_preimage::HoldReason::Preimage);
	/// A preimage costs what any stored byte costs (`configs::deposit`).
	pub const PreimageBaseDeposit: Balance = crate::configs::deposit(2, 64);
	pub const PreimageByteDeposit: Balance = crate::configs::deposit(0, 1);
	pub const TreasuryPalletId: PalletId = crate::configs::TREASURY_PALLET_ID;
	pub const MaxTreasurerSpend: Balance = MAX_TREASURER_SPEND;
	pub const MaxBalance: Balance = Balance::MAX;
}

/// `Root` outranks every origin; any other origin ranks equal to itself only.
pub struct EqualOrGreatestRootCmp;
impl PrivilegeCmp<OriginCaller> for EqualOrGreatestRootCmp {
	fn cmp_privilege(left: &OriginCaller, right: &OriginCaller) -> Option<core::cmp::Ordering> {
		if left == right {
			return Some(core::cmp::Ordering::Equal);
		}
		match left {
			OriginCaller::system(polkadot_sdk::frame_system::RawOrigin::Root) => {
				Some(core::cmp::Ordering::Greater)
			}
			_ => None,
		}
	}
}

impl pallet_scheduler::Config for Runtime {
	type RuntimeOrigin = RuntimeOrigin;
	type RuntimeEvent = RuntimeEvent;
	type PalletsOrigin = OriginCaller;
	type RuntimeCall = RuntimeCall;
	type MaximumWeight = MaximumSchedulerWeight;
	/// Only `Root` schedules directly; referenda schedule through the trait, not the calls.
	type ScheduleOrigin = EnsureRoot<AccountId>;
	/// `Root` may cancel any scheduled call (an enactment dispatched with one of the custom
	/// origins included); other origins only their own.
	type OriginPrivilegeCmp = EqualOrGreatestRootCmp;
	/// Enacted referenda, alarms and retries share a block's agenda. Large, so that filling the
	/// block a cancellation is enacted in (submitting referenda timed to wake there) costs more
	/// than it could gain, but bounded by proof size: each call that schedules (every vote, via
	/// the referendum's alarm) is charged the agenda's maximum size, ≈ 780 bytes per entry, and
	/// the scheduler's integrity check needs an agenda plus a 1 MiB preimage to fit in
	/// 90 % of its share of a block (at 512 entries it does not). Filling one block's agenda
	/// takes 256 referenda timed to wake there, 2,560 VRT of submission deposits lost. Lowering
	/// it after launch needs a migration: a longer stored agenda would no longer decode.
	type MaxScheduledPerBlock = ConstU32<256>;
	type WeightInfo = crate::weights::pallet_scheduler::WeightInfo<Runtime>;
	type Preimages = Preimage;
	type BlockNumberProvider = System;
}

impl pallet_preimage::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = crate::weights::pallet_preimage::WeightInfo<Runtime>;
	type Currency = Balances;
	type ManagerOrigin = EnsureRoot<AccountId>;
	type Consideration = HoldConsideration<
		AccountId,
		Balances,
		PreimageHoldReason,
		LinearStoragePrice<PreimageBaseDeposit, PreimageByteDeposit, Balance>,
	>;
}

parameter_types! {
	/// Votes stay locked at least a week after the referendum ends (longer with conviction):
	/// longer than any track's enactment, so a voter lives with what it voted for.
	pub const VoteLockingPeriod: BlockNumber = 7 * DAYS;
}

impl pallet_conviction_voting::Config for Runtime {
	type WeightInfo = crate::weights::pallet_conviction_voting::WeightInfo<Runtime>;
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	type VoteLockingPeriod = VoteLockingPeriod;
	type MaxVotes = ConstU32<512>;
	/// Support is measured against all the tokens there are.
	type MaxTurnout =
		frame_support::traits::tokens::currency::ActiveIssuanceOf<Balances, AccountId>;
	type Polls = Referenda;
	type BlockNumberProvider = System;
	type VotingHooks = ();
}

parameter_types! {
	/// What submitting a referendum holds: returned once it is approved or cancelled, kept if it
	/// is rejected or times out, burned if it is killed. The decision deposit is per track.
	pub const SubmissionDeposit: Balance = 10 * UNIT;
	/// A referendum no one places a decision deposit for within two weeks times out.
	pub const UndecidingTimeout: BlockNumber = 14 * DAYS;
}

impl pallet_referenda::Config for Runtime {
	type WeightInfo = crate::weights::pallet_referenda::WeightInfo<Runtime>;
	type RuntimeCall = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type Scheduler = Scheduler;
	type Currency = Balances;
	/// Any account may propose on any track: the deposits are what filters.
	type SubmitOrigin = EnsureSigned<AccountId>;
	/// Stopping a referendum overrules its voters: a referendum on the canceller's or the
	/// killer's track (faster than `root`'s), or `Root`.
	type CancelOrigin = EitherOf<EnsureRoot<AccountId>, ReferendumCanceller>;
	type KillOrigin = EitherOf<EnsureRoot<AccountId>, ReferendumKiller>;
	/// A killed referendum's deposits are burned.
	type Slash = ();
	type Votes = pallet_conviction_voting::VotesOf<Runtime>;
	type Tally = pallet_conviction_voting::TallyOf<Runtime>;
	type SubmissionDeposit = SubmissionDeposit;
	type MaxQueued = ConstU32<100>;
	type UndecidingTimeout = UndecidingTimeout;
	type AlarmInterval = ConstU32<ALARM_INTERVAL>;
	type Tracks = tracks::Tracks;
	type Preimages = Preimage;
	type BlockNumberProvider = System;
}

impl origins::Config for Runtime {}

/// Pays treasury spends in the native token, never below the treasury's existential deposit:
/// a spend that would reap the treasury fails, and can be retried once it is funded.
pub struct PayFromTreasury;
impl Pay for PayFromTreasury {
	type Balance = Balance;
	type Beneficiary = AccountId;
	type AssetKind = ();
	type Id = ();
	type Error = DispatchError;

	fn pay(
		who: &Self::Beneficiary,
		_: Self::AssetKind,
		amount: Self::Balance,
	) -> Result<Self::Id, Self::Error> {
		<Balances as fungible::Mutate<AccountId>>::transfer(
			&TreasuryAccount::get(),
			who,
			amount,
			Preservation::Preserve,
		)?;
		Ok(())
	}

	fn check_payment(_: Self::Id) -> PaymentStatus {
		PaymentStatus::Success
	}

	/// Funds the treasury, and gives the beneficiary an existential deposit: the benchmarks
	/// pay 100 planck, which a new account could not receive.
	#[cfg(feature = "runtime-benchmarks")]
	fn ensure_successful(who: &Self::Beneficiary, _: Self::AssetKind, amount: Self::Balance) {
		use polkadot_sdk::frame_support::traits::fungible::Mutate;
		let _ = Balances::mint_into(
			&TreasuryAccount::get(),
			amount.saturating_add(crate::EXISTENTIAL_DEPOSIT),
		);
		let _ = Balances::mint_into(who, crate::EXISTENTIAL_DEPOSIT);
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn ensure_concluded(_: Self::Id) {}
}

parameter_types! {
	pub const SpendPeriod: BlockNumber = 6 * DAYS;
	/// Nothing unspent is burned: the treasury is funded by fees and slashes, not inflation.
	pub const Burn: Permill = Permill::zero();
	/// An approved spend must be claimed within a month.
	pub const PayoutPeriod: BlockNumber = 30 * DAYS;
	pub const MaxApprovals: u32 = 100;
}

impl pallet_treasury::Config for Runtime {
	type Currency = Balances;
	type RejectOrigin = EnsureRoot<AccountId>;
	type RuntimeEvent = RuntimeEvent;
	type SpendPeriod = SpendPeriod;
	type Burn = Burn;
	type PalletId = TreasuryPalletId;
	type BurnDestination = ();
	type WeightInfo = crate::weights::pallet_treasury::WeightInfo<Runtime>;
	type SpendFunds = ();
	type MaxApprovals = MaxApprovals;
	/// `Root` spends any amount; the treasurer up to [`MAX_TREASURER_SPEND`] per spend.
	type SpendOrigin = EitherOf<
		EnsureRootWithSuccess<AccountId, MaxBalance>,
		EnsureWithSuccess<Treasurer, AccountId, MaxTreasurerSpend>,
	>;
	type AssetKind = ();
	type Beneficiary = AccountId;
	type BeneficiaryLookup = IdentityLookup<AccountId>;
	type Paymaster = PayFromTreasury;
	type BalanceConverter = UnityAssetBalanceConversion;
	type PayoutPeriod = PayoutPeriod;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
	type BlockNumberProvider = System;
}
