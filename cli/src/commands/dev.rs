//! `veritas dev`: shortcuts on a development chain, signed by the sudo key (`--suri //Alice`).
//! Governance replaces them on a real network.

use crate::{Cli, Error};
use clap::Subcommand;
use serde_json::{json, Value};
use veritas_client::ModelId;

#[derive(Subcommand)]
pub enum DevCommand {
	/// Approve a pending model through sudo, so it takes jobs.
	ApproveModel { id: ModelId },
}

pub async fn run(cli: &Cli, command: &DevCommand) -> Result<Value, Error> {
	match command {
		DevCommand::ApproveModel { id } => {
			let sudo = cli.account()?;
			let client = cli.client().await?;
			client.sudo_approve_model(&sudo, *id).await?;
			Ok(json!({ "model": id, "status": "active" }))
		}
	}
}
