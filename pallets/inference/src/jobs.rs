//! Jobs: submission, cancellation, clearing, and the lifecycle steps shared by calls and hooks.

use crate::{pallet::*, types::*};
use polkadot_sdk::{
	frame_support::{ensure, pallet_prelude::*},
	frame_system::{self, pallet_prelude::BlockNumberFor},
	sp_runtime::traits::{Convert, Saturating, Zero},
};
use veritas_primitives::{
	Job, JobId, JobStatus, ModelId, ModelRegistry, ProofVerifier, SlashReason,
};
use veritas_verifier::MAX_OUTPUT_LEN;

impl<T: Config> Pallet<T> {
	/// The storage deposit of a job with an input of `input_len` bytes: the record, the input
	/// while the job is open and the largest output afterwards.
	pub fn job_deposit(input_len: u32) -> BalanceOf<T> {
		let bytes = input_len.saturating_add(MAX_OUTPUT_LEN);
		T::JobDepositBase::get()
			.saturating_add(T::JobDepositPerByte::get().saturating_mul(bytes.into()))
	}

	pub(crate) fn do_submit_job(
		requester: T::AccountId,
		model: ModelId,
		input: InputOf<T>,
		max_fee: BalanceOf<T>,
		timeout: BlockNumberFor<T>,
	) -> Result<JobId, DispatchError> {
		let input_len = T::Models::active_input_len(model).ok_or(Error::<T>::ModelNotActive)?;
		// The circuit commits to exactly this many bytes: a job of any other length could never
		// be proved, and its operators would be slashed for it.
		let len = u32::try_from(input.len()).map_err(|_| Error::<T>::InputLengthMismatch)?;
		ensure!(len == input_len, Error::<T>::InputLengthMismatch);
		ensure!(!max_fee.is_zero(), Error::<T>::ZeroFee);
		ensure!(
			(Self::min_job_timeout()..=T::MaxJobTimeout::get()).contains(&timeout),
			Error::<T>::InvalidTimeout
		);
		let id = NextJobId::<T>::get();
		NextJobId::<T>::put(id.checked_add(1).ok_or(Error::<T>::JobIdsExhausted)?);
		let deposit = Self::job_deposit(len);
		Self::hold(HoldReason::JobEscrow, &requester, max_fee)?;
		Self::hold(HoldReason::JobDeposit, &requester, deposit)?;
		let input_commitment = T::ProofVerifier::commit_input(&input);
		let now = frame_system::Pallet::<T>::block_number();
		let mut job = Job {
			requester: requester.clone(),
			model,
			max_fee,
			timeout,
			input_commitment,
			submitted_at: now,
			deposit,
			assignments: 0,
			failed_operator: None,
			compensation: T::RequesterCompensation::convert(len),
			status: JobStatus::Queued { expires_at: now },
		};
		Self::deposit_event(Event::JobSubmitted {
			job: id,
			model,
			requester,
			max_fee,
			deposit,
			input_commitment,
			input: input.clone(),
		});
		Self::place(id, &mut job)?;
		Jobs::<T>::insert(id, job);
		JobInputs::<T>::insert(id, input);
		OpenJobs::<T>::mutate(model, |open| *open = open.saturating_add(1));
		Ok(id)
	}

	pub(crate) fn do_cancel_job(requester: T::AccountId, id: JobId) -> DispatchResult {
		let job = Jobs::<T>::get(id).ok_or(Error::<T>::UnknownJob)?;
		ensure!(job.requester == requester, Error::<T>::NotRequester);
		let JobStatus::Queued { expires_at } = job.status else {
			return Err(Error::<T>::NotQueued.into());
		};
		Self::dequeue(job.model, id);
		Self::unschedule_deadline(id, expires_at);
		let mut job = job;
		let forfeited = Self::forfeit_queue_slot(&mut job);
		Self::close_job(id, &job);
		Self::deposit_event(Event::JobCancelled { job: id, forfeited });
		Ok(())
	}

	pub(crate) fn do_clear_job(requester: T::AccountId, id: JobId) -> DispatchResult {
		let job = Jobs::<T>::get(id).ok_or(Error::<T>::UnknownJob)?;
		ensure!(job.requester == requester, Error::<T>::NotRequester);
		ensure!(matches!(job.status, JobStatus::Completed { .. }), Error::<T>::NotCompleted);
		Self::clear_record(id, &job);
		Ok(())
	}

	/// Removes a completed job's record and output and returns its deposit.
	pub(crate) fn clear_record(id: JobId, job: &JobOf<T>) {
		let deposit = Self::release(HoldReason::JobDeposit, &job.requester, job.deposit);
		Jobs::<T>::remove(id);
		JobOutputs::<T>::remove(id);
		Self::deposit_event(Event::JobCleared { job: id, deposit });
	}

	/// A job that leaves the queue without ever being assigned (cancelled or expired) pays
	/// `JobDepositBase` of its deposit to the treasury: the price of holding a queue slot,
	/// without which jobs only a busy operator of the requester's own would take could fill a
	/// queue for fees alone. A job queued again after an operator failed it pays nothing.
	/// Lowers `job.deposit` by what was taken; returns it.
	pub(crate) fn forfeit_queue_slot(job: &mut JobOf<T>) -> BalanceOf<T> {
		if job.assignments > 0 {
			return Zero::zero();
		}
		let amount = T::JobDepositBase::get().min(job.deposit);
		if !Self::pay_from_hold(HoldReason::JobDeposit, &job.requester, &T::Treasury::get(), amount)
		{
			return Zero::zero();
		}
		job.deposit = job.deposit.saturating_sub(amount);
		amount
	}

	/// Removes an open job that ends without an answer and refunds its escrow and deposit in
	/// full.
	pub(crate) fn close_job(id: JobId, job: &JobOf<T>) {
		Self::release(HoldReason::JobEscrow, &job.requester, job.max_fee);
		Self::release(HoldReason::JobDeposit, &job.requester, job.deposit);
		Jobs::<T>::remove(id);
		JobInputs::<T>::remove(id);
		Self::note_job_closed(job.model);
	}

	/// One open job of `model` fewer (completed or ended without an answer).
	pub(crate) fn note_job_closed(model: ModelId) {
		OpenJobs::<T>::mutate_exists(model, |open| {
			let left = open.unwrap_or_default().saturating_sub(1);
			*open = (left > 0).then_some(left);
		});
	}

	/// Unbooks job `id` from `operator`, letting `f` change the operator record meanwhile.
	pub(crate) fn release_operator(
		operator: &T::AccountId,
		id: JobId,
		f: impl FnOnce(&mut OperatorOf<T>),
	) {
		OperatorJobs::<T>::remove(operator, id);
		Operators::<T>::mutate(operator, |op| {
			if let Some(op) = op.as_mut() {
				op.active_jobs = op.active_jobs.saturating_sub(1);
				f(op);
			}
		});
	}

	/// An assigned job was answered wrongly or not at all (its deadline is already unindexed):
	/// slash the operator, then give the job to another operator once, queue it, or refund it.
	pub(crate) fn fail_assignment(
		id: JobId,
		mut job: JobOf<T>,
		operator: &T::AccountId,
		reason: SlashReason,
	) {
		let wanted = Self::slash_for(reason);
		Self::release_operator(operator, id, |op| {
			Self::slash(operator, op, id, &mut job, wanted, reason);
			Self::unlist_if_underbonded(operator, op);
		});
		job.failed_operator = Some(operator.clone());
		if job.assignments < Self::max_assignments() {
			// A job that only the failed operator would take still waits in the queue for a
			// newcomer, until it expires.
			let placed = match Self::place(id, &mut job) {
				Err(error) if error == Error::<T>::NoMatchingOffer.into() => {
					Self::enqueue(id, &mut job)
				}
				other => other,
			};
			if placed.is_ok() {
				Jobs::<T>::insert(id, job);
				return;
			}
		}
		Self::close_job(id, &job);
		Self::deposit_event(Event::JobFailed { job: id });
	}
}
