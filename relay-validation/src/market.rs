//! The inference market in real blocks: a model registered and approved, operators bonded, jobs
//! submitted and assigned, and answers with real Groth16 proofs.

use crate::{chain::Chain, Error, Result};
use polkadot_sdk::{
	frame_support::traits::Get,
	pallet_parameters, pallet_sudo,
	sp_keyring::Sr25519Keyring::{self, Alice, Bob, Dave},
};
use veritas_primitives::{BackendPolicy, JobId, JobOutput, ModelId, ModelOffer, ProofBytes};
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

/// The market of one toy model: its key and the one answer (output and proof) every job of it
/// gets, since every job asks about the same input.
pub struct Market {
	pub model: ModelId,
	pub output: JobOutput,
	pub proof: ProofBytes,
	/// A well-formed proof of another input: it does not verify for any job here.
	pub forged: ProofBytes,
	/// Assigned jobs, with their operators, not yet answered.
	pub assigned: Vec<(JobId, Sr25519Keyring)>,
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
	/// One block: Bob registers a toy model with a fresh key, Alice (sudo) approves it and
	/// `operators` of [`OPERATORS`] bond and offer it. `first` goes first in the block.
	pub fn open(
		chain: &mut Chain,
		first: Vec<UncheckedExtrinsic>,
		operators: usize,
	) -> Result<Self> {
		let outputs = veritas_verifier::fixtures::TOY_MODEL_OUTPUTS;
		let toy = ToyModel::setup(outputs, 0x0005_eed5);
		let (output, proof) = toy.prove(TOY_MODEL_INPUT, 7);
		let other_input = vec![0xa5; TOY_MODEL_INPUT.len()];
		let (_, forged) = toy.prove(&other_input, 8);
		let input_len = u32::try_from(TOY_MODEL_INPUT.len()).unwrap_or(u32::MAX);
		let model = 0;
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
		let mut extrinsics = first;
		extrinsics.push(chain.sign(&Bob, register));
		extrinsics.push(
			chain.sign(
				&Alice,
				RuntimeCall::Sudo(pallet_sudo::Call::sudo { call: Box::new(approve) }),
			),
		);
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
		for operator in OPERATORS.iter().take(operators) {
			let offer = ModelOffer { model, price: MILLI_UNIT, min_timeout };
			let call = RuntimeCall::Inference(pallet_inference::Call::register_operator {
				bond,
				offers: bounded(vec![offer])?,
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
		let output = bounded(output)?;
		let proof = ProofBytes::try_from(proof.as_slice())
			.map_err(|_| Error("a Groth16 proof is 192 bytes".into()))?;
		let forged = ProofBytes::try_from(forged.as_slice())
			.map_err(|_| Error("a Groth16 proof is 192 bytes".into()))?;
		Ok(Self { model, output, proof, forged, assigned: Vec::new() })
	}

	/// Blocks of at most 100 jobs each (so that no block's deadlines overflow) from Dave until
	/// `count` are submitted; records their assignments.
	pub fn submit_jobs(&mut self, chain: &mut Chain, count: usize) -> Result<()> {
		let mut left = count;
		while left > 0 {
			let now = left.min(100);
			left = left.saturating_sub(now);
			let mut extrinsics = Vec::new();
			for _ in 0..now {
				let call = RuntimeCall::Inference(pallet_inference::Call::submit_job {
					model: self.model,
					input: bounded(TOY_MODEL_INPUT.to_vec())?,
					max_fee: UNIT,
					timeout: JOB_TIMEOUT,
				});
				extrinsics.push(chain.sign(&Dave, call));
			}
			let candidate = chain.build_block(extrinsics)?;
			for event in candidate.events {
				if let RuntimeEvent::Inference(pallet_inference::Event::JobAssigned {
					job,
					operator,
					..
				}) = event
				{
					let keyring = OPERATORS
						.iter()
						.find(|key| key.to_account_id() == operator)
						.ok_or_else(|| Error("a job went to an unknown operator".into()))?;
					self.assigned.push((job, *keyring));
				}
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

	/// The next `submit_results` call: up to `MaxResultsPerCall` answers of one operator's jobs,
	/// each with a valid proof. `None` once every assigned job is answered.
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
		let proof = if forged { self.forged } else { self.proof };
		let (_, operator) = *self.assigned.first()?;
		let per_call: u32 = <Runtime as pallet_inference::Config>::MaxResultsPerCall::get();
		let per_call = per_call as usize;
		let mut results = Vec::new();
		self.assigned.retain(|(job, of)| {
			if *of == operator && results.len() < per_call {
				results.push(*job);
				false
			} else {
				true
			}
		});
		let results = results
			.into_iter()
			.map(|job| (job, self.output.clone(), proof))
			.collect::<Vec<_>>()
			.try_into()
			.unwrap_or_default();
		let call = RuntimeCall::Inference(pallet_inference::Call::submit_results { results });
		Some(chain.sign(&operator, call))
	}

	/// `submit_result` for one assigned job.
	pub fn answer_one(&mut self, chain: &mut Chain) -> Result<UncheckedExtrinsic> {
		if self.assigned.is_empty() {
			return Err(Error("no assigned job left to answer".into()));
		}
		let (job, operator) = self.assigned.remove(0);
		let call = RuntimeCall::Inference(pallet_inference::Call::submit_result {
			job,
			output: self.output.clone(),
			proof: self.proof,
		});
		Ok(chain.sign(&operator, call))
	}
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

fn bounded<T, B: TryFrom<Vec<T>>>(values: Vec<T>) -> Result<B> {
	B::try_from(values).map_err(|_| Error("a value exceeds its bound".into()))
}
