//! The relay chain as the parachain sees it: a relay parent whose state holds the session index and
//! the executor parameters of that session, proven to the parachain only for the keys it asked for.

use codec::Encode;
use polkadot_sdk::{
	cumulus_primitives_core::{
		relay_chain::{ExecutorHostFunction, ExecutorParam, ExecutorParams, HeadData, Slot},
		ParaId, RelayProofRequest, RelayStorageKey,
	},
	cumulus_test_relay_sproof_builder::RelayStateSproofBuilder,
	sp_core::H256,
	sp_state_machine::StorageProof,
};
use veritas_runtime::verifier_backend::{
	current_session_index_key, pending_configs_key, session_executor_params_key,
};

/// What the relay's `SessionExecutorParams` hold for the validating session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExecutorParamsState {
	/// `EnabledHostFunction(EccRfc163)` among them.
	EccEnabled,
	/// Parameters without it (the relay's default).
	EccDisabled,
	/// No entry for the session.
	Absent,
	/// Bytes that do not decode as executor parameters.
	Garbage,
}

impl ExecutorParamsState {
	/// The parameters a relay validator executes with under this state.
	pub fn executor_params(&self) -> ExecutorParams {
		match self {
			ExecutorParamsState::EccEnabled => ExecutorParams::from(&[ecc()][..]),
			_ => ExecutorParams::default(),
		}
	}

	fn stored(&self) -> Option<Vec<u8>> {
		match self {
			ExecutorParamsState::EccEnabled => Some(self.executor_params().encode()),
			ExecutorParamsState::EccDisabled => {
				Some(ExecutorParams::from(&[ExecutorParam::MaxMemoryPages(8192)][..]).encode())
			}
			ExecutorParamsState::Absent => None,
			ExecutorParamsState::Garbage => Some(vec![4, 0xee, 0xee]),
		}
	}
}

/// `ExecutorParam::EnabledHostFunction(EccRfc163)`.
pub fn ecc() -> ExecutorParam {
	ExecutorParam::EnabledHostFunction(ExecutorHostFunction::EccRfc163)
}

/// One relay parent: its number, state root and the proof of what the parachain reads from it.
pub struct RelayParent {
	pub number: u32,
	pub storage_root: H256,
	pub proof: StorageProof,
}

/// The relay chain under a parachain: its session and executor parameters, and its block height.
pub struct Relay {
	pub para_id: ParaId,
	pub session: u32,
	pub executor_params: ExecutorParamsState,
	number: u32,
}

impl Relay {
	pub fn new(para_id: ParaId, executor_params: ExecutorParamsState) -> Self {
		Self { para_id, session: 1, executor_params, number: 0 }
	}

	/// The next relay parent, at `slot`, with the parachain head `included` on it, proving the
	/// static keys every collator proves and those of `request` (the runtime's
	/// `KeyToIncludeInRelayProof`) that the relay state holds.
	pub fn next_parent(
		&mut self,
		slot: u64,
		included: HeadData,
		request: &RelayProofRequest,
	) -> RelayParent {
		self.number = self.number.saturating_add(1);
		// No configuration change scheduled: `PendingConfigs` is the empty vector.
		let mut state = vec![
			(current_session_index_key(), self.session.encode()),
			(pending_configs_key(), Vec::<u8>::new().encode()),
		];
		if let Some(params) = self.executor_params.stored() {
			state.push((session_executor_params_key(self.session), params));
		}
		let requested = |key: &Vec<u8>| {
			request
				.keys
				.iter()
				.any(|asked| matches!(asked, RelayStorageKey::Top(top) if top == key))
		};
		let builder = RelayStateSproofBuilder {
			para_id: self.para_id,
			current_slot: Slot::from(slot),
			included_para_head: Some(included),
			additional_key_values: state.into_iter().filter(|(key, _)| requested(key)).collect(),
			..Default::default()
		};
		let (storage_root, proof) = builder.into_state_root_and_proof();
		RelayParent { number: self.number, storage_root, proof }
	}
}
