//! The runtime's benchmark registry: every pallet with benchmarks is listed once here and
//! served through the `Benchmark` runtime API to `frame-omni-bencher` or
//! `veritas-node benchmark pallet`.

use polkadot_sdk::*;

use alloc::{string::String, vec::Vec};
use frame_benchmarking::{BenchmarkBatch, BenchmarkConfig, BenchmarkError, BenchmarkList};
use frame_support::traits::{StorageInfo, StorageInfoTrait, WhitelistedStorageKeys};

use crate::*;

type SystemBench = frame_system_benchmarking::Pallet<Runtime>;
type SessionBench = cumulus_pallet_session_benchmarking::Pallet<Runtime>;

polkadot_sdk::frame_benchmarking::define_benchmarks!(
	[frame_system, SystemBench]
	[cumulus_pallet_parachain_system, ParachainSystem]
	[pallet_timestamp, Timestamp]
	[pallet_balances, Balances]
	[pallet_session, SessionBench]
	[pallet_sudo, Sudo]
	[pallet_parameters, Parameters]
	[pallet_collator_selection, CollatorSelection]
	[pallet_message_queue, MessageQueue]
	[cumulus_pallet_xcmp_queue, XcmpQueue]
	[cumulus_pallet_weight_reclaim, WeightReclaim]
	[pallet_utility, Utility]
	[pallet_proxy, Proxy]
	[pallet_multisig, Multisig]
	[pallet_models, Models]
	[pallet_inference, Inference]
);

impl frame_system_benchmarking::Config for Runtime {
	fn setup_set_code_requirements(code: &Vec<u8>) -> Result<(), BenchmarkError> {
		ParachainSystem::initialize_for_set_code_benchmark(code.len() as u32);
		Ok(())
	}

	fn verify_set_code() {
		System::assert_last_event(
			cumulus_pallet_parachain_system::Event::<Runtime>::ValidationFunctionStored.into(),
		);
	}
}

impl cumulus_pallet_session_benchmarking::Config for Runtime {
	fn generate_session_keys_and_proof(owner: AccountId) -> (SessionKeys, Vec<u8>) {
		use codec::Encode;
		let generated = SessionKeys::generate(&owner.encode(), None);
		(generated.keys, generated.proof.encode())
	}
}

pub fn benchmark_metadata(extra: bool) -> (Vec<BenchmarkList>, Vec<StorageInfo>) {
	let mut list = Vec::<BenchmarkList>::new();
	list_benchmarks!(list, extra);
	(list, AllPalletsWithSystem::storage_info())
}

pub fn dispatch_benchmark(config: BenchmarkConfig) -> Result<Vec<BenchmarkBatch>, String> {
	let whitelist = AllPalletsWithSystem::whitelisted_storage_keys();
	let mut batches = Vec::<BenchmarkBatch>::new();
	let params = (&config, &whitelist);
	add_benchmarks!(params, batches);
	if batches.is_empty() {
		return Err("Benchmark not found for this pallet.".into());
	}
	Ok(batches)
}

impl pallet_inference::benchmarking::BenchmarkHelper<AccountId> for Runtime {
	fn active_model(owner: &AccountId, vk: &[u8], outputs: u32) -> veritas_primitives::ModelId {
		let model = pallet_models::NextModelId::<Runtime>::get();
		let registered = Models::register_model(
			RuntimeOrigin::signed(owner.clone()),
			Default::default(),
			Default::default(),
			Default::default(),
			alloc::vec![outputs].try_into().unwrap_or_default(),
			alloc::vec![outputs].try_into().unwrap_or_default(),
			vk.to_vec().try_into().unwrap_or_default(),
			None,
		);
		let approved = Models::approve_model(RuntimeOrigin::root(), model);
		if registered.is_err() || approved.is_err() {
			log::error!("benchmark model registration failed: {registered:?} {approved:?}");
		}
		model
	}
}

impl veritas_primitives::SetVerifierBackend for Runtime {
	fn set_backend(backend: veritas_primitives::Backend) {
		use crate::configs::dynamic_params::verifier;
		pallet_parameters::Pallet::<Runtime>::set_parameter(
			RuntimeOrigin::root(),
			crate::configs::RuntimeParameters::Verifier(verifier::Parameters::VerificationBackend(
				verifier::VerificationBackend,
				Some(backend),
			)),
		)
		.unwrap_or_else(|error| log::error!("setting the verifier backend failed: {error:?}"));
	}
}
