//! # Job market
//!
//! Operators bond funds and offer models at a price, each offer with the shortest answer timeout
//! the operator accepts; requesters submit jobs (an input of exactly the model's declared length
//! and the most they will pay, held in escrow with a storage deposit); the pallet matches each
//! job to an eligible operator, which answers with the output and a Groth16 proof that the
//! registered model produced it. The chain never runs a model: it checks the proof through
//! [`Config::ProofVerifier`] against the statement `(commitment to the input, output elements)`
//! ([`veritas_verifier::Statement`]).
//!
//! - A valid proof pays the operator its price less the protocol fee (to [`Config::Treasury`])
//!   and refunds the rest of the escrow. The input is dropped; the record and output stay until
//!   the requester clears them or [`Config::JobRetention`] passes, then the deposit is returned.
//! - An invalid proof is not an error: the call succeeds so that its consequences persist. The
//!   result is rejected, the operator slashed [`Config::InvalidProofSlash`] and the job given to
//!   another operator once, or re-queued, or refunded.
//! - A missed deadline is slashed [`Config::LivenessSlash`] and handled the same way. An answer
//!   included in the deadline block counts; `on_initialize` of the next block finds the miss.
//! - Slashes are deferred: the amount moves from the bond to a pending-slash hold at once and is
//!   applied [`Config::SlashDeferPeriod`] blocks later unless [`Config::SlashCancelOrigin`]
//!   cancels it first, which restores the bond. The harmed requester receives at most what
//!   submitting the job cost it ([`Config::RequesterCompensation`]), once per job, so a failed
//!   job never leaves it richer; [`Config::SlashTreasuryShare`] of the rest goes to the treasury
//!   and the remainder is burned.
//! - An operator whose bond falls below [`Config::MinOperatorBond`] (unbonding or slashed) loses
//!   its offers and leaves every model's operator list: a list slot costs a full bond.
//!
//! Matching is round robin over the operators that serve a model: starting after the last
//! operator chosen, the first one that serves the model at a price within the job's fee, with a
//! minimum timeout the job meets, free capacity and a bond that covers [`Config::JobCollateral`]
//! for each of its jobs takes the job. A job no listed operator would ever take (by price and
//! timeout) is refused; one that must wait for capacity goes to a bounded per-model queue, which
//! an operator with free capacity scans whole (the queue keeps each job's terms inline, so
//! unmatchable jobs cannot hide matchable ones), and is refunded after [`Config::QueueTimeout`].

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod invariants;
mod jobs;
mod matching;
#[cfg(test)]
mod mock;
mod operators;
mod parameters;
mod runtime_api;
mod settlement;
mod slashing;
#[cfg(test)]
mod tests;
pub mod types;
mod upkeep;
pub mod weights;

use types::*;

/// What the benchmarks need from the runtime.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId>: veritas_primitives::SetVerifierBackend {
	/// Registers and approves a model with verifying key `vk`, job inputs of `input_len` bytes
	/// and `outputs` output elements.
	fn active_model(
		owner: &AccountId,
		vk: &[u8],
		input_len: u32,
		outputs: u32,
	) -> veritas_primitives::ModelId;
}

// The pallet macros expand to code that calls `expect` on values they construct themselves; the
// logic lives in the other modules, which the lints cover.
#[allow(clippy::expect_used)]
#[polkadot_sdk::frame_support::pallet]
pub mod pallet {
	use super::*;
	use polkadot_sdk::{
		frame_support::{
			pallet_prelude::*,
			traits::fungible::{Inspect, Mutate, MutateHold},
		},
		frame_system::pallet_prelude::*,
		sp_runtime::{traits::Convert, Perbill},
	};
	use veritas_primitives::{
		JobId, JobOutput, ModelId, ModelRegistry, ProofBytes, ProofVerifier, PublicInput, SlashId,
		SlashReason,
	};

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: polkadot_sdk::frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The currency of bonds, escrows, deposits and slashes.
		type Currency: Inspect<Self::AccountId>
			+ Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// Checks proofs and commits to inputs.
		type ProofVerifier: ProofVerifier;

		/// The model registry.
		type Models: ModelRegistry;

		/// May cancel a pending slash (governance).
		type SlashCancelOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Receives protocol fees and its share of slashes.
		type Treasury: Get<Self::AccountId>;

		/// The range each governed parameter below is held in, whatever value it is given.
		///
		/// The parameters from `ProtocolFee` to `MinJobTimeout` may change at any block (a
		/// runtime reads them from `pallet-parameters`), so they are not constants in the
		/// metadata; this envelope is. The pallet reads each one through [`Pallet`]'s
		/// `parameters` accessors, which clamp it into these bounds and keep the relations the
		/// market relies on (no slash above the collateral, no bond below it, a timeout floor
		/// within `MaxJobTimeout`).
		#[pallet::constant]
		type MarketBounds: Get<MarketBounds<BalanceOf<Self>, BlockNumberFor<Self>>>;

		/// Share of each job's price that goes to the treasury.
		type ProtocolFee: Get<Perbill>;

		/// Least bond an operator must keep to be listed for any model and receive jobs.
		type MinOperatorBond: Get<BalanceOf<Self>>;

		/// Bond locked per open job; at least the largest slash, so that a slash is always
		/// covered.
		type JobCollateral: Get<BalanceOf<Self>>;

		/// Slash for answering with a proof that does not verify.
		type InvalidProofSlash: Get<BalanceOf<Self>>;

		/// Slash for missing a deadline.
		type LivenessSlash: Get<BalanceOf<Self>>;

		/// The most a requester receives of the slashes for one of its jobs, given the job's
		/// input length: what submitting such a job costs in transaction fees. A failed job
		/// must never pay its requester more than it cost, or failing jobs becomes a business.
		type RequesterCompensation: Convert<u32, BalanceOf<Self>>;

		/// Share of an applied slash, after the requester's compensation, that goes to the
		/// treasury; the rest is burned.
		type SlashTreasuryShare: Get<Perbill>;

		/// Deposit held from the requester for any job's storage, returned when the record is
		/// cleared.
		#[pallet::constant]
		type JobDepositBase: Get<BalanceOf<Self>>;

		/// Deposit per byte of a job's input and output.
		#[pallet::constant]
		type JobDepositPerByte: Get<BalanceOf<Self>>;

		/// Blocks a completed job's record and output are kept before anyone's block clears
		/// them (the requester may clear them earlier).
		#[pallet::constant]
		type JobRetention: Get<BlockNumberFor<Self>>;

		/// Most completed jobs `on_idle` clears in one block.
		#[pallet::constant]
		type MaxJobsClearedPerBlock: Get<u32>;

		/// Blocks between `unbond` and `withdraw_unbonded`.
		#[pallet::constant]
		type UnbondingPeriod: Get<BlockNumberFor<Self>>;

		/// Blocks a slash waits, cancellable, before it is applied.
		type SlashDeferPeriod: Get<BlockNumberFor<Self>>;

		/// Blocks a job may wait for an operator before it is refunded.
		#[pallet::constant]
		type QueueTimeout: Get<BlockNumberFor<Self>>;

		/// Shortest answer timeout a job may ask for: the chain's floor for proving and getting
		/// a result included, whatever an operator offers.
		type MinJobTimeout: Get<BlockNumberFor<Self>>;

		/// Longest answer timeout a job may ask for.
		#[pallet::constant]
		type MaxJobTimeout: Get<BlockNumberFor<Self>>;

		/// Longest job input, in bytes.
		#[pallet::constant]
		type MaxInputLen: Get<u32>;

		/// Most models one operator offers.
		#[pallet::constant]
		type MaxModelsPerOperator: Get<u32>;

		/// Most operators offering one model.
		#[pallet::constant]
		type MaxOperatorsPerModel: Get<u32>;

		/// Most jobs one operator may take at once.
		#[pallet::constant]
		type MaxCapacity: Get<u32>;

		/// Most jobs waiting for an operator, per model.
		#[pallet::constant]
		type MaxQueueLen: Get<u32>;

		/// Most deadlines (answers due or queue expiries) indexed under one block.
		#[pallet::constant]
		type MaxDeadlinesPerBlock: Get<u32>;

		/// Most deadlines `on_initialize` handles in one block; the rest wait for the next.
		#[pallet::constant]
		type MaxDeadlinesHandledPerBlock: Get<u32>;

		/// Most slashes `on_initialize` applies in one block; the rest wait for the next.
		#[pallet::constant]
		type MaxSlashesAppliedPerBlock: Get<u32>;

		/// Most results in one `submit_results` call.
		#[pallet::constant]
		type MaxResultsPerCall: Get<u32>;

		/// Most models one `submit_results` call may answer: each further model costs a key
		/// read and its own MSMs and Miller-loop pairs, and reserves its queue's proof size.
		#[pallet::constant]
		type MaxModelsPerCall: Get<u32>;

		type WeightInfo: WeightInfo;

		/// Sets up what benchmarks need from outside this pallet.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: crate::BenchmarkHelper<Self::AccountId>;
	}

	#[pallet::extra_constants]
	impl<T: Config> Pallet<T> {
		/// How often a job may be assigned: once, and once more after a failed operator.
		pub fn max_assignments() -> u8 {
			2
		}

		/// How many blocks after the wanted one a deadline may slip when that block's index is
		/// full.
		pub fn deadline_slack() -> u32 {
			16
		}

		/// How many queued jobs an operator takes at once when it joins, grows or adds offers.
		pub fn matches_on_join() -> u32 {
			4
		}
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// An operator's bond, including what is unbonding.
		OperatorBond,
		/// A requester's escrow for its open jobs.
		JobEscrow,
		/// Slashed bond waiting to be applied or cancelled.
		PendingSlash,
		/// A requester's deposit for the storage of its jobs.
		JobDeposit,
	}

	/// The id the next job gets.
	#[pallet::storage]
	pub type NextJobId<T> = StorageValue<_, JobId, ValueQuery>;

	/// Open jobs, and completed jobs until they are cleared.
	#[pallet::storage]
	pub type Jobs<T: Config> = StorageMap<_, Twox64Concat, JobId, JobOf<T>>;

	/// The input of each open job; dropped at completion (the job keeps its commitment).
	#[pallet::storage]
	pub type JobInputs<T: Config> = StorageMap<_, Twox64Concat, JobId, InputOf<T>>;

	/// The output of each completed job, until it is cleared.
	#[pallet::storage]
	pub type JobOutputs<T: Config> = StorageMap<_, Twox64Concat, JobId, JobOutput>;

	/// Jobs of each model that are queued or assigned.
	#[pallet::storage]
	pub type OpenJobs<T: Config> = StorageMap<_, Twox64Concat, ModelId, u32, ValueQuery>;

	/// Registered operators.
	#[pallet::storage]
	pub type Operators<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, OperatorOf<T>>;

	/// The jobs assigned to each operator now.
	#[pallet::storage]
	pub type OperatorJobs<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, JobId, ()>;

	/// The operators offering each model, in registration order.
	#[pallet::storage]
	pub type ModelOperators<T: Config> = StorageMap<
		_,
		Twox64Concat,
		ModelId,
		BoundedVec<T::AccountId, T::MaxOperatorsPerModel>,
		ValueQuery,
	>;

	/// Where the next round-robin search over a model's operators starts.
	#[pallet::storage]
	pub type MatchCursor<T: Config> = StorageMap<_, Twox64Concat, ModelId, u32, ValueQuery>;

	/// Jobs waiting for an operator, per model, oldest first, with the terms matching needs.
	#[pallet::storage]
	pub type JobQueue<T: Config> = StorageMap<
		_,
		Twox64Concat,
		ModelId,
		BoundedVec<QueuedJobOf<T>, T::MaxQueueLen>,
		ValueQuery,
	>;

	/// The open jobs whose deadline (last block an answer counts, or queue expiry) falls in
	/// each block; `on_initialize` of the block after it handles them.
	#[pallet::storage]
	pub type Deadlines<T: Config> = StorageMap<
		_,
		Twox64Concat,
		BlockNumberFor<T>,
		BoundedVec<JobId, T::MaxDeadlinesPerBlock>,
		ValueQuery,
	>;

	/// The oldest block whose deadlines are not all handled yet.
	#[pallet::storage]
	pub type DeadlineCursor<T: Config> = StorageValue<_, BlockNumberFor<T>>;

	/// The lowest job id that may still hold a record to clear after its retention.
	#[pallet::storage]
	pub type NextJobToClear<T> = StorageValue<_, JobId, ValueQuery>;

	/// Slashes neither applied nor cancelled yet.
	#[pallet::storage]
	pub type PendingSlashes<T: Config> = StorageMap<_, Twox64Concat, SlashId, PendingSlashOf<T>>;

	/// The id the next slash gets.
	#[pallet::storage]
	pub type NextSlashId<T> = StorageValue<_, SlashId, ValueQuery>;

	/// The oldest slash id that may still be pending; slashes are applied in id order.
	#[pallet::storage]
	pub type NextSlashToApply<T> = StorageValue<_, SlashId, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An operator registered with a bond.
		OperatorRegistered { operator: T::AccountId, bond: BalanceOf<T>, capacity: u32 },
		/// An operator changed its offers or capacity.
		OperatorUpdated { operator: T::AccountId },
		/// An operator's bond fell below `MinOperatorBond`: it lost its offers and left every
		/// model's operator list. It may offer again after `bond_extra`.
		OperatorUnlisted { operator: T::AccountId },
		/// An operator added to its bond.
		BondIncreased { operator: T::AccountId, amount: BalanceOf<T> },
		/// An operator started unbonding; the amount is withdrawable from `unlocks_at`.
		UnbondingStarted {
			operator: T::AccountId,
			amount: BalanceOf<T>,
			unlocks_at: BlockNumberFor<T>,
		},
		/// Unbonded funds returned to an operator.
		Withdrawn { operator: T::AccountId, amount: BalanceOf<T> },
		/// An operator with no bond and no jobs left the market.
		OperatorDeregistered { operator: T::AccountId },
		/// A job was submitted; its fee is held in escrow and `deposit` for its storage. The
		/// input is here for clients: the chain drops it once the job completes.
		JobSubmitted {
			job: JobId,
			model: ModelId,
			requester: T::AccountId,
			max_fee: BalanceOf<T>,
			deposit: BalanceOf<T>,
			input_commitment: PublicInput,
			input: InputOf<T>,
		},
		/// A job was assigned; the operator's answer must be included by block `deadline`.
		JobAssigned {
			job: JobId,
			operator: T::AccountId,
			price: BalanceOf<T>,
			deadline: BlockNumberFor<T>,
		},
		/// A job waits for an operator until `expires_at`.
		JobQueued { job: JobId, expires_at: BlockNumberFor<T> },
		/// A job was answered with a valid proof and paid.
		JobCompleted {
			job: JobId,
			operator: T::AccountId,
			output: JobOutput,
			price: BalanceOf<T>,
			protocol_fee: BalanceOf<T>,
		},
		/// A completed job's record and output were cleared and its deposit returned.
		JobCleared { job: JobId, deposit: BalanceOf<T> },
		/// A result's proof did not verify: the result was rejected and the operator slashed.
		ResultRejected { job: JobId, operator: T::AccountId },
		/// An operator missed a job's deadline and was slashed.
		DeadlineMissed { job: JobId, operator: T::AccountId },
		/// A queued job was cancelled by its requester and refunded, but for `forfeited` of its
		/// deposit if it never had an operator (the price of the queue slot it held).
		JobCancelled { job: JobId, forfeited: BalanceOf<T> },
		/// A job found no operator in time and was refunded, but for `forfeited` of its deposit
		/// (`JobDepositBase`), paid to the treasury for the queue slot it held.
		JobExpired { job: JobId, forfeited: BalanceOf<T> },
		/// A job failed twice (or could not be retried) and was refunded.
		JobFailed { job: JobId },
		/// Bond moved to a pending slash, applied from `applies_at` unless cancelled.
		OperatorSlashed {
			slash: SlashId,
			operator: T::AccountId,
			job: JobId,
			amount: BalanceOf<T>,
			reason: SlashReason,
			applies_at: BlockNumberFor<T>,
		},
		/// A pending slash was applied.
		SlashApplied {
			slash: SlashId,
			to_requester: BalanceOf<T>,
			to_treasury: BalanceOf<T>,
			burned: BalanceOf<T>,
		},
		/// A pending slash was cancelled and the amount returned to the operator.
		SlashCancelled { slash: SlashId, restored: BalanceOf<T> },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account is already a registered operator.
		AlreadyOperator,
		/// The account is not a registered operator.
		NotOperator,
		/// The bond is below `MinOperatorBond`, which registering and offering need.
		BondTooLow,
		/// Capacity must be between 1 and `MaxCapacity`.
		InvalidCapacity,
		/// The same model is offered twice.
		DuplicateOffer,
		/// The model does not take new jobs (or a new offer names such a model).
		ModelNotActive,
		/// An offer's minimum timeout is above `MaxJobTimeout`: no job could ever meet it.
		InvalidMinTimeout,
		/// The model already has `MaxOperatorsPerModel` operators.
		TooManyOperatorsForModel,
		/// The account cannot cover the bond, the fee or the deposit.
		InsufficientBalance,
		/// Nothing to unbond, or more than the bond.
		InvalidUnbondAmount,
		/// The amount would dip into the collateral of open jobs.
		BondLockedByJobs,
		/// Nothing is unbonding.
		NothingToWithdraw,
		/// The unbonding period has not passed.
		StillUnbonding,
		/// The maximum fee must be more than zero.
		ZeroFee,
		/// The answer timeout is outside `MinJobTimeout..=MaxJobTimeout`.
		InvalidTimeout,
		/// The input is not the exact byte length the model declares: no proof could exist.
		InputLengthMismatch,
		/// No listed operator offers the model within the fee and with a minimum timeout the
		/// job meets, so the job could never be matched.
		NoMatchingOffer,
		/// No operator can take the job now and the model's queue is full.
		QueueFull,
		/// Every block near the deadline already indexes `MaxDeadlinesPerBlock` deadlines.
		DeadlinesFull,
		/// No job is stored under this id.
		UnknownJob,
		/// Only the job's requester may do this.
		NotRequester,
		/// Only a job still waiting for an operator can be cancelled.
		NotQueued,
		/// Only a completed job's record can be cleared.
		NotCompleted,
		/// Only the operator the job is assigned to may answer it, once.
		NotAssignedOperator,
		/// The job's deadline has passed; the miss is slashed at the start of a block.
		DeadlinePassed,
		/// The output is not the model's number of canonical field elements.
		MalformedOutput,
		/// The model's verifying key is missing or unreadable.
		VerifyingKeyUnavailable,
		/// `submit_results` needs at least one result.
		NoResults,
		/// One `submit_results` call answers jobs of more models than `MaxModelsPerCall`.
		TooManyModels,
		/// The same job appears twice in one call.
		DuplicateJob,
		/// No pending slash under this id.
		UnknownSlash,
		/// Every job id is taken.
		JobIdsExhausted,
		/// The operator's bond covers `MinOperatorBond`, or it offers no model: it holds no list
		/// slot it should not.
		NotUnderbonded,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(now: BlockNumberFor<T>) -> Weight {
			Self::handle_deadlines(now).saturating_add(Self::apply_due_slashes(now))
		}

		fn on_idle(now: BlockNumberFor<T>, remaining: Weight) -> Weight {
			Self::clear_expired_jobs(now, remaining)
		}

		fn integrity_test() {
			use polkadot_sdk::sp_runtime::traits::Zero;
			// The governed parameters' envelope, and their defaults within it.
			let bounds = T::MarketBounds::get();
			assert!(bounds.protocol_fee.contains(T::ProtocolFee::get()), "ProtocolFee bounds");
			assert!(
				bounds.min_operator_bond.contains(T::MinOperatorBond::get()),
				"MinOperatorBond bounds"
			);
			assert!(
				bounds.job_collateral.contains(T::JobCollateral::get()),
				"JobCollateral bounds"
			);
			assert!(
				bounds.invalid_proof_slash.contains(T::InvalidProofSlash::get()),
				"InvalidProofSlash bounds"
			);
			assert!(
				bounds.liveness_slash.contains(T::LivenessSlash::get()),
				"LivenessSlash bounds"
			);
			assert!(
				bounds.slash_treasury_share.contains(T::SlashTreasuryShare::get()),
				"SlashTreasuryShare bounds"
			);
			assert!(
				bounds.slash_defer_period.contains(T::SlashDeferPeriod::get()),
				"SlashDeferPeriod bounds"
			);
			assert!(
				bounds.min_job_timeout.contains(T::MinJobTimeout::get()),
				"MinJobTimeout bounds"
			);
			assert!(
				!bounds.job_collateral.min.is_zero(),
				"JobCollateral may not reach zero: open jobs would be unbacked"
			);
			assert!(
				!bounds.min_job_timeout.min.is_zero()
					&& bounds.min_job_timeout.max <= T::MaxJobTimeout::get(),
				"MinJobTimeout must stay within 1..=MaxJobTimeout"
			);
			assert!(
				!bounds.slash_defer_period.min.is_zero(),
				"SlashDeferPeriod may not reach zero: no slash could be cancelled"
			);
			assert!(
				T::JobCollateral::get() >= T::InvalidProofSlash::get()
					&& T::JobCollateral::get() >= T::LivenessSlash::get(),
				"JobCollateral must cover any one slash"
			);
			assert!(
				!T::MinOperatorBond::get().is_zero(),
				"MinOperatorBond must be positive, or a list slot costs nothing"
			);
			assert!(
				T::MinOperatorBond::get() >= T::JobCollateral::get(),
				"MinOperatorBond must back one job, or a listed operator never takes any"
			);
			assert!(T::MaxDeadlinesPerBlock::get() > 0, "MaxDeadlinesPerBlock must be positive");
			assert!(!T::MinJobTimeout::get().is_zero(), "MinJobTimeout must be at least one block");
			assert!(!T::QueueTimeout::get().is_zero(), "QueueTimeout must be at least one block");
			assert!(T::MinJobTimeout::get() <= T::MaxJobTimeout::get(), "empty timeout range");
			assert!(
				T::MaxResultsPerCall::get() <= veritas_primitives::MAX_BATCH_SIZE,
				"MaxResultsPerCall exceeds the verifier's batch size"
			);
			// A call answers jobs of one operator, who offers at most MaxModelsPerOperator models.
			assert!(
				(1..=T::MaxResultsPerCall::get().min(T::MaxModelsPerOperator::get()))
					.contains(&T::MaxModelsPerCall::get()),
				"MaxModelsPerCall must be between 1 and MaxResultsPerCall and MaxModelsPerOperator"
			);
			assert!(
				T::MaxDeadlinesHandledPerBlock::get() > 0
					&& T::MaxSlashesAppliedPerBlock::get() > 0
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(
			_: BlockNumberFor<T>,
		) -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call(weight(<T as Config>::WeightInfo))]
	impl<T: Config> Pallet<T> {
		/// Registers the caller as an operator: holds `bond`, offers `offers` and takes up to
		/// `capacity` jobs at once. Queued jobs it can take are assigned to it at once.
		///
		/// Origin: signed, the operator.
		/// - `bond`: at least `MinOperatorBond`; each open job locks `JobCollateral` of it.
		/// - `offers`: the models served, the price of one job of each and the shortest answer
		///   timeout accepted; every model must be active.
		/// - `capacity`: most jobs at once, `1..=MaxCapacity`.
		#[pallet::call_index(0)]
		pub fn register_operator(
			origin: OriginFor<T>,
			bond: BalanceOf<T>,
			offers: OffersOf<T>,
			capacity: u32,
		) -> DispatchResult {
			let operator = ensure_signed(origin)?;
			Self::do_register_operator(operator, bond, offers, capacity)
		}

		/// Replaces an operator's offers and/or capacity. Running jobs keep their price. New
		/// offers need a bond of at least `MinOperatorBond`.
		///
		/// Origin: signed, a registered operator.
		/// - `offers`: the new offers, if they change. A model offered already may stay while
		///   it is stored; a new one must be active.
		/// - `capacity`: the new capacity, if it changes (may be below the jobs running now).
		#[pallet::call_index(1)]
		pub fn update_operator(
			origin: OriginFor<T>,
			offers: Option<OffersOf<T>>,
			capacity: Option<u32>,
		) -> DispatchResult {
			let operator = ensure_signed(origin)?;
			Self::do_update_operator(operator, offers, capacity)
		}

		/// Adds `amount` to the caller's bond.
		///
		/// Origin: signed, a registered operator.
		/// - `amount`: held from the caller's free balance.
		#[pallet::call_index(2)]
		pub fn bond_extra(origin: OriginFor<T>, amount: BalanceOf<T>) -> DispatchResult {
			let operator = ensure_signed(origin)?;
			Self::do_bond_extra(operator, amount)
		}

		/// Starts unbonding `amount`: it stops backing jobs now and can be withdrawn after
		/// `UnbondingPeriod` (a second call adds to it and restarts the period). The collateral
		/// of open jobs cannot be unbonded; a bond left below `MinOperatorBond` unlists the
		/// operator.
		///
		/// Origin: signed, a registered operator.
		/// - `amount`: at most the bond less `JobCollateral` per open job.
		#[pallet::call_index(3)]
		pub fn unbond(origin: OriginFor<T>, amount: BalanceOf<T>) -> DispatchResult {
			let operator = ensure_signed(origin)?;
			Self::do_unbond(operator, amount)
		}

		/// Returns unbonded funds once `UnbondingPeriod` has passed. An operator left with no
		/// bond and no job is deregistered.
		///
		/// Origin: signed, a registered operator.
		#[pallet::call_index(4)]
		pub fn withdraw_unbonded(origin: OriginFor<T>) -> DispatchResult {
			let operator = ensure_signed(origin)?;
			Self::do_withdraw_unbonded(operator)
		}

		/// Submits a job: holds `max_fee` in escrow and the storage deposit, stores the input
		/// with its commitment and assigns the job to an eligible operator, or queues it.
		///
		/// Origin: signed, the requester.
		/// - `model`: an active model.
		/// - `input`: the model input, exactly the length the model declares.
		/// - `max_fee`: the most the requester pays; a listed operator must offer the model at
		///   or below it.
		/// - `timeout`: blocks the operator has to answer, `MinJobTimeout..=MaxJobTimeout`; only
		///   operators whose offer's minimum timeout it meets take the job.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::submit_job(input.len() as u32))]
		pub fn submit_job(
			origin: OriginFor<T>,
			model: ModelId,
			input: InputOf<T>,
			max_fee: BalanceOf<T>,
			timeout: BlockNumberFor<T>,
		) -> DispatchResult {
			let requester = ensure_signed(origin)?;
			Self::do_submit_job(requester, model, input, max_fee, timeout).map(|_| ())
		}

		/// Cancels a job still waiting for an operator and refunds its escrow and deposit, less
		/// `JobDepositBase` (to the treasury) if it never had an operator: a queue slot is not
		/// free.
		///
		/// Origin: signed, the job's requester.
		/// - `job`: the queued job.
		#[pallet::call_index(6)]
		pub fn cancel_job(origin: OriginFor<T>, job: JobId) -> DispatchResult {
			let requester = ensure_signed(origin)?;
			Self::do_cancel_job(requester, job)
		}

		/// Answers a job with its output and a proof. A valid proof completes and pays the job;
		/// an invalid one is rejected and slashed (the call still succeeds). The answer counts
		/// if it is included by the job's deadline block.
		///
		/// Origin: signed, the operator the job is assigned to.
		/// - `job`: the assigned job.
		/// - `output`: the model's output elements, 32 bytes each.
		/// - `proof`: the compressed Groth16 proof of `(commitment to the input, output)`.
		#[pallet::call_index(7)]
		#[pallet::weight(Pallet::<T>::submit_result_weight(None))]
		pub fn submit_result(
			origin: OriginFor<T>,
			job: JobId,
			output: JobOutput,
			proof: ProofBytes,
		) -> DispatchResultWithPostInfo {
			let operator = ensure_signed(origin)?;
			let outcome = Self::do_submit_result(operator, job, output, proof)?;
			Ok(Some(Self::submit_result_weight(Some(outcome))).into())
		}

		/// Answers several jobs at once, of one model or several, verified as one batch across
		/// their keys. Each result is settled as [`Self::submit_result`] would settle it. The
		/// worst case — the most models a call may answer, and a batch that fails and is re-checked
		/// proof by proof — is charged up front, and refunded down to what was done.
		///
		/// Origin: signed, the operator all the jobs are assigned to.
		/// - `results`: `(job, output, proof)` for up to `MaxResultsPerCall` jobs of up to
		///   `MaxModelsPerCall` models.
		#[pallet::call_index(8)]
		#[pallet::weight(Pallet::<T>::submit_results_weight(results.len() as u32, None))]
		pub fn submit_results(
			origin: OriginFor<T>,
			results: BoundedVec<(JobId, JobOutput, ProofBytes), T::MaxResultsPerCall>,
		) -> DispatchResultWithPostInfo {
			let operator = ensure_signed(origin)?;
			let count = results.len() as u32;
			let outcome = Self::do_submit_results(operator, results)?;
			Ok(Some(Self::submit_results_weight(count, Some(outcome))).into())
		}

		/// Cancels a pending slash and returns the amount to the operator's bond.
		///
		/// Origin: [`Config::SlashCancelOrigin`].
		/// - `slash`: a slash not yet applied.
		#[pallet::call_index(9)]
		pub fn cancel_slash(origin: OriginFor<T>, slash: SlashId) -> DispatchResult {
			T::SlashCancelOrigin::ensure_origin(origin)?;
			Self::do_cancel_slash(slash)
		}

		/// Clears a completed job's record and output and returns its storage deposit. Clients
		/// that have read the output need the record no longer; it is cleared anyway after
		/// `JobRetention`.
		///
		/// Origin: signed, the job's requester.
		/// - `job`: a completed job.
		#[pallet::call_index(10)]
		pub fn clear_job(origin: OriginFor<T>, job: JobId) -> DispatchResult {
			let requester = ensure_signed(origin)?;
			Self::do_clear_job(requester, job)
		}

		/// Takes an operator whose bond is below `MinOperatorBond` off every model's operator
		/// list and drops its offers, as `unbond` would have. Operators fall below the minimum
		/// without acting when governance raises it; until then they hold list slots that a
		/// fully bonded newcomer cannot get. Free when it unlists someone.
		///
		/// Origin: signed, anyone.
		/// - `operator`: a registered operator below the minimum bond that still offers models.
		#[pallet::call_index(11)]
		pub fn unlist_underbonded(
			origin: OriginFor<T>,
			operator: T::AccountId,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			Self::do_unlist_underbonded(operator)?;
			Ok(Pays::No.into())
		}
	}
}
