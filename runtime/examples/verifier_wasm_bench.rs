//! What proof verification costs inside the real runtime wasm — the figure that becomes the
//! weight — for both backends, run through `sc-executor` with the collator's host functions.
//!
//!     scripts/bench.sh verifier      (or: cargo run -p veritas-runtime --example verifier_wasm_bench)
//!
//! Each figure is the median of repeated runtime-API calls minus the median of an empty call
//! (`Core_version`), i.e. instantiation and argument passing are excluded.
//!
//! `VerifierApi` validates the prepared keys its callers send (block execution trusts the ones
//! registration stored), so the "prepared key" rows include that validation; the "validate key
//! bytes" row is about what it costs, to subtract for the cost block execution pays. Batches
//! stop at `MaxResultsPerCall` (16), the most one call verifies on chain or through the API.

#[path = "../tests/common/wasm.rs"]
mod wasm;

use std::time::{Duration, Instant};
use veritas_verifier::{test_utils::fixture, Backend, PublicInput, Verdict, VerifierError};
use wasm::WasmRuntime;

fn median(mut samples: Vec<Duration>) -> Duration {
	samples.sort();
	samples[samples.len() / 2]
}

fn time<F: FnMut()>(runs: usize, mut f: F) -> Duration {
	f(); // warm-up: compiles and caches the module
	median(
		(0..runs)
			.map(|_| {
				let start = Instant::now();
				f();
				start.elapsed()
			})
			.collect(),
	)
}

fn ms(d: Duration) -> f64 {
	d.as_secs_f64() * 1e3
}

fn main() {
	let mut runtime = WasmRuntime::new();
	// `VERITAS_PROFILE=batch`: only repeat host-call batches of 16 against a prepared key;
	// `VERITAS_PROFILE=1`: only single host-call verifications. For a profiler to attribute
	// time between the wasm and the host functions.
	if std::env::var_os("VERITAS_PROFILE").is_some_and(|mode| mode == "batch") {
		let f = fixture(2, 16, 40);
		let prepared: Result<Vec<u8>, VerifierError> =
			runtime.call("VerifierApi_prepare_verifying_key", (Backend::HostCalls, f.vk.clone()));
		let prepared = prepared.unwrap();
		let entries: Vec<(Vec<u8>, Vec<PublicInput>)> = f.proofs.clone();
		for _ in 0..100 {
			let verdicts: Result<Vec<Verdict>, VerifierError> = runtime.call(
				"VerifierApi_verify_batch_prepared",
				(Backend::HostCalls, prepared.clone(), entries.clone()),
			);
			assert!(verdicts.unwrap().iter().all(|v| v.is_valid()));
		}
		return;
	}
	if std::env::var_os("VERITAS_PROFILE").is_some() {
		let f = fixture(2, 1, 32);
		let (proof, xs) = f.proofs[0].clone();
		let prepared: Result<Vec<u8>, VerifierError> =
			runtime.call("VerifierApi_prepare_verifying_key", (Backend::HostCalls, f.vk.clone()));
		let prepared = prepared.unwrap();
		for _ in 0..400 {
			let ok: Result<bool, VerifierError> = runtime.call(
				"VerifierApi_verify_prepared",
				(Backend::HostCalls, prepared.clone(), proof.clone(), xs.clone()),
			);
			assert_eq!(ok, Ok(true));
		}
		return;
	}
	let baseline = time(50, || {
		let _: polkadot_sdk::sp_version::RuntimeVersion = runtime.call("Core_version", ());
	});
	println!("empty runtime call (subtracted below): {:.3} ms", ms(baseline));
	println!();
	println!("| backend | what | total ms | per proof ms |");
	println!("|---|---|---|---|");

	for backend in [Backend::HostCalls, Backend::Arkworks] {
		for inputs in [2usize, 16] {
			let f = fixture(inputs, 1, 30 + inputs as u64);
			let (proof, xs) = f.proofs[0].clone();
			let runs = if backend == Backend::Arkworks { 10 } else { 30 };
			let t = time(runs, || {
				let ok: Result<bool, VerifierError> = runtime.call(
					"VerifierApi_verify_with",
					(backend, f.vk.clone(), proof.clone(), xs.clone()),
				);
				assert_eq!(ok, Ok(true));
			})
			.saturating_sub(baseline);
			println!(
				"| {backend:?} | single, raw key bytes, {inputs} inputs | {:.2} | {:.2} |",
				ms(t),
				ms(t)
			);
			let prepared: Result<Vec<u8>, VerifierError> =
				runtime.call("VerifierApi_prepare_verifying_key", (backend, f.vk.clone()));
			let prepared = prepared.unwrap();
			let t = time(runs, || {
				let ok: Result<bool, VerifierError> = runtime.call(
					"VerifierApi_verify_prepared",
					(backend, prepared.clone(), proof.clone(), xs.clone()),
				);
				assert_eq!(ok, Ok(true));
			})
			.saturating_sub(baseline);
			println!(
				"| {backend:?} | single, prepared key, {inputs} inputs | {:.2} | {:.2} |",
				ms(t),
				ms(t)
			);
			let t = time(runs, || {
				let _: Result<Vec<u8>, VerifierError> =
					runtime.call("VerifierApi_prepare_verifying_key", (backend, f.vk.clone()));
			})
			.saturating_sub(baseline);
			println!(
				"| {backend:?} | validate + prepare key, {inputs} inputs | {:.2} | - |",
				ms(t)
			);
			// `VerifierApi` validates callers' prepared keys in pure wasm whatever the backend,
			// and on empty state the governed backend that `validate_verifying_key` uses is
			// `Arkworks`: one row says what the prepared-key rows of both backends include.
			if backend == Backend::Arkworks {
				let t = time(runs, || {
					let _: Result<u32, VerifierError> =
						runtime.call("VerifierApi_validate_verifying_key", (f.vk.clone(),));
				})
				.saturating_sub(baseline);
				println!("| any | validate key bytes, {inputs} inputs | {:.2} | - |", ms(t));
			}
		}
		let f = fixture(2, 16, 40);
		let prepared: Result<Vec<u8>, VerifierError> =
			runtime.call("VerifierApi_prepare_verifying_key", (backend, f.vk.clone()));
		let prepared = prepared.unwrap();
		for n in [1usize, 8, 16] {
			let entries: Vec<(Vec<u8>, Vec<PublicInput>)> = f.proofs[..n].to_vec();
			let runs = if n >= 16 { 5 } else { 10 };
			let t = time(runs, || {
				let verdicts: Result<Vec<Verdict>, VerifierError> = runtime.call(
					"VerifierApi_verify_batch_prepared",
					(backend, prepared.clone(), entries.clone()),
				);
				assert!(verdicts.unwrap().iter().all(|v| v.is_valid()));
			})
			.saturating_sub(baseline);
			println!(
				"| {backend:?} | batch of {n}, prepared key, 2 inputs | {:.2} | {:.3} |",
				ms(t),
				ms(t) / n as f64
			);
		}
	}
	for len in [64usize, 1024, 16 * 1024] {
		let input = vec![7u8; len];
		let t = time(20, || {
			let _: Result<PublicInput, VerifierError> =
				runtime.call("VerifierApi_commit_input", (input.clone(),));
		})
		.saturating_sub(baseline);
		println!("| - | input commitment, {len} bytes | {:.2} | - |", ms(t));
	}
}
