//! The runtime's benchmark registry: every pallet with benchmarks is listed once here and
//! served through the `Benchmark` runtime API to `frame-omni-bencher` or
//! `veritas-node benchmark pallet`.

use polkadot_sdk::*;

use alloc::{boxed::Box, string::String, vec::Vec};
use frame_benchmarking::{BenchmarkBatch, BenchmarkConfig, BenchmarkError, BenchmarkList};
use frame_support::traits::{StorageInfo, StorageInfoTrait, WhitelistedStorageKeys};
use staging_xcm::latest::{Asset, AssetId, Assets, Fungibility, Junction, Location};

use crate::{
	configs::{xcm_config, ExistentialDeposit},
	*,
};

type SystemBench = frame_system_benchmarking::Pallet<Runtime>;
type SessionBench = cumulus_pallet_session_benchmarking::Pallet<Runtime>;
type XcmBench = pallet_xcm::benchmarking::Pallet<Runtime>;

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
	[pallet_xcm, XcmBench]
	[cumulus_pallet_xcmp_queue, XcmpQueue]
	[cumulus_pallet_weight_reclaim, WeightReclaim]
	[pallet_utility, Utility]
	[pallet_proxy, Proxy]
	[pallet_multisig, Multisig]
	[pallet_scheduler, Scheduler]
	[pallet_preimage, Preimage]
	[pallet_referenda, Referenda]
	[pallet_conviction_voting, ConvictionVoting]
	[pallet_treasury, Treasury]
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

frame_support::parameter_types! {
	/// What an account needs to exist, as an XCM asset: delivery helpers mint it to fee payers.
	pub ExistentialDepositAsset: Option<Asset> = Some(vrt(ExistentialDeposit::get()));
	/// A sibling that XCM benchmarks open an HRMP channel to.
	pub const RandomParaId: cumulus_primitives_core::ParaId =
		cumulus_primitives_core::ParaId::new(43_211_234);
}

impl pallet_xcm::benchmarking::Config for Runtime {
	type DeliveryHelper = (
		cumulus_primitives_utility::ToParentDeliveryHelper<
			xcm_config::XcmConfig,
			ExistentialDepositAsset,
			xcm_config::PriceForParentDelivery,
		>,
		polkadot_runtime_common::xcm_sender::ToParachainDeliveryHelper<
			xcm_config::XcmConfig,
			ExistentialDepositAsset,
			xcm_config::PriceForSiblingDelivery,
			RandomParaId,
			ParachainSystem,
		>,
	);

	fn reachable_dest() -> Option<Location> {
		Some(Location::parent())
	}

	// Teleports are disabled (`XcmTeleportFilter = Nothing`): the benchmark weighs them
	// `Weight::MAX`, which only a refused call ever pays.
	fn teleportable_asset_and_dest() -> Option<(Asset, Location)> {
		None
	}

	/// VRT, of which this chain is the reserve, to a sibling.
	fn reserve_transferable_asset_and_dest() -> Option<(Asset, Location)> {
		Some((vrt(ExistentialDeposit::get()), sibling()))
	}

	/// A local-reserve transfer of VRT to a sibling, paying its fees in VRT: the transfer this
	/// chain's users make with `transfer_assets`.
	fn set_up_complex_asset_transfer() -> Option<(Assets, u32, Location, Box<dyn FnOnce()>)> {
		use frame_support::traits::fungible::Mutate;
		let amount = ExistentialDeposit::get().saturating_mul(100);
		let funds = amount.saturating_mul(10);
		let who: AccountId = frame_benchmarking::whitelisted_caller();
		let _ = <Balances as Mutate<AccountId>>::set_balance(&who, funds);
		let verify: Box<dyn FnOnce()> = Box::new(move || {
			if Balances::free_balance(&who) > funds.saturating_sub(amount) {
				log::error!("transfer_assets benchmark: the VRT did not leave the caller");
			}
		});
		Some((vrt(amount).into(), 0, sibling(), verify))
	}

	fn get_asset() -> Asset {
		vrt(ExistentialDeposit::get())
	}

	fn batch_call(calls: Vec<RuntimeCall>) -> Option<RuntimeCall> {
		Some(RuntimeCall::Utility(pallet_utility::Call::batch_all { calls }))
	}
}

/// `amount` of VRT as an XCM asset.
fn vrt(amount: Balance) -> Asset {
	Asset { id: AssetId(xcm_config::HereLocation::get()), fun: Fungibility::Fungible(amount) }
}

/// The sibling the XCM benchmarks deliver to.
fn sibling() -> Location {
	Location::new(1, [Junction::Parachain(RandomParaId::get().into())])
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

impl pallet_inference::BenchmarkHelper<AccountId> for Runtime {
	fn active_model(
		owner: &AccountId,
		vk: &[u8],
		input_len: u32,
		outputs: u32,
	) -> veritas_primitives::ModelId {
		let model = pallet_models::NextModelId::<Runtime>::get();
		let registered = Models::register_model(
			RuntimeOrigin::signed(owner.clone()),
			Default::default(),
			Default::default(),
			Default::default(),
			alloc::vec![input_len].try_into().unwrap_or_default(),
			input_len,
			alloc::vec![outputs].try_into().unwrap_or_default(),
			8,
			vk.to_vec().try_into().unwrap_or_default(),
			None,
		);
		let approved = Models::approve_model(RuntimeOrigin::root(), model);
		// A benchmark on a model that does not exist would weigh the wrong path.
		assert!(
			registered.is_ok() && approved.is_ok(),
			"benchmark model registration failed: {registered:?} {approved:?}"
		);
		model
	}
}

impl pallet_models::BenchmarkHelper for Runtime {
	fn fill_market(model: veritas_primitives::ModelId) {
		use frame_support::traits::{fungible::Mutate, Get};
		type MaxOperators = <Runtime as pallet_inference::Config>::MaxOperatorsPerModel;
		let bond: Balance = <Runtime as pallet_inference::Config>::MinOperatorBond::get();
		for index in 0..MaxOperators::get() {
			let who: AccountId = frame_benchmarking::account("listed", index, model);
			Balances::set_balance(&who, bond.saturating_mul(2));
			let offer = veritas_primitives::ModelOffer {
				model,
				price: 1,
				min_timeout: <Runtime as pallet_inference::Config>::MinJobTimeout::get(),
			};
			let registered = Inference::register_operator(
				RuntimeOrigin::signed(who),
				bond,
				alloc::vec![offer].try_into().unwrap_or_default(),
				1,
			);
			assert!(registered.is_ok(), "benchmark operator registration failed: {registered:?}");
		}
	}
}

impl veritas_primitives::SetVerifierBackend for Runtime {
	fn set_backend(backend: veritas_primitives::Backend) {
		use crate::configs::dynamic_params::verifier;
		let policy = veritas_primitives::BackendPolicy::from(backend);
		pallet_parameters::Pallet::<Runtime>::set_parameter(
			RuntimeOrigin::root(),
			crate::configs::RuntimeParameters::Verifier(verifier::Parameters::VerificationBackend(
				verifier::VerificationBackend,
				Some(policy),
			)),
		)
		.unwrap_or_else(|error| log::error!("setting the verifier backend failed: {error:?}"));
	}
}
