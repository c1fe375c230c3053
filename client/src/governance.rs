//! OpenGov: proposing referenda on Veritas's tracks, voting and delegating with conviction,
//! reading a referendum's tally against its track's curves, and applying an authorised runtime
//! upgrade.

use crate::{
	account::Account,
	error::{Error, Result},
	runtime::api::{
		self,
		referenda::events::{DecisionDepositPlaced, Submitted},
		runtime_types::{
			bounded_collections::bounded_vec::BoundedVec,
			frame_support::traits::{preimages::Bounded, schedule::DispatchTime},
			pallet_conviction_voting::{
				conviction::Conviction,
				vote::{AccountVote, Vote},
			},
			pallet_referenda::types::{Curve, ReferendumInfo},
			sp_arithmetic::per_things::Perbill,
			sp_runtime::traits::BlakeTwo256 as CallHasher,
			veritas_runtime::{
				configs::parameters::{
					dynamic_params::{market, verifier},
					RuntimeParameters,
				},
				governance::origins::pallet::Origin,
				OriginCaller, RuntimeCall,
			},
		},
	},
	AccountId32, Balance, BlockNumber, Client, ModelId, SlashId, H256,
};
use subxt::config::{substrate::BlakeTwo256, Hasher};

/// A call longer than this goes to the preimage pallet; shorter ones travel inline in the
/// referendum (the runtime's `Bounded` inline limit).
const MAX_INLINE_CALL: usize = 128;

/// BLAKE2-256, the hash the chain names preimages and runtime upgrades by.
pub fn blake2_256(bytes: &[u8]) -> H256 {
	BlakeTwo256.hash(bytes)
}

/// A referendum track: which origin a passed referendum dispatches with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Track {
	Root,
	ModelApprover,
	SlashArbiter,
	ParameterAdmin,
	Treasurer,
	ReferendumCanceller,
	ReferendumKiller,
}

impl Track {
	pub const ALL: [Track; 7] = [
		Track::Root,
		Track::ModelApprover,
		Track::SlashArbiter,
		Track::ParameterAdmin,
		Track::Treasurer,
		Track::ReferendumCanceller,
		Track::ReferendumKiller,
	];

	/// The track's id on chain.
	pub fn id(self) -> u16 {
		match self {
			Track::Root => 0,
			Track::ModelApprover => 1,
			Track::SlashArbiter => 2,
			Track::ParameterAdmin => 3,
			Track::Treasurer => 4,
			Track::ReferendumCanceller => 5,
			Track::ReferendumKiller => 6,
		}
	}

	pub fn from_id(id: u16) -> Option<Track> {
		Track::ALL.into_iter().find(|track| track.id() == id)
	}

	/// The track's name, as the chain spells it.
	pub fn name(self) -> &'static str {
		match self {
			Track::Root => "root",
			Track::ModelApprover => "model_approver",
			Track::SlashArbiter => "slash_arbiter",
			Track::ParameterAdmin => "parameter_admin",
			Track::Treasurer => "treasurer",
			Track::ReferendumCanceller => "referendum_canceller",
			Track::ReferendumKiller => "referendum_killer",
		}
	}

	/// A track by name: `root`, `model-approver` (or `model_approver`), ….
	pub fn parse(name: &str) -> Result<Track> {
		let name = name.replace('-', "_");
		Track::ALL.into_iter().find(|track| track.name() == name).ok_or_else(|| {
			Error::Protocol(format!(
				"no track `{name}`: the tracks are root, model-approver, slash-arbiter, \
				 parameter-admin, treasurer, referendum-canceller and referendum-killer"
			))
		})
	}

	fn origin(self) -> OriginCaller {
		use api::runtime_types::frame_support::dispatch::RawOrigin;
		match self {
			Track::Root => OriginCaller::system(RawOrigin::Root),
			Track::ModelApprover => OriginCaller::Origins(Origin::ModelApprover),
			Track::SlashArbiter => OriginCaller::Origins(Origin::SlashArbiter),
			Track::ParameterAdmin => OriginCaller::Origins(Origin::ParameterAdmin),
			Track::Treasurer => OriginCaller::Origins(Origin::Treasurer),
			Track::ReferendumCanceller => OriginCaller::Origins(Origin::ReferendumCanceller),
			Track::ReferendumKiller => OriginCaller::Origins(Origin::ReferendumKiller),
		}
	}
}

/// A governed parameter and the value proposed for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Parameter {
	/// Share of each job's price for the treasury, in parts per billion.
	ProtocolFee(u32),
	MinOperatorBond(Balance),
	JobCollateral(Balance),
	InvalidProofSlash(Balance),
	LivenessSlash(Balance),
	/// Share of an applied slash for the treasury, in parts per billion.
	SlashTreasuryShare(u32),
	SlashDeferPeriod(BlockNumber),
	MinJobTimeout(BlockNumber),
	VerificationBackend(crate::BackendPolicy),
}

/// The names `Parameter::parse` takes, with the unit of each value.
pub const PARAMETERS: [(&str, &str); 9] = [
	("protocol-fee", "percent"),
	("min-operator-bond", "VRT"),
	("job-collateral", "VRT"),
	("invalid-proof-slash", "VRT"),
	("liveness-slash", "VRT"),
	("slash-treasury-share", "percent"),
	("slash-defer-period", "blocks"),
	("min-job-timeout", "blocks"),
	("verification-backend", "auto, arkworks or host-calls"),
];

fn percent(value: &str) -> Result<u32> {
	let number: f64 = value
		.trim_end_matches('%')
		.parse()
		.map_err(|_| Error::Protocol(format!("`{value}` is not a percentage")))?;
	if !(0.0..=100.0).contains(&number) {
		return Err(Error::Protocol(format!("{value} is not between 0 and 100 percent")));
	}
	Ok((number * 10_000_000.0).round() as u32)
}

fn blocks(value: &str) -> Result<BlockNumber> {
	value.parse().map_err(|_| Error::Protocol(format!("`{value}` is not a number of blocks")))
}

fn vrt(value: &str) -> Result<Balance> {
	crate::amount::parse_vrt(value).map_err(Error::Protocol)
}

impl Parameter {
	/// `NAME VALUE` as `veritas gov propose set-param` takes them (see [`PARAMETERS`]).
	pub fn parse(name: &str, value: &str) -> Result<Parameter> {
		Ok(match name.replace('_', "-").as_str() {
			"protocol-fee" => Parameter::ProtocolFee(percent(value)?),
			"min-operator-bond" => Parameter::MinOperatorBond(vrt(value)?),
			"job-collateral" => Parameter::JobCollateral(vrt(value)?),
			"invalid-proof-slash" => Parameter::InvalidProofSlash(vrt(value)?),
			"liveness-slash" => Parameter::LivenessSlash(vrt(value)?),
			"slash-treasury-share" => Parameter::SlashTreasuryShare(percent(value)?),
			"slash-defer-period" => Parameter::SlashDeferPeriod(blocks(value)?),
			"min-job-timeout" => Parameter::MinJobTimeout(blocks(value)?),
			"verification-backend" => Parameter::VerificationBackend(match value {
				"auto" => crate::BackendPolicy::Auto,
				"arkworks" => crate::BackendPolicy::Arkworks,
				"host-calls" => crate::BackendPolicy::HostCalls,
				other => {
					return Err(Error::Protocol(format!(
						"`{other}` is not a backend policy: auto, arkworks or host-calls"
					)))
				}
			}),
			other => {
				let names: Vec<&str> = PARAMETERS.iter().map(|(name, _)| *name).collect();
				return Err(Error::Protocol(format!(
					"no parameter `{other}`: the parameters are {}",
					names.join(", ")
				)));
			}
		})
	}

	fn runtime_parameter(self) -> RuntimeParameters {
		use market::Parameters as M;
		match self {
			Parameter::ProtocolFee(v) => {
				RuntimeParameters::Market(M::ProtocolFee(market::ProtocolFee, Some(Perbill(v))))
			}
			Parameter::MinOperatorBond(v) => {
				RuntimeParameters::Market(M::MinOperatorBond(market::MinOperatorBond, Some(v)))
			}
			Parameter::JobCollateral(v) => {
				RuntimeParameters::Market(M::JobCollateral(market::JobCollateral, Some(v)))
			}
			Parameter::InvalidProofSlash(v) => {
				RuntimeParameters::Market(M::InvalidProofSlash(market::InvalidProofSlash, Some(v)))
			}
			Parameter::LivenessSlash(v) => {
				RuntimeParameters::Market(M::LivenessSlash(market::LivenessSlash, Some(v)))
			}
			Parameter::SlashTreasuryShare(v) => RuntimeParameters::Market(M::SlashTreasuryShare(
				market::SlashTreasuryShare,
				Some(Perbill(v)),
			)),
			Parameter::SlashDeferPeriod(v) => {
				RuntimeParameters::Market(M::SlashDeferPeriod(market::SlashDeferPeriod, Some(v)))
			}
			Parameter::MinJobTimeout(v) => {
				RuntimeParameters::Market(M::MinJobTimeout(market::MinJobTimeout, Some(v)))
			}
			Parameter::VerificationBackend(policy) => {
				use api::runtime_types::veritas_primitives::backend::BackendPolicy as Policy;
				let policy = match policy {
					crate::BackendPolicy::Auto => Policy::Auto,
					crate::BackendPolicy::Arkworks => Policy::Arkworks,
					crate::BackendPolicy::HostCalls => Policy::HostCalls,
				};
				RuntimeParameters::Verifier(verifier::Parameters::VerificationBackend(
					verifier::VerificationBackend,
					Some(policy),
				))
			}
		}
	}
}

/// What a referendum proposes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Proposal {
	/// `Models::approve_model`, on the model approver's track.
	ApproveModel(ModelId),
	/// `Inference::cancel_slash`, on the slash arbiter's track.
	CancelSlash(SlashId),
	/// `Treasury::spend` of `amount` to `beneficiary`, on the treasurer's track (up to the
	/// treasurer's limit; more needs `root`). Once enacted, anyone pays it out
	/// ([`Client::payout`]).
	Spend { amount: Balance, beneficiary: AccountId32 },
	/// `Parameters::set_parameter`: the market's on the parameter admin's track, the
	/// verification backend on the root track.
	SetParameter(Parameter),
	/// `System::authorize_upgrade` for the runtime with this BLAKE2-256 hash, on the root track;
	/// once enacted, anyone submits the code ([`Client::apply_upgrade`]).
	AuthorizeUpgrade(H256),
	/// `Referenda::cancel` of an ongoing referendum (its deposits returned), on the canceller's
	/// track.
	CancelReferendum(u32),
	/// `Referenda::kill` of an ongoing referendum (its deposits burned), on the killer's track.
	KillReferendum(u32),
}

impl Proposal {
	/// The track whose origin the call needs.
	pub fn track(&self) -> Track {
		match self {
			Proposal::ApproveModel(_) => Track::ModelApprover,
			Proposal::CancelSlash(_) => Track::SlashArbiter,
			Proposal::Spend { .. } => Track::Treasurer,
			Proposal::SetParameter(Parameter::VerificationBackend(_)) => Track::Root,
			Proposal::SetParameter(_) => Track::ParameterAdmin,
			Proposal::AuthorizeUpgrade(_) => Track::Root,
			Proposal::CancelReferendum(_) => Track::ReferendumCanceller,
			Proposal::KillReferendum(_) => Track::ReferendumKiller,
		}
	}

	fn call(&self) -> RuntimeCall {
		use api::runtime_types::{
			frame_system::pallet::Call as System, pallet_inference::pallet::Call as Inference,
			pallet_models::pallet::Call as Models, pallet_parameters::pallet::Call as Parameters,
			pallet_referenda::pallet::Call as Referenda, pallet_treasury::pallet::Call as Treasury,
		};
		match self {
			Proposal::ApproveModel(model) => {
				RuntimeCall::Models(Models::approve_model { model: *model })
			}
			Proposal::CancelSlash(slash) => {
				RuntimeCall::Inference(Inference::cancel_slash { slash: *slash })
			}
			Proposal::SetParameter(parameter) => {
				RuntimeCall::Parameters(Parameters::set_parameter {
					key_value: parameter.clone().runtime_parameter(),
				})
			}
			Proposal::AuthorizeUpgrade(code_hash) => {
				RuntimeCall::System(System::authorize_upgrade { code_hash: *code_hash })
			}
			Proposal::Spend { amount, beneficiary } => RuntimeCall::Treasury(Treasury::spend {
				asset_kind: Box::new(()),
				amount: *amount,
				beneficiary: Box::new(*beneficiary),
				valid_from: None,
			}),
			Proposal::CancelReferendum(index) => {
				RuntimeCall::Referenda(Referenda::cancel { index: *index })
			}
			Proposal::KillReferendum(index) => {
				RuntimeCall::Referenda(Referenda::kill { index: *index })
			}
		}
	}

	/// The call's SCALE encoding under the chain's `metadata`: what voters decode and the
	/// preimage stores.
	pub fn call_data(&self, metadata: &subxt::Metadata) -> Result<Vec<u8>> {
		use subxt::ext::scale_encode::EncodeAsType;
		let ty = metadata.outer_enums().call_enum_ty();
		self.call()
			.encode_as_type(ty, metadata.types())
			.map_err(|e| Error::Protocol(format!("encoding the proposal's call: {e}")))
	}
}

/// A proposal submitted as a referendum.
#[derive(Clone, Debug)]
pub struct Proposed {
	pub index: u32,
	pub track: Track,
	/// The call's hash, when it was too long to travel inline and was noted as a preimage.
	pub preimage: Option<H256>,
	/// The decision deposit placed, or why placing it failed: the referendum then waits in its
	/// track's preparation until someone places it (`veritas gov deposit`).
	pub decision_deposit: std::result::Result<Balance, String>,
}

/// A vote's direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
	Aye,
	Nay,
}

/// How a referendum stands.
#[derive(Clone, Debug)]
pub enum ReferendumState {
	Ongoing(Ongoing),
	Approved { at: BlockNumber },
	Rejected { at: BlockNumber },
	Cancelled { at: BlockNumber },
	TimedOut { at: BlockNumber },
	Killed { at: BlockNumber },
}

/// An ongoing referendum, with its tally set against its track's thresholds now.
#[derive(Clone, Debug)]
pub struct Ongoing {
	pub track: u16,
	pub track_name: String,
	pub submitted: BlockNumber,
	/// Decoded call, or why it cannot be shown.
	pub call: std::result::Result<String, String>,
	pub decision_deposit_placed: bool,
	/// When deciding began, if it has.
	pub deciding_since: Option<BlockNumber>,
	/// When confirmation ends, if the referendum is confirming.
	pub confirming_until: Option<BlockNumber>,
	pub ayes: Balance,
	pub nays: Balance,
	/// Aye votes before conviction.
	pub support: Balance,
	/// Ayes over all votes, in parts per billion.
	pub approval: u32,
	/// Support over the active issuance, in parts per billion.
	pub support_share: u32,
	/// The least approval and support that pass now, in parts per billion (once deciding).
	pub approval_needed: Option<u32>,
	pub support_needed: Option<u32>,
	/// The block the preparation or decision period ends, whichever comes next.
	pub period_ends: Option<BlockNumber>,
	pub now: BlockNumber,
}

/// What a linear curve requires at `x` (parts per billion of the decision period).
fn linear_threshold(curve: &Curve, x: u64) -> Option<u32> {
	match curve {
		Curve::LinearDecreasing { length, floor, ceil } => {
			let length = u64::from(length.0).max(1);
			let fall = u64::from(ceil.0.saturating_sub(floor.0));
			let progressed = x.min(length);
			let drop = fall.saturating_mul(progressed).checked_div(length).unwrap_or(0);
			Some(ceil.0.saturating_sub(drop as u32))
		}
		_ => None,
	}
}

fn share(part: Balance, whole: Balance) -> u32 {
	if whole == 0 {
		return 0;
	}
	// Parts per billion of `whole`, without overflowing for any balance.
	let scaled = part.saturating_mul(1_000_000_000).checked_div(whole).unwrap_or(0);
	scaled.min(1_000_000_000) as u32
}

impl Client {
	/// Submits `proposal` as a referendum on its track, enacted as soon as the track allows:
	/// notes its preimage if the call is too long to travel inline, then places the decision
	/// deposit. The referendum exists once submitted, even if placing the deposit fails.
	pub async fn propose(&self, account: &Account, proposal: &Proposal) -> Result<Proposed> {
		match proposal {
			Proposal::SetParameter(parameter) => self.check_parameter_bounds(parameter).await?,
			Proposal::CancelSlash(slash) => {
				let pending = self.pending_slash(*slash).await?;
				if pending.is_none() {
					return Err(Error::Protocol(format!(
						"slash {slash} is not pending (applied, cancelled or never made): \
						 `veritas gov slashes` lists the pending ones"
					)));
				}
			}
			_ => {}
		}
		let data = {
			let at = self.api.at_current_block().await.map_err(|e| self.error(e))?;
			proposal.call_data(&at.metadata())?
		};
		let track = proposal.track();
		let (bounded, preimage) = if data.len() <= MAX_INLINE_CALL {
			(Bounded::Inline(BoundedVec(data)), None)
		} else {
			let hash = blake2_256(&data);
			let len = data.len() as u32;
			self.submit(account, &api::transactions().preimage().note_preimage(data)).await?;
			(Bounded::Lookup { hash, len }, Some(hash))
		};
		let submit =
			api::transactions().referenda().submit(track.origin(), bounded, DispatchTime::After(0));
		let outcome = self.submit(account, &submit).await?;
		let index = outcome.one::<Submitted>("Referenda.Submitted")?.index;
		let decision_deposit = match self.place_decision_deposit(account, index).await {
			Ok(amount) => Ok(amount),
			Err(error) => Err(error.to_string()),
		};
		Ok(Proposed { index, track, preimage, decision_deposit })
	}

	/// Pays out approved treasury spend `index` to its beneficiary (anyone may).
	pub async fn payout(&self, account: &Account, index: u32) -> Result<()> {
		let outcome = self.submit(account, &api::transactions().treasury().payout(index)).await?;
		outcome.one::<api::treasury::events::Paid>("Treasury.Paid")?;
		Ok(())
	}

	/// Places referendum `index`'s decision deposit (anyone may), so it can be decided.
	pub async fn place_decision_deposit(&self, account: &Account, index: u32) -> Result<Balance> {
		let call = api::transactions().referenda().place_decision_deposit(index);
		let outcome = self.submit(account, &call).await?;
		Ok(outcome.one::<DecisionDepositPlaced>("Referenda.DecisionDepositPlaced")?.amount)
	}

	/// Returns referendum `index`'s submission and decision deposits to whoever placed them,
	/// where the chain allows it (the referendum is over and was not killed; the submission
	/// deposit only if it was approved or cancelled). Returns the amounts refunded.
	pub async fn refund_deposits(
		&self,
		account: &Account,
		index: u32,
	) -> Result<(Option<Balance>, Option<Balance>)> {
		use api::referenda::events::{DecisionDepositRefunded, SubmissionDepositRefunded};
		let submission = api::transactions().referenda().refund_submission_deposit(index);
		let submission = match self.submit(account, &submission).await {
			Ok(outcome) => outcome.all::<SubmissionDepositRefunded>()?.first().map(|e| e.amount),
			Err(error) if error.is_refusal() => None,
			Err(error) => return Err(error),
		};
		let decision = api::transactions().referenda().refund_decision_deposit(index);
		let decision = match self.submit(account, &decision).await {
			Ok(outcome) => outcome.all::<DecisionDepositRefunded>()?.first().map(|e| e.amount),
			Err(error) if error.is_refusal() => None,
			Err(error) => return Err(error),
		};
		if submission.is_none() && decision.is_none() {
			return Err(Error::Protocol(format!(
				"referendum {index} has no deposit to refund: it is still running, was killed \
				 (deposits burned), or its deposits were refunded already"
			)));
		}
		Ok((submission, decision))
	}

	/// Refuses a parameter value outside the envelope the market holds it in
	/// (`Inference::MarketBounds`): the chain would clamp it, so it is not what voters would
	/// be voting for.
	async fn check_parameter_bounds(&self, parameter: &Parameter) -> Result<()> {
		let at = self.api.at_current_block().await.map_err(|e| self.error(e))?;
		let bounds = at
			.constants()
			.entry(api::constants().inference().market_bounds())
			.map_err(|e| self.error(e))?;
		let show = crate::amount::show_vrt;
		let pct = |v: u32| format!("{}%", f64::from(v) / 10_000_000.0);
		let outside = |name: &str, lo: String, hi: String| {
			Err(Error::Protocol(format!("{name} must be between {lo} and {hi}")))
		};
		match parameter.clone() {
			Parameter::ProtocolFee(v) => {
				let b = &bounds.protocol_fee;
				if v < b.min.0 || v > b.max.0 {
					return outside("protocol-fee", pct(b.min.0), pct(b.max.0));
				}
			}
			Parameter::SlashTreasuryShare(v) => {
				let b = &bounds.slash_treasury_share;
				if v < b.min.0 || v > b.max.0 {
					return outside("slash-treasury-share", pct(b.min.0), pct(b.max.0));
				}
			}
			Parameter::MinOperatorBond(v)
			| Parameter::JobCollateral(v)
			| Parameter::InvalidProofSlash(v)
			| Parameter::LivenessSlash(v) => {
				let (name, b) = match parameter {
					Parameter::MinOperatorBond(_) => {
						("min-operator-bond", &bounds.min_operator_bond)
					}
					Parameter::JobCollateral(_) => ("job-collateral", &bounds.job_collateral),
					Parameter::InvalidProofSlash(_) => {
						("invalid-proof-slash", &bounds.invalid_proof_slash)
					}
					_ => ("liveness-slash", &bounds.liveness_slash),
				};
				if v < b.min || v > b.max {
					return outside(name, show(b.min), show(b.max));
				}
			}
			Parameter::SlashDeferPeriod(v) | Parameter::MinJobTimeout(v) => {
				let (name, b) = match parameter {
					Parameter::SlashDeferPeriod(_) => {
						("slash-defer-period", &bounds.slash_defer_period)
					}
					_ => ("min-job-timeout", &bounds.min_job_timeout),
				};
				if v < b.min || v > b.max {
					return outside(name, format!("{} blocks", b.min), format!("{} blocks", b.max));
				}
			}
			Parameter::VerificationBackend(_) => {}
		}
		Ok(())
	}

	/// Votes on referendum `index` with `balance` locked at `conviction` (0 to 6: 0.1× with no
	/// lock, then 1× to 6× for one to 32 lock periods).
	pub async fn vote(
		&self,
		account: &Account,
		index: u32,
		direction: Direction,
		conviction: u8,
		balance: Balance,
	) -> Result<()> {
		if conviction > 6 {
			return Err(Error::Protocol(format!("conviction {conviction}: it is 0 to 6")));
		}
		let aye = if direction == Direction::Aye { 0x80 } else { 0 };
		let vote = AccountVote::Standard { vote: Vote(aye | conviction), balance };
		self.submit(account, &api::transactions().conviction_voting().vote(index, vote)).await?;
		Ok(())
	}

	/// Delegates `account`'s votes on `track` to `to`, with `balance` at `conviction`.
	pub async fn delegate(
		&self,
		account: &Account,
		track: Track,
		to: &AccountId32,
		conviction: u8,
		balance: Balance,
	) -> Result<()> {
		let conviction = match conviction {
			0 => Conviction::None,
			1 => Conviction::Locked1x,
			2 => Conviction::Locked2x,
			3 => Conviction::Locked3x,
			4 => Conviction::Locked4x,
			5 => Conviction::Locked5x,
			6 => Conviction::Locked6x,
			other => return Err(Error::Protocol(format!("conviction {other}: it is 0 to 6"))),
		};
		let to = subxt::utils::MultiAddress::Id(*to);
		let call =
			api::transactions().conviction_voting().delegate(track.id(), to, conviction, balance);
		self.submit(account, &call).await?;
		Ok(())
	}

	/// Ends `account`'s delegation on `track`.
	pub async fn undelegate(&self, account: &Account, track: Track) -> Result<()> {
		let call = api::transactions().conviction_voting().undelegate(track.id());
		self.submit(account, &call).await?;
		Ok(())
	}

	/// Submits the runtime `code` whose hash a `Root` referendum authorised: the chain checks
	/// the hash and the version and schedules the upgrade with the relay chain.
	pub async fn apply_upgrade(&self, account: &Account, code: Vec<u8>) -> Result<()> {
		let call = api::transactions().system().apply_authorized_upgrade(code);
		self.submit(account, &call).await?;
		Ok(())
	}

	/// How many referenda were ever submitted (the next one's index).
	pub async fn referendum_count(&self) -> Result<u32> {
		self.plain_value(api::storage().referenda().referendum_count()).await
	}

	/// Referendum `index`, if it exists.
	pub async fn referendum(&self, index: u32) -> Result<Option<ReferendumState>> {
		let at = self.api.at_current_block().await.map_err(|e| self.error(e))?;
		let now = at.block_number() as BlockNumber;
		let entry = at
			.storage()
			.entry(api::storage().referenda().referendum_info_for())
			.map_err(|e| self.error(e))?;
		let Some(value) = entry.try_fetch((index,)).await.map_err(|e| self.error(e))? else {
			return Ok(None);
		};
		let info = value.decode().map_err(|e| self.error(e))?;
		let status = match info {
			ReferendumInfo::Ongoing(status) => status,
			ReferendumInfo::Approved(at, ..) => return Ok(Some(ReferendumState::Approved { at })),
			ReferendumInfo::Rejected(at, ..) => return Ok(Some(ReferendumState::Rejected { at })),
			ReferendumInfo::Cancelled(at, ..) => {
				return Ok(Some(ReferendumState::Cancelled { at }))
			}
			ReferendumInfo::TimedOut(at, ..) => return Ok(Some(ReferendumState::TimedOut { at })),
			ReferendumInfo::Killed(at) => return Ok(Some(ReferendumState::Killed { at })),
		};
		let tracks = at
			.constants()
			.entry(api::constants().referenda().tracks())
			.map_err(|e| self.error(e))?;
		let track = tracks.iter().find(|(id, _)| *id == status.track).map(|(_, info)| info);
		// What support is measured against: the active issuance.
		let balances = api::storage().balances();
		let total: Balance = self.plain_value(balances.total_issuance()).await?;
		let inactive: Balance = self.plain_value(balances.inactive_issuance()).await?;
		let issuance = total.saturating_sub(inactive);
		let call = self.proposal_call(&status.proposal).await;
		let tally = &status.tally;
		let (approval_needed, support_needed, period_ends) = match (&status.deciding, track) {
			(Some(deciding), Some(track)) => {
				let elapsed = u64::from(now.saturating_sub(deciding.since));
				let period = u64::from(track.decision_period.max(1));
				let x = elapsed
					.saturating_mul(1_000_000_000)
					.checked_div(period)
					.unwrap_or(0)
					.min(1_000_000_000);
				(
					linear_threshold(&track.min_approval, x),
					linear_threshold(&track.min_support, x),
					Some(deciding.since.saturating_add(track.decision_period)),
				)
			}
			(None, Some(track)) => {
				(None, None, Some(status.submitted.saturating_add(track.prepare_period)))
			}
			_ => (None, None, None),
		};
		let track_name = track
			.map(|info| info.name.trim_end_matches('\0').to_string())
			.unwrap_or_else(|| format!("track {}", status.track));
		Ok(Some(ReferendumState::Ongoing(Ongoing {
			track: status.track,
			track_name,
			submitted: status.submitted,
			call,
			decision_deposit_placed: status.decision_deposit.is_some(),
			deciding_since: status.deciding.as_ref().map(|d| d.since),
			confirming_until: status.deciding.as_ref().and_then(|d| d.confirming),
			ayes: tally.ayes,
			nays: tally.nays,
			support: tally.support,
			approval: share(tally.ayes, tally.ayes.saturating_add(tally.nays)),
			support_share: share(tally.support, issuance),
			approval_needed,
			support_needed,
			period_ends,
			now,
		})))
	}

	/// The call a referendum proposes, decoded for people, from its inline bytes or its
	/// preimage.
	async fn proposal_call(
		&self,
		proposal: &Bounded<RuntimeCall, CallHasher>,
	) -> std::result::Result<String, String> {
		let bytes = match proposal {
			Bounded::Inline(BoundedVec(bytes)) => bytes.clone(),
			Bounded::Lookup { hash, len } => {
				let at = self.api.at_current_block().await.map_err(|e| e.to_string())?;
				let entry = at
					.storage()
					.entry(api::storage().preimage().preimage_for())
					.map_err(|e| e.to_string())?;
				let value = entry
					.try_fetch(((*hash, *len),))
					.await
					.map_err(|e| e.to_string())?
					.ok_or_else(|| format!("preimage {hash:?} is not on chain"))?;
				value.decode().map_err(|e| e.to_string())?.0
			}
			Bounded::Legacy { hash } => return Err(format!("legacy preimage {hash:?}")),
			#[allow(unreachable_patterns)]
			_ => return Err("an unknown kind of proposal".to_string()),
		};
		let at = self.api.at_current_block().await.map_err(|e| e.to_string())?;
		let metadata = at.metadata();
		let ty = metadata.outer_enums().call_enum_ty();
		subxt::ext::scale_value::scale::decode_as_type(&mut &bytes[..], ty, metadata.types())
			.map(|call| call.to_string())
			.map_err(|e| format!("undecodable call ({e})"))
	}
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
	use super::*;

	#[test]
	fn parameters_parse_with_their_units() {
		assert_eq!(
			Parameter::parse("protocol-fee", "2.5").unwrap(),
			Parameter::ProtocolFee(25_000_000)
		);
		assert_eq!(
			Parameter::parse("min_operator_bond", "1500").unwrap(),
			Parameter::MinOperatorBond(1_500 * crate::UNIT)
		);
		assert_eq!(
			Parameter::parse("slash-defer-period", "30000").unwrap(),
			Parameter::SlashDeferPeriod(30_000)
		);
		assert!(Parameter::parse("protocol-fee", "101").is_err());
		assert!(Parameter::parse("no-such", "1").unwrap_err().to_string().contains("protocol-fee"));
		assert!(Parameter::parse("verification-backend", "fast").is_err());
	}

	#[test]
	fn short_calls_travel_inline_and_tracks_match_their_calls() {
		let approve = Proposal::ApproveModel(3);
		assert_eq!(approve.track(), Track::ModelApprover);
		assert_eq!(Proposal::CancelSlash(1).track(), Track::SlashArbiter);
		assert_eq!(Track::parse("model-approver").unwrap(), Track::ModelApprover);
		assert!(Track::parse("council").is_err());
	}

	#[test]
	fn linear_curves_fall_from_ceiling_to_floor() {
		let curve = Curve::LinearDecreasing {
			length: Perbill(1_000_000_000),
			floor: Perbill(500_000_000),
			ceil: Perbill(1_000_000_000),
		};
		assert_eq!(linear_threshold(&curve, 0), Some(1_000_000_000));
		assert_eq!(linear_threshold(&curve, 500_000_000), Some(750_000_000));
		assert_eq!(linear_threshold(&curve, 2_000_000_000), Some(500_000_000));
	}
}
