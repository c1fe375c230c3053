//! Helpers shared by the node's end-to-end tests: start `veritas-node` on free ports, wait for
//! RPC, and make sure the process dies with the test whatever happens.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::{
	net::TcpListener,
	path::{Path, PathBuf},
	process::{Child, Command, Stdio},
	time::{Duration, Instant},
};
use subxt::{OnlineClient, PolkadotConfig};
use veritas_client::{runtime::api, AccountId32};

/// The binary cargo built for this test run (same profile as the tests).
pub fn node_binary() -> PathBuf {
	PathBuf::from(env!("CARGO_BIN_EXE_veritas-node"))
}

/// A port nobody listens on right now.
pub fn free_port() -> u16 {
	TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A running `veritas-node`. Dropping it kills the process, so a failing assertion never leaves
/// a node behind.
pub struct Node {
	child: Option<Child>,
	pub rpc_port: u16,
	log: PathBuf,
}

impl Node {
	/// Starts the node with `chain_args` (e.g. `["--dev"]`) on `base_path`, with block time
	/// `block_time_ms`, logging to `<base_path>/../<name>.log`.
	pub fn start(chain_args: &[&str], base_path: &Path, block_time_ms: u64, name: &str) -> Self {
		let rpc_port = free_port();
		let p2p_port = free_port();
		let log = base_path.with_file_name(format!("{name}.log"));
		let log_file = std::fs::File::create(&log).unwrap();
		let child = Command::new(node_binary())
			.args(chain_args)
			.arg("--base-path")
			.arg(base_path)
			.args(["--dev-block-time", &block_time_ms.to_string()])
			.args(["--rpc-port", &rpc_port.to_string()])
			.args(["--port", &p2p_port.to_string()])
			.args(["--no-prometheus", "--no-telemetry", "--no-mdns", "--no-hardware-benchmarks"])
			.stdout(Stdio::null())
			.stderr(log_file)
			.spawn()
			.expect("veritas-node starts");
		Node { child: Some(child), rpc_port, log }
	}

	pub fn url(&self) -> String {
		format!("ws://127.0.0.1:{}", self.rpc_port)
	}

	/// The node's log so far, for failure messages.
	pub fn log_tail(&self) -> String {
		let log = std::fs::read_to_string(&self.log).unwrap_or_default();
		let lines: Vec<&str> = log.lines().collect();
		lines[lines.len().saturating_sub(40)..].join("\n")
	}

	/// Connects a client, retrying while the node boots.
	pub async fn client(&mut self, timeout: Duration) -> OnlineClient<PolkadotConfig> {
		let deadline = Instant::now() + timeout;
		loop {
			if let Some(status) = self.child.as_mut().and_then(|c| c.try_wait().unwrap()) {
				panic!("veritas-node exited early with {status}:\n{}", self.log_tail());
			}
			match OnlineClient::<PolkadotConfig>::from_insecure_url(self.url()).await {
				Ok(client) => return client,
				Err(e) if Instant::now() > deadline => {
					panic!("no RPC on {} after {timeout:?}: {e}\n{}", self.url(), self.log_tail())
				}
				Err(_) => tokio::time::sleep(Duration::from_millis(500)).await,
			}
		}
	}

	/// Stops the node gracefully (SIGINT, as Ctrl-C would), so its database is closed cleanly.
	pub fn stop(&mut self) {
		if let Some(mut child) = self.child.take() {
			let _ = Command::new("kill").args(["-INT", &child.id().to_string()]).status();
			let deadline = Instant::now() + Duration::from_secs(30);
			while Instant::now() < deadline {
				if child.try_wait().unwrap().is_some() {
					return;
				}
				std::thread::sleep(Duration::from_millis(100));
			}
			let _ = child.kill();
			let _ = child.wait();
			panic!("veritas-node ignored SIGINT for 30 s");
		}
	}
}

impl Drop for Node {
	fn drop(&mut self) {
		if let Some(mut child) = self.child.take() {
			let _ = child.kill();
			let _ = child.wait();
		}
	}
}

/// The newest finalized block number.
pub async fn finalized_number(api: &OnlineClient<PolkadotConfig>) -> u64 {
	api.at_current_block().await.unwrap().block_number()
}

/// Waits until the chain has finalized block `target`.
pub async fn wait_for_block(node: &Node, api: &OnlineClient<PolkadotConfig>, target: u64) -> u64 {
	let deadline = Instant::now() + Duration::from_secs(120);
	loop {
		let n = finalized_number(api).await;
		if n >= target {
			return n;
		}
		assert!(
			Instant::now() < deadline,
			"chain stuck at #{n} (< #{target}):\n{}",
			node.log_tail()
		);
		tokio::time::sleep(Duration::from_millis(250)).await;
	}
}

/// Free balance of `who` at block `at` (a number).
pub async fn free_balance(api: &OnlineClient<PolkadotConfig>, at: u64, who: [u8; 32]) -> u128 {
	let at_block = api.at_block(at).await.unwrap();
	let entry = at_block.storage().entry(api::storage().system().account()).unwrap();
	let info = entry.fetch((AccountId32(who),)).await.unwrap().decode().unwrap();
	info.data.free
}
