//! The runtime works with stock tooling: a spec made by `chain-spec-builder` (the library behind
//! the `chain-spec-builder` binary, driven with the same arguments a user would type) from the
//! runtime wasm and its `development` preset starts `veritas-node`, which then produces blocks.

mod common;

use clap::Parser;
use common::{wait_for_block, Node};
use polkadot_sdk::staging_chain_spec_builder::ChainSpecBuilder;
use std::time::Duration;

#[tokio::test(flavor = "multi_thread")]
async fn chain_spec_builder_development_preset_starts_the_node() {
	let dir = tempfile::tempdir().unwrap();
	let wasm_path = dir.path().join("veritas_runtime.wasm");
	let wasm =
		veritas_runtime::WASM_BINARY.expect("tests need the runtime wasm; unset SKIP_WASM_BUILD");
	std::fs::write(&wasm_path, wasm).unwrap();
	let spec_path = dir.path().join("veritas-dev.json");

	// chain-spec-builder -c <spec> create -t development --relay-chain rococo-local --para-id 2000
	//   -r <wasm> named-preset development
	ChainSpecBuilder::try_parse_from([
		"chain-spec-builder",
		"-c",
		spec_path.to_str().unwrap(),
		"create",
		"-t",
		"development",
		"--relay-chain",
		"rococo-local",
		"--para-id",
		"2000",
		"--properties",
		"tokenSymbol=VRT,tokenDecimals=12",
		"-r",
		wasm_path.to_str().unwrap(),
		"named-preset",
		"development",
	])
	.expect("arguments parse")
	.run()
	.expect("chain-spec-builder creates a spec from the development preset");

	let spec: serde_json::Value =
		serde_json::from_slice(&std::fs::read(&spec_path).unwrap()).unwrap();
	assert_eq!(spec["genesis"]["runtimeGenesis"]["patch"]["sudo"]["key"].is_string(), true);

	let mut node = Node::start(
		&["--chain", spec_path.to_str().unwrap()],
		&dir.path().join("db"),
		1000,
		"spec",
	);
	let api = node.client(Duration::from_secs(180)).await;
	wait_for_block(&node, &api, 2).await;
}
