//! `validate_block` as a relay validator runs it: the PVF executor of
//! `polkadot-node-core-pvf-common`, driven as its prepare and execute workers drive it.
//!
//! Prepare: decompress the validation code within the bomb limit, prevalidate, compile under the
//! executor parameters' semantics, and instantiate once (the pre-check). Execute: decompress the
//! PoV within its bomb limit, and call `validate_block` on a thread with the worker's stack size.
//! The host functions are the executor's: `sp_io`'s misc, crypto, hashing, allocator, logging and
//! trie functions, plus the RFC-163 calls only under `EnabledHostFunction(EccRfc163)`; a call to
//! any other import traps.

// `execute_artifact` and `create_runtime_from_artifact_bytes` are `unsafe` because they load
// machine code; the artifact here is the one `prepare` just compiled in this process.
#![allow(unsafe_code)]

use crate::{chain::POV_BOMB_LIMIT, context, Error, Result};
use codec::{Decode, Encode};
use polkadot_sdk::{
	cumulus_primitives_core::relay_chain::{ExecutorParams, MAX_CODE_SIZE},
	polkadot_node_core_pvf_common::executor_interface::{
		create_runtime_from_artifact_bytes, execute_artifact, params_to_wasmtime_semantics,
		prepare, prevalidate,
	},
	polkadot_parachain_primitives::primitives::{BlockData, ValidationParams, ValidationResult},
};
use std::time::{Duration, Instant};

/// The relay's `validation_code_bomb_limit`: `max_code_size` times the compression ratio it
/// allows (10), at the largest `max_code_size` a relay may configure.
pub const VALIDATION_CODE_BOMB_LIMIT: usize = MAX_CODE_SIZE as usize * 10;

/// A runtime prepared for execution under one set of executor parameters.
pub struct RelayValidator {
	params: ExecutorParams,
	artifact: Vec<u8>,
	/// How long preparation (decompress, prevalidate, compile) took.
	pub prepare_time: Duration,
}

/// What `validate_block` returned, and how long it took.
pub struct Validated {
	pub result: ValidationResult,
	pub time: Duration,
}

impl RelayValidator {
	/// Prepares `code` (as registered on the relay: compressed) as a prepare worker does, and
	/// instantiates it once as the pre-check does.
	pub fn prepare(code: &[u8], params: ExecutorParams) -> Result<Self> {
		let started = Instant::now();
		let raw =
			polkadot_sdk::sp_maybe_compressed_blob::decompress(code, VALIDATION_CODE_BOMB_LIMIT)
				.map_err(context("decompressing the validation code"))?;
		let blob = prevalidate(&raw).map_err(context("prevalidate"))?;
		let artifact = prepare(blob, &params).map_err(context("prepare"))?;
		let prepare_time = started.elapsed();
		// SAFETY: `artifact` was compiled by `prepare` above, in this process, from this code.
		unsafe { create_runtime_from_artifact_bytes(&artifact, &params) }
			.map_err(context("instantiating the prepared runtime"))?;
		Ok(Self { params, artifact, prepare_time })
	}

	/// Executes `validate_block` on `params` (whose block data is the compressed PoV).
	pub fn validate(&self, params: &ValidationParams) -> Result<Validated> {
		let started = Instant::now();
		let pov = polkadot_sdk::sp_maybe_compressed_blob::decompress(
			&params.block_data.0,
			POV_BOMB_LIMIT,
		)
		.map_err(context("decompressing the PoV"))?;
		let encoded = ValidationParams {
			parent_head: params.parent_head.clone(),
			block_data: BlockData(pov.into_owned()),
			relay_parent_number: params.relay_parent_number,
			relay_parent_storage_root: params.relay_parent_storage_root,
		}
		.encode();
		let (_, stack_limit) = params_to_wasmtime_semantics(&self.params);
		let stack_size =
			(2 * 1024 * 1024usize).saturating_add(stack_limit.native_stack_max as usize);
		let artifact = self.artifact.clone();
		let executor_params = self.params.clone();
		let output = std::thread::Builder::new()
			.name("execute thread".into())
			.stack_size(stack_size)
			.spawn(move || {
				// SAFETY: `artifact` was compiled by `prepare` in this process, from this code.
				unsafe { execute_artifact(&artifact, &executor_params, &encoded) }
			})
			.map_err(context("spawning the execute thread"))?
			.join()
			.map_err(|_| Error("the execute thread panicked".into()))?
			.map_err(context("validate_block"))?;
		let time = started.elapsed();
		let result = ValidationResult::decode(&mut &output[..])
			.map_err(context("decoding the validation result"))?;
		Ok(Validated { result, time })
	}
}
