//! A test runtime: System, Balances and the registry with the real verifier.
// Test runtime: a failing setup should panic.
#![allow(
	clippy::arithmetic_side_effects,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::unwrap_used
)]

use crate as pallet_models;
use polkadot_sdk::{
	frame_support::{
		derive_impl, parameter_types,
		traits::{ConstU32, ConstU64},
	},
	frame_system::{self, EnsureRoot},
	pallet_balances, sp_io,
	sp_runtime::BuildStorage,
};
use veritas_primitives::{Backend, ModelId, ModelUsage, Verifier};

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;
pub type Balance = u64;

polkadot_sdk::frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Registry: pallet_models,
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
	/// Models the (absent) job market reports as having open jobs.
	pub static ModelsInUse: Vec<ModelId> = Vec::new();
	/// Models the registry told the job market it removed.
	pub static RemovedFromMarket: Vec<ModelId> = Vec::new();
}

pub struct MockUsage;
impl ModelUsage for MockUsage {
	fn open_jobs(model: ModelId) -> u32 {
		ModelsInUse::get().iter().filter(|m| **m == model).count() as u32
	}

	fn model_removed(model: ModelId) {
		RemovedFromMarket::mutate(|removed| removed.push(model));
	}
}

pub const DEPOSIT_BASE: Balance = 100;
pub const DEPOSIT_PER_BYTE: Balance = 1;
pub const MAX_INPUT_LEN: u32 = 1024;
/// The input length the test models declare (an 8×8 image of 16-bit values).
pub const INPUT_LEN: u32 = 128;

impl pallet_models::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type ProofVerifier = Verifier<VerifierBackend>;
	type ApproveOrigin = EnsureRoot<AccountId>;
	type ModelUsage = MockUsage;
	type DepositBase = ConstU64<DEPOSIT_BASE>;
	type DepositPerByte = ConstU64<DEPOSIT_PER_BYTE>;
	type MaxInputLen = ConstU32<MAX_INPUT_LEN>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockBackendSetter;
}

#[cfg(feature = "runtime-benchmarks")]
pub struct MockBackendSetter;
#[cfg(feature = "runtime-benchmarks")]
impl veritas_primitives::SetVerifierBackend for MockBackendSetter {
	fn set_backend(backend: Backend) {
		VerifierBackend::set(backend);
	}
}
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper for MockBackendSetter {
	// The mock has no job market to fill.
	fn fill_market(_: ModelId) {}
}

pub const ALICE: AccountId = 1;
pub const BOB: AccountId = 2;
pub const POOR: AccountId = 3;
pub const ENDOWMENT: Balance = 1_000_000;

pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![(ALICE, ENDOWMENT), (BOB, ENDOWMENT), (POOR, 10)],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs a test and then checks the registry's invariants and that no funds appeared or vanished.
pub fn test(f: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		let issuance = pallet_balances::TotalIssuance::<Test>::get();
		f();
		Registry::do_try_state().unwrap();
		let total: Balance = frame_system::Account::<Test>::iter()
			.map(|(_, account)| account.data.free + account.data.reserved)
			.sum();
		assert_eq!(total, issuance, "funds are conserved");
		assert_eq!(pallet_balances::TotalIssuance::<Test>::get(), issuance);
	});
}
