//! Runtime API implementations: what collators, wallets, chain-spec tooling and XCM clients
//! call into.

use polkadot_sdk::*;

use alloc::vec::Vec;
use frame_support::{
	genesis_builder_helper::{build_state, get_preset},
	traits::Get,
	weights::Weight,
};
use pallet_aura::Authorities;
use sp_api::impl_runtime_apis;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_core::{crypto::KeyTypeId, OpaqueMetadata};
use sp_runtime::{
	traits::Block as BlockT,
	transaction_validity::{TransactionSource, TransactionValidity},
	ApplyExtrinsicResult,
};
use sp_session::OpaqueGeneratedSessionKeys;
use sp_version::RuntimeVersion;
use staging_xcm::{
	latest::prelude::AssetId, Version as XcmVersion, VersionedAssetId, VersionedAssets,
	VersionedLocation, VersionedXcm,
};
use xcm_runtime_apis::{
	dry_run::{CallDryRunEffects, Error as XcmDryRunApiError, XcmDryRunEffects},
	fees::Error as XcmPaymentApiError,
};

use crate::{
	configs::{xcm_config, ConsensusHook},
	AccountId, Balance, Block, BlockNumber, Executive, InherentDataExt, Nonce, OriginCaller,
	ParachainInfo, ParachainSystem, PolkadotXcm, Runtime, RuntimeCall, RuntimeEvent,
	RuntimeGenesisConfig, SessionKeys, System, TransactionPayment, RELAY_PARENT_OFFSET,
	SLOT_DURATION, VERSION,
};

/// Batch entries as the verifier takes them: borrowed proof bytes and inputs.
fn borrowed(
	entries: &[(Vec<u8>, Vec<veritas_verifier::PublicInput>)],
) -> Vec<(&[u8], &[veritas_verifier::PublicInput])> {
	entries.iter().map(|(proof, inputs)| (proof.as_slice(), inputs.as_slice())).collect()
}

// `VerifierApi` serves clients' dry runs over RPC, where anyone may call it: it takes the bounds
// of the extrinsics it mirrors, so that no request costs a node more than a block's call would.

/// Refuses a batch longer than one `submit_results` call may carry (`MaxResultsPerCall`),
/// before anything is decoded.
fn check_batch_len<T>(entries: &[T]) -> Result<(), veritas_verifier::VerifierError> {
	let most: u32 = <Runtime as pallet_inference::Config>::MaxResultsPerCall::get();
	if entries.len() > most as usize {
		return Err(veritas_verifier::VerifierError::BatchTooLarge);
	}
	Ok(())
}

impl_runtime_apis! {
	impl sp_consensus_aura::AuraApi<Block, AuraId> for Runtime {
		fn slot_duration() -> sp_consensus_aura::SlotDuration {
			sp_consensus_aura::SlotDuration::from_millis(SLOT_DURATION)
		}

		fn authorities() -> Vec<AuraId> {
			Authorities::<Runtime>::get().into_inner()
		}
	}

	impl cumulus_primitives_aura::AuraUnincludedSegmentApi<Block> for Runtime {
		fn can_build_upon(
			included_hash: <Block as BlockT>::Hash,
			slot: cumulus_primitives_aura::Slot,
		) -> bool {
			ConsensusHook::can_build_upon(included_hash, slot)
		}
	}

	impl cumulus_primitives_core::RelayParentOffsetApi<Block> for Runtime {
		fn relay_parent_offset() -> u32 {
			RELAY_PARENT_OFFSET
		}

		fn max_claim_queue_offset() -> u8 {
			cumulus_pallet_parachain_system::Pallet::<Runtime>::max_claim_queue_offset()
		}
	}

	impl cumulus_primitives_core::KeyToIncludeInRelayProof<Block> for Runtime {
		fn keys_to_prove() -> cumulus_primitives_core::RelayProofRequest {
			crate::VerifierBackend::keys_to_prove()
		}
	}

	impl cumulus_primitives_core::GetParachainInfo<Block> for Runtime {
		fn parachain_id() -> cumulus_primitives_core::ParaId {
			ParachainInfo::parachain_id()
		}
	}

	impl sp_api::Core<Block> for Runtime {
		fn version() -> RuntimeVersion {
			VERSION
		}

		fn execute_block(block: <Block as BlockT>::LazyBlock) {
			Executive::execute_block(block)
		}

		fn initialize_block(header: &<Block as BlockT>::Header) -> sp_runtime::ExtrinsicInclusionMode {
			Executive::initialize_block(header)
		}
	}

	impl sp_api::Metadata<Block> for Runtime {
		fn metadata() -> OpaqueMetadata {
			OpaqueMetadata::new(Runtime::metadata().into())
		}

		fn metadata_at_version(version: u32) -> Option<OpaqueMetadata> {
			Runtime::metadata_at_version(version)
		}

		fn metadata_versions() -> Vec<u32> {
			Runtime::metadata_versions()
		}
	}

	impl sp_block_builder::BlockBuilder<Block> for Runtime {
		fn apply_extrinsic(extrinsic: <Block as BlockT>::Extrinsic) -> ApplyExtrinsicResult {
			Executive::apply_extrinsic(extrinsic)
		}

		fn finalize_block() -> <Block as BlockT>::Header {
			Executive::finalize_block()
		}

		fn inherent_extrinsics(data: sp_inherents::InherentData) -> Vec<<Block as BlockT>::Extrinsic> {
			data.create_extrinsics()
		}

		fn check_inherents(
			block: <Block as BlockT>::LazyBlock,
			data: sp_inherents::InherentData,
		) -> sp_inherents::CheckInherentsResult {
			data.check_extrinsics(&block)
		}
	}

	impl sp_transaction_pool::runtime_api::TaggedTransactionQueue<Block> for Runtime {
		fn validate_transaction(
			source: TransactionSource,
			tx: <Block as BlockT>::Extrinsic,
			block_hash: <Block as BlockT>::Hash,
		) -> TransactionValidity {
			Executive::validate_transaction(source, tx, block_hash)
		}
	}

	impl sp_offchain::OffchainWorkerApi<Block> for Runtime {
		fn offchain_worker(header: &<Block as BlockT>::Header) {
			Executive::offchain_worker(header)
		}
	}

	impl sp_session::SessionKeys<Block> for Runtime {
		fn generate_session_keys(owner: Vec<u8>, seed: Option<Vec<u8>>) -> OpaqueGeneratedSessionKeys {
			SessionKeys::generate(&owner, seed).into()
		}

		fn decode_session_keys(
			encoded: Vec<u8>,
		) -> Option<Vec<(Vec<u8>, KeyTypeId)>> {
			SessionKeys::decode_into_raw_public_keys(&encoded)
		}
	}

	impl frame_system_rpc_runtime_api::AccountNonceApi<Block, AccountId, Nonce> for Runtime {
		fn account_nonce(account: AccountId) -> Nonce {
			System::account_nonce(account)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentApi<Block, Balance> for Runtime {
		fn query_info(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment_rpc_runtime_api::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_info(uxt, len)
		}
		fn query_fee_details(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_fee_details(uxt, len)
		}
		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}
		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentCallApi<Block, Balance, RuntimeCall>
		for Runtime
	{
		fn query_call_info(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_call_info(call, len)
		}
		fn query_call_fee_details(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_call_fee_details(call, len)
		}
		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}
		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl xcm_runtime_apis::fees::XcmPaymentApi<Block> for Runtime {
		fn query_acceptable_payment_assets(xcm_version: XcmVersion) -> Result<Vec<VersionedAssetId>, XcmPaymentApiError> {
			let acceptable_assets = alloc::vec![AssetId(xcm_config::HereLocation::get())];
			PolkadotXcm::query_acceptable_payment_assets(xcm_version, acceptable_assets)
		}

		fn query_weight_to_asset_fee(weight: Weight, asset: VersionedAssetId) -> Result<u128, XcmPaymentApiError> {
			use frame_support::weights::WeightToFee as _;
			let asset: AssetId = asset.try_into()
				.map_err(|_| XcmPaymentApiError::VersionedConversionFailed)?;
			if asset == AssetId(xcm_config::HereLocation::get()) {
				Ok(crate::WeightToFee::weight_to_fee(&weight))
			} else {
				Err(XcmPaymentApiError::AssetNotFound)
			}
		}

		fn query_xcm_weight(message: VersionedXcm<()>) -> Result<Weight, XcmPaymentApiError> {
			PolkadotXcm::query_xcm_weight(message)
		}

		fn query_delivery_fees(
			destination: VersionedLocation,
			message: VersionedXcm<()>,
			asset_id: VersionedAssetId,
		) -> Result<VersionedAssets, XcmPaymentApiError> {
			PolkadotXcm::query_delivery_fees::<()>(destination, message, asset_id)
		}
	}

	impl xcm_runtime_apis::dry_run::DryRunApi<Block, RuntimeCall, RuntimeEvent, OriginCaller> for Runtime {
		fn dry_run_call(
			origin: OriginCaller,
			call: RuntimeCall,
			result_xcms_version: XcmVersion,
		) -> Result<CallDryRunEffects<RuntimeEvent>, XcmDryRunApiError> {
			PolkadotXcm::dry_run_call::<Runtime, xcm_config::XcmRouter, OriginCaller, RuntimeCall>(
				origin,
				call,
				result_xcms_version,
			)
		}

		fn dry_run_xcm(
			origin_location: VersionedLocation,
			xcm: VersionedXcm<RuntimeCall>,
		) -> Result<XcmDryRunEffects<RuntimeEvent>, XcmDryRunApiError> {
			PolkadotXcm::dry_run_xcm::<xcm_config::XcmRouter>(origin_location, xcm)
		}
	}

	impl xcm_runtime_apis::conversions::LocationToAccountApi<Block, AccountId> for Runtime {
		fn convert_location(location: VersionedLocation) -> Result<
			AccountId,
			xcm_runtime_apis::conversions::Error
		> {
			xcm_runtime_apis::conversions::LocationToAccountHelper::<
				AccountId,
				xcm_config::LocationToAccountId,
			>::convert_location(location)
		}
	}

	#[api_version(2)]
	impl veritas_primitives::VerifierApi<Block> for Runtime {
		fn backend() -> veritas_verifier::Backend {
			<crate::configs::ProofVerifier as veritas_primitives::ProofVerifier>::backend()
		}

		fn backend_status() -> veritas_primitives::BackendStatus {
			crate::verifier_backend::status()
		}

		fn validate_verifying_key(vk: Vec<u8>) -> Result<u32, veritas_verifier::VerifierError> {
			veritas_verifier::backend::validate_vk(Self::backend(), &vk)
		}

		fn verify(
			vk: Vec<u8>,
			proof: Vec<u8>,
			inputs: Vec<veritas_verifier::PublicInput>,
		) -> Result<bool, veritas_verifier::VerifierError> {
			veritas_verifier::backend::verify(Self::backend(), &vk, &proof, &inputs)
		}

		fn verify_with(
			backend: veritas_verifier::Backend,
			vk: Vec<u8>,
			proof: Vec<u8>,
			inputs: Vec<veritas_verifier::PublicInput>,
		) -> Result<bool, veritas_verifier::VerifierError> {
			veritas_verifier::backend::verify(backend, &vk, &proof, &inputs)
		}

		fn verify_batch(
			backend: veritas_verifier::Backend,
			vk: Vec<u8>,
			entries: Vec<(Vec<u8>, Vec<veritas_verifier::PublicInput>)>,
		) -> Result<veritas_verifier::BatchVerdict, veritas_verifier::VerifierError> {
			check_batch_len(&entries)?;
			veritas_verifier::backend::verify_batch(backend, &vk, &borrowed(&entries))
		}

		fn prepare_verifying_key(
			backend: veritas_verifier::Backend,
			vk: Vec<u8>,
		) -> Result<Vec<u8>, veritas_verifier::VerifierError> {
			veritas_verifier::backend::prepare_vk(backend, &vk)
		}

		fn verify_prepared(
			backend: veritas_verifier::Backend,
			prepared_vk: Vec<u8>,
			proof: Vec<u8>,
			inputs: Vec<veritas_verifier::PublicInput>,
		) -> Result<bool, veritas_verifier::VerifierError> {
			veritas_verifier::backend::check_prepared_vk(&prepared_vk)?;
			veritas_verifier::backend::verify_prepared(backend, &prepared_vk, &proof, &inputs)
		}

		fn verify_batch_prepared(
			backend: veritas_verifier::Backend,
			prepared_vk: Vec<u8>,
			entries: Vec<(Vec<u8>, Vec<veritas_verifier::PublicInput>)>,
		) -> Result<veritas_verifier::BatchVerdict, veritas_verifier::VerifierError> {
			check_batch_len(&entries)?;
			veritas_verifier::backend::check_prepared_vk(&prepared_vk)?;
			veritas_verifier::backend::verify_batch_prepared(backend, &prepared_vk, &borrowed(&entries))
		}

		fn commit_input(
			input: Vec<u8>,
		) -> Result<veritas_verifier::PublicInput, veritas_verifier::VerifierError> {
			// An RPC caller must not make the node hash more than a job may carry.
			let longest: u32 = <Runtime as pallet_inference::Config>::MaxInputLen::get();
			if input.len() > longest as usize {
				return Err(veritas_verifier::VerifierError::InputTooLong);
			}
			Ok(<crate::configs::ProofVerifier as veritas_primitives::ProofVerifier>::commit_input(
				&input,
			))
		}
	}

	impl veritas_primitives::ModelsApi<Block, AccountId, Balance, BlockNumber> for Runtime {
		fn model(
			id: veritas_primitives::ModelId,
		) -> Option<veritas_primitives::ModelInfo<AccountId, Balance, BlockNumber>> {
			crate::Models::model(id)
		}

		fn models(
			start: veritas_primitives::ModelId,
			limit: u32,
		) -> Vec<(veritas_primitives::ModelId, veritas_primitives::ModelInfo<AccountId, Balance, BlockNumber>)> {
			crate::Models::models(start, limit)
		}

		fn models_by_owner(owner: AccountId) -> Vec<veritas_primitives::ModelId> {
			crate::Models::models_by_owner(owner)
		}
	}

	impl veritas_primitives::InferenceApi<Block, AccountId, Balance, BlockNumber> for Runtime {
		fn job(
			id: veritas_primitives::JobId,
		) -> Option<veritas_primitives::JobDetails<AccountId, Balance, BlockNumber>> {
			crate::Inference::job_details(id)
		}

		fn operator(who: AccountId) -> Option<veritas_primitives::OperatorDetails<Balance, BlockNumber>> {
			crate::Inference::operator_details(&who)
		}

		fn operator_jobs(
			who: AccountId,
			start: veritas_primitives::JobId,
			limit: u32,
		) -> Vec<veritas_primitives::JobId> {
			crate::Inference::operator_jobs(&who, start, limit)
		}

		fn best_quote(
			model: veritas_primitives::ModelId,
			timeout: BlockNumber,
		) -> Option<(AccountId, Balance)> {
			crate::Inference::best_quote(model, timeout)
		}

		fn pending_slash(
			id: veritas_primitives::SlashId,
		) -> Option<veritas_primitives::PendingSlash<AccountId, Balance, BlockNumber>> {
			crate::Inference::pending_slash(id)
		}
	}

	impl cumulus_primitives_core::CollectCollationInfo<Block> for Runtime {
		fn collect_collation_info(header: &<Block as BlockT>::Header) -> cumulus_primitives_core::CollationInfo {
			ParachainSystem::collect_collation_info(header)
		}
	}

	#[cfg(feature = "try-runtime")]
	impl frame_try_runtime::TryRuntime<Block> for Runtime {
		fn on_runtime_upgrade(checks: frame_try_runtime::UpgradeCheckSelect) -> (Weight, Weight) {
			// try-runtime is an off-chain tool: a failing migration must abort it loudly, with a
			// backtrace, rather than return a weight.
			#[allow(clippy::unwrap_used)]
			let weight = Executive::try_runtime_upgrade(checks).unwrap();
			(weight, crate::RuntimeBlockWeights::get().max_block)
		}

		fn execute_block(
			block: <Block as BlockT>::LazyBlock,
			state_root_check: bool,
			signature_check: bool,
			select: frame_try_runtime::TryStateSelect,
		) -> Weight {
			#[allow(clippy::unwrap_used)]
			Executive::try_execute_block(block, state_root_check, signature_check, select).unwrap()
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	impl frame_benchmarking::Benchmark<Block> for Runtime {
		fn benchmark_metadata(extra: bool) -> (
			Vec<frame_benchmarking::BenchmarkList>,
			Vec<frame_support::traits::StorageInfo>,
		) {
			crate::benchmarks::benchmark_metadata(extra)
		}

		fn dispatch_benchmark(
			config: frame_benchmarking::BenchmarkConfig
		) -> Result<Vec<frame_benchmarking::BenchmarkBatch>, alloc::string::String> {
			crate::benchmarks::dispatch_benchmark(config)
		}
	}

	impl sp_genesis_builder::GenesisBuilder<Block> for Runtime {
		fn build_state(config: Vec<u8>) -> sp_genesis_builder::Result {
			build_state::<RuntimeGenesisConfig>(config)
		}

		fn get_preset(id: &Option<sp_genesis_builder::PresetId>) -> Option<Vec<u8>> {
			get_preset::<RuntimeGenesisConfig>(id, crate::genesis_config_presets::get_preset)
		}

		fn preset_names() -> Vec<sp_genesis_builder::PresetId> {
			crate::genesis_config_presets::preset_names()
		}
	}
}
