//! The inference market in real blocks: toy models registered and approved, operators bonded,
//! jobs submitted and assigned, and answers with real Groth16 proofs.

use crate::{chain::Chain, Error, Result};
use polkadot_sdk::{
	frame_support::traits::Get,
	pallet_parameters, pallet_sudo,
	sp_keyring::Sr25519Keyring::{self, Alice, Bob, Dave},
};
use std::collections::BTreeMap;
use veritas_primitives::{
	BackendPolicy, JobId, JobOutput, ModelId, ModelOffer, ProofBytes, SlashReason,
};
use veritas_runtime::{
	configs::{
		dynamic_params::{market, verifier},
		RuntimeParameters,
	},
	Runtime, RuntimeCall, RuntimeEvent, UncheckedExtrinsic, MILLI_UNIT, UNIT,
};
use veritas_verifier::{fixtures::TOY_MODEL_INPUT, test_utils::ToyModel};

/// Accounts that bond as operators, in order (each takes up to `MaxCapacity` jobs): every
/// well-known account but Dave, who submits the jobs. Bob (the model's owner) and Alice (sudo)
/// come last, for the runs that need more jobs than the others can take.
pub const OPERATORS: [Sr25519Keyring; 11] = [
	Sr25519Keyring::Charlie,
	Sr25519Keyring::Eve,
	Sr25519Keyring::Ferdie,
	Sr25519Keyring::AliceStash,
	Sr25519Keyring::BobStash,
	Sr25519Keyring::CharlieStash,
	Sr25519Keyring::DaveStash,
	Sr25519Keyring::EveStash,
	Sr25519Keyring::FerdieStash,
	Sr25519Keyring::Bob,
	Sr25519Keyring::Alice,
];

/// How many blocks a job may wait for its answer.
const JOB_TIMEOUT: u32 = 200;

/// One toy model of the market, with a key of its own, and the one answer (output and proof)
/// every job of it gets, since every job asks about the same input.
pub struct Answers {
	pub model: ModelId,
	pub output: JobOutput,
	pub proof: ProofBytes,
	/// A well-formed proof of another input: it does not verify for any job here.
	pub forged: ProofBytes,
}

/// The market: its models and the jobs assigned and not yet answered.
pub struct Market {
	/// Model `i` has id `i`.
	pub models: Vec<Answers>,
	/// Assigned jobs, with their models and operators, not yet answered.
	pub assigned: Vec<Assigned>,
}

/// A job waiting for its answer.
#[derive(Clone, Copy, Debug)]
pub struct Assigned {
	pub job: JobId,
	pub model: ModelId,
	pub operator: Sr25519Keyring,
}

/// Sudo (Alice, in the presets that have it) sets the verification backend policy.
pub fn set_policy(chain: &mut Chain, policy: BackendPolicy) -> UncheckedExtrinsic {
	let call = RuntimeCall::Parameters(pallet_parameters::Call::set_parameter {
		key_value: RuntimeParameters::Verifier(verifier::Parameters::VerificationBackend(
			verifier::VerificationBackend,
			Some(policy),
		)),
	});
	chain.sign(&Alice, RuntimeCall::Sudo(pallet_sudo::Call::sudo { call: Box::new(call) }))
}

impl Market {
	/// One block: Bob registers `models` toy models, each with a key of its own setup, Alice
	/// (sudo) approves them and `operators` of [`OPERATORS`] bond and offer all of them. `first`
	/// goes first in the block.
	pub fn open(
		chain: &mut Chain,
		first: Vec<UncheckedExtrinsic>,
		operators: usize,
		models: u32,
	) -> Result<Self> {
		let outputs = veritas_verifier::fixtures::TOY_MODEL_OUTPUTS;
		let input_len = u32::try_from(TOY_MODEL_INPUT.len()).unwrap_or(u32::MAX);
		let other_input = vec![0xa5; TOY_MODEL_INPUT.len()];
		let mut extrinsics = first;
		let mut answers = Vec::new();
		for model in 0..models {
			let toy = ToyModel::setup(outputs, 0x0005_eed5_u64.wrapping_add(u64::from(model)));
			let (output, proof) = toy.prove(TOY_MODEL_INPUT, 7);
			let (_, forged) = toy.prove(&other_input, 8);
			let register = RuntimeCall::Models(pallet_models::Call::register_model {
				name: Default::default(),
				metadata_uri: Default::default(),
				weights_hash: Default::default(),
				input_shape: bounded(vec![input_len])?,
				input_len,
				output_shape: bounded(vec![u32::try_from(outputs).unwrap_or(u32::MAX)])?,
				frac_bits: 8,
				verifying_key: bounded(toy.vk.clone())?,
				supersedes: None,
			});
			let approve = RuntimeCall::Models(pallet_models::Call::approve_model { model });
			extrinsics.push(chain.sign(&Bob, register));
			extrinsics.push(chain.sign(
				&Alice,
				RuntimeCall::Sudo(pallet_sudo::Call::sudo { call: Box::new(approve) }),
			));
			answers.push(Answers {
				model,
				output: bounded(output)?,
				proof: proof_bytes(&proof)?,
				forged: proof_bytes(&forged)?,
			});
		}
		// The market parameters are governed, read from storage: a new chain has the defaults,
		// which empty storage gives.
		let (min_timeout, collateral, min_bond) = polkadot_sdk::sp_io::TestExternalities::default()
			.execute_with(|| {
				(
					market::MinJobTimeout::get(),
					market::JobCollateral::get(),
					market::MinOperatorBond::get(),
				)
			});
		let capacity = <Runtime as pallet_inference::Config>::MaxCapacity::get();
		// Each assigned job holds `JobCollateral` of its operator's bond: bond enough for a full
		// capacity.
		let bond = collateral.saturating_mul(u128::from(capacity)).max(min_bond);
		let offers: Vec<ModelOffer<_, _>> =
			(0..models).map(|model| ModelOffer { model, price: MILLI_UNIT, min_timeout }).collect();
		for operator in OPERATORS.iter().take(operators) {
			let call = RuntimeCall::Inference(pallet_inference::Call::register_operator {
				bond,
				offers: bounded(offers.clone())?,
				capacity,
			});
			extrinsics.push(chain.sign(operator, call));
		}
		let candidate = chain.build_block(extrinsics)?;
		for applied in &candidate.applied {
			if !matches!(applied, Ok(Ok(()))) {
				return Err(Error(format!("opening the market failed: {applied:?}")));
			}
		}
		Ok(Self { models: answers, assigned: Vec::new() })
	}

	/// Blocks of at most 100 jobs each (so that no block's deadlines overflow) from Dave until
	/// `count` are submitted, for each model in turn; records their assignments.
	pub fn submit_jobs(&mut self, chain: &mut Chain, count: usize) -> Result<()> {
		let models = self.models.len();
		let model_of = |k: usize| u32::try_from(k.checked_rem(models).unwrap_or(0)).unwrap_or(0);
		let mut submitted = BTreeMap::new();
		for event in submit_job_blocks(chain, count, UNIT, model_of)? {
			if let RuntimeEvent::Inference(pallet_inference::Event::JobSubmitted {
				job,
				model,
				..
			}) = event
			{
				submitted.insert(job, model);
			}
			if let RuntimeEvent::Inference(pallet_inference::Event::JobAssigned {
				job,
				operator,
				..
			}) = event
			{
				let model = *submitted
					.get(&job)
					.ok_or_else(|| Error("a job was assigned before it was submitted".into()))?;
				let operator = *OPERATORS
					.iter()
					.find(|key| key.to_account_id() == operator)
					.ok_or_else(|| Error("a job went to an unknown operator".into()))?;
				self.assigned.push(Assigned { job, model, operator });
			}
		}
		if self.assigned.len() < count {
			return Err(Error(format!(
				"only {} of {count} jobs were assigned",
				self.assigned.len()
			)));
		}
		Ok(())
	}

	/// Fills the first model's queue with `count` jobs only the last of [`OPERATORS`] would take:
	/// it lowers its price, then Dave submits jobs offering less than the others ask, in blocks
	/// of at most 100, while it has no free slot. Another operator's freed slot then scans
	/// them all and takes none, the most a result does without taking a queued job. The market
	/// must have opened with every operator, all busy.
	pub fn queue_unfit_jobs(&mut self, chain: &mut Chain, count: usize) -> Result<()> {
		let model =
			self.models.first().ok_or_else(|| Error("the market has no model".into()))?.model;
		let cheap = OPERATORS.last().ok_or_else(|| Error("no operators".into()))?;
		let min_timeout = polkadot_sdk::sp_io::TestExternalities::default()
			.execute_with(market::MinJobTimeout::get);
		let offer = ModelOffer { model, price: MILLI_UNIT.saturating_div(4), min_timeout };
		let call = RuntimeCall::Inference(pallet_inference::Call::update_operator {
			offers: Some(bounded(vec![offer])?),
			capacity: None,
		});
		let repricing = chain.sign(cheap, call);
		let candidate = chain.build_block(vec![repricing])?;
		if !candidate.applied.iter().all(|applied| matches!(applied, Ok(Ok(())))) {
			return Err(Error(format!("repricing failed: {:?}", candidate.applied)));
		}
		let queued = submit_job_blocks(chain, count, MILLI_UNIT.saturating_div(2), |_| model)?
			.iter()
			.filter(|event| {
				matches!(event, RuntimeEvent::Inference(pallet_inference::Event::JobQueued { .. }))
			})
			.count();
		if queued < count {
			return Err(Error(format!("only {queued} of {count} unfit jobs were queued")));
		}
		Ok(())
	}

	/// The next `submit_results` call: up to `MaxResultsPerCall` answers of one operator's jobs
	/// of the first model, each with a valid proof. `None` once every assigned job is answered.
	pub fn next_answers(&mut self, chain: &mut Chain) -> Option<UncheckedExtrinsic> {
		self.next_answers_with(chain, false)
	}

	/// [`Self::next_answers`] with every proof forged (`forged`): the batch's combined check
	/// fails, each proof is then checked alone, and every result is rejected and slashed.
	pub fn next_answers_with(
		&mut self,
		chain: &mut Chain,
		forged: bool,
	) -> Option<UncheckedExtrinsic> {
		let per_call: u32 = <Runtime as pallet_inference::Config>::MaxResultsPerCall::get();
		let first = self.models.first()?.model;
		let mut counts = BTreeMap::new();
		counts.insert(first, per_call as usize);
		let (call, _) =
			self.answer(
				chain,
				&counts,
				|_, answers| {
					if forged {
						answers.forged
					} else {
						answers.proof
					}
				},
			)?;
		Some(call)
	}

	/// One `submit_results` call of the first operator (in the order of [`OPERATORS`]) that has
	/// `counts[m]` jobs of each model `m` assigned, or else of the first assigned job's: up to
	/// `counts[m]` of its jobs of each model `m`, the models interleaved (one of each in turn, by
	/// id); the `k`-th result carries the proof `proof(k, its model's answers)`. Returns the call
	/// and its results' jobs, each with whether its proof is other than the model's valid one.
	/// `None` when no job is picked or the picks exceed `MaxResultsPerCall`.
	pub fn answer(
		&mut self,
		chain: &mut Chain,
		counts: &BTreeMap<ModelId, usize>,
		proof: impl Fn(usize, &Answers) -> ProofBytes,
	) -> Option<(UncheckedExtrinsic, Vec<(JobId, bool)>)> {
		let has_enough = |operator: &Sr25519Keyring| {
			counts.iter().all(|(model, count)| {
				let of = |assigned: &&Assigned| {
					assigned.operator == *operator && assigned.model == *model
				};
				self.assigned.iter().filter(of).count() >= *count
			})
		};
		let operator = match OPERATORS.iter().find(|operator| has_enough(operator)) {
			Some(operator) => *operator,
			None => self.assigned.first()?.operator,
		};
		let mut taken: BTreeMap<ModelId, Vec<JobId>> = BTreeMap::new();
		// Picked from a copy: the jobs leave `assigned` only once their call is built.
		let mut left = self.assigned.clone();
		left.retain(|assigned| {
			let want = counts.get(&assigned.model).copied().unwrap_or(0);
			let jobs = taken.entry(assigned.model).or_default();
			if assigned.operator == operator && jobs.len() < want {
				jobs.push(assigned.job);
				false
			} else {
				true
			}
		});
		let mut order = Vec::new();
		let longest = taken.values().map(Vec::len).max().unwrap_or(0);
		for i in 0..longest {
			for (model, jobs) in &taken {
				if let Some(job) = jobs.get(i) {
					order.push((*model, *job));
				}
			}
		}
		let mut results = Vec::new();
		let mut jobs = Vec::new();
		for (k, (model, job)) in order.into_iter().enumerate() {
			let answers = self.models.iter().find(|answers| answers.model == model)?;
			let proof = proof(k, answers);
			results.push((job, answers.output.clone(), proof));
			jobs.push((job, proof != answers.proof));
		}
		// Nothing picked, or more than one call carries: no call.
		if results.is_empty() {
			return None;
		}
		let results = results.try_into().ok()?;
		self.assigned = left;
		let call = RuntimeCall::Inference(pallet_inference::Call::submit_results { results });
		Some((chain.sign(&operator, call), jobs))
	}

	/// `submit_result` for the first assigned job.
	pub fn answer_one(&mut self, chain: &mut Chain) -> Result<UncheckedExtrinsic> {
		if self.assigned.is_empty() {
			return Err(Error("no assigned job left to answer".into()));
		}
		let assigned = self.assigned.remove(0);
		let answers = self
			.models
			.iter()
			.find(|answers| answers.model == assigned.model)
			.ok_or_else(|| Error("a job of an unknown model".into()))?;
		let call = RuntimeCall::Inference(pallet_inference::Call::submit_result {
			job: assigned.job,
			output: answers.output.clone(),
			proof: answers.proof,
		});
		Ok(chain.sign(&assigned.operator, call))
	}
}

/// Blocks of at most 100 jobs each (so that no block's deadlines overflow) from Dave, the `k`-th
/// of model `model_of(k)` offering `max_fee`, until `count` are submitted; the blocks' events.
fn submit_job_blocks(
	chain: &mut Chain,
	count: usize,
	max_fee: u128,
	model_of: impl Fn(usize) -> ModelId,
) -> Result<Vec<RuntimeEvent>> {
	let mut events = Vec::new();
	let mut submitted = 0;
	while submitted < count {
		let now = count.saturating_sub(submitted).min(100);
		let mut extrinsics = Vec::new();
		for k in submitted..submitted.saturating_add(now) {
			let call = RuntimeCall::Inference(pallet_inference::Call::submit_job {
				model: model_of(k),
				input: bounded(TOY_MODEL_INPUT.to_vec())?,
				max_fee,
				timeout: JOB_TIMEOUT,
			});
			extrinsics.push(chain.sign(&Dave, call));
		}
		events.extend(chain.build_block(extrinsics)?.events);
		submitted = submitted.saturating_add(now);
	}
	Ok(events)
}

/// The jobs whose results a block rejected.
pub fn rejected(events: &[RuntimeEvent]) -> Vec<JobId> {
	jobs_where(events, |event| match event {
		pallet_inference::Event::ResultRejected { job, .. } => Some(*job),
		_ => None,
	})
}

/// The jobs a block completed.
pub fn completed(events: &[RuntimeEvent]) -> Vec<JobId> {
	jobs_where(events, |event| match event {
		pallet_inference::Event::JobCompleted { job, .. } => Some(*job),
		_ => None,
	})
}

/// The job of every market event `pick` names.
fn jobs_where(
	events: &[RuntimeEvent],
	pick: impl Fn(&pallet_inference::Event<Runtime>) -> Option<JobId>,
) -> Vec<JobId> {
	events
		.iter()
		.filter_map(|event| match event {
			RuntimeEvent::Inference(event) => pick(event),
			_ => None,
		})
		.collect()
}

/// The jobs for which a block slashed their operator for an invalid proof.
pub fn slashed_for_invalid_proofs(events: &[RuntimeEvent]) -> Vec<JobId> {
	jobs_where(events, |event| match event {
		pallet_inference::Event::OperatorSlashed {
			job, reason: SlashReason::InvalidProof, ..
		} => Some(*job),
		_ => None,
	})
}

fn proof_bytes(proof: &[u8]) -> Result<ProofBytes> {
	ProofBytes::try_from(proof).map_err(|_| Error("a Groth16 proof is 192 bytes".into()))
}

fn bounded<T, B: TryFrom<Vec<T>>>(values: Vec<T>) -> Result<B> {
	B::try_from(values).map_err(|_| Error("a value exceeds its bound".into()))
}
