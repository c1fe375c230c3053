//! Veritas against the relay's limits: the runtime's code size, and for each verification backend a
//! block filled with `submit_results` until the runtime refuses more (also with the queue full of
//! jobs no freed slot takes, and with every proof forged) — its PoV size, how long it
//! takes to author, and how long `validate_block` takes in the PVF executor, beside
//! `max_pov_size` and the backing timeout. Build it optimised for timings that stand for a
//! collator's and a validator's (the test build's executor glue is not):
//!
//!     cargo run --locked --release -p veritas-relay-validation --bin relay-limits

use polkadot_sdk::sp_maybe_compressed_blob::CODE_BLOB_BOMB_LIMIT;
use polkadot_sdk::{
	cumulus_primitives_core::{
		relay_chain::{ExecutorParams, MAX_CODE_SIZE, MAX_POV_SIZE},
		ParaId,
	},
	frame_support::traits::Get,
	sp_genesis_builder::DEV_RUNTIME_PRESET,
};
use std::time::{Duration, Instant};
use veritas_primitives::BackendPolicy;
use veritas_relay_validation::{
	chain::{runtime_code, Chain, Refused},
	market::{completed, rejected, set_policy, Market, OPERATORS},
	pvf::RelayValidator,
	relay::{ecc, ExecutorParamsState, Relay},
	Error, Result,
};
use veritas_runtime::{Runtime, DEVELOPMENT_PARA_ID};

/// The backing timeout relay validators give `validate_block` (`DEFAULT_BACKING_EXECUTION_TIMEOUT`).
const BACKING_TIMEOUT: Duration = Duration::from_secs(2);
const MIB: f64 = 1024.0 * 1024.0;

fn main() -> Result<()> {
	// What the relay registers: the compact, compressed blob. A debug build of this crate embeds
	// the uncompressed runtime; compress it as the wasm builder does for a release build.
	let code = runtime_code()?;
	let raw = polkadot_sdk::sp_maybe_compressed_blob::decompress(code, CODE_BLOB_BOMB_LIMIT)
		.map_err(|error| Error(format!("decompressing the runtime: {error}")))?
		.into_owned();
	let compressed = if raw.len() == code.len() {
		polkadot_sdk::sp_maybe_compressed_blob::compress_strongly(&raw, CODE_BLOB_BOMB_LIMIT)
			.ok_or_else(|| Error("the runtime does not compress within the bomb limit".into()))?
	} else {
		code.to_vec()
	};
	println!(
		"runtime code: {:.2} MiB compressed ({:.2} MiB raw); the relay's hard cap on \
		 max_code_size (MAX_CODE_SIZE) is {:.2} MiB",
		compressed.len() as f64 / MIB,
		raw.len() as f64 / MIB,
		f64::from(MAX_CODE_SIZE) / MIB
	);
	let code = &compressed[..];
	let validator = RelayValidator::prepare(code, ExecutorParams::from(&[ecc()][..]))?;
	println!("PVF prepare (compile) of the runtime: {:.2} s", validator.prepare_time.as_secs_f64());
	println!();
	println!("| backend | results settled (completed or rejected) in a full block | PoV raw / compressed | authoring | validate_block | of max_pov_size ({:.0} MiB) | of the backing timeout (2 s) |", f64::from(MAX_POV_SIZE) / MIB);
	println!("|---|---|---|---|---|---|---|");
	// (name, backend, every proof forged, the queue full of jobs no freed slot takes)
	let cases = [
		("host calls", BackendPolicy::HostCalls, false, false),
		("host calls, a full queue none fits", BackendPolicy::HostCalls, false, true),
		("host calls, every proof forged", BackendPolicy::HostCalls, true, false),
		("pure wasm", BackendPolicy::Arkworks, false, false),
		("pure wasm, a full queue none fits", BackendPolicy::Arkworks, false, true),
		("pure wasm, every proof forged", BackendPolicy::Arkworks, true, false),
	];
	for (name, policy, forged, full_queue) in cases {
		let relay = Relay::new(ParaId::from(DEVELOPMENT_PARA_ID), ExecutorParamsState::EccEnabled);
		let mut chain = Chain::new(DEV_RUNTIME_PRESET, relay)?;
		let first = vec![set_policy(&mut chain, policy)];
		let mut market = Market::open(&mut chain, first, OPERATORS.len(), 1)?;
		// As many jobs as the operators can take at once: more than a block settles.
		let capacity: u32 = <Runtime as pallet_inference::Config>::MaxCapacity::get();
		market.submit_jobs(&mut chain, OPERATORS.len().saturating_mul(capacity as usize))?;
		if full_queue {
			let queue_len: u32 = <Runtime as pallet_inference::Config>::MaxQueueLen::get();
			market.queue_unfit_jobs(&mut chain, queue_len as usize)?;
		}
		// Signed up front: a block builder takes them from its pool until one no longer fits.
		let answers: Vec<_> =
			std::iter::from_fn(|| market.next_answers_with(&mut chain, forged)).collect();
		let mut pool = answers.into_iter();
		let authoring = Instant::now();
		let (candidate, refused) = chain.build_block_with(|| pool.next())?;
		let authoring = authoring.elapsed();
		// Every open job answered before the block filled: the figures are of a block holding
		// all the market could give it, and say so (the market has 11 endowed operators).
		let name = match refused {
			Some(Refused::Full) => name.to_string(),
			None => format!("{name} (every open job answered; the block had room left)"),
			other => return Err(Error(format!("{name}: a call was refused: {other:?}"))),
		};
		let settled = if forged {
			rejected(&candidate.events).len()
		} else {
			completed(&candidate.events).len()
		};
		let validated = validator.validate(&candidate.params)?;
		let pov = candidate.compressed_pov_size();
		println!(
			"| {name} | {settled} | {:.2} / {:.2} MiB | {:.0} ms | {:.0} ms | {:.1} % | {:.1} % |",
			candidate.pov_size as f64 / MIB,
			pov as f64 / MIB,
			authoring.as_secs_f64() * 1000.0,
			validated.time.as_secs_f64() * 1000.0,
			pov as f64 * 100.0 / f64::from(MAX_POV_SIZE),
			validated.time.as_secs_f64() * 100.0 / BACKING_TIMEOUT.as_secs_f64(),
		);
	}
	Ok(())
}
