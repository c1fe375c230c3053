//! A Veritas chain built in-process from the compiled runtime, block by block, as a collator
//! builds it: every runtime call of a block runs over a recording trie backend, and the recorded
//! nodes become the block's PoV.

use crate::{
	context,
	relay::{Relay, RelayParent},
	Error, Result,
};
use codec::{Decode, Encode};
use polkadot_sdk::{
	cumulus_client_service::ParachainHostFunctions,
	cumulus_primitives_core::{
		relay_chain::{HeadData, MAX_POV_SIZE},
		ParachainBlockData, PersistedValidationData, RelayProofRequest,
	},
	cumulus_primitives_parachain_inherent::{
		ParachainInherentData, INHERENT_IDENTIFIER as PARACHAIN_INHERENT,
	},
	frame_system,
	polkadot_parachain_primitives::primitives::{BlockData, ValidationParams},
	sc_chain_spec::GenesisConfigBuilderRuntimeCaller,
	sc_executor::WasmExecutor,
	sp_consensus_aura::{sr25519::AuthorityId as AuraId, Slot, AURA_ENGINE_ID},
	sp_core::{
		storage::well_known_keys::CODE,
		traits::{CallContext, RuntimeCode, WrappedRuntimeCode},
		Pair, H256,
	},
	sp_externalities::Extensions,
	sp_inherents::InherentData,
	sp_keyring::Sr25519Keyring,
	sp_runtime::{
		generic::{Digest, DigestItem, SignedPayload},
		traits::{BlakeTwo256, Hash as _, Header as _},
		ApplyExtrinsicResult, MultiAddress, MultiSignature, StateVersion,
	},
	sp_state_machine::{OverlayedChanges, StateMachine, TrieBackend, TrieBackendBuilder},
	sp_trie::{proof_size_extension::ProofSizeExt, recorder::Recorder, PrefixedMemoryDB},
};
use std::collections::BTreeMap;
use veritas_runtime::{
	AccountId, Block, Header, RuntimeCall, RuntimeEvent, UncheckedExtrinsic, SLOT_DURATION, VERSION,
};

/// The largest decompressed PoV a validator accepts (the node's `POV_BOMB_LIMIT`).
pub const POV_BOMB_LIMIT: usize = MAX_POV_SIZE as usize * 4;

type State = TrieBackend<PrefixedMemoryDB<BlakeTwo256>, BlakeTwo256>;

/// A block as a collator hands it to the relay.
pub struct Candidate {
	pub block: Block,
	/// What `validate_block` receives: the parent head, the (compressed) PoV, the relay parent.
	pub params: ValidationParams,
	/// The PoV before compression, in bytes.
	pub pov_size: usize,
	/// What each extrinsic's application returned, inherents first.
	pub applied: Vec<ApplyExtrinsicResult>,
	/// The events the block deposited.
	pub events: Vec<RuntimeEvent>,
}

impl Candidate {
	/// The encoded size of the compressed PoV: what the relay compares with `max_pov_size`.
	pub fn compressed_pov_size(&self) -> usize {
		self.params.block_data.0.len()
	}
}

/// Why a signed extrinsic was not included.
#[derive(Debug)]
pub enum Refused {
	/// The block has no room left for it.
	Full,
	/// Anything else: the transaction-validity error.
	Invalid(String),
}

/// The chain: state, head, the runtime and its collators' keys.
pub struct Chain {
	executor: WasmExecutor<ParachainHostFunctions>,
	code: WrappedRuntimeCode<'static>,
	code_hash: Vec<u8>,
	state: State,
	head: Header,
	genesis_hash: H256,
	nonces: BTreeMap<AccountId, u32>,
	timestamp: u64,
	pub relay: Relay,
}

impl Chain {
	/// A chain started from genesis preset `preset` of the compiled runtime, on `relay`. Its
	/// Aura authorities must be dev keys: they seal its blocks.
	pub fn new(preset: &str, relay: Relay) -> Result<Self> {
		let wasm = runtime_code()?;
		let mut storage = GenesisConfigBuilderRuntimeCaller::<ParachainHostFunctions>::new(wasm)
			.get_storage_for_named_preset(Some(&preset.to_string()))
			.map_err(context("building the genesis state"))?;
		storage.top.insert(CODE.to_vec(), wasm.to_vec());
		let state = State::from((storage, StateVersion::V1));
		let head = Header::new(
			0,
			BlakeTwo256::trie_root(Vec::new(), StateVersion::V1),
			*state.root(),
			H256::zero(),
			Digest::default(),
		);
		Ok(Self {
			executor: WasmExecutor::builder().build(),
			code: WrappedRuntimeCode(wasm.to_vec().into()),
			code_hash: BlakeTwo256::hash(wasm).as_bytes().to_vec(),
			state,
			genesis_hash: head.hash(),
			head,
			nonces: BTreeMap::new(),
			// Far from zero, as on a live network, with the slot of the first block on a
			// relay slot boundary.
			timestamp: 1_800_000_000_000 / SLOT_DURATION * SLOT_DURATION,
			relay,
		})
	}

	pub fn head(&self) -> &Header {
		&self.head
	}

	/// `call` signed by `signer`, with its next nonce and every transaction extension of the
	/// runtime, immortal and without tip.
	pub fn sign(&mut self, signer: &Sr25519Keyring, call: RuntimeCall) -> UncheckedExtrinsic {
		let who = signer.to_account_id();
		let nonce = self.nonces.entry(who.clone()).or_insert(0);
		let extension = veritas_runtime::immortal_tx_extension(*nonce, 0);
		*nonce = nonce.saturating_add(1);
		let implicit = (
			(),
			VERSION.spec_version,
			VERSION.transaction_version,
			self.genesis_hash,
			self.genesis_hash,
			(),
			(),
			(),
			None,
		);
		let payload = SignedPayload::from_raw(call.clone(), extension.clone(), implicit);
		let signature = payload.using_encoded(|bytes| signer.sign(bytes));
		UncheckedExtrinsic::new_signed(
			call,
			MultiAddress::Id(who),
			MultiSignature::Sr25519(signature),
			extension,
		)
	}

	/// Forgets the nonce handed out for `signer`'s last extrinsic (one that was not included).
	pub fn unsign(&mut self, signer: &Sr25519Keyring) {
		if let Some(nonce) = self.nonces.get_mut(&signer.to_account_id()) {
			*nonce = nonce.saturating_sub(1);
		}
	}

	/// Builds, seals and imports the next block with `extrinsics`; every one must be included.
	pub fn build_block(&mut self, extrinsics: Vec<UncheckedExtrinsic>) -> Result<Candidate> {
		let mut pending = extrinsics.into_iter();
		let candidate = self.build_block_with(|| pending.next())?;
		if let Some(refused) = candidate.1 {
			return Err(Error(format!("an extrinsic was not included: {refused:?}")));
		}
		Ok(candidate.0)
	}

	/// Builds the next block from `next` until it returns `None` or an extrinsic is refused (as
	/// a block builder stops when the block is full); the refused one is returned, not included.
	pub fn build_block_with(
		&mut self,
		mut next: impl FnMut() -> Option<UncheckedExtrinsic>,
	) -> Result<(Candidate, Option<Refused>)> {
		self.timestamp = self.timestamp.saturating_add(SLOT_DURATION);
		let slot = self.timestamp / SLOT_DURATION;
		let parent_head = HeadData(self.head.encode());
		let parent_root = *self.state.root();
		let parent_hash = self.head.hash();
		let number = self.head.number.saturating_add(1);

		// The collator asks the runtime which relay keys to prove, at the parent's state.
		let request: RelayProofRequest =
			self.call_at_parent("KeyToIncludeInRelayProof_keys_to_prove", &[])?;
		let relay_slot = self
			.timestamp
			.checked_div(u64::from(veritas_runtime::RELAY_CHAIN_SLOT_DURATION_MILLIS))
			.unwrap_or_default();
		let RelayParent { number: relay_number, storage_root, proof: relay_proof } =
			self.relay.next_parent(relay_slot, parent_head.clone(), &request);

		let recorder = Recorder::<BlakeTwo256>::default();
		let backend = TrieBackendBuilder::wrap(&self.state).with_recorder(recorder.clone()).build();
		let mut overlay = OverlayedChanges::default();
		let mut extensions = Extensions::new();
		extensions.register(ProofSizeExt::new(recorder.clone()));
		let runtime_code = self.executor_code();
		let mut call = |method: &str, data: &[u8], overlay: &mut OverlayedChanges<BlakeTwo256>| {
			StateMachine::new(
				&backend,
				overlay,
				&self.executor,
				method,
				data,
				&mut extensions,
				&runtime_code,
				CallContext::Onchain { import: false },
			)
			.execute()
			.map_err(context(method))
		};

		let pre_digest = DigestItem::PreRuntime(AURA_ENGINE_ID, Slot::from(slot).encode());
		let header = Header::new(
			number,
			H256::zero(),
			H256::zero(),
			parent_hash,
			Digest { logs: vec![pre_digest] },
		);
		call("Core_initialize_block", &header.encode(), &mut overlay)?;

		let mut inherent_data = InherentData::new();
		inherent_data
			.put_data(polkadot_sdk::sp_timestamp::INHERENT_IDENTIFIER, &self.timestamp)
			.map_err(context("timestamp inherent"))?;
		let parachain = ParachainInherentData {
			validation_data: PersistedValidationData {
				parent_head: parent_head.clone(),
				relay_parent_number: relay_number,
				relay_parent_storage_root: storage_root,
				max_pov_size: MAX_POV_SIZE,
			},
			relay_chain_state: relay_proof,
			downward_messages: Vec::new(),
			horizontal_messages: BTreeMap::new(),
			relay_parent_descendants: Vec::new(),
			collator_peer_id: None,
		};
		inherent_data
			.put_data(PARACHAIN_INHERENT, &parachain)
			.map_err(context("parachain inherent"))?;
		let inherents: Vec<UncheckedExtrinsic> = decode(
			&call("BlockBuilder_inherent_extrinsics", &inherent_data.encode(), &mut overlay)?,
			"inherent extrinsics",
		)?;

		let mut included = Vec::new();
		let mut applied = Vec::new();
		for inherent in inherents {
			let result: ApplyExtrinsicResult = decode(
				&call("BlockBuilder_apply_extrinsic", &inherent.encode(), &mut overlay)?,
				"apply",
			)?;
			if !matches!(result, Ok(Ok(()))) {
				return Err(Error(format!("an inherent failed: {result:?}")));
			}
			applied.push(result);
			included.push(inherent);
		}
		let mut refused = None;
		while let Some(extrinsic) = next() {
			overlay.start_transaction();
			let result: ApplyExtrinsicResult = decode(
				&call("BlockBuilder_apply_extrinsic", &extrinsic.encode(), &mut overlay)?,
				"apply",
			)?;
			match result {
				Ok(_) => {
					overlay
						.commit_transaction()
						.map_err(|_| Error("no transaction to commit".into()))?;
					applied.push(result);
					included.push(extrinsic);
				}
				Err(error) => {
					overlay
						.rollback_transaction()
						.map_err(|_| Error("no transaction to roll back".into()))?;
					use polkadot_sdk::sp_runtime::transaction_validity::{
						InvalidTransaction, TransactionValidityError,
					};
					refused = Some(match error {
						TransactionValidityError::Invalid(
							InvalidTransaction::ExhaustsResources,
						) => Refused::Full,
						other => Refused::Invalid(format!("{other:?}")),
					});
					break;
				}
			}
		}
		let mut header: Header =
			decode(&call("BlockBuilder_finalize_block", &[], &mut overlay)?, "finalize_block")?;
		let events = read_events(&backend, &mut overlay)?;
		let changes = overlay
			.drain_storage_changes(&backend, StateVersion::V1)
			.map_err(context("collecting the block's changes"))?;
		drop(backend);
		let proof = recorder.drain_storage_proof();

		// Aura: the slot's author signs the header without its seal.
		let signature = self.author(slot)?.sign(header.hash().as_ref());
		header.digest_mut().push(DigestItem::Seal(AURA_ENGINE_ID, signature.encode()));

		let block = Block { header: header.clone(), extrinsics: included };
		let compact = proof
			.into_compact_proof::<BlakeTwo256>(parent_root)
			.map_err(context("compacting the storage proof"))?;
		let pov = ParachainBlockData::<Block>::new(vec![block.clone()], compact, None).encode();
		let compressed =
			polkadot_sdk::sp_maybe_compressed_blob::compress_weakly(&pov, POV_BOMB_LIMIT)
				.ok_or_else(|| Error("the PoV does not compress within the bomb limit".into()))?;

		self.state.apply_transaction(changes.transaction_storage_root, changes.transaction);
		self.head = header;
		Ok((
			Candidate {
				block,
				params: ValidationParams {
					parent_head,
					block_data: BlockData(compressed),
					relay_parent_number: relay_number,
					relay_parent_storage_root: storage_root,
				},
				pov_size: pov.len(),
				applied,
				events,
			},
			refused,
		))
	}

	/// The dev key of the Aura authority of `slot`, by the head's authority set.
	fn author(&self, slot: u64) -> Result<polkadot_sdk::sp_core::sr25519::Pair> {
		let authorities: Vec<AuraId> = self.call_at_parent("AuraApi_authorities", &[])?;
		let count = u64::try_from(authorities.len()).unwrap_or(u64::MAX);
		let index = slot.checked_rem(count).and_then(|index| usize::try_from(index).ok());
		let author = index
			.and_then(|index| authorities.get(index))
			.ok_or_else(|| Error("the chain has no Aura authorities".into()))?;
		Sr25519Keyring::from_public(author.as_ref())
			.map(|key| key.pair())
			.ok_or_else(|| Error(format!("the slot's author {author:?} is not a dev key")))
	}

	/// The runtime, as the executor takes it.
	fn executor_code(&self) -> RuntimeCode<'_> {
		RuntimeCode { code_fetcher: &self.code, heap_pages: None, hash: self.code_hash.clone() }
	}

	/// Calls runtime API `method` on the head's state (changes discarded).
	pub fn call_at_parent<R: Decode>(&self, method: &str, data: &[u8]) -> Result<R> {
		let mut overlay = OverlayedChanges::default();
		let mut extensions = Extensions::new();
		let runtime_code = self.executor_code();
		let bytes = StateMachine::new(
			&self.state,
			&mut overlay,
			&self.executor,
			method,
			data,
			&mut extensions,
			&runtime_code,
			CallContext::Offchain,
		)
		.execute()
		.map_err(context(method))?;
		decode(&bytes, method)
	}
}

/// The compiled runtime (compressed, as it is stored on chain and registered on the relay).
pub fn runtime_code() -> Result<&'static [u8]> {
	veritas_runtime::WASM_BINARY
		.ok_or_else(|| Error("the runtime wasm was not built (SKIP_WASM_BUILD is set)".into()))
}

fn decode<T: Decode>(bytes: &[u8], what: &str) -> Result<T> {
	T::decode(&mut &bytes[..]).map_err(context(what))
}

/// The events of the block being built, read from its pending changes.
fn read_events<B: polkadot_sdk::sp_state_machine::Backend<BlakeTwo256>>(
	backend: &B,
	overlay: &mut OverlayedChanges<BlakeTwo256>,
) -> Result<Vec<RuntimeEvent>> {
	let key = polkadot_sdk::frame_support::storage::storage_prefix(b"System", b"Events");
	let bytes = match overlay.storage(&key) {
		Some(value) => value.map(<[u8]>::to_vec),
		None => backend.storage(&key).map_err(context("reading the events"))?,
	};
	let records: Vec<frame_system::EventRecord<RuntimeEvent, H256>> =
		bytes.map(|bytes| decode(&bytes, "events")).transpose()?.unwrap_or_default();
	Ok(records.into_iter().map(|record| record.event).collect())
}
