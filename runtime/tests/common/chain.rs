//! The native runtime on the state a chain starts from: a genesis preset built as the node
//! builds it (the preset's JSON patch over the default `RuntimeGenesisConfig`), and signed
//! extrinsics applied as a block applies them.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use codec::Encode;
use polkadot_sdk::{
	sp_io::TestExternalities,
	sp_keyring::Sr25519Keyring,
	sp_runtime::{generic::SignedPayload, BuildStorage, MultiAddress, MultiSignature},
};
use serde_json::Value;
use veritas_runtime::{
	AccountId, Balance, RuntimeCall, RuntimeEvent, RuntimeGenesisConfig, System, UncheckedExtrinsic,
};

/// The state a chain built from preset `name` starts with, at block 1 so that events are kept.
pub fn genesis(name: &str) -> TestExternalities {
	let id = polkadot_sdk::sp_genesis_builder::PresetId::from(name);
	let patch = veritas_runtime::genesis_config_presets::get_preset(&id)
		.unwrap_or_else(|| panic!("no preset {name}"));
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).unwrap();
	json_merge(&mut config, serde_json::from_slice(&patch).unwrap());
	let config: RuntimeGenesisConfig = serde_json::from_value(config).unwrap();
	let mut ext = TestExternalities::new(config.build_storage().unwrap());
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Merges a JSON patch into `base`, as chain-spec tooling applies a preset.
pub fn json_merge(base: &mut Value, patch: Value) {
	match (base, patch) {
		(Value::Object(base), Value::Object(patch)) => {
			for (k, v) in patch {
				json_merge(base.entry(k).or_insert(Value::Null), v);
			}
		}
		(base, patch) => *base = patch,
	}
}

pub fn account(who: Sr25519Keyring) -> AccountId {
	who.to_account_id()
}

/// The events of the current block, oldest first.
pub fn events() -> Vec<RuntimeEvent> {
	System::events().into_iter().map(|record| record.event).collect()
}

/// `call` signed by `signer` with its next nonce, an immortal era and `tip`, with every
/// transaction extension of the runtime, as a wallet would build it.
pub fn signed(signer: Sr25519Keyring, call: RuntimeCall, tip: Balance) -> UncheckedExtrinsic {
	let who = account(signer);
	let nonce = System::account_nonce(&who);
	let extension = veritas_runtime::immortal_tx_extension(nonce, tip);
	let payload = SignedPayload::new(call.clone(), extension.clone()).expect("implicit data");
	let signature = payload.using_encoded(|bytes| signer.sign(bytes));
	UncheckedExtrinsic::new_signed(
		call,
		MultiAddress::Id(who),
		MultiSignature::Sr25519(signature),
		extension,
	)
}
