//! Configuration of every pallet in the runtime. XCM lives in its own module.

// The arithmetic here is on configuration constants (Perbill shares of the block limits and the
// like): fixed values, none of which can overflow.
#![allow(clippy::arithmetic_side_effects)]

use polkadot_sdk::*;

pub mod parameters;
pub mod xcm_config;

pub use parameters::{
	dynamic_params, RuntimeParameters, RuntimeParametersKey, RuntimeParametersValue,
};

use crate::{
	weights::{BlockExecutionWeight, ExtrinsicBaseWeight, RocksDbWeight},
	AccountId, Aura, Balance, Balances, Block, BlockNumber, CollatorSelection, Hash, Inference,
	MessageQueue, Models, Nonce, PalletInfo, ParachainSystem, PolkadotXcm, Runtime, RuntimeCall,
	RuntimeEvent, RuntimeFreezeReason, RuntimeHoldReason, RuntimeOrigin, RuntimeTask, Session,
	SessionKeys, System, WeightToFee, XcmpQueue, AVERAGE_ON_INITIALIZE_RATIO,
	BLOCK_PROCESSING_VELOCITY, DAYS, EXISTENTIAL_DEPOSIT, HOURS, MAXIMUM_BLOCK_WEIGHT,
	MAX_BLOCK_LENGTH, MICRO_UNIT, MILLI_UNIT, MINUTES, NORMAL_BLOCK_FEE, NORMAL_DISPATCH_RATIO,
	RELAY_CHAIN_SLOT_DURATION_MILLIS, RELAY_PARENT_OFFSET, SLOT_DURATION,
	UNINCLUDED_SEGMENT_CAPACITY, UNIT, VERSION,
};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use cumulus_pallet_parachain_system::RelayNumberMonotonicallyIncreases;
use cumulus_primitives_core::{AggregateMessageOrigin, ParaId};
use frame_support::{
	derive_impl,
	dispatch::DispatchClass,
	parameter_types,
	traits::{
		fungible, tokens::imbalance::ResolveTo, ConstBool, ConstU128, ConstU32, ConstU64, ConstU8,
		EitherOfDiverse, Imbalance, InstanceFilter, OnUnbalanced, TransformOrigin, VariantCountOf,
	},
	weights::{ConstantMultiplier, Weight},
	PalletId,
};
use frame_system::{
	limits::{BlockLength, BlockWeights},
	EnsureRoot,
};
use pallet_collator_selection::StakingPotAccountId;
use pallet_transaction_payment::{Multiplier, TargetedFeeAdjustment};
use pallet_xcm::{EnsureXcm, IsVoiceOfBody};
use parachains_common::message_queue::{NarrowOriginToSibling, ParaIdToSibling};
use polkadot_runtime_common::BlockHashCount;
use scale_info::TypeInfo;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_runtime::{traits::BlakeTwo256, Perbill};
use sp_version::RuntimeVersion;
use staging_xcm::latest::prelude::BodyId;

use dynamic_params::market;
pub use xcm_config::{RelayLocation, XcmOriginToTransactDispatchOrigin};

impl crate::initial_parameters::Config for Runtime {}

impl crate::verifier_backend::Config for Runtime {}

parameter_types! {
	pub const Version: RuntimeVersion = VERSION;

	// A block may carry at most 5 MiB, `Normal` extrinsics use at most `NORMAL_DISPATCH_RATIO`
	// of it.
	pub RuntimeBlockLength: BlockLength = BlockLength::builder()
		.max_length(MAX_BLOCK_LENGTH)
		.modify_max_length_for_class(DispatchClass::Normal, |max| *max = NORMAL_DISPATCH_RATIO * *max)
		.build();
	pub RuntimeBlockWeights: BlockWeights = BlockWeights::builder()
		.base_block(BlockExecutionWeight::get())
		.for_class(DispatchClass::all(), |weights| {
			weights.base_extrinsic = ExtrinsicBaseWeight::get();
		})
		.for_class(DispatchClass::Normal, |weights| {
			weights.max_total = Some(NORMAL_DISPATCH_RATIO * MAXIMUM_BLOCK_WEIGHT);
		})
		.for_class(DispatchClass::Operational, |weights| {
			weights.max_total = Some(MAXIMUM_BLOCK_WEIGHT);
			// Operational transactions have some extra reserved space, so that they
			// are included even if block reached `MAXIMUM_BLOCK_WEIGHT`.
			weights.reserved = Some(
				MAXIMUM_BLOCK_WEIGHT - NORMAL_DISPATCH_RATIO * MAXIMUM_BLOCK_WEIGHT
			);
		})
		.avg_block_initialization(AVERAGE_ON_INITIALIZE_RATIO)
		.build_or_panic();
	/// Generic Substrate prefix: addresses start with `5`.
	pub const SS58Prefix: u16 = 42;
}

/// All pallets' defaults come from the parachain preset; only what differs is spelled out.
#[derive_impl(frame_system::config_preludes::ParaChainDefaultConfig)]
impl frame_system::Config for Runtime {
	type AccountId = AccountId;
	type Nonce = Nonce;
	type Hash = Hash;
	type Block = Block;
	type BlockHashCount = BlockHashCount;
	type Version = Version;
	type AccountData = pallet_balances::AccountData<Balance>;
	type DbWeight = RocksDbWeight;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type SS58Prefix = SS58Prefix;
	type OnSetCode = cumulus_pallet_parachain_system::ParachainSetCode<Self>;
	type MaxConsumers = ConstU32<16>;
}

impl cumulus_pallet_weight_reclaim::Config for Runtime {
	type WeightInfo = crate::weights::cumulus_pallet_weight_reclaim::WeightInfo<Runtime>;
}

impl pallet_timestamp::Config for Runtime {
	/// Milliseconds since the Unix epoch.
	type Moment = u64;
	type OnTimestampSet = Aura;
	/// Aura checks the slot; a minimum period would only get in the way of asynchronous backing.
	type MinimumPeriod = ConstU64<0>;
	type WeightInfo = pallet_timestamp::weights::SubstrateWeight<Runtime>;
}

impl pallet_authorship::Config for Runtime {
	type FindAuthor = pallet_session::FindAccountFromAuthorIndex<Self, Aura>;
	type EventHandler = (CollatorSelection,);
}

parameter_types! {
	pub const ExistentialDeposit: Balance = EXISTENTIAL_DEPOSIT;
}

impl pallet_balances::Config for Runtime {
	type MaxLocks = ConstU32<50>;
	type Balance = Balance;
	type RuntimeEvent = RuntimeEvent;
	/// Dust is burned.
	type DustRemoval = ();
	type ExistentialDeposit = ExistentialDeposit;
	type AccountStore = System;
	type WeightInfo = pallet_balances::weights::SubstrateWeight<Runtime>;
	type MaxReserves = ConstU32<50>;
	type ReserveIdentifier = [u8; 8];
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
	type DoneSlashHandler = ();
}

parameter_types! {
	/// Fee per byte of an extrinsic, priced like weight: the bytes `Normal` extrinsics may put
	/// in a block (3.75 MiB) cost `NORMAL_BLOCK_FEE`, so a block is as dear to stuff with bytes
	/// as with compute. About 2.54 µVRT per byte, 2.6 mVRT per KiB: a largest (48 KiB) job
	/// input pays 0.125 VRT of length fee.
	pub TransactionByteFee: Balance =
		NORMAL_BLOCK_FEE / Balance::from(NORMAL_DISPATCH_RATIO.mul_floor(MAX_BLOCK_LENGTH));
	/// The fee multiplier never falls below 1: `NORMAL_BLOCK_FEE` is the floor price of block
	/// space, which congestion raises and quiet days do not erode. (The SDK's slow-adjusting
	/// update lets it fall to 0.1 after a week of light use, which would make stuffing a block
	/// ten times cheaper than calibrated.)
	pub MinimumMultiplier: Multiplier = Multiplier::from_u32(1);
	/// The share of each transaction fee (tips excluded) paid into the collators' pot; the rest
	/// is burned. See [`DealWithFees`].
	pub const CollatorFeeShare: Perbill = Perbill::from_percent(20);
}

/// Where transaction fees (and XCM execution fees) go: [`CollatorFeeShare`] of each fee and the
/// whole tip to the collator selection pot, from which `pallet-collator-selection` pays half to
/// each block's author; the rest of the fee is burned.
///
/// Why this split: collators need an income once the invulnerables make way for bonded
/// candidates, and tips are what they are paid to order transactions by. But the larger the
/// share a collator gets back, the cheaper it is for a collator to stuff its own blocks; at 20 %
/// (half of which reaches the author of the next block) stuffing still costs a collator about
/// 90 % of the price. The rest is burned: the treasury is funded by protocol fees and slashes,
/// and a share of transaction fees for it would be a change of monetary policy for a `Root`
/// referendum to make.
pub struct DealWithFees;
impl DealWithFees {
	fn split(
		fee: fungible::Credit<AccountId, Balances>,
		tip: Option<fungible::Credit<AccountId, Balances>>,
	) {
		let to_collators = CollatorFeeShare::get() * fee.peek();
		let (mut to_pot, burned) = fee.split(to_collators);
		if let Some(tip) = tip {
			tip.merge_into(&mut to_pot);
		}
		ResolveTo::<StakingPotAccountId<Runtime>, Balances>::on_unbalanced(to_pot);
		// Dropping a credit burns it: total issuance falls by the rest of the fee.
		drop(burned);
	}
}

impl OnUnbalanced<fungible::Credit<AccountId, Balances>> for DealWithFees {
	fn on_unbalanceds(
		mut fees_then_tips: impl Iterator<Item = fungible::Credit<AccountId, Balances>>,
	) {
		if let Some(fee) = fees_then_tips.next() {
			Self::split(fee, fees_then_tips.next());
		}
	}

	fn on_nonzero_unbalanced(fee: fungible::Credit<AccountId, Balances>) {
		Self::split(fee, None);
	}
}

impl pallet_transaction_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type OnChargeTransaction = pallet_transaction_payment::FungibleAdapter<Balances, DealWithFees>;
	type WeightToFee = WeightToFee;
	type LengthToFee = ConstantMultiplier<Balance, TransactionByteFee>;
	/// The SDK's slow adjustment (target 25 % full, v = 0.000075), floored at 1.
	type FeeMultiplierUpdate = TargetedFeeAdjustment<
		Self,
		polkadot_runtime_common::TargetBlockFullness,
		polkadot_runtime_common::AdjustmentVariable,
		MinimumMultiplier,
		polkadot_runtime_common::MaximumMultiplier,
	>;
	type OperationalFeeMultiplier = ConstU8<5>;
	type WeightInfo = pallet_transaction_payment::weights::SubstrateWeight<Runtime>;
}

impl pallet_sudo::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WeightInfo = pallet_sudo::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	pub const ReservedXcmpWeight: Weight = MAXIMUM_BLOCK_WEIGHT.saturating_div(4);
	pub const ReservedDmpWeight: Weight = MAXIMUM_BLOCK_WEIGHT.saturating_div(4);
	pub const RelayOrigin: AggregateMessageOrigin = AggregateMessageOrigin::Parent;
}

/// Asynchronous backing: at most `BLOCK_PROCESSING_VELOCITY` blocks per relay slot and up to
/// `UNINCLUDED_SEGMENT_CAPACITY` blocks ahead of inclusion.
pub type ConsensusHook = cumulus_pallet_aura_ext::FixedVelocityConsensusHook<
	Runtime,
	RELAY_CHAIN_SLOT_DURATION_MILLIS,
	BLOCK_PROCESSING_VELOCITY,
	UNINCLUDED_SEGMENT_CAPACITY,
>;

impl cumulus_pallet_parachain_system::Config for Runtime {
	type WeightInfo = cumulus_pallet_parachain_system::weights::SubstrateWeight<Runtime>;
	type RuntimeEvent = RuntimeEvent;
	type OnSystemEvent = crate::VerifierBackend;
	type SelfParaId = crate::parachain_info::Pallet<Runtime>;
	type OutboundXcmpMessageSource = XcmpQueue;
	type DmpQueue = frame_support::traits::EnqueueWithOrigin<MessageQueue, RelayOrigin>;
	type ReservedDmpWeight = ReservedDmpWeight;
	type XcmpMessageHandler = XcmpQueue;
	type ReservedXcmpWeight = ReservedXcmpWeight;
	type CheckAssociatedRelayNumber = RelayNumberMonotonicallyIncreases;
	type ConsensusHook = ConsensusHook;
	type RelayParentOffset = ConstU32<RELAY_PARENT_OFFSET>;
	type SchedulingSignatureVerifier = ();
}

impl crate::parachain_info::Config for Runtime {}

parameter_types! {
	pub MessageQueueServiceWeight: Weight =
		Perbill::from_percent(35) * RuntimeBlockWeights::get().max_block;
}

impl pallet_message_queue::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = pallet_message_queue::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type MessageProcessor = pallet_message_queue::mock_helpers::NoopMessageProcessor<
		cumulus_primitives_core::AggregateMessageOrigin,
	>;
	#[cfg(not(feature = "runtime-benchmarks"))]
	type MessageProcessor = staging_xcm_builder::ProcessXcmMessage<
		AggregateMessageOrigin,
		staging_xcm_executor::XcmExecutor<xcm_config::XcmConfig>,
		RuntimeCall,
	>;
	type Size = u32;
	// The XCMP queue pallet is only ever able to handle the `Sibling(ParaId)` origin:
	type QueueChangeHandler = NarrowOriginToSibling<XcmpQueue>;
	type QueuePausedQuery = NarrowOriginToSibling<XcmpQueue>;
	type HeapSize = ConstU32<{ 103 * 1024 }>;
	type MaxStale = ConstU32<8>;
	type ServiceWeight = MessageQueueServiceWeight;
	type IdleMaxServiceWeight = MessageQueueServiceWeight;
}

impl cumulus_pallet_aura_ext::Config for Runtime {}

impl cumulus_pallet_xcmp_queue::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ChannelInfo = ParachainSystem;
	// Messages go out in the version the destination speaks, as pallet-xcm learned it.
	type VersionWrapper = PolkadotXcm;
	// Enqueue XCMP messages from siblings for later processing.
	type XcmpQueue = TransformOrigin<MessageQueue, AggregateMessageOrigin, ParaId, ParaIdToSibling>;
	type MaxInboundSuspended = ConstU32<1_000>;
	type MaxActiveOutboundChannels = ConstU32<128>;
	// Most on-chain HRMP channels are configured to use 102400 bytes of max message size, so we
	// need to set the page size larger than that until we reduce the channel size on-chain.
	type MaxPageSize = ConstU32<{ 103 * 1024 }>;
	type ControllerOrigin = EnsureRoot<AccountId>;
	type ControllerOriginConverter = XcmOriginToTransactDispatchOrigin;
	type WeightInfo = crate::weights::cumulus_pallet_xcmp_queue::WeightInfo<Runtime>;
	// Delivery is paid, and the price rises exponentially while a channel is congested.
	type PriceForSiblingDelivery = xcm_config::PriceForSiblingDelivery;
}

parameter_types! {
	/// Sessions last six hours; collator set changes take effect at session boundaries.
	pub const Period: u32 = 6 * HOURS;
	pub const Offset: u32 = 0;
}

impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = <Self as frame_system::Config>::AccountId;
	// We don't have stash and controller, thus we don't need the convert as well.
	type ValidatorIdOf = pallet_collator_selection::IdentityCollator;
	type ShouldEndSession = pallet_session::PeriodicSessions<Period, Offset>;
	type NextSessionRotation = pallet_session::PeriodicSessions<Period, Offset>;
	type SessionManager = CollatorSelection;
	// Essentially just Aura, but let's be pedantic.
	type SessionHandler = <SessionKeys as sp_runtime::traits::OpaqueKeys>::KeyTypeIdProviders;
	type Keys = SessionKeys;
	type DisablingStrategy = ();
	type WeightInfo = crate::weights::pallet_session::WeightInfo<Runtime>;
	type Currency = Balances;
	type KeyDeposit = ();
}

impl pallet_aura::Config for Runtime {
	type AuthorityId = AuraId;
	type DisabledValidators = ();
	type MaxAuthorities = ConstU32<100_000>;
	/// Required by asynchronous backing: a collator may build several blocks in its slot while
	/// earlier ones are still waiting for inclusion.
	type AllowMultipleBlocksPerSlot = ConstBool<true>;
	type SlotDuration = ConstU64<SLOT_DURATION>;
}

parameter_types! {
	pub const PotId: PalletId = PalletId(*b"PotStake");
	pub const SessionLength: BlockNumber = 6 * HOURS;
	/// The relay chain's staking-admin body may manage collators over XCM.
	pub const StakingAdminBodyId: BodyId = BodyId::Defense;
}

/// Root, or the relay chain's staking admin, may execute privileged collator selection
/// operations.
pub type CollatorSelectionUpdateOrigin = EitherOfDiverse<
	EnsureRoot<AccountId>,
	EnsureXcm<IsVoiceOfBody<RelayLocation, StakingAdminBodyId>>,
>;

impl pallet_collator_selection::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	type UpdateOrigin = CollatorSelectionUpdateOrigin;
	type PotId = PotId;
	type MaxCandidates = ConstU32<100>;
	type MinEligibleCollators = ConstU32<1>;
	type MaxInvulnerables = ConstU32<20>;
	// Must be a multiple of the session length, or kicks happen mid-session.
	type KickThreshold = Period;
	type ValidatorId = <Self as frame_system::Config>::AccountId;
	type ValidatorIdOf = pallet_collator_selection::IdentityCollator;
	type ValidatorRegistration = Session;
	type WeightInfo = crate::weights::pallet_collator_selection::WeightInfo<Runtime>;
}

impl pallet_utility::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type PalletsOrigin = crate::OriginCaller;
	type WeightInfo = pallet_utility::weights::SubstrateWeight<Runtime>;
}

/// Deposit for an item of `items` storage entries taking `bytes` bytes: what keeps state
/// bloat paid for.
pub const fn deposit(items: u32, bytes: u32) -> Balance {
	(items as Balance) * 20 * MILLI_UNIT + (bytes as Balance) * 100 * MICRO_UNIT
}

parameter_types! {
	// One storage item; key size 32, value size 8.
	pub const ProxyDepositBase: Balance = deposit(1, 40);
	// Additional storage item size of 33 bytes.
	pub const ProxyDepositFactor: Balance = deposit(0, 33);
	pub const AnnouncementDepositBase: Balance = deposit(1, 48);
	pub const AnnouncementDepositFactor: Balance = deposit(0, 66);
	// One storage item; key size is 32; value is size 4+4+16+32 bytes = 56 bytes.
	pub const MultisigDepositBase: Balance = deposit(1, 88);
	// Additional storage item size of 32 bytes.
	pub const MultisigDepositFactor: Balance = deposit(0, 32);
}

/// What a proxy may do on behalf of its principal.
///
/// Every type but `Any` is an allow-list: a call not named here is refused (`CallFiltered`),
/// including calls that pallets add later, until someone decides otherwise. The calls inside a
/// `Utility` batch are checked one by one, because the proxy's filter stays on the origin they
/// are dispatched with. `Proxy::proxy` and `Proxy::proxy_announced` are allowed to `Any` only:
/// the call they dispatch for another account starts from a fresh, unfiltered origin, so they
/// would reach whatever that account allows. `Multisig` calls are refused for the same reason.
///
/// New variants go at the end: the index is the encoding of existing proxies on chain.
#[derive(
	Copy,
	Clone,
	Eq,
	PartialEq,
	Ord,
	PartialOrd,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Debug,
	MaxEncodedLen,
	TypeInfo,
	Default,
)]
pub enum ProxyType {
	/// Any call.
	#[default]
	Any,
	/// Calls that can neither move nor lock the principal's funds: remarks, setting or purging
	/// session keys (free while `pallet_session::Config::KeyDeposit` is `()`), batches of these,
	/// removing proxies no more powerful than itself and dropping announcements (both release
	/// deposits), cancelling a queued job and clearing a completed one (both return the
	/// principal's escrow or deposit). Not adding proxies (a deposit, and a way to persist), not
	/// jobs (escrow that pays an operator), not bonds, not model registrations.
	NonTransfer,
	/// Only rejecting proxy announcements, alone or in batches.
	CancelProxy,
	/// An inference operator's hot key, for its proving daemon: answering its jobs
	/// (`submit_result`, `submit_results`) and adjusting its offers and capacity
	/// (`update_operator`), alone or in batches. Never bonds, unbonding, withdrawals, jobs or
	/// transfers. A stolen key can still answer with bad proofs, which the operator's bond
	/// pays for: it is a hot key, not a harmless one.
	Operator,
}

/// Batches, whose calls the proxy filter checks one by one.
fn is_batch(call: &RuntimeCall) -> bool {
	matches!(
		call,
		RuntimeCall::Utility(
			pallet_utility::Call::batch { .. }
				| pallet_utility::Call::batch_all { .. }
				| pallet_utility::Call::force_batch { .. }
		)
	)
}

impl InstanceFilter<RuntimeCall> for ProxyType {
	fn filter(&self, call: &RuntimeCall) -> bool {
		match self {
			ProxyType::Any => true,
			ProxyType::NonTransfer => {
				is_batch(call)
					|| matches!(
						call,
						RuntimeCall::System(
							frame_system::Call::remark { .. }
								| frame_system::Call::remark_with_event { .. }
						) | RuntimeCall::Session(
							pallet_session::Call::set_keys { .. }
								| pallet_session::Call::purge_keys { .. }
						) | RuntimeCall::Proxy(
							pallet_proxy::Call::remove_proxy { .. }
								| pallet_proxy::Call::remove_announcement { .. }
								| pallet_proxy::Call::reject_announcement { .. }
						) | RuntimeCall::Inference(
							pallet_inference::Call::cancel_job { .. }
								| pallet_inference::Call::clear_job { .. }
								| pallet_inference::Call::unlist_underbonded { .. }
						)
					)
			}
			ProxyType::CancelProxy => matches!(
				call,
				RuntimeCall::Proxy(pallet_proxy::Call::reject_announcement { .. })
					| RuntimeCall::Utility(pallet_utility::Call::batch { .. })
					| RuntimeCall::Utility(pallet_utility::Call::batch_all { .. })
			),
			ProxyType::Operator => {
				is_batch(call)
					|| matches!(
						call,
						RuntimeCall::Inference(
							pallet_inference::Call::submit_result { .. }
								| pallet_inference::Call::submit_results { .. }
								| pallet_inference::Call::update_operator { .. }
						)
					)
			}
		}
	}

	/// Whether `self` allows every call `other` allows: pallet-proxy lets a proxy add or remove
	/// only proxies it is a superset of.
	fn is_superset(&self, other: &Self) -> bool {
		match (self, other) {
			(x, y) if x == y => true,
			(ProxyType::Any, _) => true,
			// Rejecting announcements and `batch`/`batch_all` are in both allow-lists.
			(ProxyType::NonTransfer, ProxyType::CancelProxy) => true,
			_ => false,
		}
	}
}

impl pallet_proxy::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type Currency = Balances;
	type ProxyType = ProxyType;
	type ProxyDepositBase = ProxyDepositBase;
	type ProxyDepositFactor = ProxyDepositFactor;
	type MaxProxies = ConstU32<32>;
	type WeightInfo = pallet_proxy::weights::SubstrateWeight<Runtime>;
	type MaxPending = ConstU32<32>;
	type CallHasher = BlakeTwo256;
	type AnnouncementDepositBase = AnnouncementDepositBase;
	type AnnouncementDepositFactor = AnnouncementDepositFactor;
	type BlockNumberProvider = System;
}

impl pallet_multisig::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type Currency = Balances;
	type DepositBase = MultisigDepositBase;
	type DepositFactor = MultisigDepositFactor;
	type MaxSignatories = ConstU32<100>;
	type WeightInfo = pallet_multisig::weights::SubstrateWeight<Runtime>;
	type BlockNumberProvider = System;
}

parameter_types! {
	/// The treasury's account (`pallet-treasury`): receives protocol fees and the treasury's
	/// share of slashes; governance spends from it.
	pub TreasuryAccount: AccountId =
		sp_runtime::traits::AccountIdConversion::<AccountId>::into_account_truncating(&TREASURY_PALLET_ID);
}

/// Longest job input, in bytes (48 KiB: 24,576 values of two bytes each). Models declare an input
/// length up to it.
pub const MAX_JOB_INPUT_LEN: u32 = 48 * 1024;

/// What submitting a job with an input of so many bytes costs at least in transaction fees at
/// the current fee multiplier: the most its requester receives of the slashes for that job, so
/// that a failed job refunds what it cost and never pays. Only the call's own part counts (its
/// weight and the input's bytes, not the base fee or the rest of the extrinsic): a requester
/// batching many jobs into one extrinsic pays no more than that per job.
pub struct SubmitJobFee;
impl sp_runtime::traits::Convert<u32, Balance> for SubmitJobFee {
	fn convert(input_len: u32) -> Balance {
		use pallet_inference::WeightInfo as _;
		type Payment = pallet_transaction_payment::Pallet<Runtime>;
		let weight = <Runtime as pallet_inference::Config>::WeightInfo::submit_job(input_len);
		let info = frame_support::dispatch::DispatchInfo {
			call_weight: weight,
			extension_weight: Weight::zero(),
			class: DispatchClass::Normal,
			pays_fee: frame_support::dispatch::Pays::Yes,
		};
		// `compute_fee` adds the base fee of a whole extrinsic, unscaled: take it off again.
		Payment::compute_fee(input_len, &info, 0)
			.saturating_sub(Payment::weight_to_fee(ExtrinsicBaseWeight::get()))
	}
}

/// Proof checking as block execution does it: `veritas-verifier` on the backend in force
/// (governance's policy applied to what the relay enables). The pallets and the `VerifierApi`
/// runtime API share it.
pub type ProofVerifier = veritas_primitives::Verifier<crate::verifier_backend::InForce>;

/// Derives [`TreasuryAccount`]: `pallet-treasury`'s id, the same account that collected fees
/// and slash shares before the treasury pallet existed, so its balance needs no migration.
pub const TREASURY_PALLET_ID: PalletId = PalletId(*b"vrt/trsy");

/// Model registrations: the key is at most ~2.9 kB prepared; a model costs about 10 + 35 VRT.
impl pallet_models::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type ProofVerifier = ProofVerifier;
	type ApproveOrigin = crate::governance::ModelApproverOrRoot;
	type ModelUsage = Inference;
	type DepositBase = ConstU128<{ 10 * UNIT }>;
	type DepositPerByte = ConstU128<{ 10 * MILLI_UNIT }>;
	type MaxInputLen = ConstU32<MAX_JOB_INPUT_LEN>;
	type WeightInfo = pallet_models::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = Runtime;
}

/// The job market. A slash is capped by `JobCollateral`, so every open job's worst case is
/// backed; slashes wait (two days by default) for a `SlashArbiter` referendum to cancel unjust
/// ones. A job's requester gets back at most its submission fee from the slashes, the treasury
/// its share of the rest, and the remainder is burned. The economics are governed parameters
/// (`parameters::dynamic_params::market`), held within `MarketEnvelope`.
impl pallet_inference::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type ProofVerifier = ProofVerifier;
	type Models = Models;
	type SlashCancelOrigin = crate::governance::SlashArbiterOrRoot;
	type Treasury = TreasuryAccount;
	type MarketBounds = parameters::MarketEnvelope;
	type ProtocolFee = market::ProtocolFee;
	type MinOperatorBond = market::MinOperatorBond;
	type JobCollateral = market::JobCollateral;
	type InvalidProofSlash = market::InvalidProofSlash;
	type LivenessSlash = market::LivenessSlash;
	type RequesterCompensation = SubmitJobFee;
	type SlashTreasuryShare = market::SlashTreasuryShare;
	// A job record (~200 bytes) plus its input while open and its output afterwards, at the
	// runtime's storage rate: about 0.1 VRT for a 128-byte input, 5.0 VRT for the largest.
	type JobDepositBase = ConstU128<{ deposit(1, 200) }>;
	type JobDepositPerByte = ConstU128<{ deposit(0, 1) }>;
	// Long enough for clients to read an output through the runtime API; events keep it too.
	type JobRetention = ConstU32<{ 7 * DAYS }>;
	type MaxJobsClearedPerBlock = ConstU32<64>;
	type UnbondingPeriod = ConstU32<{ 7 * DAYS }>;
	type SlashDeferPeriod = market::SlashDeferPeriod;
	type QueueTimeout = ConstU32<{ 10 * MINUTES }>;
	// The floor for proving and inclusion (`market::MinJobTimeout`, ten blocks by default): the
	// largest measured model proves in under a second, and a result needs a block or two to be
	// included even when blocks are full; operators ask for more in their offers.
	type MinJobTimeout = market::MinJobTimeout;
	type MaxJobTimeout = ConstU32<DAYS>;
	// The commitment's cost grows with the input and is weighed per byte.
	type MaxInputLen = ConstU32<MAX_JOB_INPUT_LEN>;
	type MaxModelsPerOperator = ConstU32<8>;
	type MaxOperatorsPerModel = ConstU32<64>;
	type MaxCapacity = ConstU32<64>;
	type MaxQueueLen = ConstU32<256>;
	type MaxDeadlinesPerBlock = ConstU32<128>;
	// A missed deadline may read ~310 KB of proof at worst (a full operator list among it): 12
	// keep the hooks' worst case within half a block (`runtime/tests/block_budget.rs`).
	type MaxDeadlinesHandledPerBlock = ConstU32<12>;
	type MaxSlashesAppliedPerBlock = ConstU32<32>;
	// Before dispatch a batch reserves a rejection per result (~270 KB of proof each): 16 keep
	// the largest batch within one block's share for calls (`runtime/tests/block_budget.rs`).
	type MaxResultsPerCall = ConstU32<16>;
	// Each further model of a batch reserves the proof its benchmark measured (~29 KB: its
	// queue, key, model record and open-job count): 2 keep the largest batch within
	// the same share (`runtime/tests/block_budget.rs`).
	type MaxModelsPerCall = ConstU32<2>;
	type WeightInfo = pallet_inference::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = Runtime;
}
