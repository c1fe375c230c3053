//! Genesis presets, served through `sp-genesis-builder` so that any tool (the node's embedded
//! specs, `chain-spec-builder`, zombienet) can build a chain spec from the runtime alone.
//!
//! - `development`: one collator (Alice), Alice as sudo, every well-known dev account funded;
//!   proofs verified with the RFC-163 host calls (a dev chain has no relay to refuse them);
//!   referenda on the short development tracks, decided in about a minute.
//! - `local_testnet`: two invulnerable collators (Alice, Bob) and room for
//!   [`DESIRED_CANDIDATES`] bonded candidates, proofs verified in pure wasm (`Arkworks`, the
//!   safe default), no sudo: every decision is a referendum on the real tracks. The spec
//!   zombienet uses (its networks switch on the development tracks in their genesis patch).
//! - `production`: the shape of a real launch: no sudo, real tracks, pure-wasm verification, and
//!   no balances but the treasury's and the collator pot's existential deposits. A chain operator
//!   replaces the placeholder collators (Alice, Bob) and adds the launch's balances
//!   (docs/chain-operators.md).

use polkadot_sdk::*;

use crate::{
	AccountId, BalancesConfig, CollatorSelection, CollatorSelectionConfig, InitialParametersConfig,
	OriginsConfig, ParachainInfoConfig, PolkadotXcmConfig, RuntimeGenesisConfig, SessionConfig,
	SessionKeys, SudoConfig, EXISTENTIAL_DEPOSIT, UNIT,
};
use alloc::{vec, vec::Vec};
use cumulus_primitives_core::ParaId;
use frame_support::build_struct_json_patch;
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_genesis_builder::PresetId;
use sp_keyring::Sr25519Keyring;

/// The para id of the `development` preset. Nothing depends on it: a dev chain has no relay.
pub const DEVELOPMENT_PARA_ID: u32 = 2000;
/// The para id of the `local_testnet` preset; zombienet registers the chain under it.
pub const LOCAL_TESTNET_PARA_ID: u32 = 2000;
/// The para id of the `production` preset: a placeholder for the id the relay assigns.
pub const PRODUCTION_PARA_ID: u32 = 2000;
/// The name of the `production` preset.
pub const PRODUCTION_RUNTIME_PRESET: &str = "production";

/// The XCM version assumed for destinations whose version is not yet known.
const SAFE_XCM_VERSION: u32 = staging_xcm::prelude::XCM_VERSION;

/// What each endowed dev account starts with: one million VRT.
pub const DEV_ENDOWMENT: crate::Balance = 1_000_000 * UNIT;

/// What the treasury account starts with: enough to exist.
const TREASURY_ENDOWMENT: crate::Balance = UNIT;

/// The bond a collator candidate must put up: 10,000 VRT.
///
/// A candidate that takes a collator slot and then skips its Aura slots stalls the chain for a
/// slot each turn until `KickThreshold` (a six-hour session) removes it, and a kicked candidate
/// loses nothing but the time its bond was reserved. The bond is what makes filling the slots
/// with such Sybils dear: taking all [`DESIRED_CANDIDATES`] slots ties up 80,000 VRT, and it is
/// ten times `MinOperatorBond` (1,000 VRT), since a collator slot is a larger trust than an
/// operator's (it orders every transaction, not one model's jobs).
pub const CANDIDACY_BOND: crate::Balance = 10_000 * UNIT;

/// Bonded collator slots next to the invulnerables, in presets other than `development`: eight,
/// enough for several independent parties to collate while each slot's bond stays significant.
/// The dev chain has one collator and no candidates.
pub const DESIRED_CANDIDATES: u32 = 8;

/// What the collator selection pot starts with: the existential deposit, which the pallet
/// assumes it holds (it pays out only what exceeds it), so that every fee share it receives
/// lands, however small.
const POT_ENDOWMENT: crate::Balance = EXISTENTIAL_DEPOSIT;

/// Which preset a genesis is built for, where they differ.
struct Options {
	/// Bonded collator slots next to the invulnerables.
	desired_candidates: u32,
	/// Start with `VerificationBackend = HostCalls` (development only).
	host_call_verification: bool,
	/// The sudo key, if any (development only).
	sudo: Option<AccountId>,
	/// Referenda on the short development tracks (development only).
	development_tracks: bool,
}

fn testnet_genesis(
	invulnerables: Vec<(AccountId, AuraId)>,
	endowed_accounts: Vec<AccountId>,
	id: ParaId,
	options: Options,
) -> Value {
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig {
			balances: endowed_accounts
				.iter()
				.cloned()
				.map(|k| (k, DEV_ENDOWMENT))
				// The treasury exists from genesis, so that protocol fees below the existential
				// deposit are received rather than waived.
				.chain(core::iter::once((
					crate::configs::TreasuryAccount::get(),
					TREASURY_ENDOWMENT
				)))
				.chain(core::iter::once((CollatorSelection::account_id(), POT_ENDOWMENT)))
				.collect(),
		},
		parachain_info: ParachainInfoConfig { parachain_id: id },
		collator_selection: CollatorSelectionConfig {
			invulnerables: invulnerables.iter().cloned().map(|(acc, _)| acc).collect(),
			candidacy_bond: CANDIDACY_BOND,
			desired_candidates: options.desired_candidates,
		},
		session: SessionConfig {
			keys: invulnerables
				.into_iter()
				.map(|(acc, aura)| {
					(
						acc.clone(),          // account id
						acc,                  // validator id
						SessionKeys { aura }, // session keys
					)
				})
				.collect(),
		},
		polkadot_xcm: PolkadotXcmConfig { safe_xcm_version: Some(SAFE_XCM_VERSION) },
		sudo: SudoConfig { key: options.sudo },
		initial_parameters: InitialParametersConfig {
			host_call_verification: options.host_call_verification,
		},
		origins: OriginsConfig { development_tracks: options.development_tracks },
	})
}

fn collator(who: Sr25519Keyring) -> (AccountId, AuraId) {
	(who.to_account_id(), who.public().into())
}

fn development_config_genesis() -> Value {
	testnet_genesis(
		vec![collator(Sr25519Keyring::Alice)],
		Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect(),
		DEVELOPMENT_PARA_ID.into(),
		Options {
			desired_candidates: 0,
			host_call_verification: true,
			sudo: Some(Sr25519Keyring::Alice.to_account_id()),
			development_tracks: true,
		},
	)
}

fn local_testnet_genesis() -> Value {
	testnet_genesis(
		vec![collator(Sr25519Keyring::Alice), collator(Sr25519Keyring::Bob)],
		Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect(),
		LOCAL_TESTNET_PARA_ID.into(),
		Options {
			desired_candidates: DESIRED_CANDIDATES,
			host_call_verification: false,
			sudo: None,
			development_tracks: false,
		},
	)
}

fn production_genesis() -> Value {
	// Placeholders for the launch's own collators. No account is funded: a balance under a
	// public development key would carry every referendum.
	testnet_genesis(
		vec![collator(Sr25519Keyring::Alice), collator(Sr25519Keyring::Bob)],
		Vec::new(),
		PRODUCTION_PARA_ID.into(),
		Options {
			desired_candidates: DESIRED_CANDIDATES,
			host_call_verification: false,
			sudo: None,
			development_tracks: false,
		},
	)
}

/// The JSON patch of the preset named `id`, or `None` if there is no such preset.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development_config_genesis(),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_testnet_genesis(),
		PRODUCTION_RUNTIME_PRESET => production_genesis(),
		_ => return None,
	};
	// Serialising a `serde_json::Value` cannot fail: it has no non-string map keys.
	serde_json::to_vec(&patch).ok()
}

/// The names of the presets this runtime provides.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
		PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
		PresetId::from(PRODUCTION_RUNTIME_PRESET),
	]
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn every_named_preset_builds_a_genesis_state() {
		for name in preset_names() {
			let patch = get_preset(&name).expect("listed preset exists");
			let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).unwrap();
			let patch: Value = serde_json::from_slice(&patch).unwrap();
			json_merge(&mut config, patch);
			let config: RuntimeGenesisConfig = serde_json::from_value(config).unwrap();
			sp_runtime::BuildStorage::build_storage(&config)
				.unwrap_or_else(|e| panic!("preset {name:?} fails to build: {e}"));
		}
	}

	#[test]
	fn unknown_preset_is_none() {
		assert!(get_preset(&PresetId::from("no-such-preset")).is_none());
	}

	fn json_merge(base: &mut Value, patch: Value) {
		match (base, patch) {
			(Value::Object(base), Value::Object(patch)) => {
				for (k, v) in patch {
					json_merge(base.entry(k).or_insert(Value::Null), v);
				}
			}
			(base, patch) => *base = patch,
		}
	}
}
