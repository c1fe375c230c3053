//! A test runtime: System, Balances, the real model registry and the market, with the real
//! verifier (pure-wasm backend, which natively is plain arkworks).
// Test runtime: a failing setup should panic.
#![allow(
	clippy::arithmetic_side_effects,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::unwrap_used
)]

use crate as pallet_inference;
use crate::types::{Bounds, MarketBounds};
use polkadot_sdk::{
	frame_support::{
		derive_impl, parameter_types,
		traits::{ConstU32, ConstU64, Hooks},
	},
	frame_system::{self, EnsureRoot, RawOrigin},
	pallet_balances,
	sp_core::H256,
	sp_io,
	sp_runtime::{traits::Convert, BuildStorage, Perbill},
};
use std::sync::OnceLock;
use veritas_primitives::{Backend, JobId, ModelId, ModelOffer, Verifier};
use veritas_verifier::test_utils::ToyModel;

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;
pub type Balance = u64;

polkadot_sdk::frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Registry: pallet_models,
		Market: pallet_inference,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<Balance>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
}

parameter_types! {
	pub static VerifierBackend: Backend = Backend::Arkworks;
	pub const TreasuryAccount: AccountId = TREASURY;
	// The governed parameters: a test changes them mid-flight as a referendum would.
	pub static ProtocolFee: Perbill = Perbill::from_percent(10);
	pub static TreasuryShare: Perbill = Perbill::from_percent(20);
	pub static MinOperatorBond: Balance = MIN_BOND;
	pub static JobCollateral: Balance = COLLATERAL;
	pub static ProofSlash: Balance = INVALID_PROOF_SLASH;
	pub static DeadlineSlash: Balance = LIVENESS_SLASH;
	pub static SlashDeferPeriod: u64 = SLASH_DEFER;
	pub static MinJobTimeout: u64 = MIN_TIMEOUT;
	pub const Envelope: MarketBounds<Balance, u64> = MarketBounds {
		protocol_fee: Bounds { min: Perbill::zero(), max: Perbill::from_percent(MAX_PROTOCOL_FEE_PERCENT) },
		min_operator_bond: Bounds { min: 100, max: 100_000 },
		job_collateral: Bounds { min: 10, max: 10_000 },
		invalid_proof_slash: Bounds { min: 1, max: 10_000 },
		liveness_slash: Bounds { min: 1, max: 10_000 },
		slash_treasury_share: Bounds { min: Perbill::zero(), max: Perbill::one() },
		slash_defer_period: Bounds { min: 2, max: MAX_SLASH_DEFER },
		min_job_timeout: Bounds { min: 1, max: 50 },
	};
}

/// The highest protocol fee the mock's envelope allows.
pub const MAX_PROTOCOL_FEE_PERCENT: u32 = 30;
/// The longest slash deferral the mock's envelope allows.
pub const MAX_SLASH_DEFER: u64 = 40;

/// What submitting a job costs in fees in this mock: a base and a per-byte part.
pub struct SubmitJobFee;
impl Convert<u32, Balance> for SubmitJobFee {
	fn convert(input_len: u32) -> Balance {
		5 + u64::from(input_len) / 16
	}
}

impl pallet_models::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type ProofVerifier = Verifier<VerifierBackend>;
	type ApproveOrigin = EnsureRoot<AccountId>;
	type ModelUsage = Market;
	type DepositBase = ConstU64<100>;
	type DepositPerByte = ConstU64<0>;
	type MaxInputLen = ConstU32<MAX_INPUT_LEN>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockBenchmarkHelper;
}

pub const MIN_BOND: Balance = 1_000;
pub const COLLATERAL: Balance = 300;
pub const INVALID_PROOF_SLASH: Balance = 300;
pub const LIVENESS_SLASH: Balance = 100;
pub const UNBONDING: u64 = 10;
pub const SLASH_DEFER: u64 = 5;
pub const QUEUE_TIMEOUT: u64 = 20;
pub const TIMEOUT: u64 = 5;
pub const MIN_TIMEOUT: u64 = 2;
pub const MAX_TIMEOUT: u64 = 200;
pub const MAX_INPUT_LEN: u32 = 256;
/// The input length the test models declare.
pub const INPUT_LEN: u32 = 64;
/// The storage deposit of every job (no per-byte part in the mock).
pub const JOB_DEPOSIT: Balance = 10;
/// What a requester may receive of the slashes for one job with a `INPUT_LEN`-byte input.
pub const COMPENSATION: Balance = 5 + INPUT_LEN as Balance / 16;
pub const RETENTION: u64 = 30;

impl pallet_inference::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type ProofVerifier = Verifier<VerifierBackend>;
	type Models = Registry;
	type SlashCancelOrigin = EnsureRoot<AccountId>;
	type Treasury = TreasuryAccount;
	type ProtocolFee = ProtocolFee;
	type MarketBounds = Envelope;
	type MinOperatorBond = MinOperatorBond;
	type JobCollateral = JobCollateral;
	type InvalidProofSlash = ProofSlash;
	type LivenessSlash = DeadlineSlash;
	type RequesterCompensation = SubmitJobFee;
	type SlashTreasuryShare = TreasuryShare;
	type JobDepositBase = ConstU64<JOB_DEPOSIT>;
	type JobDepositPerByte = ConstU64<0>;
	type JobRetention = ConstU64<RETENTION>;
	type MaxJobsClearedPerBlock = ConstU32<2>;
	type UnbondingPeriod = ConstU64<UNBONDING>;
	type SlashDeferPeriod = SlashDeferPeriod;
	type QueueTimeout = ConstU64<QUEUE_TIMEOUT>;
	type MinJobTimeout = MinJobTimeout;
	type MaxJobTimeout = ConstU64<MAX_TIMEOUT>;
	type MaxInputLen = ConstU32<MAX_INPUT_LEN>;
	type MaxModelsPerOperator = ConstU32<4>;
	type MaxOperatorsPerModel = ConstU32<4>;
	type MaxCapacity = ConstU32<8>;
	type MaxQueueLen = ConstU32<4>;
	type MaxDeadlinesPerBlock = ConstU32<4>;
	type MaxDeadlinesHandledPerBlock = ConstU32<2>;
	type MaxSlashesAppliedPerBlock = ConstU32<2>;
	type MaxResultsPerCall = ConstU32<8>;
	type MaxModelsPerCall = ConstU32<2>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockBenchmarkHelper;
}

#[cfg(feature = "runtime-benchmarks")]
pub struct MockBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId> for MockBenchmarkHelper {
	fn active_model(owner: &AccountId, vk: &[u8], input_len: u32, outputs: u32) -> ModelId {
		register_model_with(*owner, vk, input_len, outputs)
	}
}
#[cfg(feature = "runtime-benchmarks")]
impl pallet_models::BenchmarkHelper for MockBenchmarkHelper {
	fn fill_market(model: ModelId) {
		for index in 0..4 {
			let who = 1_000 + u64::from(model) * 10 + index;
			<Balances as polkadot_sdk::frame_support::traits::fungible::Mutate<_>>::set_balance(
				&who, ENDOWMENT,
			);
			operator(who, model, 1, 1, MIN_BOND);
		}
	}
}
#[cfg(feature = "runtime-benchmarks")]
impl veritas_primitives::SetVerifierBackend for MockBenchmarkHelper {
	fn set_backend(backend: Backend) {
		VerifierBackend::set(backend);
	}
}

pub const MODEL_OWNER: AccountId = 1;
pub const REQUESTER: AccountId = 2;
pub const OTHER_REQUESTER: AccountId = 3;
pub const OP_A: AccountId = 10;
pub const OP_B: AccountId = 11;
pub const OP_C: AccountId = 12;
pub const OP_D: AccountId = 13;
pub const OP_E: AccountId = 14;
pub const POOR: AccountId = 20;
pub const TREASURY: AccountId = 99;
pub const ENDOWMENT: Balance = 100_000;
/// Outputs of the toy model the tests use.
pub const OUTPUTS: usize = 2;

/// One toy model for the whole test binary (setup takes a while).
pub fn toy_model() -> &'static ToyModel {
	static MODEL: OnceLock<ToyModel> = OnceLock::new();
	MODEL.get_or_init(|| ToyModel::setup(OUTPUTS, 42))
}

pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let endowed = [MODEL_OWNER, REQUESTER, OTHER_REQUESTER, OP_A, OP_B, OP_C, OP_D, OP_E, TREASURY];
	let mut balances: Vec<_> = endowed.iter().map(|who| (*who, ENDOWMENT)).collect();
	balances.push((POOR, 50));
	pallet_balances::GenesisConfig::<Test> { balances, ..Default::default() }
		.assimilate_storage(&mut storage)
		.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Registers and approves a model with key `vk` and `outputs` output elements.
pub fn register_model_from(owner: AccountId, vk: &[u8], outputs: u32) -> ModelId {
	register_model_with(owner, vk, INPUT_LEN, outputs)
}

/// Registers and approves a model with key `vk`, inputs of `input_len` bytes and `outputs`
/// output elements.
pub fn register_model_with(owner: AccountId, vk: &[u8], input_len: u32, outputs: u32) -> ModelId {
	let id = pallet_models::NextModelId::<Test>::get();
	pallet_models::Pallet::<Test>::register_model(
		RuntimeOrigin::signed(owner),
		b"toy".to_vec().try_into().unwrap(),
		b"ipfs://toy".to_vec().try_into().unwrap(),
		H256::repeat_byte(1),
		vec![input_len].try_into().unwrap(),
		input_len,
		vec![outputs].try_into().unwrap(),
		8,
		vk.to_vec().try_into().unwrap(),
		None,
	)
	.unwrap();
	pallet_models::Pallet::<Test>::approve_model(RawOrigin::Root.into(), id).unwrap();
	id
}

/// The toy model, registered and approved.
pub fn register_model() -> ModelId {
	register_model_from(MODEL_OWNER, &toy_model().vk, OUTPUTS as u32)
}

/// Offers at `price` per model, for any timeout the chain allows.
pub fn offers(list: &[(ModelId, Balance)]) -> crate::types::OffersOf<Test> {
	list.iter()
		.map(|(model, price)| ModelOffer { model: *model, price: *price, min_timeout: MIN_TIMEOUT })
		.collect::<Vec<_>>()
		.try_into()
		.unwrap()
}

/// Registers `who` with `bond`, serving `model` at `price` with `capacity`.
pub fn operator(who: AccountId, model: ModelId, price: Balance, capacity: u32, bond: Balance) {
	Market::register_operator(
		RuntimeOrigin::signed(who),
		bond,
		offers(&[(model, price)]),
		capacity,
	)
	.unwrap();
}

pub fn input(seed: u8) -> crate::types::InputOf<Test> {
	(0..INPUT_LEN as u8)
		.map(|i| i.wrapping_mul(seed).wrapping_add(seed))
		.collect::<Vec<_>>()
		.try_into()
		.unwrap()
}

/// Submits a job for `model` with input `input(seed)`; returns its id.
pub fn submit(who: AccountId, model: ModelId, seed: u8, max_fee: Balance) -> JobId {
	let id = crate::NextJobId::<Test>::get();
	Market::submit_job(RuntimeOrigin::signed(who), model, input(seed), max_fee, TIMEOUT).unwrap();
	id
}

/// A second toy model of the same shape from another setup: its proofs verify under its own
/// key only.
pub fn other_toy_model() -> &'static ToyModel {
	static MODEL: OnceLock<ToyModel> = OnceLock::new();
	MODEL.get_or_init(|| ToyModel::setup(OUTPUTS, 43))
}

/// The right output for a job and a valid proof of it.
pub fn answer(job: JobId) -> (veritas_primitives::JobOutput, veritas_primitives::ProofBytes) {
	answer_with(toy_model(), job)
}

/// The right output for a job and a proof of it under `model`'s key.
pub fn answer_with(
	model: &ToyModel,
	job: JobId,
) -> (veritas_primitives::JobOutput, veritas_primitives::ProofBytes) {
	let input = crate::JobInputs::<Test>::get(job).unwrap();
	let (output, proof) = model.prove(&input, job);
	(output.try_into().unwrap(), proof.try_into().unwrap())
}

/// The right output with a proof made for another input: does not verify.
pub fn wrong_answer(job: JobId) -> (veritas_primitives::JobOutput, veritas_primitives::ProofBytes) {
	let (output, _) = answer(job);
	let (_, proof) = toy_model().prove(b"some other input", job);
	(output, proof.try_into().unwrap())
}

/// Moves to block `n`, running `on_initialize` of each block on the way.
pub fn run_to_block(n: u64) {
	while System::block_number() < n {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		Market::on_initialize(next);
	}
}

/// The events of this pallet so far.
pub fn market_events() -> Vec<crate::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::Market(event) => Some(event),
			_ => None,
		})
		.collect()
}

/// Runs a test, then checks both pallets' invariants and that funds are conserved: total
/// issuance equals free plus held balances, and fell only by what slashes burned.
pub fn test(f: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		let issuance = pallet_balances::TotalIssuance::<Test>::get();
		f();
		Market::do_try_state().unwrap();
		Registry::do_try_state().unwrap();
		let total: Balance = frame_system::Account::<Test>::iter()
			.map(|(_, account)| account.data.free + account.data.reserved)
			.sum();
		let now = pallet_balances::TotalIssuance::<Test>::get();
		assert_eq!(total, now, "issuance equals free plus held");
		let burned: Balance = market_events()
			.into_iter()
			.filter_map(|event| match event {
				crate::Event::SlashApplied { burned, .. } => Some(burned),
				_ => None,
			})
			.sum();
		assert_eq!(issuance - now, burned, "issuance fell only by burns");
	});
}
