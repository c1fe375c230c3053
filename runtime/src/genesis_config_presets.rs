//! Genesis presets, served through `sp-genesis-builder` so that any tool (the node's embedded
//! specs, `chain-spec-builder`, zombienet) can build a chain spec from the runtime alone.
//!
//! - `development`: one collator (Alice), Alice as sudo, every well-known dev account funded.
//! - `local_testnet`: two collators (Alice, Bob), otherwise the same; the spec zombienet uses.

use polkadot_sdk::*;

use crate::{
	AccountId, BalancesConfig, CollatorSelectionConfig, ParachainInfoConfig, PolkadotXcmConfig,
	RuntimeGenesisConfig, SessionConfig, SessionKeys, SudoConfig, EXISTENTIAL_DEPOSIT, UNIT,
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

/// The XCM version assumed for destinations whose version is not yet known.
const SAFE_XCM_VERSION: u32 = staging_xcm::prelude::XCM_VERSION;

/// What each endowed dev account starts with: one million VRT.
pub const DEV_ENDOWMENT: crate::Balance = 1_000_000 * UNIT;

/// What the treasury account starts with: enough to exist.
const TREASURY_ENDOWMENT: crate::Balance = UNIT;

/// The bond a collator candidate must put up.
const CANDIDACY_BOND: crate::Balance = 16 * EXISTENTIAL_DEPOSIT;

fn testnet_genesis(
	invulnerables: Vec<(AccountId, AuraId)>,
	endowed_accounts: Vec<AccountId>,
	root: AccountId,
	id: ParaId,
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
				.collect(),
		},
		parachain_info: ParachainInfoConfig { parachain_id: id },
		collator_selection: CollatorSelectionConfig {
			invulnerables: invulnerables.iter().cloned().map(|(acc, _)| acc).collect(),
			candidacy_bond: CANDIDACY_BOND,
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
		sudo: SudoConfig { key: Some(root) },
	})
}

fn collator(who: Sr25519Keyring) -> (AccountId, AuraId) {
	(who.to_account_id(), who.public().into())
}

fn development_config_genesis() -> Value {
	testnet_genesis(
		vec![collator(Sr25519Keyring::Alice)],
		Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect(),
		Sr25519Keyring::Alice.to_account_id(),
		DEVELOPMENT_PARA_ID.into(),
	)
}

fn local_testnet_genesis() -> Value {
	testnet_genesis(
		vec![collator(Sr25519Keyring::Alice), collator(Sr25519Keyring::Bob)],
		Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect(),
		Sr25519Keyring::Alice.to_account_id(),
		LOCAL_TESTNET_PARA_ID.into(),
	)
}

/// The JSON patch of the preset named `id`, or `None` if there is no such preset.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development_config_genesis(),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_testnet_genesis(),
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
