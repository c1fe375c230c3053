//! Runs the compiled runtime wasm the way a collator does: `sc-executor` with the node's host
//! functions (`ParachainHostFunctions`, RFC-163 included), calling runtime APIs by name.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use codec::{Decode, Encode};
use polkadot_sdk::{
	cumulus_client_service::ParachainHostFunctions,
	sc_executor::WasmExecutor,
	sp_core::traits::{CallContext, CodeExecutor, RuntimeCode, WrappedRuntimeCode},
	sp_io::TestExternalities,
};

pub struct WasmRuntime {
	executor: WasmExecutor<ParachainHostFunctions>,
	code: WrappedRuntimeCode<'static>,
	hash: Vec<u8>,
	ext: TestExternalities,
}

impl WasmRuntime {
	/// The runtime built by this crate's build script, on empty state.
	pub fn new() -> Self {
		let wasm =
			veritas_runtime::WASM_BINARY.expect("runtime wasm is built (SKIP_WASM_BUILD unset)");
		Self {
			executor: WasmExecutor::builder().build(),
			code: WrappedRuntimeCode(wasm.into()),
			hash: polkadot_sdk::sp_crypto_hashing::blake2_256(wasm).to_vec(),
			ext: TestExternalities::default(),
		}
	}

	/// Calls runtime API `method` (e.g. `VerifierApi_verify_with`) with SCALE-encoded `args`.
	pub fn call<R: Decode>(&mut self, method: &str, args: impl Encode) -> R {
		let runtime_code =
			RuntimeCode { code_fetcher: &self.code, heap_pages: None, hash: self.hash.clone() };
		let mut ext = self.ext.ext();
		let (result, _) = self.executor.call(
			&mut ext,
			&runtime_code,
			method,
			&args.encode(),
			CallContext::Offchain,
		);
		let bytes = result.unwrap_or_else(|e| panic!("{method} failed in wasm: {e}"));
		R::decode(&mut &bytes[..]).unwrap_or_else(|e| panic!("{method} returned garbage: {e}"))
	}
}
