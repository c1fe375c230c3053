//! The logic behind each call.

use crate::{pallet::*, types::*};
use alloc::{collections::btree_set::BTreeSet, vec::Vec};
use polkadot_sdk::{
	frame_support::{ensure, pallet_prelude::*},
	frame_system::{self, pallet_prelude::BlockNumberFor},
	sp_runtime::traits::{Saturating, Zero},
};
use veritas_primitives::{
	Job, JobId, JobOutput, JobStatus, ModelId, ModelRegistry, ProofBytes, ProofVerifier,
	PublicInput, SlashId, SlashReason, Unbonding, Verdict, VerifierError, PUBLIC_INPUT_SIZE,
};

/// How many queued jobs an operator takes when it joins or grows.
pub const MATCHES_ON_JOIN: u32 = 4;

/// A job may be assigned this many times: once, and once more after a failed operator.
pub const MAX_ASSIGNMENTS: u8 = 2;

impl<T: Config> Pallet<T> {
	fn check_offers(offers: &OffersOf<T>) -> DispatchResult {
		let mut seen = BTreeSet::new();
		for offer in offers.iter() {
			ensure!(seen.insert(offer.model), Error::<T>::DuplicateOffer);
			ensure!(T::Models::accepts_jobs(offer.model), Error::<T>::ModelNotActive);
		}
		Ok(())
	}

	fn check_capacity(capacity: u32) -> DispatchResult {
		ensure!(capacity >= 1 && capacity <= T::MaxCapacity::get(), Error::<T>::InvalidCapacity);
		Ok(())
	}

	pub(crate) fn do_register_operator(
		operator: T::AccountId,
		bond: BalanceOf<T>,
		offers: OffersOf<T>,
		capacity: u32,
	) -> DispatchResult {
		ensure!(!Operators::<T>::contains_key(&operator), Error::<T>::AlreadyOperator);
		ensure!(bond >= T::MinOperatorBond::get(), Error::<T>::BondTooLow);
		Self::check_capacity(capacity)?;
		Self::check_offers(&offers)?;
		Self::hold(HoldReason::OperatorBond, &operator, bond)?;
		Self::list_operator(&operator, offers.iter().map(|offer| offer.model))?;
		Operators::<T>::insert(
			&operator,
			OperatorOf::<T> { bond, unbonding: None, capacity, active_jobs: 0, offers },
		);
		Self::deposit_event(Event::OperatorRegistered {
			operator: operator.clone(),
			bond,
			capacity,
		});
		Self::serve_queues(&operator, capacity.min(MATCHES_ON_JOIN));
		Ok(())
	}

	pub(crate) fn do_update_operator(
		operator: T::AccountId,
		offers: Option<OffersOf<T>>,
		capacity: Option<u32>,
	) -> DispatchResult {
		let mut op = Operators::<T>::get(&operator).ok_or(Error::<T>::NotOperator)?;
		if let Some(capacity) = capacity {
			Self::check_capacity(capacity)?;
			op.capacity = capacity;
		}
		if let Some(offers) = offers {
			Self::check_offers(&offers)?;
			let old: BTreeSet<ModelId> = op.offers.iter().map(|offer| offer.model).collect();
			let new: BTreeSet<ModelId> = offers.iter().map(|offer| offer.model).collect();
			Self::unlist_operator(&operator, old.difference(&new).copied());
			Self::list_operator(&operator, new.difference(&old).copied())?;
			op.offers = offers;
		}
		let room = op.capacity.saturating_sub(op.active_jobs);
		Operators::<T>::insert(&operator, op);
		Self::deposit_event(Event::OperatorUpdated { operator: operator.clone() });
		Self::serve_queues(&operator, room.min(MATCHES_ON_JOIN));
		Ok(())
	}

	pub(crate) fn do_bond_extra(operator: T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		let mut op = Operators::<T>::get(&operator).ok_or(Error::<T>::NotOperator)?;
		Self::hold(HoldReason::OperatorBond, &operator, amount)?;
		op.bond = op.bond.saturating_add(amount);
		let room = op.capacity.saturating_sub(op.active_jobs);
		Operators::<T>::insert(&operator, op);
		Self::deposit_event(Event::BondIncreased { operator: operator.clone(), amount });
		Self::serve_queues(&operator, room.min(MATCHES_ON_JOIN));
		Ok(())
	}

	pub(crate) fn do_unbond(operator: T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		let mut op = Operators::<T>::get(&operator).ok_or(Error::<T>::NotOperator)?;
		ensure!(!amount.is_zero() && amount <= op.bond, Error::<T>::InvalidUnbondAmount);
		let locked = Self::collateral_for(op.active_jobs);
		ensure!(op.bond.saturating_sub(amount) >= locked, Error::<T>::BondLockedByJobs);
		let unlocks_at =
			frame_system::Pallet::<T>::block_number().saturating_add(T::UnbondingPeriod::get());
		let total = op.unbonding.as_ref().map_or(amount, |u| u.amount.saturating_add(amount));
		op.bond = op.bond.saturating_sub(amount);
		op.unbonding = Some(Unbonding { amount: total, unlocks_at });
		Operators::<T>::insert(&operator, op);
		Self::deposit_event(Event::UnbondingStarted { operator, amount, unlocks_at });
		Ok(())
	}

	pub(crate) fn do_withdraw_unbonded(operator: T::AccountId) -> DispatchResult {
		let mut op = Operators::<T>::get(&operator).ok_or(Error::<T>::NotOperator)?;
		match op.unbonding.take() {
			Some(unbonding) => {
				let now = frame_system::Pallet::<T>::block_number();
				ensure!(unbonding.unlocks_at <= now, Error::<T>::StillUnbonding);
				let amount = Self::release(HoldReason::OperatorBond, &operator, unbonding.amount);
				Self::deposit_event(Event::Withdrawn { operator: operator.clone(), amount });
			}
			// An operator slashed down to nothing may still leave.
			None => ensure!(op.bond.is_zero(), Error::<T>::NothingToWithdraw),
		}
		if op.bond.is_zero() && op.active_jobs == 0 {
			Self::unlist_operator(&operator, op.offers.iter().map(|offer| offer.model));
			Operators::<T>::remove(&operator);
			Self::deposit_event(Event::OperatorDeregistered { operator });
		} else {
			Operators::<T>::insert(&operator, op);
		}
		Ok(())
	}

	pub(crate) fn do_submit_job(
		requester: T::AccountId,
		model: ModelId,
		input: InputOf<T>,
		max_fee: BalanceOf<T>,
		timeout: BlockNumberFor<T>,
	) -> Result<JobId, DispatchError> {
		ensure!(T::Models::accepts_jobs(model), Error::<T>::ModelNotActive);
		ensure!(!max_fee.is_zero(), Error::<T>::ZeroFee);
		ensure!(
			timeout >= T::MinJobTimeout::get() && timeout <= T::MaxJobTimeout::get(),
			Error::<T>::InvalidTimeout
		);
		let id = NextJobId::<T>::get();
		NextJobId::<T>::put(id.checked_add(1).ok_or(Error::<T>::JobIdsExhausted)?);
		Self::hold(HoldReason::JobEscrow, &requester, max_fee)?;
		let input_commitment = T::ProofVerifier::commit_input(&input);
		let now = frame_system::Pallet::<T>::block_number();
		let mut job = Job {
			requester: requester.clone(),
			model,
			max_fee,
			timeout,
			input_commitment,
			submitted_at: now,
			assignments: 0,
			failed_operator: None,
			status: JobStatus::Queued { expires_at: now },
		};
		Self::deposit_event(Event::JobSubmitted {
			job: id,
			model,
			requester,
			max_fee,
			input_commitment,
		});
		if !Self::try_match(id, &mut job) {
			Self::enqueue(id, &mut job)?;
		}
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
		Self::close_job(id, &job);
		Self::deposit_event(Event::JobCancelled { job: id });
		Ok(())
	}

	/// Removes an open job that ends without an answer and refunds its escrow in full.
	pub(crate) fn close_job(id: JobId, job: &JobOf<T>) {
		Self::release(HoldReason::JobEscrow, &job.requester, job.max_fee);
		Jobs::<T>::remove(id);
		JobInputs::<T>::remove(id);
		Self::note_job_closed(job.model);
	}

	/// One open job of `model` fewer (completed or ended without an answer).
	fn note_job_closed(model: ModelId) {
		OpenJobs::<T>::mutate_exists(model, |open| {
			let left = open.unwrap_or_default().saturating_sub(1);
			*open = (left > 0).then_some(left);
		});
	}

	/// The public inputs of a result: the input commitment, then the output elements. `None`
	/// if the output does not have the model's number of elements.
	fn public_inputs(job: &JobOf<T>, output: &JobOutput) -> Option<Vec<PublicInput>> {
		let elements = T::Models::output_elements(job.model)? as usize;
		if output.len() != elements.saturating_mul(PUBLIC_INPUT_SIZE) {
			return None;
		}
		let mut inputs = Vec::with_capacity(elements.saturating_add(1));
		inputs.push(job.input_commitment);
		for chunk in output.chunks_exact(PUBLIC_INPUT_SIZE) {
			inputs.push(PublicInput::try_from(chunk).ok()?);
		}
		Some(inputs)
	}

	/// Checks that `operator` may answer `id` and that `output` fits the model.
	fn answerable(
		operator: &T::AccountId,
		id: JobId,
		output: &JobOutput,
	) -> Result<(JobOf<T>, Vec<PublicInput>), DispatchError> {
		let job = Jobs::<T>::get(id).ok_or(Error::<T>::UnknownJob)?;
		match &job.status {
			JobStatus::Assigned { operator: assigned, .. } if assigned == operator => {}
			_ => return Err(Error::<T>::NotAssignedOperator.into()),
		}
		let inputs = Self::public_inputs(&job, output).ok_or(Error::<T>::MalformedOutput)?;
		Ok((job, inputs))
	}

	/// Reads what the verifier says into a verdict, or an error for faults of the output
	/// (not canonical field elements) or of the stored key.
	fn verdict(result: Result<bool, VerifierError>) -> Result<Verdict, DispatchError> {
		match result {
			Ok(true) => Ok(Verdict::Valid),
			Ok(false) => Ok(Verdict::Invalid),
			Err(error) => Self::verdict_of_error(error),
		}
	}

	fn verdict_of_error(error: VerifierError) -> Result<Verdict, DispatchError> {
		match error {
			// The operator signed these bytes: a malformed proof is a wrong answer.
			VerifierError::MalformedProof | VerifierError::DegenerateProof => {
				Ok(Verdict::Malformed(error))
			}
			VerifierError::InputNotInField | VerifierError::WrongInputCount => {
				Err(Error::<T>::MalformedOutput.into())
			}
			_ => Err(Error::<T>::VerifyingKeyUnavailable.into()),
		}
	}

	pub(crate) fn do_submit_result(
		operator: T::AccountId,
		id: JobId,
		output: JobOutput,
		proof: ProofBytes,
	) -> Result<ResultOutcome, DispatchError> {
		let (job, inputs) = Self::answerable(&operator, id, &output)?;
		let key = T::Models::verifying_key(job.model).ok_or(Error::<T>::VerifyingKeyUnavailable)?;
		let verdict = Self::verdict(T::ProofVerifier::verify(&key, &proof, &inputs))?;
		Ok(Self::settle(&operator, id, job, output, verdict))
	}

	pub(crate) fn do_submit_results(
		operator: T::AccountId,
		results: BoundedVec<(JobId, JobOutput, ProofBytes), T::MaxResultsPerCall>,
	) -> Result<BatchOutcome, DispatchError> {
		let mut model = None;
		let mut seen = BTreeSet::new();
		let mut checked = Vec::with_capacity(results.len());
		for (id, output, proof) in results {
			ensure!(seen.insert(id), Error::<T>::DuplicateJob);
			let (job, inputs) = Self::answerable(&operator, id, &output)?;
			ensure!(*model.get_or_insert(job.model) == job.model, Error::<T>::MixedModels);
			checked.push((id, job, output, proof, inputs));
		}
		let model = model.ok_or(Error::<T>::NoResults)?;
		let key = T::Models::verifying_key(model).ok_or(Error::<T>::VerifyingKeyUnavailable)?;
		let entries: Vec<(&[u8], &[PublicInput])> = checked
			.iter()
			.map(|(_, _, _, proof, inputs)| (proof.as_slice(), inputs.as_slice()))
			.collect();
		let verdicts = T::ProofVerifier::verify_batch(&key, &entries)
			.map_err(|_| Error::<T>::VerifyingKeyUnavailable)?;
		drop(entries);
		let mut outcome = BatchOutcome::default();
		for ((id, job, output, _, _), verdict) in checked.into_iter().zip(verdicts) {
			let verdict = match verdict {
				Verdict::Malformed(error) => Self::verdict_of_error(error)?,
				other => other,
			};
			match Self::settle(&operator, id, job, output, verdict) {
				ResultOutcome::Accepted => outcome.accepted = outcome.accepted.saturating_add(1),
				ResultOutcome::Rejected => outcome.rejected = outcome.rejected.saturating_add(1),
			}
		}
		Ok(outcome)
	}

	/// Completes or rejects an answered job.
	fn settle(
		operator: &T::AccountId,
		id: JobId,
		mut job: JobOf<T>,
		output: JobOutput,
		verdict: Verdict,
	) -> ResultOutcome {
		let JobStatus::Assigned { price, deadline, .. } = job.status else {
			return ResultOutcome::Rejected;
		};
		Self::unschedule_deadline(id, deadline);
		if verdict != Verdict::Valid {
			Self::deposit_event(Event::ResultRejected { job: id, operator: operator.clone() });
			Self::fail_assignment(id, job, operator, SlashReason::InvalidProof);
			return ResultOutcome::Rejected;
		}
		let protocol_fee = Self::pay_for_job(&job.requester, operator, job.max_fee, price);
		Self::release_operator(operator, id, |_| {});
		job.status = JobStatus::Completed {
			operator: operator.clone(),
			price,
			completed_at: frame_system::Pallet::<T>::block_number(),
		};
		Self::note_job_closed(job.model);
		Jobs::<T>::insert(id, job);
		JobOutputs::<T>::insert(id, output.clone());
		Self::deposit_event(Event::JobCompleted {
			job: id,
			operator: operator.clone(),
			output,
			price,
			protocol_fee,
		});
		Self::serve_queues(operator, 1);
		ResultOutcome::Accepted
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
		let wanted = match reason {
			SlashReason::InvalidProof => T::InvalidProofSlash::get(),
			SlashReason::MissedDeadline => T::LivenessSlash::get(),
		};
		Self::release_operator(operator, id, |op| {
			Self::slash(operator, op, id, &job.requester, wanted, reason);
		});
		job.failed_operator = Some(operator.clone());
		if job.assignments < MAX_ASSIGNMENTS
			&& (Self::try_match(id, &mut job) || Self::enqueue(id, &mut job).is_ok())
		{
			Jobs::<T>::insert(id, job);
			return;
		}
		Self::close_job(id, &job);
		Self::deposit_event(Event::JobFailed { job: id });
	}

	pub(crate) fn do_cancel_slash(id: SlashId) -> DispatchResult {
		let slash = PendingSlashes::<T>::take(id).ok_or(Error::<T>::UnknownSlash)?;
		let restored = Self::restore_slash(&slash);
		Self::deposit_event(Event::SlashCancelled { slash: id, restored });
		Ok(())
	}
}
