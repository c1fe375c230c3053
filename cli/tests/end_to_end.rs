//! End to end through the `veritas` binary on a fresh `--dev` node: the digits model is
//! imported, registered and approved; an operator bonds and runs the daemon; four requesters
//! submit 20 held-out digits and each gets exactly the reference output, paying its price, fees
//! and deposit and no more, while the operator earns the prices less the protocol fee and its
//! own transaction fees; the README tour's seven is answered 7. Then, with the daemon stopped: a
//! forged proof sent by hand is rejected and slashed, a short job misses its deadline and is
//! slashed and refunded, and a long one stays assigned until the restarted daemon resumes and
//! answers it.

#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::arithmetic_side_effects
)]

mod common;

use common::{free_port, veritas, Process, ROOT};
use serde_json::Value;
use std::{
	path::Path,
	process::{Command, Stdio},
	time::{Duration, Instant},
};
use veritas_client::{amount::parse_vrt, Account, Client, JobDetails, UNIT};

const PRICE: u128 = 10 * UNIT;
const INVALID_PROOF_SLASH: u128 = 100 * UNIT;
const LIVENESS_SLASH: u128 = 20 * UNIT;
const PROTOCOL_FEE_PERCENT: u128 = 5;
const JOBS: usize = 20;

/// Runs `veritas ARGS --output json --url URL`.
fn run_cli(url: &str, args: &[&str]) -> std::process::Output {
	Command::new(veritas())
		.args(args)
		.args(["--output", "json", "--url", url])
		.current_dir(ROOT)
		.output()
		.unwrap()
}

/// Runs `veritas ARGS`, returns its JSON; panics with its stderr.
fn cli(url: &str, args: &[&str]) -> Value {
	let out = run_cli(url, args);
	let stdout = String::from_utf8_lossy(&out.stdout);
	assert!(
		out.status.success(),
		"veritas {args:?} failed:\n{stdout}\n{}",
		String::from_utf8_lossy(&out.stderr)
	);
	serde_json::from_str(stdout.trim()).unwrap_or_else(|e| panic!("{e}: {stdout}"))
}

/// Runs `veritas ARGS` expecting it to fail; returns its error (`{"error": …}` in JSON output).
fn cli_fails(url: &str, args: &[&str]) -> String {
	let out = run_cli(url, args);
	let stdout = String::from_utf8_lossy(&out.stdout);
	assert!(!out.status.success(), "veritas {args:?} succeeded: {stdout}");
	let printed: Value =
		serde_json::from_str(stdout.trim()).unwrap_or_else(|e| panic!("{e}: {stdout}"));
	printed["error"].as_str().unwrap_or_else(|| panic!("no error in {printed}")).to_string()
}

/// `12.5 VRT` back to planck.
fn vrt(value: &Value) -> u128 {
	parse_vrt(value.as_str().unwrap().trim_end_matches(" VRT")).unwrap()
}

/// A JSON list of numbers as the prover's floats.
fn floats(values: &Value) -> Vec<f32> {
	values.as_array().unwrap().iter().map(|v| v.as_f64().unwrap() as f32).collect()
}

/// `veritas job submit` of the input file `input` for model 0, paying at most 25 VRT.
fn submit_job(url: &str, input: &str, suri: &str, extra: &[&str]) -> Value {
	let mut args = vec!["job", "submit", "--model", "0", "--input", input, "--max-fee", "25"];
	args.extend(["--suri", suri]);
	args.extend(extra);
	cli(url, &args)
}

fn spawn_daemon(url: &str, dir: &Path, log: &str, metrics_port: u16) -> Process {
	let model =
		format!("0={},{}", dir.join("digits.vqm").display(), dir.join("digits.pk").display());
	let log = std::fs::File::create(dir.join(log)).unwrap();
	Process(
		Command::new(veritas())
			.args(["operator", "run", "--suri", "//Bob", "--model", &model, "--url", url])
			.args(["--prometheus-port", &metrics_port.to_string()])
			.stdout(Stdio::null())
			.stderr(log)
			.spawn()
			.unwrap(),
	)
}

/// Waits until job `id`'s record (`None` once it is gone) satisfies `done`.
async fn wait_for_job(
	client: &Client,
	id: u64,
	what: &str,
	timeout: Duration,
	done: impl Fn(Option<JobDetails>) -> bool,
) {
	let deadline = Instant::now() + timeout;
	while !done(client.job(id).await.unwrap()) {
		assert!(Instant::now() < deadline, "timed out waiting until {what}");
		tokio::time::sleep(Duration::from_millis(500)).await;
	}
}

/// Transaction fees `who` paid in blocks `from..=to`.
async fn fees_paid(client: &Client, who: &veritas_client::AccountId32, from: u32, to: u32) -> u128 {
	use veritas_client::runtime::api::transaction_payment::events::TransactionFeePaid;
	let mut total = 0;
	for n in from..=to {
		let events = client.api().at_block(n as u64).await.unwrap().events().fetch().await.unwrap();
		for fee in events.find::<TransactionFeePaid>() {
			let fee = fee.unwrap();
			if &fee.who == who {
				total += fee.actual_fee;
			}
		}
	}
	total
}

#[tokio::test(flavor = "multi_thread")]
async fn digits_are_answered_verified_and_paid_through_the_cli_and_the_daemon() {
	let dir = tempfile::tempdir().unwrap();
	let dir = dir.path();
	let (_node, url, client) = common::dev_node(dir).await;
	let url = url.as_str();

	// The development chain has no relay: its preset forces the host calls.
	let backend = cli(url, &["backend"]);
	assert_eq!(backend["backend"], "host-calls", "{backend}");
	assert_eq!(backend["policy"], "host-calls", "{backend}");
	assert_eq!(backend["relay"], "unknown", "{backend}");

	// The model owner imports and registers (setup, proving key kept).
	let vqm = dir.join("digits.vqm");
	let imported = cli(
		url,
		&["model", "import", "zkml/fixtures/digits/model.onnx", "--out", vqm.to_str().unwrap()],
	);
	assert_eq!(imported["input_elements"], 64);
	let registered = cli(
		url,
		&["model", "register", vqm.to_str().unwrap(), "--suri", "//Alice", "--name", "digits"],
	);
	assert_eq!(registered["model"], 0);
	// A voter audits the record against the owner's file, proposes the approval, and two
	// voters carry it; the dev chain's short tracks enact it within a minute or so.
	let audit = cli(url, &["model", "audit", "0", "--model-file", vqm.to_str().unwrap()]);
	assert_eq!(audit["verdict"], "the file matches the chain record", "{audit}");
	let proposed = cli(url, &["gov", "propose", "approve-model", "0", "--suri", "//Dave"]);
	assert_eq!(proposed["track"], "model_approver", "{proposed}");
	let referendum = proposed["referendum"].to_string();
	for voter in ["//Alice", "//Eve"] {
		cli(url, &["gov", "vote", &referendum, "aye", "--amount", "500000", "--suri", voter]);
	}
	let status = cli(url, &["gov", "status", &referendum]);
	assert!(status["call"].as_str().unwrap().contains("approve_model"), "{status}");
	let waiting = Instant::now();
	while cli(url, &["model", "show", "0"])["status"] != "active" {
		assert!(
			waiting.elapsed() < Duration::from_secs(300),
			"the approval was not enacted: {}",
			cli(url, &["gov", "status", &referendum])
		);
		tokio::time::sleep(Duration::from_secs(2)).await;
	}
	assert_eq!(cli(url, &["gov", "status", &referendum])["state"], "approved");

	// The operator bonds, offers the model at 10 VRT for timeouts of 10 blocks or more, and
	// runs the daemon.
	cli(
		url,
		&[
			"operator",
			"register",
			"--suri",
			"//Bob",
			"--bond",
			"2000",
			"--offer",
			"0=10,10",
			"--capacity",
			"8",
		],
	);
	let bob = Account::dev("bob").unwrap().account_id();
	// Bob is the model's one listed operator; bonded above the minimum, no one can unlist him.
	let listed = &cli(url, &["model", "operators", "0"])["operators"];
	assert_eq!(listed.as_array().map(Vec::len), Some(1), "{listed}");
	assert_eq!(listed[0]["operator"], bob.to_string());
	assert_eq!(listed[0]["accepting_jobs"], true);
	let refused = cli_fails(url, &["operator", "unlist", "--suri", "//Charlie", &bob.to_string()]);
	assert!(refused.contains("NotUnderbonded"), "{refused}");
	let start_block = client.finalized_number().await.unwrap();
	let bob_before = client.free_balance(&bob).await.unwrap();
	let metrics_port = free_port();
	let daemon = spawn_daemon(url, dir, "daemon.log", metrics_port);

	// Four requesters submit five held-out digits each, concurrently, and wait.
	let set: Value = serde_json::from_slice(
		&std::fs::read(Path::new(ROOT).join("zkml/fixtures/digits/test.json")).unwrap(),
	)
	.unwrap();
	let model = veritas_zkml::QuantizedModel::from_bytes(&std::fs::read(&vqm).unwrap()).unwrap();
	let requesters = ["Charlie", "Dave", "Eve", "Ferdie"];
	let mut before = Vec::new();
	for name in requesters {
		before.push(client.free_balance(&Account::dev(name).unwrap().account_id()).await.unwrap());
	}
	let mut handles = Vec::new();
	for (r, name) in requesters.iter().enumerate() {
		let (url, dir) = (url.to_string(), dir.to_path_buf());
		let inputs: Vec<Value> = (0..JOBS / requesters.len())
			.map(|k| set["inputs"][r * (JOBS / requesters.len()) + k].clone())
			.collect();
		let suri = format!("//{name}");
		handles.push(std::thread::spawn(move || {
			inputs
				.iter()
				.enumerate()
				.map(|(k, input)| {
					let file = dir.join(format!("{r}-{k}.json"));
					std::fs::write(&file, input.to_string()).unwrap();
					let answer = submit_job(&url, file.to_str().unwrap(), &suri, &["--wait"]);
					(input.clone(), answer)
				})
				.collect::<Vec<_>>()
		}));
	}
	for (r, handle) in handles.into_iter().enumerate() {
		let mut paid = 0;
		for (input, answer) in handle.join().unwrap() {
			let bytes = veritas_zkml::inference::quantize_input(&model, &floats(&input)).unwrap();
			let reference = veritas_zkml::inference::infer(&model, &bytes).unwrap();
			let completed = &answer["outcome"]["completed"];
			let values: Vec<i64> = completed["verified_output"]["values"]
				.as_array()
				.unwrap_or_else(|| panic!("not completed: {answer}"))
				.iter()
				.map(|v| v.as_i64().unwrap())
				.collect();
			assert_eq!(
				values,
				reference.output(),
				"job {} answered with another output",
				answer["job"]
			);
			assert_eq!(vrt(&completed["price"]), PRICE);
			paid += PRICE + vrt(&answer["fee"]) + vrt(&answer["deposit"]);
		}
		let who = Account::dev(requesters[r]).unwrap().account_id();
		assert_eq!(
			client.free_balance(&who).await.unwrap(),
			before[r] - paid,
			"{} paid more",
			requesters[r]
		);
	}
	let end_block = client.finalized_number().await.unwrap();
	let bob_fees = fees_paid(&client, &bob, start_block + 1, end_block).await;
	let earned = JOBS as u128 * (PRICE - PRICE * PROTOCOL_FEE_PERCENT / 100);
	assert_eq!(client.free_balance(&bob).await.unwrap(), bob_before + earned - bob_fees);

	// The daemon's metrics count the work.
	let metrics = common::metrics(metrics_port).await.expect("the daemon serves its metrics");
	assert!(
		metrics.contains(&format!("veritas_operator_jobs_submitted_total {JOBS}")),
		"{metrics}"
	);

	// The README tour's last step, as written: the picture of a seven is answered 7.
	let seven = "zkml/fixtures/digits/seven.json";
	let answer = submit_job(url, seven, "//Charlie", &["--wait"]);
	assert_eq!(answer["outcome"]["completed"]["verified_output"]["argmax"], 7, "{answer}");

	// The daemon stops cleanly; jobs now stay assigned.
	daemon.terminate();
	let submit = |timeout: &str| submit_job(url, seven, "//Charlie", &["--timeout", timeout]);
	let forged = submit("20");
	let short = submit("10");
	let long = submit("200");
	for job in [&forged, &short, &long] {
		assert!(job["assigned"].is_object(), "{job}");
	}

	// A forged proof: a valid proof of another input, sent by hand, is rejected and slashed.
	let key = veritas_zkml::prover::ModelProvingKey::from_bytes(
		&std::fs::read(dir.join("digits.pk")).unwrap(),
	)
	.unwrap();
	let other =
		veritas_zkml::inference::quantize_input(&model, &floats(&set["inputs"][30])).unwrap();
	let proved = veritas_zkml::prover::prove_with_os_rng(&model, &key, &other).unwrap();
	std::fs::write(dir.join("output.bin"), &proved.output).unwrap();
	std::fs::write(dir.join("proof.bin"), &proved.proof).unwrap();
	let bond_before = client.operator(&bob).await.unwrap().unwrap().bond;
	let job = forged["job"].to_string();
	let output = dir.join("output.bin");
	let proof = dir.join("proof.bin");
	let sent = cli(
		url,
		&[
			"operator",
			"submit-result",
			&job,
			"--output-file",
			output.to_str().unwrap(),
			"--proof-file",
			proof.to_str().unwrap(),
			"--suri",
			"//Bob",
		],
	);
	assert_eq!(sent["rejected"], true, "{sent}");
	assert_eq!(
		client.operator(&bob).await.unwrap().unwrap().bond,
		bond_before - INVALID_PROOF_SLASH
	);

	// The short job's deadline passes with the daemon down: slashed, queued again (no other
	// operator may take it), and refunded when it expires in the queue.
	let short_id = short["job"].as_u64().unwrap();
	wait_for_job(
		&client,
		short_id,
		"the unanswered short job expires",
		Duration::from_secs(300),
		|job| job.is_none(),
	)
	.await;
	assert_eq!(
		client.operator(&bob).await.unwrap().unwrap().bond,
		bond_before - INVALID_PROOF_SLASH - LIVENESS_SLASH
	);

	// Restarted, the daemon finds the long job still assigned and answers it.
	let long_id = long["job"].as_u64().unwrap();
	let daemon = spawn_daemon(url, dir, "daemon-restarted.log", free_port());
	let answered = |job: Option<JobDetails>| job.is_some_and(|d| d.output.is_some());
	wait_for_job(
		&client,
		long_id,
		"the restarted daemon answers the long job",
		Duration::from_secs(120),
		answered,
	)
	.await;
	daemon.terminate();
}
