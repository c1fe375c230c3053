//! Benchmarks of every call and of the hooks, each at its worst case. Proofs come from the
//! verifier's committed toy-model fixture (16 public inputs, the most a model may have).
//! Verifying calls take a component `w`: 1 benchmarks the pure-wasm backend, 0 the RFC-163
//! host calls. Setups fail loudly: a setup that silently did less would yield a plausible but
//! wrong weight.
// Benchmark setup, compiled only with `runtime-benchmarks`: a failing setup should stop the benchmark.
#![allow(
	clippy::arithmetic_side_effects,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::unwrap_used
)]

use crate::{pallet::*, types::*, BenchmarkHelper};
use alloc::{vec, vec::Vec};
use polkadot_sdk::{
	frame_benchmarking::v2::*,
	frame_support::{
		pallet_prelude::*,
		traits::{fungible::Mutate, EnsureOrigin, Hooks},
	},
	frame_system::{self, pallet_prelude::BlockNumberFor, RawOrigin},
	sp_runtime::{
		traits::{Bounded, One, Saturating},
		SaturatedConversion,
	},
};
use veritas_primitives::{
	Backend, JobId, JobOutput, JobStatus, ModelId, ModelOffer, ProofBytes, SetVerifierBackend,
	SlashReason,
};
use veritas_verifier::fixtures::{
	TOY_MODEL_INPUT, TOY_MODEL_OUTPUT, TOY_MODEL_OUTPUTS, TOY_MODEL_PROOF, TOY_MODEL_VK,
};

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	T::Currency::set_balance(&who, BalanceOf::<T>::max_value() / 1_000_000u32.into());
	who
}

/// The fixture model with job inputs of `input_len` bytes, registered and approved.
fn model_with_input<T: Config>(input_len: u32) -> ModelId {
	let owner = funded::<T>("owner", 0);
	T::BenchmarkHelper::active_model(&owner, TOY_MODEL_VK, input_len, TOY_MODEL_OUTPUTS as u32)
}

fn fixture_model<T: Config>() -> ModelId {
	model_with_input::<T>(TOY_MODEL_INPUT.len() as u32)
}

fn fee<T: Config>() -> BalanceOf<T> {
	crate::Pallet::<T>::min_operator_bond()
}

fn bond<T: Config>() -> BalanceOf<T> {
	crate::Pallet::<T>::min_operator_bond().saturating_add(
		crate::Pallet::<T>::job_collateral().saturating_mul(T::MaxCapacity::get().into()),
	)
}

/// The shortest timeout; jobs with it do not fit operators asking for [`patient`].
fn hasty<T: Config>() -> BlockNumberFor<T> {
	crate::Pallet::<T>::min_job_timeout()
}

/// One block more than [`hasty`].
fn patient<T: Config>() -> BlockNumberFor<T> {
	crate::Pallet::<T>::min_job_timeout().saturating_add(One::one())
}

fn offers<T: Config>(models: &[ModelId], min_timeout: BlockNumberFor<T>) -> OffersOf<T> {
	models
		.iter()
		.map(|model| ModelOffer { model: *model, price: fee::<T>(), min_timeout })
		.collect::<Vec<_>>()
		.try_into()
		.expect("at most MaxModelsPerOperator models")
}

fn register<T: Config>(
	who: &T::AccountId,
	bond: BalanceOf<T>,
	offers: OffersOf<T>,
	capacity: u32,
) -> Result<(), BenchmarkError> {
	Pallet::<T>::do_register_operator(who.clone(), bond, offers, capacity)
		.map_err(|_| BenchmarkError::Stop("operator registration failed"))
}

/// Fills `model`'s operator list up to `MaxOperatorsPerModel - leave` with operators whose
/// minimum timeout no benchmark job meets, so that matching reads them all and picks none.
fn crowd<T: Config>(model: ModelId, leave: u32) -> Result<(), BenchmarkError> {
	let target = T::MaxOperatorsPerModel::get().saturating_sub(leave) as usize;
	let mut index = 0u32;
	while ModelOperators::<T>::get(model).len() < target {
		let who = funded::<T>("crowd", model.saturating_mul(1000).saturating_add(index));
		register::<T>(&who, bond::<T>(), offers::<T>(&[model], T::MaxJobTimeout::get()), 1)?;
		index = index.saturating_add(1);
	}
	Ok(())
}

/// An operator offering as many models as it may, each list full with it last on it.
fn last_on_full_lists<T: Config>() -> Result<(T::AccountId, Vec<ModelId>), BenchmarkError> {
	let models: Vec<ModelId> =
		(0..T::MaxModelsPerOperator::get()).map(|_| fixture_model::<T>()).collect();
	for model in &models {
		crowd::<T>(*model, 1)?;
	}
	let operator = funded::<T>("operator", 0);
	register::<T>(&operator, bond::<T>(), offers::<T>(&models, patient::<T>()), 1)?;
	Ok((operator, models))
}

fn submit_input<T: Config>(
	requester: &T::AccountId,
	model: ModelId,
	input: &[u8],
	timeout: BlockNumberFor<T>,
) -> Result<JobId, BenchmarkError> {
	let input = input.to_vec().try_into().map_err(|_| BenchmarkError::Stop("input too long"))?;
	Pallet::<T>::do_submit_job(requester.clone(), model, input, fee::<T>(), timeout)
		.map_err(|_| BenchmarkError::Stop("job submission failed"))
}

fn submit<T: Config>(
	requester: &T::AccountId,
	model: ModelId,
	timeout: BlockNumberFor<T>,
) -> Result<JobId, BenchmarkError> {
	submit_input::<T>(requester, model, TOY_MODEL_INPUT, timeout)
}

/// Fills each model's queue to `MaxQueueLen` with jobs that an operator asking for
/// [`patient`] timeouts cannot take, except the last `fitting` jobs of the last model: a scan
/// for them reads every queue whole. A busy operator per model makes the jobs matchable. Each
/// fitting job is [isolated](isolate_queued): taking several reads no deadline-index block twice.
fn full_queues<T: Config>(models: &[ModelId], fitting: u32) -> Result<(), BenchmarkError> {
	let requester = funded::<T>("queuer", 0);
	for (index, model) in models.iter().enumerate() {
		let busy = funded::<T>("busy", *model);
		register::<T>(&busy, bond::<T>(), offers::<T>(&[*model], hasty::<T>()), 1)?;
		submit::<T>(&requester, *model, hasty::<T>())?;
		let len = T::MaxQueueLen::get();
		let last = index + 1 == models.len();
		for position in 0..len {
			let fits = last && position >= len.saturating_sub(fitting);
			submit::<T>(&requester, *model, if fits { patient::<T>() } else { hasty::<T>() })?;
		}
		let queue = JobQueue::<T>::get(model);
		ensure!(queue.len() == len as usize, BenchmarkError::Stop("queue not full"));
		if last {
			for queued in queue.iter().skip(len.saturating_sub(fitting) as usize) {
				isolate_queued::<T>(*model, queued.job)?;
			}
		}
	}
	Ok(())
}

/// The blocks of the deadline index an assignment due at `from` may use, in probing order.
fn deadline_range<T: Config>(from: BlockNumberFor<T>) -> impl Iterator<Item = BlockNumberFor<T>> {
	(0..=Pallet::<T>::deadline_slack()).map(move |step| from.saturating_add(step.into()))
}

/// The first block from `from` on whose deadline index holds nothing yet.
fn free_block<T: Config>(from: BlockNumberFor<T>) -> BlockNumberFor<T> {
	let mut block = from;
	while Deadlines::<T>::contains_key(block) {
		block = block.saturating_add(One::one());
	}
	block
}

/// The shortest timeout of at least `min`, below `MaxJobTimeout` (so that [`crowd`] operators
/// never match it), whose whole deadline range from `now + timeout` holds nothing yet: an
/// assignment with it probes blocks that no other step of the benchmarked call reads.
fn free_range_timeout<T: Config>(
	now: BlockNumberFor<T>,
	min: BlockNumberFor<T>,
) -> Result<BlockNumberFor<T>, BenchmarkError> {
	let mut timeout = min;
	while timeout < T::MaxJobTimeout::get() {
		let from = now.saturating_add(timeout);
		match deadline_range::<T>(from).find(|block| Deadlines::<T>::contains_key(block)) {
			None => return Ok(timeout),
			Some(taken) => timeout = taken.saturating_add(One::one()).saturating_sub(now),
		}
	}
	Err(BenchmarkError::Stop("no free deadline range below the longest timeout"))
}

/// Fills the deadline index from `now + timeout` on, after checking that no other step of the
/// benchmarked call reads those blocks, so that an assignment due there probes every block it
/// may use: the first `deadline_slack` blocks full, the last with `room` free entries. The
/// fillers are ids of no job; benchmarks never run the blocks they sit in.
fn pack_free_range<T: Config>(
	now: BlockNumberFor<T>,
	timeout: BlockNumberFor<T>,
	room: u32,
) -> Result<(), BenchmarkError> {
	let from = now.saturating_add(timeout);
	ensure!(
		deadline_range::<T>(from).all(|block| !Deadlines::<T>::contains_key(block)),
		BenchmarkError::Stop("deadline range already in use")
	);
	let capacity = T::MaxDeadlinesPerBlock::get();
	let slack = Pallet::<T>::deadline_slack();
	let mut filler = JobId::MAX;
	for (step, block) in deadline_range::<T>(from).enumerate() {
		let target = if step as u32 == slack { capacity.saturating_sub(room) } else { capacity };
		let ids: Vec<JobId> = (0..target)
			.map(|_| {
				filler = filler.saturating_sub(1);
				filler
			})
			.collect();
		let ids =
			BoundedVec::try_from(ids).map_err(|_| BenchmarkError::Stop("block over capacity"))?;
		Deadlines::<T>::insert(block, ids);
	}
	Ok(())
}

/// Gives queued `job` of `model` deadline-index blocks of its own, as jobs queued in other
/// blocks with other timeouts have: its expiry moves to a free block, and its timeout (at
/// least [`patient`]) becomes one whose range is free, packed so that an operator taking the
/// job now probes the whole range and finds room in its last block.
fn isolate_queued<T: Config>(model: ModelId, job: JobId) -> Result<(), BenchmarkError> {
	let now = frame_system::Pallet::<T>::block_number();
	let mut record = Jobs::<T>::get(job).ok_or(BenchmarkError::Stop("no job"))?;
	let JobStatus::Queued { expires_at } = record.status else {
		return Err(BenchmarkError::Stop("job not queued"));
	};
	Pallet::<T>::unschedule_deadline(job, expires_at);
	let expiry = free_block::<T>(now.saturating_add(T::QueueTimeout::get()));
	Deadlines::<T>::try_mutate(expiry, |ids| ids.try_push(job))
		.map_err(|_| BenchmarkError::Stop("expiry block full"))?;
	let timeout = free_range_timeout::<T>(now, patient::<T>())?;
	pack_free_range::<T>(now, timeout, 1)?;
	record.timeout = timeout;
	record.status = JobStatus::Queued { expires_at: expiry };
	Jobs::<T>::insert(job, record);
	JobQueue::<T>::mutate(model, |queue| {
		queue.iter_mut().filter(|queued| queued.job == job).for_each(|queued| {
			queued.timeout = timeout;
		})
	});
	Ok(())
}

/// Puts `operator` on as many more lists as its offers leave room for, each full and of a model
/// no job uses (ids from the top of the range, which registration never reaches; `index` keeps
/// operators' lists apart). The other accounts listed are not operators. Unlisting it then
/// rewrites as many full lists as an operator can be on, none shared with another operator.
fn list_on_spare_models<T: Config>(
	operator: &T::AccountId,
	index: u32,
) -> Result<(), BenchmarkError> {
	let mut op = Operators::<T>::get(operator).ok_or(BenchmarkError::Stop("no operator"))?;
	let per_operator = T::MaxModelsPerOperator::get();
	let spare = per_operator.saturating_sub(op.offers.len() as u32);
	for step in 0..spare {
		let model = ModelId::MAX - index.saturating_mul(per_operator) - step;
		ensure!(!ModelOperators::<T>::contains_key(model), BenchmarkError::Stop("model in use"));
		let others = (1..T::MaxOperatorsPerModel::get()).map(|n| account("listed", n, 0));
		let list: Vec<T::AccountId> = [operator.clone()].into_iter().chain(others).collect();
		let list = BoundedVec::try_from(list).map_err(|_| BenchmarkError::Stop("list too long"))?;
		ModelOperators::<T>::insert(model, list);
		op.offers
			.try_push(ModelOffer { model, price: fee::<T>(), min_timeout: hasty::<T>() })
			.map_err(|_| BenchmarkError::Stop("too many offers"))?;
	}
	Operators::<T>::insert(operator, op);
	Ok(())
}

/// Lists `second` last on `model`'s list and moves the match cursor to the list's start, so
/// that a re-match reads every other operator before matching it; fills the queue, so that a
/// job it cannot take cannot wait either.
fn list_last_behind_full_queue<T: Config>(
	model: ModelId,
	second: &T::AccountId,
) -> Result<(), BenchmarkError> {
	register::<T>(second, bond::<T>(), offers::<T>(&[model], hasty::<T>()), 1)?;
	MatchCursor::<T>::insert(model, 0);
	fill_queue::<T>(model);
	Ok(())
}

/// After a re-match of a job of `model` as [`list_last_behind_full_queue`] stages it: the last
/// listed operator matched (the cursor moved past it) but the job found no room to wait.
fn assert_matched_last_but_not_placed<T: Config>(model: ModelId) {
	assert_eq!(MatchCursor::<T>::get(model), ModelOperators::<T>::get(model).len() as u32);
	assert_eq!(JobQueue::<T>::get(model).len(), T::MaxQueueLen::get() as usize);
}

/// Fills `model`'s queue with entries of no job, so that a job placed after its operator fails
/// it cannot wait either.
fn fill_queue<T: Config>(model: ModelId) {
	let queue = vec![queue_filler::<T>(); T::MaxQueueLen::get() as usize];
	JobQueue::<T>::insert(model, BoundedVec::truncate_from(queue));
}

/// A queue entry of no job, to fill a queue without submitting jobs.
fn queue_filler<T: Config>() -> QueuedJobOf<T> {
	QueuedJobOf::<T> { job: JobId::MAX, max_fee: fee::<T>(), timeout: hasty::<T>(), excluded: None }
}

fn output() -> JobOutput {
	TOY_MODEL_OUTPUT.to_vec().try_into().expect("the fixture output fits")
}

fn proof() -> ProofBytes {
	ProofBytes::try_from(TOY_MODEL_PROOF).expect("the fixture proof is 192 bytes")
}

/// An input of the fixture's length for which the fixture proof is wrong.
fn other_input() -> Vec<u8> {
	vec![0xa5; TOY_MODEL_INPUT.len()]
}

fn backend(w: u32) -> Backend {
	if w == 1 {
		Backend::Arkworks
	} else {
		Backend::HostCalls
	}
}

fn fund_treasury<T: Config>() {
	// A fee the treasury can receive is the costlier path.
	T::Currency::set_balance(
		&T::Treasury::get(),
		BalanceOf::<T>::max_value() / 1_000_000u32.into(),
	);
}

fn status<T: Config>(
	job: JobId,
) -> Option<JobStatus<T::AccountId, BalanceOf<T>, BlockNumberFor<T>>> {
	Jobs::<T>::get(job).map(|j| j.status)
}

fn is_assigned_to<T: Config>(job: JobId, who: &T::AccountId) -> bool {
	matches!(status::<T>(job), Some(JobStatus::Assigned { operator, .. }) if operator == *who)
}

/// `n` jobs of one crowded model and one job of each of `further` crowded models of their own,
/// all assigned to one operator at full capacity, each of its own requester and due in a block
/// of its own (each further model makes the batch read and parse one more key and check one more
/// group). Behind them full queues: the first model's last `n` jobs are taken, one per accepted
/// result, each after probing a packed stretch of the deadline index of its own, and one at the
/// end of each further model's queue; without `take_queued` no queued job fits the operator,
/// and each result's freed slot scans a full queue for nothing. The results are valid, but for
/// the last one when `last_invalid`. The batch has `n + further` results of `further + 1`
/// models.
fn batch<T: Config>(
	backend: Backend,
	n: u32,
	last_invalid: bool,
	further: u32,
	take_queued: bool,
) -> Result<
	(T::AccountId, BoundedVec<(JobId, JobOutput, ProofBytes), T::MaxResultsPerCall>, JobId),
	BenchmarkError,
> {
	T::BenchmarkHelper::set_backend(backend);
	fund_treasury::<T>();
	let models: Vec<ModelId> = (0..=further).map(|_| fixture_model::<T>()).collect();
	for model in &models {
		crowd::<T>(*model, 2)?;
	}
	let (first_model, others) = models.split_first().ok_or(BenchmarkError::Stop("no model"))?;
	let count = n.saturating_add(further);
	let operator = funded::<T>("operator", 0);
	register::<T>(&operator, bond::<T>(), offers::<T>(&models, patient::<T>()), count)?;
	let now = frame_system::Pallet::<T>::block_number();
	let mut results = Vec::new();
	let answered = core::iter::repeat_n(first_model, n as usize).chain(others);
	for (index, model) in (0u32..).zip(answered) {
		let input = if last_invalid && index.saturating_add(1) == count {
			other_input()
		} else {
			TOY_MODEL_INPUT.to_vec()
		};
		let requester = funded::<T>("requester", index);
		let timeout = free_block::<T>(now.saturating_add(patient::<T>())).saturating_sub(now);
		let job = submit_input::<T>(&requester, *model, &input, timeout)?;
		ensure!(is_assigned_to::<T>(job, &operator), BenchmarkError::Stop("job not assigned"));
		results.push((job, output(), proof()));
	}
	let fitting = |jobs: u32| if take_queued { jobs.min(T::MaxQueueLen::get()) } else { 0 };
	for model in others {
		full_queues::<T>(&[*model], fitting(1))?;
	}
	full_queues::<T>(&[*first_model], fitting(n))?;
	let first = results.first().map(|r| r.0).ok_or(BenchmarkError::Stop("no results"))?;
	let results = results.try_into().map_err(|_| BenchmarkError::Stop("too many results"))?;
	Ok((operator, results, first))
}

/// The models a batch answers beyond its first in the models benchmarks: the most a call may.
fn further_models<T: Config>() -> u32 {
	T::MaxModelsPerCall::get().saturating_sub(1)
}

/// After a [`batch`] of `n` and `further` accepted results: its `first` job completed, and the
/// operator runs the queued jobs it took, `n` of the first model's queue (at most all of it) and
/// one of each further model's.
fn assert_settled_and_took_queued<T: Config>(
	operator: &T::AccountId,
	first: JobId,
	n: u32,
	further: u32,
) {
	assert!(matches!(status::<T>(first), Some(JobStatus::Completed { .. })));
	let active = Operators::<T>::get(operator).map(|op| op.active_jobs);
	assert_eq!(active, Some(n.min(T::MaxQueueLen::get()).saturating_add(further)));
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// Worst case: every offered model's list nearly full and its queue full, the jobs the
	/// operator can take at the end of the last queue.
	#[benchmark]
	fn register_operator() -> Result<(), BenchmarkError> {
		let models: Vec<ModelId> =
			(0..T::MaxModelsPerOperator::get()).map(|_| fixture_model::<T>()).collect();
		for model in &models {
			crowd::<T>(*model, 2)?;
		}
		let take = Pallet::<T>::matches_on_join();
		full_queues::<T>(&models, take)?;
		let operator = funded::<T>("operator", 0);
		#[extrinsic_call]
		_(
			RawOrigin::Signed(operator.clone()),
			bond::<T>(),
			offers::<T>(&models, patient::<T>()),
			take,
		);
		assert_eq!(Operators::<T>::get(&operator).map(|op| op.active_jobs), Some(take));
		Ok(())
	}

	/// Worst case: moving from as many models as allowed to as many others, each list nearly
	/// full and each queue full, the jobs the operator can take at the end of the last queue.
	#[benchmark]
	fn update_operator() -> Result<(), BenchmarkError> {
		let count = T::MaxModelsPerOperator::get();
		let old: Vec<ModelId> = (0..count).map(|_| fixture_model::<T>()).collect();
		let new: Vec<ModelId> = (0..count).map(|_| fixture_model::<T>()).collect();
		for model in old.iter().chain(&new) {
			crowd::<T>(*model, 2)?;
		}
		let operator = funded::<T>("operator", 0);
		register::<T>(&operator, bond::<T>(), offers::<T>(&old, patient::<T>()), 1)?;
		let take = Pallet::<T>::matches_on_join();
		full_queues::<T>(&new, take)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(operator.clone()), Some(offers::<T>(&new, patient::<T>())), Some(take));
		assert_eq!(Operators::<T>::get(&operator).map(|op| op.active_jobs), Some(take));
		Ok(())
	}

	/// Worst case: the extra bond gives room for queued jobs at the end of the last full queue.
	#[benchmark]
	fn bond_extra() -> Result<(), BenchmarkError> {
		let models: Vec<ModelId> =
			(0..T::MaxModelsPerOperator::get()).map(|_| fixture_model::<T>()).collect();
		let take = Pallet::<T>::matches_on_join();
		// The minimum bond backs `backed` jobs; with them running, the rest wait for more bond.
		let backed: u32 = (crate::Pallet::<T>::min_operator_bond()
			/ crate::Pallet::<T>::job_collateral())
		.saturated_into();
		let operator = funded::<T>("operator", 0);
		let capacity = backed.saturating_add(take);
		ensure!(capacity <= T::MaxCapacity::get(), BenchmarkError::Stop("capacity too small"));
		register::<T>(
			&operator,
			crate::Pallet::<T>::min_operator_bond(),
			offers::<T>(&models, patient::<T>()),
			capacity,
		)?;
		let requester = funded::<T>("requester", 0);
		for _ in 0..backed {
			submit::<T>(&requester, models[0], patient::<T>())?;
		}
		full_queues::<T>(&models, take)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(operator.clone()), bond::<T>());
		assert_eq!(Operators::<T>::get(&operator).map(|op| op.active_jobs), Some(capacity));
		Ok(())
	}

	/// Worst case: the bond falls below the minimum and the operator leaves as many full lists
	/// as it may be on.
	#[benchmark]
	fn unbond() -> Result<(), BenchmarkError> {
		let (operator, _) = last_on_full_lists::<T>()?;
		Pallet::<T>::do_unbond(operator.clone(), One::one())
			.map_err(|_| BenchmarkError::Stop("unbond failed"))?;
		let rest = bond::<T>().saturating_sub(One::one());
		#[extrinsic_call]
		_(RawOrigin::Signed(operator.clone()), rest);
		assert!(Operators::<T>::get(&operator).is_some_and(|op| op.offers.is_empty()));
		Ok(())
	}

	/// Worst case: the operator is on as many full lists as it may be, last on each. Its bond
	/// is lowered in storage, as a raised `MinOperatorBond` would leave it; the hold is not
	/// read.
	#[benchmark]
	fn unlist_underbonded() -> Result<(), BenchmarkError> {
		let (operator, models) = last_on_full_lists::<T>()?;
		let below = Pallet::<T>::min_operator_bond().saturating_sub(One::one());
		Operators::<T>::mutate(&operator, |op| {
			if let Some(op) = op.as_mut() {
				op.bond = below;
			}
		});
		let caller = funded::<T>("caller", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), operator.clone());
		assert!(Operators::<T>::get(&operator).is_some_and(|op| op.offers.is_empty()));
		assert!(models.iter().all(|model| !ModelOperators::<T>::get(model).contains(&operator)));
		Ok(())
	}

	#[benchmark]
	fn withdraw_unbonded() -> Result<(), BenchmarkError> {
		let model = fixture_model::<T>();
		let operator = funded::<T>("operator", 0);
		register::<T>(&operator, bond::<T>(), offers::<T>(&[model], patient::<T>()), 1)?;
		Pallet::<T>::do_unbond(operator.clone(), bond::<T>())
			.map_err(|_| BenchmarkError::Stop("unbond failed"))?;
		frame_system::Pallet::<T>::set_block_number(
			frame_system::Pallet::<T>::block_number().saturating_add(T::UnbondingPeriod::get()),
		);
		#[extrinsic_call]
		_(RawOrigin::Signed(operator.clone()));
		assert!(!Operators::<T>::contains_key(&operator));
		Ok(())
	}

	/// Worst case: the only operator that takes the job is the last of a full list to be read,
	/// every block its deadline could take is full, so the job goes to the back of a nearly full
	/// queue instead.
	#[benchmark]
	fn submit_job(i: Linear<1, { T::MaxInputLen::get() }>) -> Result<(), BenchmarkError> {
		let model = model_with_input::<T>(i);
		crowd::<T>(model, 1)?;
		let operator = funded::<T>("operator", 0);
		register::<T>(&operator, bond::<T>(), offers::<T>(&[model], hasty::<T>()), 1)?;
		let now = frame_system::Pallet::<T>::block_number();
		let full: BoundedVec<JobId, T::MaxDeadlinesPerBlock> = BoundedVec::truncate_from(
			(0..T::MaxDeadlinesPerBlock::get()).map(|n| JobId::MAX - JobId::from(n)).collect(),
		);
		// From this block on, whichever block the call runs in: never the queue's expiry block.
		let last =
			now.saturating_add(hasty::<T>()).saturating_add(Pallet::<T>::deadline_slack().into());
		ensure!(
			last.saturating_add(One::one()) < now.saturating_add(T::QueueTimeout::get()),
			BenchmarkError::Stop("queue timeout too short for this setup")
		);
		let mut block = now;
		while block <= last.saturating_add(One::one()) {
			Deadlines::<T>::insert(block, full.clone());
			block = block.saturating_add(One::one());
		}
		let queue = vec![queue_filler::<T>(); T::MaxQueueLen::get().saturating_sub(1) as usize];
		JobQueue::<T>::insert(model, BoundedVec::truncate_from(queue));
		let requester = funded::<T>("requester", 0);
		let job = NextJobId::<T>::get();
		let input: InputOf<T> =
			vec![7u8; i as usize].try_into().map_err(|_| BenchmarkError::Stop("input too long"))?;
		#[extrinsic_call]
		_(RawOrigin::Signed(requester), model, input, fee::<T>(), hasty::<T>());
		assert!(matches!(status::<T>(job), Some(JobStatus::Queued { .. })));
		Ok(())
	}

	/// Worst case: the last job of a full queue.
	#[benchmark]
	fn cancel_job() -> Result<(), BenchmarkError> {
		let model = fixture_model::<T>();
		full_queues::<T>(&[model], 0)?;
		let queue = JobQueue::<T>::get(model);
		let job = queue.last().map(|queued| queued.job).ok_or(BenchmarkError::Stop("empty"))?;
		let requester = funded::<T>("queuer", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(requester), job);
		assert!(!Jobs::<T>::contains_key(job));
		Ok(())
	}

	/// Worst case: the freed operator takes the last job of a full queue.
	#[benchmark]
	fn submit_result_accepted(w: Linear<0, 1>) -> Result<(), BenchmarkError> {
		T::BenchmarkHelper::set_backend(backend(w));
		fund_treasury::<T>();
		let model = fixture_model::<T>();
		let operator = funded::<T>("operator", 0);
		register::<T>(&operator, bond::<T>(), offers::<T>(&[model], patient::<T>()), 1)?;
		let requester = funded::<T>("requester", 0);
		let job = submit::<T>(&requester, model, patient::<T>())?;
		ensure!(is_assigned_to::<T>(job, &operator), BenchmarkError::Stop("job not assigned"));
		full_queues::<T>(&[model], 1)?;
		let waiting =
			JobQueue::<T>::get(model).last().map(|q| q.job).ok_or(BenchmarkError::Stop("empty"))?;
		#[extrinsic_call]
		submit_result(RawOrigin::Signed(operator.clone()), job, output(), proof());
		assert!(matches!(status::<T>(job), Some(JobStatus::Completed { .. })));
		assert!(is_assigned_to::<T>(waiting, &operator));
		Ok(())
	}

	/// Worst case: the slash leaves the operator below the minimum bond, so it leaves as many
	/// nearly full lists as it may be on. The job's new operator is the last of the other
	/// listed operators, all read, but every block its deadline could take is full; the job
	/// then finds room for its expiry only at the end of the queue's range, and the queue full,
	/// so it closes and its requester is refunded. The costliest way a job is placed again.
	#[benchmark]
	fn submit_result_rejected(w: Linear<0, 1>) -> Result<(), BenchmarkError> {
		T::BenchmarkHelper::set_backend(backend(w));
		let models: Vec<ModelId> =
			(0..T::MaxModelsPerOperator::get()).map(|_| fixture_model::<T>()).collect();
		let model = models[0];
		let operator = funded::<T>("operator", 0);
		register::<T>(
			&operator,
			crate::Pallet::<T>::min_operator_bond(),
			offers::<T>(&models, hasty::<T>()),
			1,
		)?;
		for model in &models {
			crowd::<T>(*model, 1)?;
		}
		let requester = funded::<T>("requester", 0);
		let job = submit_input::<T>(&requester, model, &other_input(), hasty::<T>())?;
		ensure!(is_assigned_to::<T>(job, &operator), BenchmarkError::Stop("job not assigned"));
		list_last_behind_full_queue::<T>(model, &funded::<T>("operator", 1))?;
		// Answered a block after the assignment: the re-match probes blocks other than the
		// job's own deadline block.
		let now = frame_system::Pallet::<T>::block_number().saturating_add(One::one());
		frame_system::Pallet::<T>::set_block_number(now);
		pack_free_range::<T>(now, T::QueueTimeout::get(), 1)?;
		pack_free_range::<T>(now, hasty::<T>(), 0)?;
		#[extrinsic_call]
		submit_result(RawOrigin::Signed(operator.clone()), job, output(), proof());
		assert!(!Jobs::<T>::contains_key(job));
		assert!(Operators::<T>::get(&operator).is_some_and(|op| op.offers.is_empty()));
		assert_matched_last_but_not_placed::<T>(model);
		Ok(())
	}

	// One benchmark per backend and path: the batch's cost per proof differs by backend, which
	// a single linear model in `n` and a backend component cannot express.
	#[benchmark]
	fn submit_results_host_calls(
		n: Linear<1, { T::MaxResultsPerCall::get() }>,
	) -> Result<(), BenchmarkError> {
		let (operator, results, first) = batch::<T>(Backend::HostCalls, n, false, 0, true)?;
		#[extrinsic_call]
		submit_results(RawOrigin::Signed(operator.clone()), results);
		assert_settled_and_took_queued::<T>(&operator, first, n, 0);
		Ok(())
	}

	/// [`submit_results_host_calls`] with full queues of jobs the operator cannot take: no
	/// freed slot takes one. Less that benchmark, what taking queued jobs costs, refunded for
	/// each result whose slot found none.
	#[benchmark]
	fn submit_results_none_queued(
		n: Linear<1, { T::MaxResultsPerCall::get() }>,
	) -> Result<(), BenchmarkError> {
		let (operator, results, first) = batch::<T>(Backend::HostCalls, n, false, 0, false)?;
		#[extrinsic_call]
		submit_results(RawOrigin::Signed(operator.clone()), results);
		assert!(matches!(status::<T>(first), Some(JobStatus::Completed { .. })));
		assert_eq!(Operators::<T>::get(&operator).map(|op| op.active_jobs), Some(0));
		Ok(())
	}

	#[benchmark]
	fn submit_results_pure_wasm(
		n: Linear<1, { T::MaxResultsPerCall::get() }>,
	) -> Result<(), BenchmarkError> {
		let (operator, results, first) = batch::<T>(Backend::Arkworks, n, false, 0, true)?;
		#[extrinsic_call]
		submit_results(RawOrigin::Signed(operator.clone()), results);
		assert_settled_and_took_queued::<T>(&operator, first, n, 0);
		Ok(())
	}

	/// `n` results of one model and one of each further model up to `MaxModelsPerCall`: one key
	/// read and parsed and one group checked per further model. Less [`submit_results_host_calls`]
	/// of as many results, what the further models cost; the component ends where the call's
	/// results do, so that the cost is measured at every size a call can have.
	#[benchmark]
	fn submit_results_models_host_calls(
		n: Linear<1, { T::MaxResultsPerCall::get().saturating_sub(further_models::<T>()) }>,
	) -> Result<(), BenchmarkError> {
		let further = further_models::<T>();
		let (operator, results, first) = batch::<T>(Backend::HostCalls, n, false, further, true)?;
		#[extrinsic_call]
		submit_results(RawOrigin::Signed(operator.clone()), results);
		assert_settled_and_took_queued::<T>(&operator, first, n, further);
		Ok(())
	}

	#[benchmark]
	fn submit_results_models_pure_wasm(
		n: Linear<1, { T::MaxResultsPerCall::get().saturating_sub(further_models::<T>()) }>,
	) -> Result<(), BenchmarkError> {
		let further = further_models::<T>();
		let (operator, results, first) = batch::<T>(Backend::Arkworks, n, false, further, true)?;
		#[extrinsic_call]
		submit_results(RawOrigin::Signed(operator.clone()), results);
		assert_settled_and_took_queued::<T>(&operator, first, n, further);
		Ok(())
	}

	/// One bad proof fails the combined check: every proof is then verified alone.
	#[benchmark]
	fn submit_results_fallback_host_calls(
		n: Linear<1, { T::MaxResultsPerCall::get() }>,
	) -> Result<(), BenchmarkError> {
		let (operator, results, _) = batch::<T>(Backend::HostCalls, n, true, 0, true)?;
		let last = results.last().map(|r| r.0).ok_or(BenchmarkError::Stop("no results"))?;
		#[extrinsic_call]
		submit_results(RawOrigin::Signed(operator), results);
		assert!(!matches!(status::<T>(last), Some(JobStatus::Completed { .. })));
		Ok(())
	}

	#[benchmark]
	fn submit_results_fallback_pure_wasm(
		n: Linear<1, { T::MaxResultsPerCall::get() }>,
	) -> Result<(), BenchmarkError> {
		let (operator, results, _) = batch::<T>(Backend::Arkworks, n, true, 0, true)?;
		let last = results.last().map(|r| r.0).ok_or(BenchmarkError::Stop("no results"))?;
		#[extrinsic_call]
		submit_results(RawOrigin::Signed(operator), results);
		assert!(!matches!(status::<T>(last), Some(JobStatus::Completed { .. })));
		Ok(())
	}

	#[benchmark]
	fn cancel_slash() -> Result<(), BenchmarkError> {
		let model = fixture_model::<T>();
		let operator = funded::<T>("operator", 0);
		register::<T>(&operator, bond::<T>(), offers::<T>(&[model], hasty::<T>()), 1)?;
		let requester = funded::<T>("requester", 0);
		let job = submit::<T>(&requester, model, hasty::<T>())?;
		let mut op = Operators::<T>::get(&operator).ok_or(BenchmarkError::Stop("no operator"))?;
		let mut record = Jobs::<T>::get(job).ok_or(BenchmarkError::Stop("no job"))?;
		let slash = Pallet::<T>::slash(
			&operator,
			&mut op,
			job,
			&mut record,
			crate::Pallet::<T>::slash_for(SlashReason::InvalidProof),
			SlashReason::InvalidProof,
		)
		.ok_or(BenchmarkError::Stop("nothing slashed"))?;
		Operators::<T>::insert(&operator, op);
		Jobs::<T>::insert(job, record);
		let origin = T::SlashCancelOrigin::try_successful_origin()
			.map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, slash);
		assert!(!PendingSlashes::<T>::contains_key(slash));
		Ok(())
	}

	#[benchmark]
	fn clear_job() -> Result<(), BenchmarkError> {
		let (operator, results, job) = batch::<T>(Backend::Arkworks, 1, false, 0, true)?;
		Pallet::<T>::do_submit_results(operator, results)
			.map_err(|_| BenchmarkError::Stop("result not settled"))?;
		let requester = funded::<T>("requester", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(requester), job);
		assert!(!Jobs::<T>::contains_key(job));
		Ok(())
	}

	/// `c` completed jobs of distinct requesters past their retention, cleared in one block.
	#[benchmark]
	fn on_idle_clear_jobs(
		c: Linear<0, { T::MaxJobsClearedPerBlock::get() }>,
	) -> Result<(), BenchmarkError> {
		fund_treasury::<T>();
		let model = fixture_model::<T>();
		let operator = funded::<T>("operator", 0);
		register::<T>(&operator, bond::<T>(), offers::<T>(&[model], hasty::<T>()), 1)?;
		for index in 0..c {
			// Each job's requester is read cold when its deposit is returned.
			let requester = funded::<T>("requester", index);
			let job = submit::<T>(&requester, model, hasty::<T>())?;
			Pallet::<T>::do_submit_result(operator.clone(), job, output(), proof())
				.map_err(|_| BenchmarkError::Stop("result not settled"))?;
		}
		let now = frame_system::Pallet::<T>::block_number().saturating_add(T::JobRetention::get());
		frame_system::Pallet::<T>::set_block_number(now);
		#[block]
		{
			Pallet::<T>::clear_expired_jobs(now, Weight::MAX);
		}
		assert_eq!(NextJobToClear::<T>::get(), NextJobId::<T>::get());
		Ok(())
	}

	/// `d` missed deadlines, each of another model, operator and requester and due in a block
	/// of its own (read with it): each slash leaves its operator below the minimum bond, which
	/// takes it off as many full lists as it may be on, its own; each job is then placed again
	/// as in `submit_result_rejected`, with a stretch of the deadline index of its own to probe.
	#[benchmark]
	fn on_initialize_deadlines(
		d: Linear<0, { T::MaxDeadlinesHandledPerBlock::get() }>,
	) -> Result<(), BenchmarkError> {
		// Late enough that a job with any timeout can have been assigned before it.
		let first =
			frame_system::Pallet::<T>::block_number().saturating_add(T::MaxJobTimeout::get());
		let now = first.saturating_add(d.into());
		pack_free_range::<T>(now, T::QueueTimeout::get(), 1)?;
		let mut jobs = Vec::new();
		for index in 0..d {
			let due = first.saturating_add(index.into());
			let timeout = free_range_timeout::<T>(now, hasty::<T>())?;
			pack_free_range::<T>(now, timeout, 0)?;
			let model = fixture_model::<T>();
			// Bonded at the minimum: the slash also takes it off every list it is on.
			let late = funded::<T>("late", index);
			register::<T>(
				&late,
				crate::Pallet::<T>::min_operator_bond(),
				offers::<T>(&[model], hasty::<T>()),
				1,
			)?;
			list_on_spare_models::<T>(&late, index)?;
			crowd::<T>(model, 1)?;
			frame_system::Pallet::<T>::set_block_number(due.saturating_sub(timeout));
			let requester = funded::<T>("requester", index);
			let job = submit::<T>(&requester, model, timeout)?;
			ensure!(
				matches!(status::<T>(job), Some(JobStatus::Assigned { operator, deadline, .. })
					if operator == late && deadline == due),
				BenchmarkError::Stop("job not assigned with its own deadline block")
			);
			list_last_behind_full_queue::<T>(model, &funded::<T>("second", index))?;
			jobs.push((job, late, model));
		}
		DeadlineCursor::<T>::put(first);
		frame_system::Pallet::<T>::set_block_number(now);
		#[block]
		{
			Pallet::<T>::on_initialize(now);
		}
		for (job, late, model) in jobs {
			assert!(!Jobs::<T>::contains_key(job));
			assert!(Operators::<T>::get(&late).is_some_and(|op| op.offers.is_empty()));
			assert_matched_last_but_not_placed::<T>(model);
		}
		Ok(())
	}

	/// `d` queued jobs of distinct models and requesters expiring, each in a block of its own
	/// (read with it) and the last of a full queue (its removal reads and rewrites all of it),
	/// forfeiting its queue slot to the treasury.
	#[benchmark]
	fn on_initialize_expiries(
		d: Linear<0, { T::MaxDeadlinesHandledPerBlock::get() }>,
	) -> Result<(), BenchmarkError> {
		fund_treasury::<T>();
		let start = frame_system::Pallet::<T>::block_number();
		let first = start.saturating_add(T::QueueTimeout::get());
		let mut jobs = Vec::new();
		for index in 0..d {
			// Queued a block after the previous one: each expires in a block of its own.
			frame_system::Pallet::<T>::set_block_number(start.saturating_add(index.into()));
			let model = fixture_model::<T>();
			let requester = funded::<T>("requester", index);
			let busy = funded::<T>("busy", model);
			register::<T>(&busy, bond::<T>(), offers::<T>(&[model], hasty::<T>()), 1)?;
			submit::<T>(&requester, model, hasty::<T>())?;
			let job = submit::<T>(&requester, model, hasty::<T>())?;
			ensure!(
				matches!(status::<T>(job), Some(JobStatus::Queued { expires_at })
					if expires_at == first.saturating_add(index.into())),
				BenchmarkError::Stop("job not queued to expire in its own block")
			);
			let mut queue =
				vec![queue_filler::<T>(); T::MaxQueueLen::get().saturating_sub(1) as usize];
			queue.extend(JobQueue::<T>::get(model).into_iter().filter(|queued| queued.job == job));
			ensure!(
				queue.len() == T::MaxQueueLen::get() as usize,
				BenchmarkError::Stop("queue not full")
			);
			JobQueue::<T>::insert(model, BoundedVec::truncate_from(queue));
			jobs.push(job);
		}
		let now = first.saturating_add(d.into());
		DeadlineCursor::<T>::put(first);
		frame_system::Pallet::<T>::set_block_number(now);
		#[block]
		{
			Pallet::<T>::on_initialize(now);
		}
		for job in jobs {
			assert!(!Jobs::<T>::contains_key(job));
		}
		Ok(())
	}

	/// `s` slashes of distinct operators, each paying a distinct requester, the treasury and
	/// burning: every account read is a cold one.
	#[benchmark]
	fn on_initialize_slashes(
		s: Linear<0, { T::MaxSlashesAppliedPerBlock::get() }>,
	) -> Result<(), BenchmarkError> {
		fund_treasury::<T>();
		for index in 0..s {
			let model = fixture_model::<T>();
			let operator = funded::<T>("operator", index);
			register::<T>(&operator, bond::<T>(), offers::<T>(&[model], hasty::<T>()), 1)?;
			let requester = funded::<T>("requester", index);
			let job = submit::<T>(&requester, model, hasty::<T>())?;
			ensure!(is_assigned_to::<T>(job, &operator), BenchmarkError::Stop("job not assigned"));
			let mut op =
				Operators::<T>::get(&operator).ok_or(BenchmarkError::Stop("no operator"))?;
			let mut record = Jobs::<T>::get(job).ok_or(BenchmarkError::Stop("no job"))?;
			// A slash that pays the requester, pays the treasury and burns: the costliest path.
			record.compensation = One::one();
			Pallet::<T>::slash(
				&operator,
				&mut op,
				job,
				&mut record,
				crate::Pallet::<T>::slash_for(SlashReason::MissedDeadline),
				SlashReason::MissedDeadline,
			)
			.ok_or(BenchmarkError::Stop("nothing slashed"))?;
			Operators::<T>::insert(&operator, op);
			Jobs::<T>::insert(job, record);
		}
		let due = frame_system::Pallet::<T>::block_number()
			.saturating_add(crate::Pallet::<T>::slash_defer_period());
		frame_system::Pallet::<T>::set_block_number(due);
		#[block]
		{
			Pallet::<T>::apply_due_slashes(due);
		}
		assert_eq!(NextSlashToApply::<T>::get(), NextSlashId::<T>::get());
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
