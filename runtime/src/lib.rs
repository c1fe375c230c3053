//! The Veritas parachain runtime.
//!
//! Layout follows the parachain template: pallet configuration lives in [`configs`], runtime API
//! implementations in [`apis`], genesis presets in [`genesis_config_presets`], and weights in
//! [`weights`]. This file declares the types everyone downstream needs (block, extrinsic,
//! transaction extensions), the runtime version and the pallet list.

#![cfg_attr(not(feature = "std"), no_std)]
// `construct_runtime` and `impl_runtime_apis` expand deeply.
#![recursion_limit = "256"]

// Make the WASM binary available to the node and to tests.
#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

extern crate alloc;

pub mod apis;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarks;
pub mod configs;
pub mod genesis_config_presets;
pub mod governance;
pub mod initial_parameters;
pub mod verifier_backend;
pub mod weights;

use alloc::{borrow::Cow, vec::Vec};
pub use polkadot_sdk::{staging_parachain_info as parachain_info, *};

use frame_support::weights::{
	constants::WEIGHT_REF_TIME_PER_SECOND, Weight, WeightToFee as WeightToFeeT,
	WeightToFeeCoefficient, WeightToFeeCoefficients, WeightToFeePolynomial,
};
use smallvec::smallvec;
use sp_runtime::{
	generic, impl_opaque_keys,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiSignature, Perbill,
};
use sp_version::RuntimeVersion;

pub use configs::{dynamic_params, RuntimeBlockWeights};
pub use genesis_config_presets::{DEVELOPMENT_PARA_ID, LOCAL_TESTNET_PARA_ID};

/// Alias to 512-bit hash when used in the context of a transaction signature on the chain.
pub type Signature = MultiSignature;

/// Some way of identifying an account on the chain: the public key of its signer.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;

/// Balance of an account, in plancks (10^-12 VRT).
pub type Balance = u128;

/// Index of a transaction in the chain.
pub type Nonce = u32;

/// A hash of some data used by the chain.
pub type Hash = sp_core::H256;

/// An index to a block.
pub type BlockNumber = u32;

/// The address format for describing accounts.
pub type Address = sp_runtime::MultiAddress<AccountId, ()>;

/// Block header type as expected by this runtime.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;

/// Block type as expected by this runtime.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;

/// A block signed with a justification.
pub type SignedBlock = generic::SignedBlock<Block>;

/// The transaction extensions every signed transaction carries, in order. Wrapped by
/// `StorageWeightReclaim` so that unused proof-size weight is given back after dispatch.
pub type TxExtension = cumulus_pallet_weight_reclaim::StorageWeightReclaim<
	Runtime,
	(
		frame_system::CheckNonZeroSender<Runtime>,
		frame_system::CheckSpecVersion<Runtime>,
		frame_system::CheckTxVersion<Runtime>,
		frame_system::CheckGenesis<Runtime>,
		frame_system::CheckEra<Runtime>,
		frame_system::CheckNonce<Runtime>,
		frame_system::CheckWeight<Runtime>,
		pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
		frame_metadata_hash_extension::CheckMetadataHash<Runtime>,
	),
>;

/// The extensions of an immortal transaction from an account at `nonce` paying `tip`, without the
/// metadata-hash check: what a wallet that does not know the metadata hash signs, and what the
/// in-process block builders (runtime tests, `veritas-relay-validation`) sign.
pub fn immortal_tx_extension(nonce: Nonce, tip: Balance) -> TxExtension {
	(
		frame_system::CheckNonZeroSender::<Runtime>::new(),
		frame_system::CheckSpecVersion::<Runtime>::new(),
		frame_system::CheckTxVersion::<Runtime>::new(),
		frame_system::CheckGenesis::<Runtime>::new(),
		frame_system::CheckEra::<Runtime>::from(generic::Era::Immortal),
		frame_system::CheckNonce::<Runtime>::from(nonce),
		frame_system::CheckWeight::<Runtime>::new(),
		pallet_transaction_payment::ChargeTransactionPayment::<Runtime>::from(tip),
		frame_metadata_hash_extension::CheckMetadataHash::<Runtime>::new(false),
	)
		.into()
}

/// Unchecked extrinsic type as expected by this runtime.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;

/// Migrations to apply on runtime upgrade. Kept as a named type so that the next engineer adds
/// theirs here rather than in `Executive`.
pub type Migrations = (pallet_xcm::migration::MigrateToLatestXcmVersion<Runtime>,);

/// Executive: handles dispatch to the various pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

/// What filling the `Normal` class of one block costs, in ref time or in proof size, at the
/// floor fee multiplier (1, see `configs::MinimumMultiplier`): 10 VRT. [`WeightToFee`] and
/// `configs::TransactionByteFee` are derived from it, so that a block is as dear to stuff with
/// compute, with storage proof or with bytes.
///
/// Why 10 VRT: stuffing blocks is how a requester would keep an operator's result out until its
/// deadline passes, to have the operator slashed. Every block of the answer window must be
/// stuffed, and the window is at least `MinJobTimeout` (10 blocks): making one operator miss one
/// deadline means stuffing some nine blocks, about 90 VRT, four to five times the `LivenessSlash`
/// (20 VRT) the operator loses, and the requester gets back at most what submitting the job cost
/// it, so it never profits. The operator can also outbid the stuffing with a tip. Ordinary use
/// stays cheap meanwhile: about 0.12 VRT for a result verified in pure wasm (18 ms of compute),
/// about 0.024 VRT for a transfer (the 17.8 KB of storage proof its call and extensions are
/// benchmarked at dominate), 0.72 mVRT for the base of any extrinsic.
pub const NORMAL_BLOCK_FEE: Balance = 10 * UNIT;

/// A fee linear in one dimension of weight that reaches [`NORMAL_BLOCK_FEE`] at `full` units.
fn linear_fee(full: u64) -> WeightToFeeCoefficients<Balance> {
	let full = Balance::from(full.max(1));
	smallvec![WeightToFeeCoefficient {
		degree: 1,
		negative: false,
		coeff_frac: Perbill::from_rational(NORMAL_BLOCK_FEE.checked_rem(full).unwrap_or(0), full),
		coeff_integer: NORMAL_BLOCK_FEE.checked_div(full).unwrap_or(0),
	}]
}

/// Ref time priced so that the `Normal` class of a block (1.5 s) costs [`NORMAL_BLOCK_FEE`]:
/// about 6.67 µVRT per µs.
pub struct RefTimeToFee;
impl WeightToFeePolynomial for RefTimeToFee {
	type Balance = Balance;
	fn polynomial() -> WeightToFeeCoefficients<Self::Balance> {
		linear_fee(NORMAL_DISPATCH_RATIO.mul_floor(MAXIMUM_BLOCK_WEIGHT.ref_time()))
	}
}

/// Proof size priced so that the `Normal` share of a block's proof (7.5 MiB of the 10 MiB PoV)
/// costs [`NORMAL_BLOCK_FEE`]: about 1.27 µVRT per byte. The PoV is what a parachain runs out
/// of first, and a call that reads much and computes little would otherwise fill it for free.
pub struct ProofSizeToFee;
impl WeightToFeePolynomial for ProofSizeToFee {
	type Balance = Balance;
	fn polynomial() -> WeightToFeeCoefficients<Self::Balance> {
		linear_fee(NORMAL_DISPATCH_RATIO.mul_floor(MAXIMUM_BLOCK_WEIGHT.proof_size()))
	}
}

/// Maps a weight to a fee: the dearer of its ref time and its proof size, each priced by the
/// share of a block it takes ([`RefTimeToFee`], [`ProofSizeToFee`]), so that whichever resource
/// a call exhausts is the one it pays for.
pub struct WeightToFee;
impl WeightToFeeT for WeightToFee {
	type Balance = Balance;
	fn weight_to_fee(weight: &Weight) -> Self::Balance {
		// `WeightToFeePolynomial` prices the ref-time component of what it is given.
		let time = RefTimeToFee::weight_to_fee(&Weight::from_parts(weight.ref_time(), 0));
		let proof = ProofSizeToFee::weight_to_fee(&Weight::from_parts(weight.proof_size(), 0));
		time.max(proof)
	}
}

/// Opaque types, used by the node and by chain-spec tooling that must not depend on the
/// concrete extrinsic format.
pub mod opaque {
	use super::*;
	pub use polkadot_sdk::sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;
	use polkadot_sdk::sp_runtime::{generic, traits::BlakeTwo256};

	/// Opaque block header type.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// Opaque block type.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
	/// Opaque block identifier type.
	pub type BlockId = generic::BlockId<Block>;
	/// Opaque block hash type.
	pub type Hash = <BlakeTwo256 as sp_runtime::traits::Hash>::Output;
}

impl_opaque_keys! {
	/// The keys a collator registers for a session: only Aura, since the chain has no
	/// finality gadget of its own (the relay chain finalises it).
	pub struct SessionKeys {
		pub aura: Aura,
	}
}

/// The runtime version. Bump `spec_version` with every runtime change that is deployed, and
/// `transaction_version` whenever the encoding of a call or of the extensions changes.
#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: Cow::Borrowed("veritas"),
	impl_name: Cow::Borrowed("veritas-node"),
	authoring_version: 1,
	spec_version: 1_004,
	impl_version: 0,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 4,
	system_version: 1,
};

/// Target block time. With asynchronous backing a parachain block can be built on a relay
/// parent that is not yet final, so a 6 s relay chain gives 6 s parachain blocks.
pub const MILLISECS_PER_BLOCK: u64 = 6000;

/// Aura slot duration: equal to the block time, one block per slot.
pub const SLOT_DURATION: u64 = MILLISECS_PER_BLOCK;

// Time is measured in number of blocks.
pub const MINUTES: BlockNumber = 60_000 / (MILLISECS_PER_BLOCK as BlockNumber);
pub const HOURS: BlockNumber = MINUTES * 60;
pub const DAYS: BlockNumber = HOURS * 24;

/// Token symbol and decimals, as wallets show them.
pub const TOKEN_SYMBOL: &str = "VRT";
pub const TOKEN_DECIMALS: u8 = 12;

// Unit = the base number of indivisible units for balances.
pub const UNIT: Balance = 1_000_000_000_000;
pub const MILLI_UNIT: Balance = 1_000_000_000;
pub const MICRO_UNIT: Balance = 1_000_000;

/// The existential deposit.
pub const EXISTENTIAL_DEPOSIT: Balance = MILLI_UNIT;

/// The most bytes a block carries; `Normal` extrinsics may use `NORMAL_DISPATCH_RATIO` of it.
pub const MAX_BLOCK_LENGTH: u32 = 5 * 1024 * 1024;

/// About 10% of block weight is left to `on_initialize` handlers; this bounds a single
/// extrinsic's weight.
pub const AVERAGE_ON_INITIALIZE_RATIO: Perbill = Perbill::from_percent(10);

/// `Normal` extrinsics may fill a block up to 75%; the rest is for `Operational` ones.
pub const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);

/// Two seconds of compute per block: asynchronous backing gives a collator the whole relay slot
/// minus networking to build, and validators 2 s to re-execute.
pub const MAXIMUM_BLOCK_WEIGHT: Weight = Weight::from_parts(
	WEIGHT_REF_TIME_PER_SECOND.saturating_mul(2),
	cumulus_primitives_core::relay_chain::MAX_POV_SIZE as u64,
);

/// How many parachain blocks the relay chain processes per relay block.
pub const BLOCK_PROCESSING_VELOCITY: u32 = 1;

/// How many parachain blocks may be authored ahead of relay-chain inclusion.
pub const UNINCLUDED_SEGMENT_CAPACITY: u32 = 3;

/// Relay chain slot duration, in milliseconds.
pub const RELAY_CHAIN_SLOT_DURATION_MILLIS: u32 = 6000;

/// How far behind the relay chain tip collators build. Zero: build on the newest relay parent.
pub const RELAY_PARENT_OFFSET: u32 = 0;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	// System support.
	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type ParachainSystem = cumulus_pallet_parachain_system;
	#[runtime::pallet_index(2)]
	pub type Timestamp = pallet_timestamp;
	#[runtime::pallet_index(3)]
	pub type ParachainInfo = parachain_info;
	#[runtime::pallet_index(4)]
	pub type WeightReclaim = cumulus_pallet_weight_reclaim;

	// Monetary.
	#[runtime::pallet_index(10)]
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(11)]
	pub type TransactionPayment = pallet_transaction_payment;

	// Sudo exists on the development chain only: other presets set no key, and governance
	// (below) decides everything there.
	#[runtime::pallet_index(15)]
	pub type Sudo = pallet_sudo;
	#[runtime::pallet_index(16)]
	pub type Parameters = pallet_parameters;
	#[runtime::pallet_index(17)]
	pub type InitialParameters = initial_parameters;
	#[runtime::pallet_index(18)]
	pub type VerifierBackend = verifier_backend;

	// Collator support. The order of these matters: Aura must come after Session so that its
	// authorities are set when the session rotates, and Authorship before CollatorSelection.
	#[runtime::pallet_index(20)]
	pub type Authorship = pallet_authorship;
	#[runtime::pallet_index(21)]
	pub type CollatorSelection = pallet_collator_selection;
	#[runtime::pallet_index(22)]
	pub type Session = pallet_session;
	#[runtime::pallet_index(23)]
	pub type Aura = pallet_aura;
	#[runtime::pallet_index(24)]
	pub type AuraExt = cumulus_pallet_aura_ext;

	// XCM helpers.
	#[runtime::pallet_index(30)]
	pub type XcmpQueue = cumulus_pallet_xcmp_queue;
	#[runtime::pallet_index(31)]
	pub type PolkadotXcm = pallet_xcm;
	#[runtime::pallet_index(32)]
	pub type CumulusXcm = cumulus_pallet_xcm;
	#[runtime::pallet_index(33)]
	pub type MessageQueue = pallet_message_queue;

	// Account utilities.
	#[runtime::pallet_index(40)]
	pub type Utility = pallet_utility;
	#[runtime::pallet_index(41)]
	pub type Proxy = pallet_proxy;
	#[runtime::pallet_index(42)]
	pub type Multisig = pallet_multisig;

	// Governance: referenda on tracks, conviction voting, their scheduled enactment, stored
	// proposals, the origins they dispatch with and the treasury they spend from.
	#[runtime::pallet_index(60)]
	pub type Scheduler = pallet_scheduler;
	#[runtime::pallet_index(61)]
	pub type Preimage = pallet_preimage;
	#[runtime::pallet_index(62)]
	pub type Referenda = pallet_referenda;
	#[runtime::pallet_index(63)]
	pub type ConvictionVoting = pallet_conviction_voting;
	#[runtime::pallet_index(64)]
	pub type Origins = governance::origins;
	#[runtime::pallet_index(65)]
	pub type Treasury = pallet_treasury;

	// Verifiable inference.
	#[runtime::pallet_index(50)]
	pub type Models = pallet_models;
	#[runtime::pallet_index(51)]
	pub type Inference = pallet_inference;
}

cumulus_pallet_parachain_system::register_validate_block! {
	Runtime = Runtime,
	BlockExecutor = cumulus_pallet_aura_ext::BlockExecutor::<Runtime, Executive>,
}
