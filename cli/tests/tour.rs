//! The README's five-minute tour, run exactly as written: its shell blocks are read from
//! `README.md` and run by bash against a fresh `--dev` node, so that the tour fails here before
//! it fails a newcomer. Then the TypeScript example (`examples/typescript/`, its packages
//! installed by `scripts/test.sh`) answers the same question through polkadot-api.

#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::arithmetic_side_effects
)]

mod common;

use common::{target_dir, ProcessGroup, ROOT};
use std::{
	os::unix::process::CommandExt,
	path::Path,
	process::{Command, Output, Stdio},
	time::{Duration, Instant},
};

/// The tour's daemon exposes its metrics on this port (the README's `--prometheus-port`).
const TOUR_METRICS_PORT: u16 = 9616;

/// The ```sh blocks of the README's "Five-minute tour" section, in order.
fn tour_blocks() -> Vec<String> {
	let readme = std::fs::read_to_string(Path::new(ROOT).join("README.md")).unwrap();
	let section = readme
		.split("\n## ")
		.find(|s| s.starts_with("Five-minute tour"))
		.expect("README.md has a '## Five-minute tour' section");
	section
		.split("```sh\n")
		.skip(1)
		.map(|block| block.split("```").next().unwrap().into())
		.collect()
}

/// `bash -euo pipefail -c BLOCK` from the repository root, with the node's URL in `VERITAS_URL`
/// (the CLI's `--url`), `CARGO_TARGET_DIR` where cargo built the binaries under test, and
/// `mktemp` writing under `tmp`.
fn bash(block: &str, url: &str, tmp: &Path) -> Command {
	let mut command = Command::new("bash");
	command
		.args(["-euo", "pipefail", "-c", block])
		.current_dir(ROOT)
		.env("VERITAS_URL", url)
		.env("CARGO_TARGET_DIR", target_dir())
		.env("TMPDIR", tmp);
	command
}

fn describe(what: &str, out: &Output) -> String {
	format!(
		"{what} exited with {}:\n{}\n{}",
		out.status,
		String::from_utf8_lossy(&out.stdout),
		String::from_utf8_lossy(&out.stderr)
	)
}

/// Whether some line of `text` reads `argmax: 7`.
fn answers_seven(text: &str) -> bool {
	text.lines().any(|line| line.trim() == "argmax: 7")
}

#[tokio::test(flavor = "multi_thread")]
async fn the_readme_tour_runs_as_written_and_typescript_gets_the_same_answer() {
	let blocks = tour_blocks();
	assert_eq!(blocks.len(), 3, "the tour has three shell blocks: {blocks:#?}");
	// The first terminal runs the dev chain; this test starts the node that command runs.
	assert_eq!(blocks[0].trim(), "scripts/dev.sh --dev-block-time 1000");
	let dev_sh = std::fs::read_to_string(Path::new(ROOT).join("scripts/dev.sh")).unwrap();
	assert!(dev_sh.contains("veritas-node\" --dev "), "scripts/dev.sh runs `veritas-node --dev`");

	// A daemon left running on the tour's port (a README tour, an interrupted run) would answer
	// for the one this test starts.
	assert!(
		std::net::TcpListener::bind(("0.0.0.0", TOUR_METRICS_PORT)).is_ok(),
		"port {TOUR_METRICS_PORT} is taken: stop the daemon using it (`pkill -f 'veritas operator run'`)"
	);
	let dir = tempfile::tempdir().unwrap();
	let dir = dir.path();
	let (_node, url, client) = common::dev_node(dir).await;

	// Second terminal: register, approve, bond, and leave the daemon running (its last line).
	let log = std::fs::File::create(dir.join("operator.log")).unwrap();
	let mut operator = bash(&blocks[1], &url, dir);
	operator.process_group(0).stdout(log.try_clone().unwrap()).stderr(log);
	let mut operator = ProcessGroup(operator.spawn().unwrap());
	let deadline = Instant::now() + Duration::from_secs(300);
	loop {
		if let Some(status) = operator.0.try_wait().unwrap() {
			let log = std::fs::read_to_string(dir.join("operator.log")).unwrap();
			panic!("the tour's second block stopped ({status}) before its daemon ran:\n{log}");
		}
		if common::metrics(TOUR_METRICS_PORT).await.is_some() {
			break;
		}
		assert!(Instant::now() < deadline, "the tour's daemon did not start in 300 s");
		tokio::time::sleep(Duration::from_millis(500)).await;
	}
	let model = client.model(0).await.unwrap().expect("the tour registered model 0");
	assert_eq!(model.name.0, b"digits");

	// Third terminal: Charlie's seven.
	let out = bash(&blocks[2], &url, dir).output().unwrap();
	let stdout = String::from_utf8_lossy(&out.stdout);
	assert!(out.status.success(), "{}", describe("the tour's third block", &out));
	assert!(answers_seven(&stdout), "the tour's answer is not 7:\n{stdout}");

	// The TypeScript example, against the same chain.
	let example = Path::new(ROOT).join("examples/typescript");
	assert!(
		example.join("node_modules/.papi").exists() || example.join(".papi/descriptors/dist").exists(),
		"examples/typescript has no generated descriptors: run `npm install --no-save` there (scripts/test.sh does)"
	);
	let out = Command::new("npm")
		.args(["run", "--silent", "submit", "--", "--suri", "//Dave", "--input"])
		.arg(Path::new(ROOT).join("zkml/fixtures/digits/seven.json"))
		.current_dir(&example)
		.env("VERITAS_URL", &url)
		.stdin(Stdio::null())
		.output()
		.unwrap();
	let stdout = String::from_utf8_lossy(&out.stdout);
	assert!(out.status.success(), "{}", describe("the TypeScript example", &out));
	assert!(answers_seven(&stdout), "the TypeScript example's answer is not 7:\n{stdout}");
	assert!(stdout.contains("outcome: completed"), "{stdout}");

	drop(operator);
}
