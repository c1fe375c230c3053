//! `veritas-node benchmark pallet`, run with the host functions block execution has.
//!
//! The library's own `benchmark pallet` executes the runtime with the Substrate host functions
//! and storage-proof-size only; Veritas's proof verification also calls the RFC-163
//! elliptic-curve host functions, without which the runtime does not even instantiate. This
//! runs the same command with them added.

use crate::chain_spec::VeritasChainSpecLoader;
use clap::Parser;
use color_eyre::eyre::eyre;
use polkadot_omni_node_lib::chain_spec::LoadSpec;
use polkadot_sdk::{
	cumulus_primitives_proof_size_hostfunction::storage_proof_size,
	frame_benchmarking_cli::PalletCmd, sp_runtime::traits::BlakeTwo256,
};

/// The host functions benchmarks add to the Substrate set: the same as a collator's.
type BenchmarkHostFunctions =
	(storage_proof_size::HostFunctions, sp_crypto_ec_utils::HostFunctionsRfc163);

/// Runs `benchmark pallet …` if that is what the command line asks for.
pub fn run_if_requested() -> Option<color_eyre::eyre::Result<()>> {
	let args: Vec<String> = std::env::args().collect();
	let wanted = args.get(1).map(String::as_str) == Some("benchmark")
		&& args.get(2).map(String::as_str) == Some("pallet");
	if !wanted {
		return None;
	}
	let cmd = PalletCmd::try_parse_from(args.iter().skip(2)).unwrap_or_else(|e| e.exit());
	let run = || -> color_eyre::eyre::Result<()> {
		let chain = cmd
			.shared_params
			.chain
			.as_ref()
			.map(|id| VeritasChainSpecLoader.load_spec(id))
			.transpose()
			.map_err(|e| eyre!("cannot load chain spec: {e}"))?;
		cmd.run_with_spec::<BlakeTwo256, BenchmarkHostFunctions>(chain)
			.map_err(|e| eyre!("benchmark failed: {e}"))
	};
	Some(run())
}
