//! Results and money: verifying answers, paying for them, and the holds every fund moves
//! through.

use crate::{pallet::*, types::*, weights::WeightInfo};
use alloc::{collections::btree_set::BTreeSet, vec::Vec};
use polkadot_sdk::{
	frame_support::{
		ensure,
		pallet_prelude::*,
		traits::{
			fungible::MutateHold,
			tokens::{Fortitude, Precision, Restriction},
		},
		weights::Weight,
	},
	frame_system,
	sp_runtime::traits::{Saturating, Zero},
};
use veritas_primitives::{
	Backend, JobId, JobOutput, JobStatus, ModelId, ModelRegistry, ProofBytes, ProofVerifier,
	PublicInput, SlashReason, Verdict, VerifierError,
};
use veritas_verifier::{encoding::decode_input, Statement};

impl<T: Config> Pallet<T> {
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
		let mut seen = BTreeSet::new();
		let mut checked = Vec::with_capacity(results.len());
		// The models answered, in order of first appearance, and each result's index among them.
		let mut models: Vec<ModelId> = Vec::new();
		for (id, output, proof) in results {
			ensure!(seen.insert(id), Error::<T>::DuplicateJob);
			let (job, inputs) = Self::answerable(&operator, id, &output)?;
			let group = match models.iter().position(|model| *model == job.model) {
				Some(group) => group,
				None => {
					ensure!(
						models.len() < T::MaxModelsPerCall::get() as usize,
						Error::<T>::TooManyModels
					);
					models.push(job.model);
					models.len().saturating_sub(1)
				}
			};
			checked.push((id, job, output, proof, inputs, group));
		}
		ensure!(!checked.is_empty(), Error::<T>::NoResults);
		let keys = models
			.iter()
			.map(|model| T::Models::verifying_key(*model))
			.collect::<Option<Vec<_>>>()
			.ok_or(Error::<T>::VerifyingKeyUnavailable)?;
		let mut entries: Vec<Vec<(&[u8], &[PublicInput])>> = alloc::vec![Vec::new(); keys.len()];
		for (_, _, _, proof, inputs, group) in &checked {
			if let Some(entries) = entries.get_mut(*group) {
				entries.push((proof.as_slice(), inputs.as_slice()));
			}
		}
		let groups: Vec<(&[u8], &[(&[u8], &[PublicInput])])> = keys
			.iter()
			.zip(&entries)
			.map(|(key, entries)| (key.as_slice(), entries.as_slice()))
			.collect();
		// One combined check over every key: a key that does not parse is the chain's fault,
		// never the operator's, and settles nothing.
		let verdicts = T::ProofVerifier::verify_batches(&groups)
			.map_err(|_| Error::<T>::VerifyingKeyUnavailable)?;
		drop(groups);
		drop(entries);
		// Each group's verdicts, taken in the order its results came.
		let mut verdicts: Vec<_> = verdicts.into_iter().map(Vec::into_iter).collect();
		// The combined check passes only if every decodable proof is valid; one invalid proof
		// means each was verified on its own.
		let mut outcome = BatchOutcome {
			checked_one_by_one: verdicts.iter().any(|v| v.as_slice().contains(&Verdict::Invalid)),
			models: models.len() as u32,
			..Default::default()
		};
		for (id, job, output, _, _, group) in checked {
			// One verdict per entry: a missing one is the verifier's fault, never the
			// operator's, and settles nothing.
			let verdict = verdicts
				.get_mut(group)
				.and_then(Iterator::next)
				.ok_or(Error::<T>::VerifyingKeyUnavailable)?;
			let verdict = match verdict {
				Verdict::Malformed(error) => Self::verdict_of_error(error)?,
				other => other,
			};
			match Self::settle(&operator, id, job, output, verdict) {
				ResultOutcome::Accepted { queue_served } => {
					outcome.accepted = outcome.accepted.saturating_add(1);
					outcome.queue_served =
						outcome.queue_served.saturating_add(u32::from(queue_served));
				}
				ResultOutcome::Rejected => outcome.rejected = outcome.rejected.saturating_add(1),
			}
		}
		Ok(outcome)
	}

	/// Checks that `operator` may answer `id` now and that `output` is the model's number of
	/// canonical field elements; returns the job and the proof's public inputs. Faults found
	/// here cost the caller its fee but no verification.
	fn answerable(
		operator: &T::AccountId,
		id: JobId,
		output: &JobOutput,
	) -> Result<(JobOf<T>, Vec<PublicInput>), DispatchError> {
		let job = Jobs::<T>::get(id).ok_or(Error::<T>::UnknownJob)?;
		let JobStatus::Assigned { operator: assigned, deadline, .. } = &job.status else {
			return Err(Error::<T>::NotAssignedOperator.into());
		};
		ensure!(assigned == operator, Error::<T>::NotAssignedOperator);
		// Deadlines are handled at the start of the next block, and may lag under load: the
		// deadline itself decides, not when the miss is noticed.
		ensure!(frame_system::Pallet::<T>::block_number() <= *deadline, Error::<T>::DeadlinePassed);
		let elements =
			T::Models::output_elements(job.model).ok_or(Error::<T>::VerifyingKeyUnavailable)?;
		let statement = Statement::from_output_bytes(job.input_commitment, output, elements)
			.ok_or(Error::<T>::MalformedOutput)?;
		ensure!(
			statement.outputs.iter().all(|element| decode_input(element).is_ok()),
			Error::<T>::MalformedOutput
		);
		Ok((job, statement.public_inputs()))
	}

	/// Reads what the verifier says into a verdict, or an error for faults of the stored key.
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

	/// Completes or rejects an answered job. A completed job keeps its record and output (for
	/// clients, until cleared) but not its input.
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
		let model = job.model;
		Self::note_job_closed(model);
		Jobs::<T>::insert(id, job);
		JobInputs::<T>::remove(id);
		JobOutputs::<T>::insert(id, output.clone());
		Self::deposit_event(Event::JobCompleted {
			job: id,
			operator: operator.clone(),
			output,
			price,
			protocol_fee,
		});
		// The freed slot takes a waiting job of the same model: one queue read per result.
		let queue_served = Self::serve_queues(operator, 1, Some(model));
		ResultOutcome::Accepted { queue_served }
	}

	/// 1 when verification runs on pure wasm (the slower backend), 0 on host calls.
	fn pure_wasm() -> u32 {
		u32::from(T::ProofVerifier::backend() == Backend::Arkworks)
	}

	/// What a rejected result costs beyond an accepted one (a slash and a re-match), on the
	/// backend `wasm` selects.
	fn rejection_extra(wasm: u32) -> Weight {
		T::WeightInfo::submit_result_rejected(wasm)
			.saturating_sub(T::WeightInfo::submit_result_accepted(wasm))
	}

	/// Weight of `submit_result`: before dispatch the worst case, after it what was done.
	pub fn submit_result_weight(outcome: Option<ResultOutcome>) -> Weight {
		match outcome {
			None => T::WeightInfo::submit_result_accepted(1)
				.max(T::WeightInfo::submit_result_rejected(1)),
			Some(ResultOutcome::Accepted { .. }) => {
				T::WeightInfo::submit_result_accepted(Self::pure_wasm())
			}
			Some(ResultOutcome::Rejected) => {
				T::WeightInfo::submit_result_rejected(Self::pure_wasm())
			}
		}
	}

	/// What answering `models` distinct models adds to a batch of `count` results of one model
	/// on the backend `wasm` selects: each further key is read and parsed, and its group gets its
	/// own MSMs and Miller-loop pairs. Measured whole for the most further models a call may
	/// answer, as the models benchmark (one result of each further model beside the rest of one
	/// model) less the one-model batch of as many results, and charged pro rata per further
	/// model. Zero for one model.
	fn models_extra(models: u32, wasm: u32, count: u32) -> Weight {
		let further = T::MaxModelsPerCall::get().saturating_sub(1);
		if models <= 1 || further == 0 {
			return Weight::zero();
		}
		let (spread, one): (fn(u32) -> Weight, fn(u32) -> Weight) = if wasm == 1 {
			(
				T::WeightInfo::submit_results_models_pure_wasm,
				T::WeightInfo::submit_results_pure_wasm,
			)
		} else {
			(
				T::WeightInfo::submit_results_models_host_calls,
				T::WeightInfo::submit_results_host_calls,
			)
		};
		// A call of fewer results than the benchmark's smallest is charged as that one.
		let of_first = count.saturating_sub(further).max(1);
		let whole = spread(of_first).saturating_sub(one(of_first.saturating_add(further)));
		let models = u64::from(models.saturating_sub(1).min(further));
		whole.saturating_mul(models).saturating_div(u64::from(further))
	}

	/// Weight of `submit_results` with `count` results. Before dispatch: the worst case on
	/// either backend — the most models the call may answer, the combined check fails, every proof
	/// is verified alone and every result is rejected. After it: the batch as it went (combined
	/// check only, or followed by one verification per proof), the models it answered, the
	/// extra cost of each rejection, less the queue take of each accepted result whose freed slot
	/// found no queued job to take. A full block of such results validates in well under its
	/// weight on an optimised validator (docs/benchmarks.md, "Relay limits").
	pub fn submit_results_weight(count: u32, outcome: Option<BatchOutcome>) -> Weight {
		let Some(outcome) = outcome else {
			let worst = T::WeightInfo::submit_results_fallback_pure_wasm(count)
				.max(T::WeightInfo::submit_results_fallback_host_calls(count));
			// Charged pro rata per further model: the most models cost the most.
			let most = count.min(T::MaxModelsPerCall::get());
			let models = Self::models_extra(most, 1, count).max(Self::models_extra(most, 0, count));
			let extra = Self::rejection_extra(1).max(Self::rejection_extra(0));
			return worst.saturating_add(models).saturating_add(extra.saturating_mul(count.into()));
		};
		// Never more than was reserved, whatever shape the generated weights take (a runtime
		// test checks that the cap never bites).
		Self::submit_results_done(count, outcome, Self::pure_wasm())
			.min(Self::submit_results_weight(count, None))
	}

	/// What a `submit_results` call of `count` results did costs on the backend `wasm` selects
	/// (1: pure wasm), before the cap at its reservation.
	pub fn submit_results_done(count: u32, outcome: BatchOutcome, wasm: u32) -> Weight {
		let verified = match (wasm == 1, outcome.checked_one_by_one) {
			(true, false) => T::WeightInfo::submit_results_pure_wasm(count),
			(true, true) => T::WeightInfo::submit_results_fallback_pure_wasm(count),
			(false, false) => T::WeightInfo::submit_results_host_calls(count),
			(false, true) => T::WeightInfo::submit_results_fallback_host_calls(count),
		};
		let unserved = outcome.accepted.saturating_sub(outcome.queue_served);
		verified
			.saturating_add(Self::models_extra(outcome.models, wasm, count))
			.saturating_add(Self::rejection_extra(wasm).saturating_mul(outcome.rejected.into()))
			.saturating_sub(Self::queue_take(count).saturating_mul(unserved.into()))
	}

	/// What taking a queued job into a result's freed slot adds, per result of a batch of
	/// `count`: the one-model batch, whose every result takes one (probing the deadline index,
	/// rewriting the queue, the job and its expiry), less the same batch before full queues of
	/// jobs none fits, which scans each queue whole and takes nothing. Either backend: the
	/// verification is the same in both.
	pub(crate) fn queue_take(count: u32) -> Weight {
		T::WeightInfo::submit_results_host_calls(count)
			.saturating_sub(T::WeightInfo::submit_results_none_queued(count))
			.saturating_div(u64::from(count.max(1)))
	}

	/// Holds `amount` of `who`'s free balance under `reason`.
	pub(crate) fn hold(
		reason: HoldReason,
		who: &T::AccountId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		T::Currency::hold(&reason.into(), who, amount)
			.map_err(|_| Error::<T>::InsufficientBalance.into())
	}

	/// Returns up to `amount` held under `reason` to `who`'s free balance.
	pub(crate) fn release(
		reason: HoldReason,
		who: &T::AccountId,
		amount: BalanceOf<T>,
	) -> BalanceOf<T> {
		if amount.is_zero() {
			return amount;
		}
		T::Currency::release(&reason.into(), who, amount, Precision::BestEffort).unwrap_or_else(
			|error| {
				log::error!(target: "runtime::inference", "release of a hold failed: {error:?}");
				Zero::zero()
			},
		)
	}

	/// Moves `amount` held under `reason` on `from` to `to`'s free balance; `false` if `to`
	/// cannot receive it (e.g. below the existential deposit for a new account).
	pub(crate) fn pay_from_hold(
		reason: HoldReason,
		from: &T::AccountId,
		to: &T::AccountId,
		amount: BalanceOf<T>,
	) -> bool {
		amount.is_zero()
			|| T::Currency::transfer_on_hold(
				&reason.into(),
				from,
				to,
				amount,
				Precision::Exact,
				Restriction::Free,
				Fortitude::Force,
			)
			.is_ok()
	}

	/// Settles a job answered correctly: pays the operator `price` less the protocol fee, the
	/// treasury the fee, and refunds the rest of the escrow. Returns the fee taken.
	fn pay_for_job(
		requester: &T::AccountId,
		operator: &T::AccountId,
		max_fee: BalanceOf<T>,
		price: BalanceOf<T>,
	) -> BalanceOf<T> {
		let mut protocol_fee = Self::protocol_fee().mul_floor(price);
		let earnings = price.saturating_sub(protocol_fee);
		let mut refund = max_fee.saturating_sub(price);
		if !Self::pay_from_hold(HoldReason::JobEscrow, requester, operator, earnings) {
			// An operator's account always exists (its bond is held): only a broken invariant
			// lands here, and then the requester keeps its money.
			refund = refund.saturating_add(earnings);
		}
		if !Self::pay_from_hold(HoldReason::JobEscrow, requester, &T::Treasury::get(), protocol_fee)
		{
			// A treasury that cannot receive (not yet created, fee below the existential
			// deposit) waives the fee rather than losing it.
			refund = refund.saturating_add(protocol_fee);
			protocol_fee = Zero::zero();
		}
		Self::release(HoldReason::JobEscrow, requester, refund);
		protocol_fee
	}
}
