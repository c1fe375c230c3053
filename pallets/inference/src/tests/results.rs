//! Results: verification, payment and rejection, single and batched, on both backends and with a real zkML proof.

use super::*;

#[test]
fn a_valid_result_pays_the_operator_and_the_treasury_and_refunds_the_rest() {
	test(|| {
		let model = register_model();
		operator(OP_A, model, PRICE, 1, BOND);
		let job = submit(REQUESTER, model, 1, FEE);
		let (requester, op, treasury) = (
			Balances::free_balance(REQUESTER),
			Balances::free_balance(OP_A),
			Balances::free_balance(TREASURY),
		);
		let (output, proof) = answer(job);
		assert_ok!(Market::submit_result(RuntimeOrigin::signed(OP_A), job, output.clone(), proof));
		let answered = (output.clone(), proof);
		let fee = PRICE / 10;
		System::assert_last_event(
			Event::JobCompleted {
				job,
				operator: OP_A,
				output: output.clone(),
				price: PRICE,
				protocol_fee: fee,
			}
			.into(),
		);
		assert_eq!(Balances::free_balance(REQUESTER), requester + FEE - PRICE);
		assert_eq!(Balances::free_balance(OP_A), op + PRICE - fee);
		assert_eq!(Balances::free_balance(TREASURY), treasury + fee);
		assert_eq!(escrow(REQUESTER), 0);
		assert_eq!(bonded(OP_A), BOND);
		assert_eq!(JobOutputs::<Test>::get(job), Some(output.clone()));
		// The input is dropped (its commitment stays); the deposit waits for the clearing.
		assert!(JobInputs::<Test>::get(job).is_none());
		assert_eq!(Market::job_details(job).unwrap().input, None);
		assert_eq!(deposits(REQUESTER), JOB_DEPOSIT);
		assert_eq!(Market::job_details(job).unwrap().output, Some(output.into_inner()));
		assert!(matches!(
			status(job),
			Some(JobStatus::Completed { operator: OP_A, price: PRICE, completed_at: 1 })
		));
		assert_eq!(OpenJobs::<Test>::get(model), 0);
		assert!(Market::operator_jobs(&OP_A, 0, 10).is_empty());
		assert!(Deadlines::<Test>::get(1 + TIMEOUT).is_empty());
		// Only once.
		assert_noop!(result(OP_A, job, answered), Error::<Test>::NotAssignedOperator);
	});
}

#[test]
fn only_the_assigned_operator_answers_and_outputs_must_fit_the_model() {
	test(|| {
		let model = register_model();
		operator(OP_A, model, PRICE, 1, BOND);
		operator(OP_B, model, PRICE, 1, BOND);
		let job = submit(REQUESTER, model, 1, FEE);
		assert_eq!(assigned_to(job), Some(OP_A));
		assert_noop!(result(OP_B, job, answer(job)), Error::<Test>::NotAssignedOperator);
		assert_noop!(result(OP_A, job + 5, answer(job)), Error::<Test>::UnknownJob);
		let (output, proof) = answer(job);
		let short: veritas_primitives::JobOutput =
			output[..PUBLIC_INPUT_SIZE].to_vec().try_into().unwrap();
		assert_noop!(result(OP_A, job, (short, proof)), Error::<Test>::MalformedOutput);
		// An output element that is not a canonical field element.
		let mut not_in_field = output.clone();
		not_in_field[..PUBLIC_INPUT_SIZE].copy_from_slice(&[0xff; PUBLIC_INPUT_SIZE]);
		assert_noop!(result(OP_A, job, (not_in_field, proof)), Error::<Test>::MalformedOutput);
		assert_ok!(result(OP_A, job, (output, proof)));
	});
}

#[test]
fn an_invalid_proof_is_rejected_slashed_and_the_job_goes_to_another_operator() {
	test(|| {
		let model = register_model();
		operator(OP_A, model, PRICE, 1, BOND);
		operator(OP_B, model, PRICE, 1, BOND);
		let job = submit(REQUESTER, model, 1, FEE);
		assert_eq!(assigned_to(job), Some(OP_A));
		assert_ok!(result(OP_A, job, wrong_answer(job)));
		let events = market_events();
		assert!(events.contains(&Event::ResultRejected { job, operator: OP_A }));
		assert!(events.contains(&Event::OperatorSlashed {
			slash: 0,
			operator: OP_A,
			job,
			amount: INVALID_PROOF_SLASH,
			reason: SlashReason::InvalidProof,
			applies_at: 1 + SLASH_DEFER,
		}));
		assert_eq!(bonded(OP_A), BOND - INVALID_PROOF_SLASH);
		assert_eq!(pending(OP_A), INVALID_PROOF_SLASH);
		assert_eq!(assigned_to(job), Some(OP_B));
		assert_eq!(Jobs::<Test>::get(job).unwrap().failed_operator, Some(OP_A));
		assert_eq!(escrow(REQUESTER), FEE);
		// A malformed proof counts as a wrong answer too.
		let (output, _) = answer(job);
		assert_ok!(result(OP_B, job, (output, [0u8; 192])));
		assert_eq!(pending(OP_B), INVALID_PROOF_SLASH);
		// Second failure: refunded in full.
		assert!(market_events().contains(&Event::JobFailed { job }));
		assert!(Jobs::<Test>::get(job).is_none());
		assert_eq!(escrow(REQUESTER), 0);
		assert_eq!(Balances::free_balance(REQUESTER), ENDOWMENT);
	});
}

#[test]
fn submit_results_settles_a_batch_with_one_verdict_per_result() {
	test(|| {
		let model = register_model();
		operator(OP_A, model, PRICE, 4, BOND);
		operator(OP_B, model, PRICE, 4, BOND);
		let jobs: Vec<_> = (0..6).map(|seed| submit(REQUESTER, model, seed, FEE)).collect();
		let mine: Vec<_> =
			jobs.iter().copied().filter(|job| assigned_to(*job) == Some(OP_A)).collect();
		assert_eq!(mine.len(), 3);
		let batch = |entries: Vec<(
			JobId,
			(veritas_primitives::JobOutput, veritas_primitives::ProofBytes),
		)>| {
			let entries: Vec<_> = entries.into_iter().map(|(job, (o, p))| (job, o, p)).collect();
			Market::submit_results(RuntimeOrigin::signed(OP_A), entries.try_into().unwrap())
				.map(|_| ())
				.map_err(|e| e.error)
		};
		assert_noop!(batch(vec![]), Error::<Test>::NoResults);
		assert_noop!(
			batch(vec![(mine[0], answer(mine[0])), (mine[0], answer(mine[0]))]),
			Error::<Test>::DuplicateJob
		);
		let theirs = jobs.iter().copied().find(|job| assigned_to(*job) == Some(OP_B)).unwrap();
		assert_noop!(
			batch(vec![(mine[0], answer(mine[0])), (theirs, answer(theirs))]),
			Error::<Test>::NotAssignedOperator
		);
		assert_ok!(batch(vec![
			(mine[0], answer(mine[0])),
			(mine[1], wrong_answer(mine[1])),
			(mine[2], answer(mine[2]))
		]));
		assert!(matches!(status(mine[0]), Some(JobStatus::Completed { .. })));
		assert!(matches!(status(mine[2]), Some(JobStatus::Completed { .. })));
		assert_eq!(assigned_to(mine[1]), Some(OP_B));
		assert!(market_events().contains(&Event::ResultRejected { job: mine[1], operator: OP_A }));
		assert_eq!(pending(OP_A), INVALID_PROOF_SLASH);
	});
}

/// Two models whose keys come from different setups, both offered by `OP_A` with `capacity`.
fn models_of_two_setups(
	capacity: u32,
) -> (veritas_primitives::ModelId, veritas_primitives::ModelId) {
	let first = register_model();
	let second = register_model_from(MODEL_OWNER, &other_toy_model().vk, OUTPUTS as u32);
	let offered = offers(&[(first, PRICE), (second, PRICE)]);
	Market::register_operator(RuntimeOrigin::signed(OP_A), BOND, offered, capacity).unwrap();
	(first, second)
}

/// One call answers jobs of several models: each model's proofs are checked under its own key
/// in one combined check, and a bad proof of one model costs the good ones of neither. The two
/// models have keys of different setups, so a proof checked under the other model's key fails:
/// a proof valid under the first key, sent for a job of the second, is rejected.
#[test]
fn submit_results_answers_several_models_in_one_call() {
	for backend in [veritas_primitives::Backend::Arkworks, veritas_primitives::Backend::HostCalls] {
		test(|| {
			VerifierBackend::set(backend);
			let (first, second) = models_of_two_setups(4);
			let a = submit(REQUESTER, first, 1, FEE);
			let b = submit(REQUESTER, second, 2, FEE);
			let c = submit(REQUESTER, second, 3, FEE);
			let d = submit(REQUESTER, second, 4, FEE);
			let (oa, pa) = answer(a);
			let (ob, pb) = answer_with(other_toy_model(), b);
			let (oc, pc) = wrong_answer(c);
			// The right output and a proof that verifies, under the first model's key.
			let (od, pd) = answer(d);
			assert_ok!(Market::submit_results(
				RuntimeOrigin::signed(OP_A),
				vec![(b, ob, pb), (a, oa, pa), (c, oc, pc), (d, od, pd)].try_into().unwrap()
			));
			assert!(matches!(status(a), Some(JobStatus::Completed { .. })), "{backend:?}");
			assert!(matches!(status(b), Some(JobStatus::Completed { .. })), "{backend:?}");
			for bad in [c, d] {
				assert!(!matches!(status(bad), Some(JobStatus::Completed { .. })), "{backend:?}");
				let rejected = Event::ResultRejected { job: bad, operator: OP_A };
				assert!(market_events().contains(&rejected));
			}
			assert_eq!(pending(OP_A), 2 * INVALID_PROOF_SLASH);
			VerifierBackend::set(veritas_primitives::Backend::Arkworks);
		});
	}
}

/// Keys are told apart without a wrong answer beside them: a proof valid under the first
/// model's key, sent for a job of the second beside good results of both, is the only result
/// rejected (a batch that checked every proof under one key would reject the other model's).
#[test]
fn a_proof_under_another_models_key_fails_the_combined_check() {
	for backend in [veritas_primitives::Backend::Arkworks, veritas_primitives::Backend::HostCalls] {
		test(|| {
			VerifierBackend::set(backend);
			let (first, second) = models_of_two_setups(3);
			let a = submit(REQUESTER, first, 1, FEE);
			let b = submit(REQUESTER, second, 2, FEE);
			let d = submit(REQUESTER, second, 4, FEE);
			let (oa, pa) = answer(a);
			let (ob, pb) = answer_with(other_toy_model(), b);
			let (od, pd) = answer(d);
			assert_ok!(Market::submit_results(
				RuntimeOrigin::signed(OP_A),
				vec![(a, oa, pa), (b, ob, pb), (d, od, pd)].try_into().unwrap(),
			));
			assert!(matches!(status(a), Some(JobStatus::Completed { .. })), "{backend:?}");
			assert!(matches!(status(b), Some(JobStatus::Completed { .. })), "{backend:?}");
			assert!(!matches!(status(d), Some(JobStatus::Completed { .. })), "{backend:?}");
			assert!(market_events().contains(&Event::ResultRejected { job: d, operator: OP_A }));
			VerifierBackend::set(veritas_primitives::Backend::Arkworks);
		});
	}
}

/// A call answers at most `MaxModelsPerCall` models: one more is refused whole.
#[test]
fn submit_results_refuses_more_models_than_one_call_may_answer() {
	test(|| {
		let models: Vec<_> = (0..4).map(|_| register_model()).collect();
		let offered: Vec<_> = models.iter().map(|model| (*model, PRICE)).collect();
		Market::register_operator(RuntimeOrigin::signed(OP_A), BOND, offers(&offered), 4).unwrap();
		let results: Vec<_> = (0u8..)
			.zip(&models)
			.map(|(seed, model)| {
				let job = submit(REQUESTER, *model, seed, FEE);
				let (output, proof) = answer(job);
				(job, output, proof)
			})
			.collect();
		assert_noop!(
			Market::submit_results(
				RuntimeOrigin::signed(OP_A),
				results[..3].to_vec().try_into().unwrap()
			),
			Error::<Test>::TooManyModels
		);
		assert_ok!(Market::submit_results(
			RuntimeOrigin::signed(OP_A),
			results[..2].to_vec().try_into().unwrap()
		));
	});
}

#[test]
fn host_call_backend_settles_the_same_way() {
	test(|| {
		VerifierBackend::set(veritas_primitives::Backend::HostCalls);
		let model = register_model();
		operator(OP_A, model, PRICE, 2, BOND);
		let good = submit(REQUESTER, model, 1, FEE);
		let bad = submit(REQUESTER, model, 2, FEE);
		assert_ok!(result(OP_A, good, answer(good)));
		assert_ok!(result(OP_A, bad, wrong_answer(bad)));
		assert!(matches!(status(good), Some(JobStatus::Completed { .. })));
		assert!(is_queued(bad));
		VerifierBackend::set(veritas_primitives::Backend::Arkworks);
		assert_ok!(Market::cancel_job(RuntimeOrigin::signed(REQUESTER), bad));
	});
}

#[test]
fn a_zkml_proof_of_the_digits_model_settles_its_job_and_no_other() {
	use rand::rngs::OsRng;
	use veritas_zkml::{inference::quantize_input, onnx, prover, QuantizedModel};
	const DIGITS: &[u8] = include_bytes!("../../../../zkml/fixtures/digits/model.onnx");
	let model = QuantizedModel::quantize(&onnx::import(DIGITS).unwrap(), 8).unwrap();
	let keys = prover::setup(&model, &mut OsRng).unwrap();
	// Two stroke patterns, as the requester's client quantises them.
	let image = |shift: usize| -> Vec<f32> {
		(0..64).map(|i| if (i + shift).is_multiple_of(5) { 1.0 } else { 0.0 }).collect()
	};
	let inputs = [0, 1].map(|shift| quantize_input(&model, &image(shift)).unwrap());
	test(|| {
		let id = register_model_with(
			MODEL_OWNER,
			&keys.verifying,
			model.input_bytes() as u32,
			model.output_len() as u32,
		);
		operator(OP_A, id, PRICE, 2, BOND);
		operator(OP_B, id, PRICE, 2, BOND);
		let jobs = inputs.clone().map(|input| {
			let job = crate::NextJobId::<Test>::get();
			assert_ok!(Market::submit_job(
				RuntimeOrigin::signed(REQUESTER),
				id,
				input.try_into().unwrap(),
				FEE,
				TIMEOUT
			));
			job
		});
		let operators = jobs.map(|job| assigned_to(job).unwrap());
		let proved = inputs
			.clone()
			.map(|input| prover::prove(&model, &keys.proving, &input, &mut OsRng).unwrap());
		let submit = |who, job, answer: &prover::ProvedInference| {
			Market::submit_result(
				RuntimeOrigin::signed(who),
				job,
				answer.output.clone().try_into().unwrap(),
				answer.proof.clone().try_into().unwrap(),
			)
		};

		// The second job answered with the first job's output and proof: rejected, slashed.
		assert_ok!(submit(operators[1], jobs[1], &proved[0]));
		System::assert_has_event(
			Event::ResultRejected { job: jobs[1], operator: operators[1] }.into(),
		);
		assert!(pending(operators[1]) > 0);

		// The first job answered with its own proof: completed with the model's output.
		assert_ok!(submit(operators[0], jobs[0], &proved[0]));
		assert!(matches!(status(jobs[0]), Some(JobStatus::Completed { .. })));
		assert_eq!(JobOutputs::<Test>::get(jobs[0]).unwrap().into_inner(), proved[0].output);
		assert_ne!(proved[0].output, proved[1].output);
	});
}
