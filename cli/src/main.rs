//! `veritas`: the command line of Veritas for model owners, operators and requesters.
//! Every command talks to a node over WebSocket (`--url`); `--output json` prints one JSON
//! object per command for scripts.

mod commands;
mod daemon;
mod load;
mod output;

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use veritas_client::{Account, Client};

#[derive(Parser)]
#[command(
	name = "veritas",
	version,
	about = "Verifiable AI inference on Veritas: register models, run an operator, submit jobs \
	         and get verified answers.",
	after_help = "Amounts are in VRT (`25`, `0.5`). Accounts: `--suri //Alice` for the \
	              development accounts, or `--key-file` holding a secret phrase or seed."
)]
pub struct Cli {
	/// The node's WebSocket RPC endpoint.
	#[arg(long, global = true, env = "VERITAS_URL", default_value = "ws://127.0.0.1:9944")]
	url: String,
	/// The signing account as a secret URI: `//Alice` on a dev chain, a mnemonic, `0x<seed>`.
	#[arg(long, global = true, env = "VERITAS_SURI", conflicts_with = "key_file")]
	suri: Option<String>,
	/// A file holding the signing account's secret URI (mode 600).
	#[arg(long, global = true, env = "VERITAS_KEY_FILE")]
	key_file: Option<PathBuf>,
	/// How results are printed.
	#[arg(long, global = true, value_enum, default_value_t = Format::Text)]
	output: Format,
	/// More logs (`-v` debug, `-vv` trace); `RUST_LOG` overrides.
	#[arg(short, long, global = true, action = clap::ArgAction::Count)]
	verbose: u8,
	#[command(subcommand)]
	command: Command,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
	Text,
	Json,
}

#[derive(Subcommand)]
enum Command {
	/// Import, register and manage models (model owners).
	#[command(subcommand)]
	Model(commands::model::ModelCommand),
	/// Register and manage an operator, and run the proving daemon (operators).
	#[command(subcommand)]
	Operator(commands::operator::OperatorCommand),
	/// Submit jobs and read their verified answers (requesters).
	#[command(subcommand)]
	Job(commands::job::JobCommand),
	/// Check a proof offline against a registered model's key, with the chain's verifier.
	Verify(commands::verify::VerifyArgs),
	/// Which verification backend the chain uses now, and why (chain operators).
	Backend,
	/// Governance: propose referenda, vote, delegate, follow a referendum, apply an upgrade.
	#[command(subcommand)]
	Gov(commands::gov::GovCommand),
	/// Development-chain conveniences that use the sudo key.
	#[command(subcommand)]
	Dev(commands::dev::DevCommand),
}

/// What a command failed with, printed as `error: …`.
pub type Error = Box<dyn std::error::Error + Send + Sync>;

impl Cli {
	/// The signing account, from `--suri` or `--key-file`.
	pub fn account(&self) -> Result<Account, Error> {
		match (&self.suri, &self.key_file) {
			(Some(uri), _) => Ok(Account::from_uri(uri)?),
			(None, Some(path)) => Ok(Account::from_key_file(path)?),
			(None, None) => {
				Err("this command needs an account: pass --suri (e.g. //Alice on a dev chain) \
				     or --key-file"
					.into())
			}
		}
	}

	pub async fn client(&self) -> Result<Client, Error> {
		Ok(Client::connect(&self.url).await?)
	}
}

#[tokio::main]
async fn main() {
	let cli = Cli::parse();
	let default = match cli.verbose {
		0 => "info",
		1 => "debug",
		_ => "trace",
	};
	let filter = tracing_subscriber::EnvFilter::try_from_default_env()
		.unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
	tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).init();

	let result = match &cli.command {
		Command::Model(command) => commands::model::run(&cli, command).await,
		Command::Operator(command) => commands::operator::run(&cli, command).await,
		Command::Job(command) => commands::job::run(&cli, command).await,
		Command::Verify(args) => commands::verify::run(&cli, args).await,
		Command::Backend => commands::backend::run(&cli).await,
		Command::Gov(command) => commands::gov::run(&cli, command).await,
		Command::Dev(command) => commands::dev::run(&cli, command).await,
	};
	match result {
		Ok(report) => {
			output::print(cli.output, &report);
			// Do not wait for blocking work left behind (a proof abandoned at shutdown).
			std::process::exit(0);
		}
		Err(error) => {
			if cli.output == Format::Json {
				println!("{}", serde_json::json!({ "error": error.to_string() }));
			} else {
				eprintln!("error: {error}");
			}
			std::process::exit(1);
		}
	}
}
