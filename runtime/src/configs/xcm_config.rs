//! A minimal, conservative XCM configuration.
//!
//! Veritas is the reserve of its own token (VRT, at `Here`) and of nothing else: it trusts no
//! foreign reserve and accepts no teleports, so no XCM message can mint value on this chain.
//! Execution must be paid in VRT, except for the relay chain and its executive body, which may
//! execute unpaid. Only Root sends arbitrary XCM (as system parachains do): a signed `send` would
//! let anyone grow the outbound queues that every block carries in its proof. Local users may
//! still move VRT to sibling chains (`transfer_assets`), paying for delivery; executing arbitrary
//! XCM locally is disabled.
//!
//! Delivery is priced with `ExponentialPrice` for the relay (UMP) and for siblings (XCMP): a base
//! fee plus `TransactionByteFee` per byte, times a factor that grows while the queue is
//! congested. Messages from Root and from the relay chain are not charged.

use polkadot_sdk::*;

use super::{
	AccountId, Balances, DealWithFees, ParachainSystem, Runtime, RuntimeCall, RuntimeEvent,
	RuntimeOrigin, TransactionByteFee, WeightToFee, XcmpQueue,
};
use crate::{AllPalletsWithSystem, ParachainInfo, PolkadotXcm};
use frame_support::{
	parameter_types,
	traits::{ConstU32, Contains, Equals, Everything, Nothing},
	weights::Weight,
};
use frame_system::EnsureRoot;
use pallet_xcm::XcmPassthrough;
use polkadot_parachain_primitives::primitives::Sibling;
use polkadot_runtime_common::xcm_sender::ExponentialPrice;
use staging_xcm::latest::prelude::*;
use staging_xcm_builder::{
	AccountId32Aliases, AllowExplicitUnpaidExecutionFrom, AllowKnownQueryResponses,
	AllowSubscriptionsFrom, AllowTopLevelPaidExecutionFrom, DenyRecursively,
	DenyReserveTransferToRelayChain, DenyThenTry, EnsureXcmOrigin, FixedWeightBounds,
	FrameTransactionalProcessor, FungibleAdapter, IsConcrete, ParentIsPreset, RelayChainAsNative,
	SiblingParachainAsNative, SiblingParachainConvertsVia, SignedAccountId32AsNative,
	SignedToAccountId32, SovereignSignedViaLocation, TakeWeightCredit, TrailingSetTopicAsId,
	UsingComponents, WithComputedOrigin, WithUniqueTopic, XcmFeeManagerFromComponents,
};
use staging_xcm_executor::XcmExecutor;

parameter_types! {
	pub const RelayLocation: Location = Location::parent();
	/// The location of VRT, seen from this chain.
	pub const HereLocation: Location = Location::here();
	/// This chain itself, as the origin of Root's messages.
	pub const RootLocation: Location = Location::here();
	/// Delivery fees are paid in VRT.
	pub FeeAssetId: AssetId = AssetId(HereLocation::get());
	/// What delivering any message costs before its bytes: 0.03 VRT, a little more than a
	/// transfer's fee. Each byte adds `TransactionByteFee` (2.54 µVRT), as an extrinsic's do.
	pub const BaseDeliveryFee: u128 = 30 * crate::MILLI_UNIT;
	pub const RelayNetwork: Option<NetworkId> = None;
	pub RelayChainOrigin: RuntimeOrigin = cumulus_pallet_xcm::Origin::Relay.into();
	pub UniversalLocation: InteriorLocation = Parachain(ParachainInfo::parachain_id().into()).into();
}

/// How a `Location` becomes an `AccountId`: for asset ownership and for `Transact` origins.
pub type LocationToAccountId = (
	// The parent (relay chain) origin converts to the parent `AccountId`.
	ParentIsPreset<AccountId>,
	// Sibling parachain origins convert to AccountId via the `ParaId::into`.
	SiblingParachainConvertsVia<Sibling, AccountId>,
	// Straight up local `AccountId32` origins just alias directly to `AccountId`.
	AccountId32Aliases<RelayNetwork, AccountId>,
);

/// VRT, and only VRT, is transacted through `Balances`.
pub type LocalAssetTransactor =
	FungibleAdapter<Balances, IsConcrete<HereLocation>, LocationToAccountId, AccountId, ()>;

/// How an incoming XCM origin becomes a local dispatch origin for `Transact`.
pub type XcmOriginToTransactDispatchOrigin = (
	// A foreign chain's sovereign account on this chain, as a signed origin.
	SovereignSignedViaLocation<LocationToAccountId, RuntimeOrigin>,
	// The relay chain, as the `Relay` origin.
	RelayChainAsNative<RelayChainOrigin, RuntimeOrigin>,
	// A sibling parachain, as the `SiblingPara` origin.
	SiblingParachainAsNative<cumulus_pallet_xcm::Origin, RuntimeOrigin>,
	// An `AccountId32` location, as the signed origin of that account.
	SignedAccountId32AsNative<RelayNetwork, RuntimeOrigin>,
	// Anything else stays an XCM origin, which only pallet-xcm understands.
	XcmPassthrough<RuntimeOrigin>,
);

parameter_types! {
	/// One XCM instruction is weighed at 1 s/1000 and 64 KiB of proof: deliberately
	/// pessimistic until XCM benchmarks are wired in.
	pub UnitWeightCost: Weight = Weight::from_parts(1_000_000_000, 64 * 1024);
	pub const MaxInstructions: u32 = 100;
	pub const MaxAssetsIntoHolding: u32 = 64;
}

/// The relay chain itself or its executive body.
pub struct ParentOrParentsExecutivePlurality;
impl Contains<Location> for ParentOrParentsExecutivePlurality {
	fn contains(location: &Location) -> bool {
		matches!(location.unpack(), (1, []) | (1, [Plurality { id: BodyId::Executive, .. }]))
	}
}

/// The relay chain or a sibling parachain.
pub struct ParentOrSiblings;
impl Contains<Location> for ParentOrSiblings {
	fn contains(location: &Location) -> bool {
		matches!(location.unpack(), (1, []) | (1, [Parachain(_)]))
	}
}

/// The price of an upward message to the relay chain; `ParachainSystem` raises its factor while
/// the upward queue is congested.
pub type PriceForParentDelivery =
	ExponentialPrice<FeeAssetId, BaseDeliveryFee, TransactionByteFee, ParachainSystem>;

/// The price of a message to a sibling; `XcmpQueue` raises its factor while the channel is
/// congested.
pub type PriceForSiblingDelivery =
	ExponentialPrice<FeeAssetId, BaseDeliveryFee, TransactionByteFee, XcmpQueue>;

/// Origins whose messages are delivered without charge: this chain's Root (its own version
/// negotiation and governance) and the relay chain, whose messages are trusted and unpaid
/// already.
pub type WaivedLocations = (Equals<RootLocation>, Equals<RelayLocation>);

pub type Barrier = TrailingSetTopicAsId<
	DenyThenTry<
		DenyRecursively<DenyReserveTransferToRelayChain>,
		(
			TakeWeightCredit,
			// Expected responses are OK.
			AllowKnownQueryResponses<PolkadotXcm>,
			WithComputedOrigin<
				(
					AllowTopLevelPaidExecutionFrom<Everything>,
					AllowExplicitUnpaidExecutionFrom<ParentOrParentsExecutivePlurality>,
					// Subscriptions for version tracking are OK.
					AllowSubscriptionsFrom<ParentOrSiblings>,
				),
				UniversalLocation,
				ConstU32<8>,
			>,
		),
	>,
>;

pub struct XcmConfig;
impl staging_xcm_executor::Config for XcmConfig {
	type RuntimeCall = RuntimeCall;
	type XcmSender = XcmRouter;
	type XcmEventEmitter = PolkadotXcm;
	type AssetTransactor = LocalAssetTransactor;
	type OriginConverter = XcmOriginToTransactDispatchOrigin;
	/// No foreign reserves are trusted: nothing arriving by XCM can be minted here.
	type IsReserve = ();
	/// Teleports are disabled.
	type IsTeleporter = ();
	type UniversalLocation = UniversalLocation;
	type Barrier = Barrier;
	type Weigher = FixedWeightBounds<UnitWeightCost, RuntimeCall, MaxInstructions>;
	/// Execution is paid like a transaction, and the fee is split the same way.
	type Trader = UsingComponents<WeightToFee, HereLocation, AccountId, Balances, DealWithFees>;
	type ResponseHandler = PolkadotXcm;
	type AssetTrap = PolkadotXcm;
	type SubscriptionService = PolkadotXcm;
	type PalletInstancesInfo = AllPalletsWithSystem;
	type MaxAssetsIntoHolding = MaxAssetsIntoHolding;
	type AssetLocker = ();
	type AssetExchanger = ();
	/// Delivery fees of other origins are burned, like the non-collator share of transaction
	/// fees.
	type FeeManager = XcmFeeManagerFromComponents<WaivedLocations, ()>;
	type MessageExporter = ();
	type UniversalAliases = Nothing;
	type CallDispatcher = RuntimeCall;
	type SafeCallFilter = Everything;
	type Aliasers = Nothing;
	type TransactionalProcessor = FrameTransactionalProcessor;
	type HrmpNewChannelOpenRequestHandler = ();
	type HrmpChannelAcceptedHandler = ();
	type HrmpChannelClosingHandler = ();
	type XcmRecorder = PolkadotXcm;
}

/// Local signed origins execute XCM (the programs `transfer_assets` builds) as their
/// `AccountId32` location.
pub type LocalOriginToLocation = SignedToAccountId32<RuntimeOrigin, AccountId, RelayNetwork>;

/// Routes outgoing messages: UMP to the relay chain, XCMP to siblings, each priced and wrapped in
/// the XCM version the destination speaks.
pub type XcmRouter = WithUniqueTopic<(
	cumulus_primitives_utility::ParentAsUmp<ParachainSystem, PolkadotXcm, PriceForParentDelivery>,
	XcmpQueue,
)>;

impl pallet_xcm::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	/// Root only (`EnsureXcmOrigin` falls back to `Here` for Root): signed accounts cannot
	/// `send`.
	type SendXcmOrigin = EnsureXcmOrigin<RuntimeOrigin, ()>;
	type XcmRouter = XcmRouter;
	type ExecuteXcmOrigin = EnsureXcmOrigin<RuntimeOrigin, LocalOriginToLocation>;
	/// Local execution of arbitrary XCM is disabled.
	type XcmExecuteFilter = Nothing;
	type XcmExecutor = XcmExecutor<XcmConfig>;
	type XcmTeleportFilter = Nothing;
	/// VRT may leave for sibling chains; this chain is its reserve.
	type XcmReserveTransferFilter = Everything;
	type Weigher = FixedWeightBounds<UnitWeightCost, RuntimeCall, MaxInstructions>;
	type UniversalLocation = UniversalLocation;
	type RuntimeOrigin = RuntimeOrigin;
	type RuntimeCall = RuntimeCall;
	const VERSION_DISCOVERY_QUEUE_SIZE: u32 = 100;
	type AdvertisedXcmVersion = pallet_xcm::CurrentXcmVersion;
	type Currency = Balances;
	type CurrencyMatcher = ();
	type TrustedLockers = ();
	type SovereignAccountOf = LocationToAccountId;
	type MaxLockers = ConstU32<8>;
	type WeightInfo = crate::weights::pallet_xcm::WeightInfo<Runtime>;
	type AdminOrigin = EnsureRoot<AccountId>;
	type MaxRemoteLockConsumers = ConstU32<0>;
	type RemoteLockConsumerIdentifier = ();
	type AuthorizedAliasConsideration = ();
}

impl cumulus_pallet_xcm::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type XcmExecutor = XcmExecutor<XcmConfig>;
}
