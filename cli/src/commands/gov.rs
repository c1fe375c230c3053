//! `veritas gov`: what governance voters do. Propose a referendum on its track, vote with
//! conviction, delegate, follow a referendum's tally against its track's curves, and apply a
//! runtime upgrade a `Root` referendum authorised. docs/governance.md is the guide.

use super::read_file;
use crate::{Cli, Error};
use clap::{Subcommand, ValueEnum};
use serde_json::{json, Value};
use std::path::PathBuf;
use veritas_client::{
	amount::{parse_vrt, show_vrt},
	governance::{self, Direction, Parameter, Proposal, ReferendumState, Track},
	AccountId32, ModelId, SlashId,
};

#[derive(Subcommand)]
pub enum GovCommand {
	/// Submit a referendum on the track its call needs, note the call's preimage if it is long,
	/// and place the decision deposit (both held until the referendum ends).
	#[command(subcommand)]
	Propose(ProposeCommand),
	/// Vote on a referendum: `--amount` is locked, for longer the higher the conviction.
	Vote {
		/// The referendum's index.
		index: u32,
		#[arg(value_enum)]
		direction: VoteDirection,
		/// 0 (0.1× votes, no lock) to 6 (6× votes, locked 32 periods).
		#[arg(long, default_value_t = 1)]
		conviction: u8,
		/// How much to vote with, in VRT.
		#[arg(long, value_parser = parse_vrt)]
		amount: u128,
	},
	/// One referendum (tally, support, thresholds, time left and the call, decoded), or every
	/// referendum still open.
	Status { index: Option<u32> },
	/// Let another account vote with your tokens on one track.
	Delegate {
		/// The track: root, model-approver, slash-arbiter, parameter-admin, treasurer,
		/// referendum-canceller, referendum-killer.
		track: String,
		/// The account to delegate to (SS58).
		to: AccountId32,
		#[arg(long, default_value_t = 1)]
		conviction: u8,
		#[arg(long, value_parser = parse_vrt)]
		amount: u128,
	},
	/// End your delegation on a track.
	Undelegate { track: String },
	/// The slashes waiting to apply, which a `slash_arbiter` referendum may still cancel.
	Slashes,
	/// Take back a finished referendum's deposits (submission and decision) where the chain
	/// returns them.
	Refund { index: u32 },
	/// Pay out an approved treasury spend to its beneficiary (anyone may).
	Payout {
		/// The spend's index (`Treasury.AssetSpendApproved` gives it; the first is 0).
		index: u32,
	},
	/// Place a referendum's decision deposit (anyone may), so it can be decided.
	Deposit { index: u32 },
	/// Submit the runtime a `Root` referendum authorised (`gov propose upgrade`).
	ApplyUpgrade { wasm: PathBuf },
}

#[derive(Subcommand)]
pub enum ProposeCommand {
	/// Approve a pending model (`model_approver` track). Audit it first: `veritas model audit`.
	ApproveModel { id: ModelId },
	/// Cancel a pending slash and restore the bond (`slash_arbiter` track); must pass before
	/// the slash applies.
	CancelSlash { id: SlashId },
	/// Change a market parameter (`parameter_admin` track; the verification backend: `root`).
	/// Values outside the bounds the chain holds them in are refused.
	#[command(after_help = "Parameters: protocol-fee PERCENT, min-operator-bond VRT, \
	                        job-collateral VRT, invalid-proof-slash VRT, liveness-slash VRT, \
	                        slash-treasury-share PERCENT, slash-defer-period BLOCKS, \
	                        min-job-timeout BLOCKS, verification-backend auto|arkworks|host-calls")]
	SetParam { name: String, value: String },
	/// Authorise a runtime upgrade to this wasm (`root` track); once enacted, anyone submits it
	/// with `veritas gov apply-upgrade`.
	Upgrade { wasm: PathBuf },
	/// Spend from the treasury (`treasurer` track, up to 100,000 VRT per spend); once enacted,
	/// anyone pays it out with `veritas gov payout`.
	Spend {
		/// How much, in VRT.
		#[arg(value_parser = parse_vrt)]
		amount: u128,
		/// Who receives it (SS58).
		beneficiary: AccountId32,
	},
	/// Cancel an ongoing referendum, returning its deposits (`referendum_canceller` track).
	CancelReferendum { index: u32 },
	/// Kill an ongoing referendum, burning its deposits (`referendum_killer` track).
	KillReferendum { index: u32 },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum VoteDirection {
	Aye,
	Nay,
}

fn percent(parts_per_billion: u32) -> String {
	format!("{:.2}%", f64::from(parts_per_billion) / 10_000_000.0)
}

fn state_json(index: u32, state: &ReferendumState) -> Value {
	match state {
		ReferendumState::Ongoing(o) => {
			let passing = match (o.approval_needed, o.support_needed) {
				(Some(approval), Some(support)) => {
					Some(o.approval >= approval && o.support_share >= support)
				}
				_ => None,
			};
			let phase = if let Some(until) = o.confirming_until {
				format!("confirming until block {until}")
			} else if o.deciding_since.is_some() {
				"deciding".to_string()
			} else if o.decision_deposit_placed {
				"preparing (or queued for a deciding slot)".to_string()
			} else {
				"waiting for its decision deposit (veritas gov deposit)".to_string()
			};
			json!({
				"referendum": index,
				"state": "ongoing",
				"track": o.track_name,
				"phase": phase,
				"call": match &o.call { Ok(call) => call.clone(), Err(why) => format!("({why})") },
				"ayes": show_vrt(o.ayes),
				"nays": show_vrt(o.nays),
				"support": show_vrt(o.support),
				"approval": percent(o.approval),
				"approval_needed_now": o.approval_needed.map(percent),
				"support_share": percent(o.support_share),
				"support_needed_now": o.support_needed.map(percent),
				"passing_now": passing,
				"submitted_at": o.submitted,
				"period_ends_at": o.period_ends,
				"blocks_left": o.period_ends.map(|end| end.saturating_sub(o.now)),
				"now": o.now,
			})
		}
		ReferendumState::Approved { at } => {
			json!({ "referendum": index, "state": "approved", "at": at })
		}
		ReferendumState::Rejected { at } => {
			json!({ "referendum": index, "state": "rejected", "at": at })
		}
		ReferendumState::Cancelled { at } => {
			json!({ "referendum": index, "state": "cancelled", "at": at })
		}
		ReferendumState::TimedOut { at } => {
			json!({ "referendum": index, "state": "timed out", "at": at })
		}
		ReferendumState::Killed { at } => {
			json!({ "referendum": index, "state": "killed", "at": at })
		}
	}
}

pub async fn run(cli: &Cli, command: &GovCommand) -> Result<Value, Error> {
	match command {
		GovCommand::Propose(what) => {
			let proposal = match what {
				ProposeCommand::ApproveModel { id } => Proposal::ApproveModel(*id),
				ProposeCommand::CancelSlash { id } => Proposal::CancelSlash(*id),
				ProposeCommand::SetParam { name, value } => {
					Proposal::SetParameter(Parameter::parse(name, value)?)
				}
				ProposeCommand::Upgrade { wasm } => {
					Proposal::AuthorizeUpgrade(governance::blake2_256(&read_file(wasm)?))
				}
				ProposeCommand::Spend { amount, beneficiary } => {
					Proposal::Spend { amount: *amount, beneficiary: *beneficiary }
				}
				ProposeCommand::CancelReferendum { index } => Proposal::CancelReferendum(*index),
				ProposeCommand::KillReferendum { index } => Proposal::KillReferendum(*index),
			};
			let account = cli.account()?;
			let client = cli.client().await?;
			let proposed = client.propose(&account, &proposal).await?;
			Ok(json!({
				"referendum": proposed.index,
				"track": proposed.track.name(),
				"preimage": proposed.preimage.map(|hash| format!("{hash:?}")),
				"decision_deposit": match &proposed.decision_deposit {
					Ok(amount) => show_vrt(*amount),
					Err(why) => format!(
						"not placed ({why}); anyone may place it: veritas gov deposit {}",
						proposed.index
					),
				},
				"next": format!("veritas gov vote {} aye --amount AMOUNT", proposed.index),
			}))
		}
		GovCommand::Vote { index, direction, conviction, amount } => {
			let account = cli.account()?;
			let client = cli.client().await?;
			let direction = match direction {
				VoteDirection::Aye => Direction::Aye,
				VoteDirection::Nay => Direction::Nay,
			};
			client.vote(&account, *index, direction, *conviction, *amount).await?;
			let state = client.referendum(*index).await?;
			Ok(match state {
				Some(state) => state_json(*index, &state),
				None => json!({ "referendum": index, "voted": true }),
			})
		}
		GovCommand::Status { index: Some(index) } => {
			let client = cli.client().await?;
			let state = client
				.referendum(*index)
				.await?
				.ok_or_else(|| format!("referendum {index} does not exist"))?;
			Ok(state_json(*index, &state))
		}
		GovCommand::Status { index: None } => {
			let client = cli.client().await?;
			let mut open = Vec::new();
			for index in 0..client.referendum_count().await? {
				if let Some(state @ ReferendumState::Ongoing(_)) = client.referendum(index).await? {
					open.push(state_json(index, &state));
				}
			}
			Ok(json!({ "ongoing": open }))
		}
		GovCommand::Delegate { track, to, conviction, amount } => {
			let track = Track::parse(track)?;
			let account = cli.account()?;
			let client = cli.client().await?;
			client.delegate(&account, track, to, *conviction, *amount).await?;
			Ok(
				json!({ "track": track.name(), "delegated_to": to.to_string(), "amount": show_vrt(*amount) }),
			)
		}
		GovCommand::Undelegate { track } => {
			let track = Track::parse(track)?;
			let account = cli.account()?;
			cli.client().await?.undelegate(&account, track).await?;
			Ok(json!({ "track": track.name(), "delegation": "ended" }))
		}
		GovCommand::Slashes => {
			let client = cli.client().await?;
			let now = client.finalized_number().await?;
			let slashes = client.pending_slashes(1_000).await?;
			let list: Vec<Value> = slashes
				.iter()
				.map(|(id, slash)| {
					json!({
						"slash": id,
						"operator": slash.operator.to_string(),
						"job": slash.job,
						"requester": slash.requester.to_string(),
						"amount": show_vrt(slash.amount),
						"reason": format!("{:?}", slash.reason),
						"applies_at": slash.applies_at,
						"blocks_left": slash.applies_at.saturating_sub(now),
					})
				})
				.collect();
			Ok(json!({ "pending_slashes": list }))
		}
		GovCommand::Refund { index } => {
			let account = cli.account()?;
			let client = cli.client().await?;
			let (submission, decision) = client.refund_deposits(&account, *index).await?;
			Ok(json!({
				"referendum": index,
				"submission_deposit": submission.map(show_vrt),
				"decision_deposit": decision.map(show_vrt),
			}))
		}
		GovCommand::Payout { index } => {
			let account = cli.account()?;
			cli.client().await?.payout(&account, *index).await?;
			Ok(json!({ "spend": index, "status": "paid" }))
		}
		GovCommand::Deposit { index } => {
			let account = cli.account()?;
			let amount = cli.client().await?.place_decision_deposit(&account, *index).await?;
			Ok(json!({ "referendum": index, "decision_deposit": show_vrt(amount) }))
		}
		GovCommand::ApplyUpgrade { wasm } => {
			let code = read_file(wasm)?;
			let hash = governance::blake2_256(&code);
			let account = cli.account()?;
			cli.client().await?.apply_upgrade(&account, code).await?;
			Ok(
				json!({ "upgrade": format!("{hash:?}"), "status": "scheduled with the relay chain" }),
			)
		}
	}
}
