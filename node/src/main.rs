//! `veritas-node`: the Veritas collator.
//!
//! A thin binary on [`polkadot_omni_node_lib`]: the library provides the whole collator (Aura
//! with asynchronous backing, the embedded relay-chain node, RPC, the `--dev` manual-seal mode
//! and the usual subcommands); this crate adds the Veritas chain specs, so that `--dev` and
//! `--chain local` work without a spec file.
//!
//! Host functions: the library executes runtimes with
//! `cumulus_client_service::ParachainHostFunctions`, which in stable2609 includes the RFC-163
//! elliptic-curve host calls (`sp_crypto_ec_utils::bls12_381::host_calls` and friends) that
//! Veritas's proof verification uses. See `tests/host_functions.rs`.

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod chain_spec;

use polkadot_omni_node_lib::{
	extra_subcommand::NoExtraSubcommand, run_with_custom_cli, runtime::DefaultRuntimeResolver,
	CliConfig as CliConfigT, RunConfig, NODE_VERSION,
};

struct CliConfig;

impl CliConfigT for CliConfig {
	fn impl_version() -> String {
		let commit_hash = env!("SUBSTRATE_CLI_COMMIT_HASH");
		format!("{NODE_VERSION}-{commit_hash}")
	}

	fn author() -> String {
		env!("CARGO_PKG_AUTHORS").into()
	}

	fn support_url() -> String {
		"https://github.com/veritas-chain/veritas/issues/new".into()
	}

	fn copyright_start_year() -> u16 {
		2026
	}
}

fn main() -> color_eyre::eyre::Result<()> {
	color_eyre::install()?;
	#[cfg(feature = "runtime-benchmarks")]
	if let Some(result) = benchmarking::run_if_requested() {
		return result;
	}
	let config = RunConfig::new(
		Box::new(DefaultRuntimeResolver),
		Box::new(chain_spec::VeritasChainSpecLoader),
	);
	Ok(run_with_custom_cli::<CliConfig, NoExtraSubcommand>(config)?)
}
