//! The job market's types, shared by `pallet-inference` and clients.

use crate::{models::ModelId, PublicInput};
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// Longest job output: one 32-byte field element per public input after the commitment.
pub const MAX_OUTPUT_LEN: u32 = (crate::MAX_PUBLIC_INPUTS - 1) * crate::PUBLIC_INPUT_SIZE as u32;

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
	/// How many times the job was assigned (a failed operator gives it one more chance).
	pub assignments: u8,
	/// The operator that last failed this job; it is not given the job again.
	pub failed_operator: Option<AccountId>,
	pub status: JobStatus<AccountId, Balance, BlockNumber>,
}

/// A job with its input and, once completed, its output.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct JobDetails<AccountId, Balance, BlockNumber> {
	pub job: Job<AccountId, Balance, BlockNumber>,
	pub input: Vec<u8>,
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

/// A model an operator serves, at a price per job.
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen,
)]
pub struct ModelOffer<Balance> {
	pub model: ModelId,
	pub price: Balance,
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
	pub offers: Vec<ModelOffer<Balance>>,
	/// Whether matching would give it a job now (bond, capacity and collateral allow it).
	pub accepting_jobs: bool,
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
	/// The requester the failure harmed; receives a share when the slash is applied.
	pub requester: AccountId,
	pub job: JobId,
	pub amount: Balance,
	pub reason: SlashReason,
	/// From this block on the slash is applied; until then governance may cancel it.
	pub applies_at: BlockNumber,
}
