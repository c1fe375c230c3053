//! The verification backend follows the relay chain.
//!
//! A relay validator executes a Veritas block with the RFC-163 BLS12-381 host functions only if
//! the executor parameters of the session validating it include `EnabledHostFunction(EccRfc163)`;
//! without them the first host call traps and the block is invalid, while collators, which have
//! the functions, keep building such blocks: the chain would stall silently. So each block reads
//! those parameters from its relay state proof, and under the default `Auto` policy verifies on
//! the host calls only when they are enabled.
//!
//! Which session validates a block: candidate validation takes the executor parameters of the
//! session a child of the relay parent belongs to, and the relay applies a session change at the
//! end of the block that ends a session, so that is `ParasShared::CurrentSessionIndex` as the
//! relay parent's state holds it. Its parameters are `ParaSessionInfo::SessionExecutorParams`.
//! Neither key is in the relay state proof by default: the runtime asks its collator to include
//! them through `KeyToIncludeInRelayProof`, for the session it last saw and the next one. A proof
//! without them (no relay, a collator that ignores the request, the first block of a session that
//! was not foreseen) reads as [`RelayHostCalls::Unknown`], which `Auto` treats as "not enabled":
//! a block verified in pure wasm is valid under every relay.
//!
//! The next session matters too: relay nodes without polkadot-sdk#9774 take the executor
//! parameters of the session of the relay block that *includes* a candidate for approval checks
//! and disputes, and a block built at the end of a session is included in the next. The next
//! session's parameters are the active configuration's unless a change is scheduled, so the host
//! calls are used only while `Configuration::PendingConfigs` is empty
//! ([`RelayHostCalls::ChangePending`] otherwise). This assumes a candidate is included at most one
//! session after its relay parent's, which holds while the relay keeps
//! `max_relay_parent_session_age` at 0 (its default); a relay that raises it lets a candidate
//! reach a session whose scheduled change the relay parent could not see.

pub use pallet::*;

use crate::configs::dynamic_params::verifier::VerificationBackend;
use alloc::vec;
use cumulus_pallet_parachain_system::{
	relay_state_snapshot::{Error as ProofError, ReadEntryErr},
	RelayChainStateProof,
};
use cumulus_primitives_core::{
	relay_chain::{ExecutorHostFunction, ExecutorParam, ExecutorParams, SessionIndex},
	RelayProofRequest, RelayStorageKey,
};
use frame_support::traits::Get;
use polkadot_sdk::*;
use veritas_primitives::{Backend, BackendStatus, RelayHostCalls};

/// `ParasShared::CurrentSessionIndex` on the relay chain.
pub fn current_session_index_key() -> alloc::vec::Vec<u8> {
	frame_support::storage::storage_prefix(b"ParasShared", b"CurrentSessionIndex").to_vec()
}

/// `ParaSessionInfo::SessionExecutorParams(session)` on the relay chain (an `Identity` map).
pub fn session_executor_params_key(session: SessionIndex) -> alloc::vec::Vec<u8> {
	let mut key =
		frame_support::storage::storage_prefix(b"ParaSessionInfo", b"SessionExecutorParams")
			.to_vec();
	key.extend_from_slice(&session.to_le_bytes());
	key
}

/// `Configuration::PendingConfigs` on the relay chain: `Vec<(SessionIndex, HostConfiguration)>`,
/// the configuration changes scheduled for coming sessions.
pub fn pending_configs_key() -> alloc::vec::Vec<u8> {
	frame_support::storage::storage_prefix(b"Configuration", b"PendingConfigs").to_vec()
}

/// Whether the relay has a configuration change scheduled: `None` if the proof does not hold the
/// key. Only the vector's length is decoded, so a relay's newer `HostConfiguration` layout does not
/// matter; a length that does not decode counts as a change.
fn relay_change_pending(proof: &RelayChainStateProof) -> Option<bool> {
	match proof.read_optional_entry::<codec::Compact<u32>>(&pending_configs_key()) {
		Ok(None) => Some(false),
		Ok(Some(scheduled)) => Some(scheduled.0 > 0),
		Err(ProofError::ReadOptionalEntry(ReadEntryErr::Decode)) => Some(true),
		Err(_) => None,
	}
}

/// What `proof` says of `EccRfc163` in the validating session, and that session if readable.
pub fn read_relay_host_calls(
	proof: &RelayChainStateProof,
) -> (Option<SessionIndex>, RelayHostCalls) {
	let Ok(Some(session)) = proof.read_optional_entry::<SessionIndex>(&current_session_index_key())
	else {
		return (None, RelayHostCalls::Unknown);
	};
	let reading =
		match proof.read_optional_entry::<ExecutorParams>(&session_executor_params_key(session)) {
			Ok(Some(params)) => {
				let ecc = ExecutorParam::EnabledHostFunction(ExecutorHostFunction::EccRfc163);
				if params.iter().any(|param| param == &ecc) {
					match relay_change_pending(proof) {
						Some(false) => RelayHostCalls::Enabled { session },
						Some(true) => RelayHostCalls::ChangePending { session },
						None => RelayHostCalls::Unknown,
					}
				} else {
					RelayHostCalls::Disabled { session }
				}
			}
			Err(ProofError::ReadOptionalEntry(ReadEntryErr::Decode)) => {
				RelayHostCalls::Undecodable { session }
			}
			// Not in the proof, or provably absent.
			_ => RelayHostCalls::Unknown,
		};
	(Some(session), reading)
}

/// The backend block execution verifies on: governance's policy applied to this block's relay
/// reading.
///
/// Before this block's `set_validation_data` inherent has run (in `on_initialize` hooks, e.g. an
/// XCM `Transact` the message queue executes) the stored reading is the previous block's, whose
/// relay parent may be in an earlier session than this block's: there it counts as `Unknown`.
/// Otherwise a relay that turned `EccRfc163` off at a session change would find a host call in
/// the first block of the new session, and every rebuild of that block would trap again.
pub struct InForce;

impl Get<Backend> for InForce {
	fn get() -> Backend {
		VerificationBackend::get().resolve(current_reading())
	}
}

/// The stored relay reading if this block's relay state proof has been read, else `Unknown`.
/// `ParachainSystem` clears `ValidationData` in its `on_initialize` and sets it in the inherent.
fn current_reading() -> RelayHostCalls {
	if cumulus_pallet_parachain_system::ValidationData::<crate::Runtime>::exists() {
		RelayHostCallsRead::get()
	} else {
		RelayHostCalls::Unknown
	}
}

/// The relay reading stored by the last block.
type RelayHostCallsRead = RelayHostCallsOf<crate::Runtime>;

/// Which backend verifies now, and why (at the end of a block: after its inherent).
pub fn status() -> BackendStatus {
	let policy = VerificationBackend::get();
	let relay = current_reading();
	BackendStatus { backend: policy.resolve(relay), policy, relay }
}

// The pallet macros expand to code that calls `expect` on values they construct themselves.
#[allow(clippy::expect_used)]
#[polkadot_sdk::frame_support::pallet]
pub mod pallet {
	use super::*;
	use polkadot_sdk::frame_support::pallet_prelude::*;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: polkadot_sdk::frame_system::Config<RuntimeEvent: From<Event<Self>>> {}

	/// What the last block's relay state proof said of `EccRfc163`. Written only when it changes.
	#[pallet::storage]
	pub type RelayHostCallsOf<T> = StorageValue<_, RelayHostCalls, ValueQuery>;

	/// The relay session the last readable proof was in: the executor parameters of this session
	/// and the next are the keys the collator is asked to prove.
	#[pallet::storage]
	pub type RelaySession<T> = StorageValue<_, SessionIndex, OptionQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// The relay's reading of `EccRfc163` changed; `backend` verifies from this block on
		/// (under the current policy).
		RelayHostCallsChanged { relay: RelayHostCalls, backend: Backend },
	}

	impl<T: Config> Pallet<T> {
		/// The relay keys the collator is asked to include in the next block's state proof.
		pub fn keys_to_prove() -> RelayProofRequest {
			let mut keys = vec![
				RelayStorageKey::Top(current_session_index_key()),
				RelayStorageKey::Top(pending_configs_key()),
			];
			if let Some(session) = RelaySession::<T>::get() {
				keys.push(RelayStorageKey::Top(session_executor_params_key(session)));
				keys.push(RelayStorageKey::Top(session_executor_params_key(
					session.saturating_add(1),
				)));
			}
			RelayProofRequest { keys }
		}

		/// Records what `proof` says; emits an event when the reading changes.
		pub fn note_relay_proof(proof: &RelayChainStateProof) -> Weight {
			let (session, reading) = read_relay_host_calls(proof);
			if let Some(session) = session {
				if RelaySession::<T>::get() != Some(session) {
					RelaySession::<T>::put(session);
				}
			}
			if RelayHostCallsOf::<T>::get() != reading {
				RelayHostCallsOf::<T>::put(reading);
				let backend = VerificationBackend::get().resolve(reading);
				log::info!(
					target: "runtime::verifier_backend",
					"relay reading of EccRfc163: {reading:?}; verifying on {backend:?}",
				);
				Self::deposit_event(Event::RelayHostCallsChanged { relay: reading, backend });
			}
			// Charged at the worst case whatever happened: reading the relay entries walks a few
			// short paths of an in-memory trie, a few microseconds, bounded here generously; the
			// storage read (`RelaySession`, `RelayHostCallsOf`, the policy, `EventCount`) enters
			// the PoV; two values are written and an event deposited (`Events`, `EventCount`).
			T::DbWeight::get()
				.reads_writes(4, 4)
				.saturating_add(Weight::from_parts(PROOF_READ_REF_TIME, STORAGE_PROOF_SIZE))
		}
	}

	impl<T: Config> cumulus_pallet_parachain_system::OnSystemEvent for Pallet<T> {
		fn on_validation_data(_: &cumulus_primitives_core::PersistedValidationData) {}

		fn on_validation_code_applied() {}

		fn on_relay_state_proof(proof: &RelayChainStateProof) -> Weight {
			Self::note_relay_proof(proof)
		}
	}
}

/// Ref time charged for reading the relay entries from the state proof.
const PROOF_READ_REF_TIME: u64 = 100_000_000;

/// Proof size of reading `RelaySession`, `RelayHostCallsOf` and `EventCount` (FRAME's bound for a
/// storage value: 495 bytes of trie nodes plus the value, at most 16 bytes here) and the
/// `VerificationBackend` entry of `pallet_parameters`' map (FRAME's bound for an unbounded
/// `Blake2_128Concat` map: 2,475 bytes plus the entry, well under 128 bytes).
const STORAGE_PROOF_SIZE: u64 = 3 * (495 + 16) + (2475 + 128);
