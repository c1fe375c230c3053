//! What the end-to-end tests share: a `--dev` node on free ports that dies with the test, and
//! child processes killed however the test ends.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::arithmetic_side_effects)]

use std::{
	net::TcpListener,
	path::{Path, PathBuf},
	process::{Child, Command, Stdio},
	time::{Duration, Instant},
};
use veritas_client::Client;

pub const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

/// The `veritas` binary under test.
pub fn veritas() -> PathBuf {
	PathBuf::from(env!("CARGO_BIN_EXE_veritas"))
}

/// The directory cargo builds into (`$CARGO_TARGET_DIR`): the binaries are in its `debug/`.
pub fn target_dir() -> PathBuf {
	veritas().parent().unwrap().parent().unwrap().to_path_buf()
}

/// The node cargo built beside this test (`cargo test --workspace` builds it).
pub fn node_binary() -> PathBuf {
	let node = veritas().parent().unwrap().join("veritas-node");
	assert!(node.exists(), "{} is missing: run the tests with --workspace", node.display());
	node
}

pub fn free_port() -> u16 {
	TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A child process killed when the test ends, whatever happens.
pub struct Process(pub Child);

impl Drop for Process {
	fn drop(&mut self) {
		let _ = self.0.kill();
		let _ = self.0.wait();
	}
}

impl Process {
	/// SIGTERM, as a service manager stops the daemon; waits for it to exit.
	pub fn terminate(mut self) {
		let _ = Command::new("kill").args(["-TERM", &self.0.id().to_string()]).status();
		let deadline = Instant::now() + Duration::from_secs(60);
		while Instant::now() < deadline {
			if self.0.try_wait().unwrap().is_some() {
				return;
			}
			std::thread::sleep(Duration::from_millis(100));
		}
		panic!("process {} ignored SIGTERM for 60 s", self.0.id());
	}
}

/// A child started in a process group of its own, the whole group killed when the test ends
/// (a shell and what it started).
pub struct ProcessGroup(pub Child);

impl Drop for ProcessGroup {
	fn drop(&mut self) {
		let _ = Command::new("kill").args(["-KILL", "--", &format!("-{}", self.0.id())]).status();
		let _ = self.0.wait();
	}
}

/// `veritas-node --dev` with 1 s blocks and state in `dir`, logging to `dir/node.log`; returns
/// it with its WebSocket URL and a client connected to it.
pub async fn dev_node(dir: &Path) -> (Process, String, Client) {
	let rpc_port = free_port();
	let node_log = std::fs::File::create(dir.join("node.log")).unwrap();
	let node = Process(
		Command::new(node_binary())
			.args(["--dev", "--dev-block-time", "1000", "--base-path"])
			.arg(dir.join("db"))
			.args(["--rpc-port", &rpc_port.to_string(), "--port", &free_port().to_string()])
			.args(["--no-prometheus", "--no-telemetry", "--no-mdns", "--no-hardware-benchmarks"])
			.stdout(Stdio::null())
			.stderr(node_log)
			.spawn()
			.unwrap(),
	);
	let url = format!("ws://127.0.0.1:{rpc_port}");
	let deadline = Instant::now() + Duration::from_secs(180);
	let client = loop {
		match Client::connect(&url).await {
			Ok(client) => break client,
			Err(e) if Instant::now() > deadline => panic!("no node: {e}"),
			Err(_) => tokio::time::sleep(Duration::from_millis(500)).await,
		}
	};
	(node, url, client)
}

/// The daemon's Prometheus page on `port`, or `None` while nothing answers there.
pub async fn metrics(port: u16) -> Option<String> {
	use tokio::io::{AsyncReadExt, AsyncWriteExt};
	let mut stream = tokio::net::TcpStream::connect(("127.0.0.1", port)).await.ok()?;
	stream.write_all(b"GET /metrics HTTP/1.1\r\nHost: localhost\r\n\r\n").await.ok()?;
	let mut body = String::new();
	stream.read_to_string(&mut body).await.ok()?;
	body.starts_with("HTTP/1.").then_some(body)
}
