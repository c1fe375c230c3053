//! Benchmarks of every call and of `on_initialize`, each at its worst case. Proofs come from
//! the verifier's committed toy-model fixture (16 public inputs, the most a model may have).
//! Verifying calls take a component `w`: 1 benchmarks the pure-wasm backend, 0 the RFC-163
//! host calls.
// Benchmark setup, compiled only with `runtime-benchmarks`: a failing setup should stop the benchmark.
#![allow(
	clippy::arithmetic_side_effects,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::unwrap_used
)]

use crate::{dispatchable_impls::MATCHES_ON_JOIN, pallet::*, types::*};
use alloc::{vec, vec::Vec};
use polkadot_sdk::{
	frame_benchmarking::v2::*,
	frame_support::{
		pallet_prelude::*,
		traits::{fungible::Mutate, EnsureOrigin, Hooks},
	},
	frame_system::{self, RawOrigin},
	sp_runtime::traits::{Bounded, One, Saturating},
};
use veritas_primitives::{
	Backend, JobId, JobOutput, JobStatus, ModelId, ModelOffer, ProofBytes, SetVerifierBackend,
	SlashReason,
};
use veritas_verifier::fixtures::{
	TOY_MODEL_INPUT, TOY_MODEL_OUTPUT, TOY_MODEL_OUTPUTS, TOY_MODEL_PROOF, TOY_MODEL_VK,
};

/// What the benchmarks need from the runtime.
pub trait BenchmarkHelper<AccountId>: veritas_primitives::SetVerifierBackend {
	/// Registers and approves a model with verifying key `vk` and `outputs` output elements.
	fn active_model(owner: &AccountId, vk: &[u8], outputs: u32) -> ModelId;
}

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	T::Currency::set_balance(&who, BalanceOf::<T>::max_value() / 1_000_000u32.into());
	who
}

fn fixture_model<T: Config>() -> ModelId {
	let owner = funded::<T>("owner", 0);
	T::BenchmarkHelper::active_model(&owner, TOY_MODEL_VK, TOY_MODEL_OUTPUTS as u32)
}

fn big_fee<T: Config>() -> BalanceOf<T> {
	T::MinOperatorBond::get()
}

fn bond<T: Config>() -> BalanceOf<T> {
	T::MinOperatorBond::get()
		.saturating_add(T::JobCollateral::get().saturating_mul(T::MaxCapacity::get().into()))
}

fn register<T: Config>(who: &T::AccountId, offers: Vec<(ModelId, BalanceOf<T>)>, capacity: u32) {
	let offers: OffersOf<T> = offers
		.into_iter()
		.map(|(model, price)| ModelOffer { model, price })
		.collect::<Vec<_>>()
		.try_into()
		.unwrap_or_default();
	let _ = Pallet::<T>::do_register_operator(who.clone(), bond::<T>(), offers, capacity);
}

/// Fills `model`'s operator list up to `MaxOperatorsPerModel - leave` with operators too
/// expensive for any benchmark job, so that matching reads them all and picks none.
fn crowd<T: Config>(model: ModelId, leave: u32) {
	let target = T::MaxOperatorsPerModel::get().saturating_sub(leave) as usize;
	let mut index = 0u32;
	while ModelOperators::<T>::get(model).len() < target {
		let who = funded::<T>("pricey", model.saturating_mul(1000).saturating_add(index));
		register::<T>(&who, vec![(model, big_fee::<T>().saturating_add(One::one()))], 1);
		index = index.saturating_add(1);
	}
}

fn input<T: Config>(bytes: &[u8]) -> InputOf<T> {
	bytes.to_vec().try_into().unwrap_or_default()
}

fn submit<T: Config>(requester: &T::AccountId, model: ModelId, bytes: &[u8]) -> JobId {
	let timeout = T::MinJobTimeout::get();
	Pallet::<T>::do_submit_job(requester.clone(), model, input::<T>(bytes), big_fee::<T>(), timeout)
		.unwrap_or_default()
}

fn output() -> JobOutput {
	TOY_MODEL_OUTPUT.to_vec().try_into().unwrap_or_default()
}

fn proof() -> ProofBytes {
	ProofBytes::try_from(TOY_MODEL_PROOF).unwrap_or([0; 192])
}

fn backend(w: u32) -> Backend {
	if w == 1 {
		Backend::Arkworks
	} else {
		Backend::HostCalls
	}
}

/// A job of the fixture model assigned to a fresh operator, with the treasury funded (a fee it
/// can receive is the costlier path). Returns the model, the operator and the job.
fn assigned_job<T: Config>(job_input: &[u8]) -> (ModelId, T::AccountId, JobId) {
	T::Currency::set_balance(
		&T::Treasury::get(),
		BalanceOf::<T>::max_value() / 1_000_000u32.into(),
	);
	let model = fixture_model::<T>();
	crowd::<T>(model, 2);
	let operator = funded::<T>("operator", 0);
	register::<T>(&operator, vec![(model, big_fee::<T>())], 1);
	let requester = funded::<T>("requester", 0);
	let job = submit::<T>(&requester, model, job_input);
	(model, operator, job)
}

/// `n` jobs of the fixture model assigned to one operator, with valid results, verification on
/// `backend`.
fn batch<T: Config>(
	backend: Backend,
	n: u32,
) -> (T::AccountId, BoundedVec<(JobId, JobOutput, ProofBytes), T::MaxResultsPerCall>, JobId) {
	T::BenchmarkHelper::set_backend(backend);
	T::Currency::set_balance(
		&T::Treasury::get(),
		BalanceOf::<T>::max_value() / 1_000_000u32.into(),
	);
	let model = fixture_model::<T>();
	let operator = funded::<T>("operator", 0);
	register::<T>(&operator, vec![(model, big_fee::<T>())], T::MaxCapacity::get());
	let requester = funded::<T>("requester", 0);
	let results: Vec<(JobId, JobOutput, ProofBytes)> = (0..n)
		.map(|_| (submit::<T>(&requester, model, TOY_MODEL_INPUT), output(), proof()))
		.collect();
	let first = results.first().map(|r| r.0).unwrap_or_default();
	(operator, results.try_into().unwrap_or_default(), first)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_operator() {
		let models: Vec<ModelId> =
			(0..T::MaxModelsPerOperator::get()).map(|_| fixture_model::<T>()).collect();
		for model in &models {
			crowd::<T>(*model, 1);
		}
		let requester = funded::<T>("requester", 0);
		for _ in 0..MATCHES_ON_JOIN {
			submit::<T>(&requester, models[0], TOY_MODEL_INPUT);
		}
		let operator = funded::<T>("operator", 0);
		let offers: OffersOf<T> = models
			.iter()
			.map(|model| ModelOffer { model: *model, price: big_fee::<T>() })
			.collect::<Vec<_>>()
			.try_into()
			.unwrap_or_default();
		#[extrinsic_call]
		_(RawOrigin::Signed(operator.clone()), bond::<T>(), offers, MATCHES_ON_JOIN);
		assert_eq!(Operators::<T>::get(&operator).map(|op| op.active_jobs), Some(MATCHES_ON_JOIN));
	}

	#[benchmark]
	fn update_operator() {
		let count = T::MaxModelsPerOperator::get();
		let old: Vec<ModelId> = (0..count).map(|_| fixture_model::<T>()).collect();
		let new: Vec<ModelId> = (0..count).map(|_| fixture_model::<T>()).collect();
		for model in &new {
			crowd::<T>(*model, 1);
		}
		let operator = funded::<T>("operator", 0);
		register::<T>(&operator, old.iter().map(|m| (*m, big_fee::<T>())).collect(), 1);
		let requester = funded::<T>("requester", 0);
		for _ in 0..MATCHES_ON_JOIN {
			submit::<T>(&requester, new[0], TOY_MODEL_INPUT);
		}
		let offers: OffersOf<T> = new
			.iter()
			.map(|model| ModelOffer { model: *model, price: big_fee::<T>() })
			.collect::<Vec<_>>()
			.try_into()
			.unwrap_or_default();
		#[extrinsic_call]
		_(RawOrigin::Signed(operator.clone()), Some(offers), Some(MATCHES_ON_JOIN));
		assert_eq!(Operators::<T>::get(&operator).map(|op| op.active_jobs), Some(MATCHES_ON_JOIN));
	}

	#[benchmark]
	fn bond_extra() {
		let model = fixture_model::<T>();
		let operator = funded::<T>("operator", 0);
		register::<T>(&operator, vec![(model, big_fee::<T>())], MATCHES_ON_JOIN);
		// Unbond all, so that queued jobs wait for the extra bond.
		let _ = Pallet::<T>::do_unbond(operator.clone(), bond::<T>());
		let requester = funded::<T>("requester", 0);
		for _ in 0..MATCHES_ON_JOIN {
			submit::<T>(&requester, model, TOY_MODEL_INPUT);
		}
		#[extrinsic_call]
		_(RawOrigin::Signed(operator.clone()), bond::<T>());
		assert_eq!(Operators::<T>::get(&operator).map(|op| op.active_jobs), Some(MATCHES_ON_JOIN));
	}

	#[benchmark]
	fn unbond() {
		let model = fixture_model::<T>();
		let operator = funded::<T>("operator", 0);
		register::<T>(&operator, vec![(model, big_fee::<T>())], 1);
		let _ = Pallet::<T>::do_unbond(operator.clone(), One::one());
		#[extrinsic_call]
		_(RawOrigin::Signed(operator.clone()), T::MinOperatorBond::get());
		assert!(Operators::<T>::get(&operator).is_some_and(|op| op.unbonding.is_some()));
	}

	#[benchmark]
	fn withdraw_unbonded() {
		let models: Vec<ModelId> =
			(0..T::MaxModelsPerOperator::get()).map(|_| fixture_model::<T>()).collect();
		let operator = funded::<T>("operator", 0);
		register::<T>(&operator, models.iter().map(|m| (*m, big_fee::<T>())).collect(), 1);
		let _ = Pallet::<T>::do_unbond(operator.clone(), bond::<T>());
		frame_system::Pallet::<T>::set_block_number(
			frame_system::Pallet::<T>::block_number().saturating_add(T::UnbondingPeriod::get()),
		);
		#[extrinsic_call]
		_(RawOrigin::Signed(operator.clone()));
		assert!(!Operators::<T>::contains_key(&operator));
	}

	#[benchmark]
	fn submit_job(i: Linear<0, { T::MaxInputLen::get() }>) {
		let model = fixture_model::<T>();
		crowd::<T>(model, 1);
		let operator = funded::<T>("operator", 0);
		register::<T>(&operator, vec![(model, big_fee::<T>())], 1);
		let requester = funded::<T>("requester", 0);
		let job = NextJobId::<T>::get();
		#[extrinsic_call]
		_(
			RawOrigin::Signed(requester),
			model,
			input::<T>(&vec![7u8; i as usize]),
			big_fee::<T>(),
			T::MinJobTimeout::get(),
		);
		assert!(matches!(Jobs::<T>::get(job).map(|j| j.status), Some(JobStatus::Assigned { .. })));
	}

	#[benchmark]
	fn cancel_job() {
		let model = fixture_model::<T>();
		let requester = funded::<T>("requester", 0);
		let jobs: Vec<JobId> = (0..T::MaxQueueLen::get())
			.map(|_| submit::<T>(&requester, model, TOY_MODEL_INPUT))
			.collect();
		let job = jobs.last().copied().unwrap_or_default();
		#[extrinsic_call]
		_(RawOrigin::Signed(requester), job);
		assert!(!Jobs::<T>::contains_key(job));
	}

	#[benchmark]
	fn submit_result_accepted(w: Linear<0, 1>) {
		T::BenchmarkHelper::set_backend(backend(w));
		let (model, operator, job) = assigned_job::<T>(TOY_MODEL_INPUT);
		// A job waits for the operator's freed capacity.
		let requester = funded::<T>("requester", 1);
		let waiting = submit::<T>(&requester, model, TOY_MODEL_INPUT);
		#[extrinsic_call]
		submit_result(RawOrigin::Signed(operator.clone()), job, output(), proof());
		assert!(matches!(Jobs::<T>::get(job).map(|j| j.status), Some(JobStatus::Completed { .. })));
		assert!(matches!(
			Jobs::<T>::get(waiting).map(|j| j.status),
			Some(JobStatus::Assigned { .. })
		));
	}

	#[benchmark]
	fn submit_result_rejected(w: Linear<0, 1>) {
		T::BenchmarkHelper::set_backend(backend(w));
		// The fixture proof does not prove the fixture output for this input.
		let (model, operator, job) = assigned_job::<T>(b"another input");
		// Another operator takes the job over.
		let second = funded::<T>("operator", 1);
		register::<T>(&second, vec![(model, big_fee::<T>())], 1);
		#[extrinsic_call]
		submit_result(RawOrigin::Signed(operator.clone()), job, output(), proof());
		let status = Jobs::<T>::get(job).map(|j| j.status);
		assert!(matches!(status, Some(JobStatus::Assigned { operator: o, .. }) if o == second));
	}

	// One benchmark per backend: the batch's cost per proof differs by backend, which a single
	// linear model in `n` and a backend component cannot express.
	#[benchmark]
	fn submit_results_host_calls(n: Linear<1, { T::MaxResultsPerCall::get() }>) {
		let (operator, results, first) = batch::<T>(Backend::HostCalls, n);
		#[extrinsic_call]
		submit_results(RawOrigin::Signed(operator), results);
		assert!(matches!(
			Jobs::<T>::get(first).map(|j| j.status),
			Some(JobStatus::Completed { .. })
		));
	}

	#[benchmark]
	fn submit_results_pure_wasm(n: Linear<1, { T::MaxResultsPerCall::get() }>) {
		let (operator, results, first) = batch::<T>(Backend::Arkworks, n);
		#[extrinsic_call]
		submit_results(RawOrigin::Signed(operator), results);
		assert!(matches!(
			Jobs::<T>::get(first).map(|j| j.status),
			Some(JobStatus::Completed { .. })
		));
	}

	#[benchmark]
	fn cancel_slash() -> Result<(), BenchmarkError> {
		let (_, operator, job) = assigned_job::<T>(TOY_MODEL_INPUT);
		let requester = funded::<T>("requester", 0);
		let mut op = Operators::<T>::get(&operator).ok_or(BenchmarkError::Stop("no operator"))?;
		let slash = Pallet::<T>::slash(
			&operator,
			&mut op,
			job,
			&requester,
			T::InvalidProofSlash::get(),
			SlashReason::InvalidProof,
		)
		.ok_or(BenchmarkError::Stop("nothing slashed"))?;
		Operators::<T>::insert(&operator, op);
		let origin = T::SlashCancelOrigin::try_successful_origin()
			.map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, slash);
		assert!(!PendingSlashes::<T>::contains_key(slash));
		Ok(())
	}

	#[benchmark]
	fn on_initialize_deadlines(d: Linear<0, { T::MaxDeadlinesHandledPerBlock::get() }>) {
		let model = fixture_model::<T>();
		crowd::<T>(model, 2);
		let late = funded::<T>("operator", 0);
		register::<T>(&late, vec![(model, big_fee::<T>())], T::MaxCapacity::get());
		let requester = funded::<T>("requester", 0);
		let jobs: Vec<JobId> =
			(0..d).map(|_| submit::<T>(&requester, model, TOY_MODEL_INPUT)).collect();
		// A second operator takes the jobs over when the first misses their deadlines.
		let second = funded::<T>("operator", 1);
		register::<T>(&second, vec![(model, big_fee::<T>())], T::MaxCapacity::get());
		let due = frame_system::Pallet::<T>::block_number().saturating_add(T::MinJobTimeout::get());
		DeadlineCursor::<T>::put(due);
		frame_system::Pallet::<T>::set_block_number(due);
		#[block]
		{
			Pallet::<T>::on_initialize(due);
		}
		for job in jobs {
			let status = Jobs::<T>::get(job).map(|j| j.status);
			assert!(matches!(status, Some(JobStatus::Assigned { operator: o, .. }) if o == second));
		}
	}

	#[benchmark]
	fn on_initialize_slashes(
		s: Linear<0, { T::MaxSlashesAppliedPerBlock::get() }>,
	) -> Result<(), BenchmarkError> {
		let (_, operator, job) = assigned_job::<T>(TOY_MODEL_INPUT);
		let requester = funded::<T>("requester", 0);
		let mut op = Operators::<T>::get(&operator).ok_or(BenchmarkError::Stop("no operator"))?;
		let extra = BalanceOf::<T>::max_value() / 1_000_000_000u32.into();
		if Pallet::<T>::hold(HoldReason::OperatorBond, &operator, extra).is_ok() {
			op.bond = op.bond.saturating_add(extra);
		}
		for _ in 0..s {
			Pallet::<T>::slash(
				&operator,
				&mut op,
				job,
				&requester,
				One::one(),
				SlashReason::MissedDeadline,
			);
		}
		Operators::<T>::insert(&operator, op);
		let due =
			frame_system::Pallet::<T>::block_number().saturating_add(T::SlashDeferPeriod::get());
		DeadlineCursor::<T>::put(due);
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
