//! The chain specs `veritas-node` knows by name. Each is built from the runtime wasm embedded in
//! this binary and one of the runtime's genesis presets, so the spec and the runtime can never
//! disagree. Anything that is not a known name is read as a path to a chain-spec JSON file.

use polkadot_omni_node_lib::chain_spec::{Extensions, GenericChainSpec, LoadSpec};
use polkadot_sdk::{
	sc_chain_spec::{ChainSpec, ChainType},
	sp_genesis_builder::{DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET},
};
use veritas_runtime::{
	genesis_config_presets::{PRODUCTION_PARA_ID, PRODUCTION_RUNTIME_PRESET},
	DEVELOPMENT_PARA_ID, LOCAL_TESTNET_PARA_ID, TOKEN_DECIMALS, TOKEN_SYMBOL, WASM_BINARY,
};

/// The relay chain named in the specs' extensions; zombienet's local relay.
pub const LOCAL_RELAY_CHAIN: &str = "rococo-local";

/// Resolves `--chain <id>`: `dev` (also what `--dev` asks for), `local`, `production`, or a
/// file path.
pub struct VeritasChainSpecLoader;

impl LoadSpec for VeritasChainSpecLoader {
	fn load_spec(&self, id: &str) -> Result<Box<dyn ChainSpec>, String> {
		Ok(match id {
			"" | "dev" | "development" => Box::new(development_chain_spec()?),
			"local" | "local_testnet" => Box::new(local_testnet_chain_spec()?),
			"production" => Box::new(production_chain_spec()?),
			path => Box::new(GenericChainSpec::from_json_file(path.into()).map_err(|e| {
				format!(
					"`{path}` is neither a built-in chain (dev, local, production) nor a readable chain-spec \
					 file: {e}"
				)
			})?),
		})
	}
}

fn wasm() -> Result<&'static [u8], String> {
	WASM_BINARY.ok_or_else(|| {
		"this veritas-node was built without the runtime wasm (SKIP_WASM_BUILD was set); \
		 rebuild without it, or pass a chain-spec file"
			.to_string()
	})
}

fn properties() -> polkadot_sdk::sc_chain_spec::Properties {
	let mut properties = polkadot_sdk::sc_chain_spec::Properties::new();
	properties.insert("tokenSymbol".into(), TOKEN_SYMBOL.into());
	properties.insert("tokenDecimals".into(), TOKEN_DECIMALS.into());
	properties.insert("ss58Format".into(), 42.into());
	properties
}

/// `--dev`: one collator, no relay chain needed (the node seals blocks itself).
pub fn development_chain_spec() -> Result<GenericChainSpec, String> {
	Ok(GenericChainSpec::builder(
		wasm()?,
		Extensions::new(LOCAL_RELAY_CHAIN.into(), DEVELOPMENT_PARA_ID),
	)
	.with_name("Veritas Development")
	.with_id("veritas_dev")
	.with_chain_type(ChainType::Development)
	.with_genesis_config_preset_name(DEV_RUNTIME_PRESET)
	.with_properties(properties())
	.build())
}

/// `--chain local`: two collators (Alice, Bob) on a local relay chain; what zombienet runs.
pub fn local_testnet_chain_spec() -> Result<GenericChainSpec, String> {
	Ok(GenericChainSpec::builder(
		wasm()?,
		Extensions::new(LOCAL_RELAY_CHAIN.into(), LOCAL_TESTNET_PARA_ID),
	)
	.with_name("Veritas Local Testnet")
	.with_id("veritas_local")
	.with_chain_type(ChainType::Local)
	.with_genesis_config_preset_name(LOCAL_TESTNET_RUNTIME_PRESET)
	.with_protocol_id("veritas-local")
	.with_properties(properties())
	.build())
}

/// `--chain production`: the shape of a real launch (no sudo, real governance tracks), with
/// placeholder collators and balances that a chain operator replaces before launch
/// (docs/chain-operators.md).
pub fn production_chain_spec() -> Result<GenericChainSpec, String> {
	Ok(GenericChainSpec::builder(
		wasm()?,
		Extensions::new(LOCAL_RELAY_CHAIN.into(), PRODUCTION_PARA_ID),
	)
	.with_name("Veritas")
	.with_id("veritas")
	.with_chain_type(ChainType::Live)
	.with_genesis_config_preset_name(PRODUCTION_RUNTIME_PRESET)
	.with_protocol_id("veritas")
	.with_properties(properties())
	.build())
}
