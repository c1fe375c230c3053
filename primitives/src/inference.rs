//! The job market's types, shared by `pallet-inference` and clients.

use crate::{models::ModelId, PublicInput};
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

pub use veritas_verifier::MAX_OUTPUT_LEN;

/// A job output: the model's output elements, each a 32-byte little-endian field element.
pub type JobOutput =
	polkadot_sdk::sp_runtime::BoundedVec<u8, polkadot_sdk::sp_core::ConstU32<MAX_OUTPUT_LEN>>;

/// A job's identifier, assigned in submission order.
pub type JobId = u64;
/// A slash's identifier, assigned in order; slashes are applied in this order.
pub type SlashId = u64;

/// Where a job is.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo, MaxEncodedLen)]
pub enum JobStatus<AccountId, Balance, BlockNumber> {
	/// Waiting for an eligible operator; refunded at `expires_at` if none comes.
	Queued { expires_at: BlockNumber },
	/// Assigned to `operator` at `price`; the operator must answer before `deadline`.
	Assigned { operator: AccountId, price: Balance, deadline: BlockNumber },
	/// Answered with a valid proof; the output is stored.
	Completed { operator: AccountId, price: Balance, completed_at: BlockNumber },
}

/// A job: a request to run a model on an input, paid from escrow.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo, MaxEncodedLen)]
pub struct Job<AccountId, Balance, BlockNumber> {
	pub requester: AccountId,
	pub model: ModelId,
	/// The most the requester pays; held in escrow while the job is open.
	pub max_fee: Balance,
	/// Blocks an operator has to answer once assigned.
	pub timeout: BlockNumber,
	/// The commitment to the input: the first public input of the proof.
	pub input_commitment: PublicInput,
	pub submitted_at: BlockNumber,
	/// Held from the requester for the job's storage; returned when the record is cleared.
	pub deposit: Balance,
	/// How many times the job was assigned (a failed operator gives it one more chance).
	pub assignments: u8,
	/// The operator that last failed this job; it is not given the job again.
	pub failed_operator: Option<AccountId>,
	/// What the requester may still receive of slashes for this job: at most what submitting
	/// it cost in transaction fees, paid once, so that a failed job never leaves it richer.
	pub compensation: Balance,
	pub status: JobStatus<AccountId, Balance, BlockNumber>,
}

/// A job with its input while it is open and, once completed, its output. A completed job's
/// input is dropped (its commitment stays); the `JobSubmitted` event carries it.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct JobDetails<AccountId, Balance, BlockNumber> {
	pub job: Job<AccountId, Balance, BlockNumber>,
	pub input: Option<Vec<u8>>,
	pub output: Option<Vec<u8>>,
}

/// Bond being withdrawn: held until `unlocks_at`, then withdrawable.
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen,
)]
pub struct Unbonding<Balance, BlockNumber> {
	pub amount: Balance,
	pub unlocks_at: BlockNumber,
}

/// A model an operator serves, at a price per job, for jobs that give it at least
/// `min_timeout` blocks to answer.
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen,
)]
pub struct ModelOffer<Balance, BlockNumber> {
	pub model: ModelId,
	pub price: Balance,
	/// The shortest answer timeout the operator accepts: what it needs to prove and get its
	/// result included. Jobs with a shorter timeout are never matched to it.
	pub min_timeout: BlockNumber,
}

/// An operator as clients see it.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct OperatorDetails<Balance, BlockNumber> {
	/// Bond backing the operator's jobs (held; excludes what is unbonding or pending a slash).
	pub bond: Balance,
	pub unbonding: Option<Unbonding<Balance, BlockNumber>>,
	/// Most jobs the operator takes at once.
	pub capacity: u32,
	pub active_jobs: u32,
	pub offers: Vec<ModelOffer<Balance, BlockNumber>>,
	/// Whether matching would give it a job now (bond, capacity and collateral allow it).
	pub accepting_jobs: bool,
	/// Whether its bond is below the minimum bond in force: it takes no job, and while it
	/// still offers models anyone may take it off their lists (`unlist_underbonded`).
	pub underbonded: bool,
}

/// Why an operator was slashed.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum SlashReason {
	/// It answered with a proof that does not verify.
	InvalidProof,
	/// It did not answer before the deadline.
	MissedDeadline,
}

/// A slash taken from an operator's bond and held until it is applied or cancelled.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo, MaxEncodedLen)]
pub struct PendingSlash<AccountId, Balance, BlockNumber> {
	pub operator: AccountId,
	/// The requester the failure harmed.
	pub requester: AccountId,
	pub job: JobId,
	pub amount: Balance,
	/// What the requester receives of `amount` when the slash is applied: at most what
	/// submitting the job cost it, once per job. The treasury and the burn take the rest.
	pub to_requester: Balance,
	pub reason: SlashReason,
	/// From this block on the slash is applied; until then governance may cancel it.
	pub applies_at: BlockNumber,
}
