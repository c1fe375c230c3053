//! The `veritas-zkml` binary: the digits model from ONNX to a verified proof, and errors that
//! name the problem.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::{path::Path, process::Command};

const DIGITS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/digits/model.onnx");

fn run(args: &[&str], dir: &Path) -> (bool, String, String) {
	let out = Command::new(env!("CARGO_BIN_EXE_veritas-zkml"))
		.args(args)
		.current_dir(dir)
		.output()
		.unwrap();
	(
		out.status.success(),
		String::from_utf8_lossy(&out.stdout).into(),
		String::from_utf8_lossy(&out.stderr).into(),
	)
}

#[test]
fn digits_from_onnx_to_a_verified_proof() {
	let dir = tempfile::tempdir().unwrap();
	let d = dir.path();
	let (ok, stdout, stderr) = run(&["import", DIGITS, "-o", "digits.vqm"], d);
	assert!(ok, "{stderr}");
	assert!(stdout.contains("widths: 64-32-10") && stdout.contains("constraints: "), "{stdout}");
	// 64 pixels of 2 bytes: the input length a model registration declares.
	assert!(stdout.contains("input_bytes: 128"), "{stdout}");
	let (ok, _, stderr) =
		run(&["setup", "digits.vqm", "--proving-key", "pk", "--verifying-key", "vk"], d);
	assert!(ok, "{stderr}");
	assert_eq!(std::fs::metadata(d.join("vk")).unwrap().len(), 920);

	// A blank image but for a few pixels; EZKL's input format is accepted too.
	let pixels: Vec<String> =
		(0..64).map(|i| if i % 9 == 0 { "0.75".into() } else { "0".into() }).collect();
	std::fs::write(d.join("in.json"), format!("{{\"input_data\": [[{}]]}}", pixels.join(",")))
		.unwrap();
	let (ok, stdout, stderr) = run(
		&["prove", "digits.vqm", "--proving-key", "pk", "--input", "in.json", "--out-dir", "p"],
		d,
	);
	assert!(ok, "{stderr}");
	assert!(stdout.contains("proof_bytes: 192"), "{stdout}");
	let (ok, stdout, _) = run(&["verify", "--verifying-key", "vk", "--proof-dir", "p"], d);
	assert!(ok && stdout.contains("valid: true"), "{stdout}");

	// The proof for another input: refused, with a non-zero exit.
	let mut input = std::fs::read(d.join("p/input.bin")).unwrap();
	input[0] ^= 1;
	std::fs::write(d.join("p/input.bin"), input).unwrap();
	let (ok, stdout, stderr) = run(&["verify", "--verifying-key", "vk", "--proof-dir", "p"], d);
	assert!(
		!ok && stdout.contains("valid: false") && stderr.contains("does not verify"),
		"{stdout} {stderr}"
	);
}

#[test]
fn errors_name_the_problem() {
	let dir = tempfile::tempdir().unwrap();
	let d = dir.path();
	let (ok, _, stderr) = run(&["import", "missing.onnx", "-o", "m.vqm"], d);
	assert!(!ok && stderr.contains("missing.onnx"), "{stderr}");
	std::fs::write(d.join("junk.onnx"), b"\xff\xff\xff junk").unwrap();
	let (ok, _, stderr) = run(&["import", "junk.onnx", "-o", "m.vqm"], d);
	assert!(!ok && stderr.contains("not a valid ONNX file"), "{stderr}");
	let (ok, _, stderr) = run(&["import", DIGITS, "-o", "m.vqm", "--frac-bits", "40"], d);
	assert!(!ok && stderr.contains("fractional bits"), "{stderr}");
	let (ok, _, stderr) =
		run(&["setup", "junk.onnx", "--proving-key", "pk", "--verifying-key", "vk"], d);
	assert!(!ok && stderr.contains("not a Veritas model file"), "{stderr}");

	assert!(run(&["import", DIGITS, "-o", "m.vqm"], d).0);
	std::fs::write(d.join("short.json"), "[0.5, 0.5]").unwrap();
	std::fs::write(d.join("pk"), b"VRTK").unwrap();
	let (ok, _, stderr) = run(
		&["prove", "m.vqm", "--proving-key", "pk", "--input", "short.json", "--out-dir", "p"],
		d,
	);
	assert!(!ok && stderr.contains("invalid proving key"), "{stderr}");
}
