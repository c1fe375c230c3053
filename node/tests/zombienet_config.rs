//! Running zombienet is too heavy for CI on two cores, so its configuration is checked here
//! instead: it parses, runs our binary on our `local` spec, and enables RFC-163 on the relay.

use std::path::PathBuf;
use toml::Value;

fn zombienet_dir() -> PathBuf {
	PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../zombienet")
}

fn config() -> Value {
	network("local.toml")
}

#[test]
fn relay_chain_enables_rfc163_host_functions() {
	let config = config();
	let relay = &config["relaychain"];
	assert_eq!(relay["default_command"].as_str(), Some("polkadot"));
	assert_eq!(relay["chain"].as_str(), Some("rococo-local"));
	let params = relay["genesis"]["runtimeGenesis"]["patch"]["configuration"]["config"]
		["executor_params"]
		.as_array()
		.unwrap();
	assert!(params
		.iter()
		.any(|p| p.get("EnabledHostFunction").and_then(Value::as_str) == Some("EccRfc163")));
	let validators = relay["nodes"].as_array().unwrap();
	assert_eq!(validators.len(), 2);
	assert!(validators.iter().all(|v| v["validator"].as_bool() == Some(true)));
}

#[test]
fn parachain_runs_two_veritas_collators_on_the_local_spec() {
	let config = config();
	assert_eq!(config["settings"]["provider"].as_str(), Some("native"));
	let parachains = config["parachains"].as_array().unwrap();
	assert_eq!(parachains.len(), 1);
	let para = &parachains[0];
	assert_eq!(para["id"].as_integer(), Some(i64::from(veritas_runtime::LOCAL_TESTNET_PARA_ID)));
	assert_eq!(para["chain"].as_str(), Some("local"));
	assert_eq!(para["cumulus_based"].as_bool(), Some(true));
	let collators = para["collators"].as_array().unwrap();
	assert_eq!(collators.len(), 2);
	assert!(collators.iter().all(|c| c["command"].as_str() == Some("veritas-node")));
}

#[test]
fn smoke_test_targets_this_network() {
	let dsl = std::fs::read_to_string(zombienet_dir().join("smoke.zndsl")).unwrap();
	assert!(dsl.contains("Network: ./local.toml"));
	let para_id = veritas_runtime::LOCAL_TESTNET_PARA_ID;
	assert!(dsl.contains(&format!("parachain {para_id} block height is at least")));
	assert!(dsl.contains("reports finalised height is at least"));
	assert!(
		dsl.contains(r#"run ./market.sh with "host-calls,enabled""#),
		"a job settles on host calls"
	);
}

/// The second network is the first on a relay without RFC-163: the case of every production relay,
/// where the runtime must choose pure wasm by itself.
#[test]
fn the_second_network_is_the_first_without_rfc163() {
	let with = network("local.toml");
	let without = network("local-no-ecc.toml");
	let config =
		&without["relaychain"]["genesis"]["runtimeGenesis"]["patch"]["configuration"]["config"];
	assert!(config.get("executor_params").is_none(), "no executor parameters: no EccRfc163");
	assert_eq!(without["parachains"], with["parachains"]);
	assert_eq!(without["relaychain"]["nodes"], with["relaychain"]["nodes"]);
	let dsl = std::fs::read_to_string(zombienet_dir().join("no-ecc.zndsl")).unwrap();
	assert!(dsl.contains("Network: ./local-no-ecc.toml"));
	assert!(
		dsl.contains(r#"run ./market.sh with "arkworks,disabled""#),
		"a job settles in pure wasm"
	);
}

/// The third network is the first with the stock `polkadot-omni-node` as its collators: the
/// runtime runs on the SDK's node unchanged.
#[test]
fn the_third_network_is_the_first_on_the_stock_omni_node() {
	let with = network("local.toml");
	let omni = network("local-omni.toml");
	assert_eq!(omni["relaychain"], with["relaychain"]);
	let para = &omni["parachains"][0];
	let collators = para["collators"].as_array().unwrap();
	assert_eq!(collators.len(), 2);
	assert!(collators.iter().all(|c| c["command"].as_str() == Some("polkadot-omni-node")));
	let spec = para["chain_spec_command"].as_str().unwrap();
	assert!(spec.starts_with("veritas-node build-spec"), "the omni node embeds no spec: {spec}");
	// Zombienet edits the plain spec (collators) and makes the raw one by running the command
	// again with the edited file as `{{chainName}}`; a fixed `--chain local` would skip the edit
	// and no collator would hold an Aura key of the chain. The file is a nunjucks template, so
	// the placeholder is written as a string expression.
	assert!(
		spec.contains("--chain {{ '{{chainName}}' }}"),
		"the raw spec must be built from zombienet's edited plain spec: {spec}"
	);
	let dsl = std::fs::read_to_string(zombienet_dir().join("omni.zndsl")).unwrap();
	assert!(dsl.contains("Network: ./local-omni.toml"));
	assert!(
		dsl.contains(r#"run ./market.sh with "host-calls,enabled""#),
		"a job settles on host calls"
	);
}

/// A network configuration of zombienet/, parsed.
fn network(name: &str) -> Value {
	std::fs::read_to_string(zombienet_dir().join(name)).unwrap().parse().unwrap()
}

/// Zombienet renders every configuration as a nunjucks template over the environment before it
/// reads it, and fills `{{chainName}}` of a `chain_spec_command` itself afterwards (with the
/// edited plain spec, for the raw one). A bare `{{chainName}}` would render empty; a fixed
/// `--chain` would skip zombienet's edit of the collators.
#[test]
fn every_chain_spec_command_leaves_the_spec_to_zombienet() {
	let mut checked = 0;
	for entry in std::fs::read_dir(zombienet_dir()).unwrap() {
		let path = entry.unwrap().path();
		if path.extension().and_then(|e| e.to_str()) != Some("toml") {
			continue;
		}
		let name = path.file_name().unwrap().to_str().unwrap().to_string();
		let config = network(&name);
		for para in config["parachains"].as_array().into_iter().flatten() {
			if let Some(command) = para.get("chain_spec_command").and_then(Value::as_str) {
				assert!(
					command.contains("--chain {{ '{{chainName}}' }}"),
					"{name}: chain_spec_command must name the spec as {{{{ '{{{{chainName}}}}' }}}}: {command}"
				);
				checked += 1;
			}
		}
	}
	assert!(checked >= 1, "local-omni.toml has a chain_spec_command");
}
