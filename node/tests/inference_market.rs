//! End-to-end on a `--dev` node through `veritas-client`, the typed client: a model is
//! registered and approved (sudo stands in for governance), two operators bond, and jobs run
//! through the market with real Groth16 proofs of a test circuit: one answered and paid, one
//! answered with a wrong proof (rejected, slashed, re-assigned and answered), one whose
//! deadlines are missed twice (slashed twice, refunded).

mod common;

use common::Node;
use std::time::{Duration, Instant};
use veritas_client::{
	offer,
	runtime::api::{
		self,
		inference::events::{
			DeadlineMissed, JobAssigned, JobCompleted, JobFailed, OperatorRegistered,
			OperatorSlashed, ResultRejected,
		},
		models::events::ModelRegistered,
		runtime_types::{
			bounded_collections::bounded_vec::BoundedVec,
			veritas_primitives::inference::SlashReason,
		},
	},
	Account, AccountId32, Client, JobId, ModelRegistration, Outcome,
};
use veritas_verifier::test_utils::ToyModel;

const UNIT: u128 = 1_000_000_000_000;
const BOND: u128 = 2_000 * UNIT;
const PRICE: u128 = 10 * UNIT;
const MAX_FEE: u128 = 25 * UNIT;
/// Runtime constants the test checks against.
const INVALID_PROOF_SLASH: u128 = 100 * UNIT;
const LIVENESS_SLASH: u128 = 20 * UNIT;
const PROTOCOL_FEE_PERCENT: u128 = 5;
/// The runtime's shortest job timeout; the operators here accept it.
const MIN_JOB_TIMEOUT: u32 = 10;
/// The exact input length the test model declares.
const INPUT_LEN: usize = 64;

/// `text` as a job input of the model's declared length.
fn picture(text: &[u8]) -> Vec<u8> {
	let mut input = text.to_vec();
	input.resize(INPUT_LEN, 0);
	input
}

/// `submit_result` sent with the typed call, returning every event of the transaction (the
/// client's own `submit_result` keeps only the verdicts).
async fn answer(
	client: &Client,
	operator: &Account,
	job: JobId,
	output: &[u8],
	proof: Vec<u8>,
) -> Outcome {
	let proof: [u8; veritas_verifier::PROOF_SIZE] = proof.try_into().unwrap();
	let call =
		api::transactions().inference().submit_result(job, BoundedVec(output.to_vec()), proof);
	client.submit(operator, &call).await.unwrap()
}

/// The one event `E` the transaction emitted: more than one fails the test too.
fn only<E: subxt::events::DecodeAsEvent>(outcome: &Outcome) -> E {
	let mut all = outcome.all::<E>().unwrap();
	assert_eq!(all.len(), 1, "expected exactly one {}", std::any::type_name::<E>());
	all.remove(0)
}

async fn bond(client: &Client, who: &AccountId32) -> u128 {
	client.operator(who).await.unwrap().expect("an operator").bond
}

#[tokio::test(flavor = "multi_thread")]
async fn jobs_are_paid_rejected_and_slashed_on_a_dev_chain() {
	let dir = tempfile::tempdir().unwrap();
	let mut node = Node::start(&["--dev"], &dir.path().join("db"), 1000, "market-node");
	drop(node.client(Duration::from_secs(180)).await);
	let client = Client::connect(&node.url()).await.unwrap();
	let [owner, bob, charlie, dave] =
		["alice", "bob", "charlie", "dave"].map(|name| Account::dev(name).unwrap());
	let model_circuit = ToyModel::setup(2, 7);

	// A model is registered (deposit held) and approved through sudo.
	let registration = ModelRegistration {
		name: b"toy-2".to_vec(),
		metadata_uri: b"ipfs://toy-2".to_vec(),
		weights_hash: [7u8; 32],
		input_shape: vec![INPUT_LEN as u32],
		input_len: INPUT_LEN as u32,
		output_shape: vec![2],
		frac_bits: 8,
		verifying_key: model_circuit.vk.clone(),
		supersedes: None,
	};
	let (model, deposit, registered) = client
		.register_model(&owner, registration)
		.await
		.unwrap_or_else(|e| panic!("{e}\n{}", node.log_tail()));
	let event = only::<ModelRegistered>(&registered);
	assert_eq!((event.model, event.owner), (model, owner.account_id()));
	assert!(deposit > 0);
	client.sudo_approve_model(&owner, model).await.unwrap();
	assert_eq!(client.active_model(model).await.unwrap().input_len, INPUT_LEN as u32);

	// Two operators bond and offer the model.
	for who in [&bob, &charlie] {
		let offers = vec![offer(model, PRICE, MIN_JOB_TIMEOUT)];
		let registered = client.register_operator(who, BOND, offers, 4).await.unwrap();
		let event = only::<OperatorRegistered>(&registered);
		assert_eq!((event.operator, event.bond), (who.account_id(), BOND));
		assert_eq!(bond(&client, &who.account_id()).await, BOND);
	}
	let by_id = |id: &AccountId32| if *id == bob.account_id() { &bob } else { &charlie };

	// Job 1: answered with a valid proof and paid.
	let dave_before = client.free_balance(&dave.account_id()).await.unwrap();
	let input = picture(b"a picture of the digit seven");
	let submitted = client.submit_job(&dave, model, input.clone(), MAX_FEE, 50).await.unwrap();
	assert!(submitted.deposit > 0);
	let (assignee, price, _) = submitted.assigned.clone().expect("a free operator takes the job");
	assert_eq!(price, PRICE);
	let worker = by_id(&assignee);
	let worker_before = client.free_balance(&assignee).await.unwrap();
	let (output, proof) = model_circuit.prove(&input, 1);
	let answered = answer(&client, worker, submitted.id, &output, proof).await;
	let paid = only::<JobCompleted>(&answered);
	assert_eq!(
		(paid.job, &paid.operator, &paid.output.0, paid.price),
		(submitted.id, &assignee, &output, PRICE)
	);
	assert_eq!(paid.protocol_fee, PRICE * PROTOCOL_FEE_PERCENT / 100);
	let answer_fee = answered.fee;
	assert_eq!(
		client.free_balance(&assignee).await.unwrap(),
		worker_before + PRICE - paid.protocol_fee - answer_fee
	);
	// The job's storage deposit stays held until the record is cleared.
	assert_eq!(
		client.free_balance(&dave.account_id()).await.unwrap(),
		dave_before - PRICE - submitted.fee - submitted.deposit
	);
	assert_eq!(client.job(submitted.id).await.unwrap().unwrap().output, Some(output));

	// Job 2: a wrong proof is rejected, slashed, and the job goes to the other operator.
	let input = picture(b"a picture of the digit three");
	let submitted = client.submit_job(&dave, model, input.clone(), MAX_FEE, 50).await.unwrap();
	let second = submitted.id;
	let (cheater, _, _) = submitted.assigned.expect("a free operator takes the job");
	let (cheater_key, honest_key) =
		if cheater == bob.account_id() { (&bob, &charlie) } else { (&charlie, &bob) };
	let (output, _) = model_circuit.prove(&input, 2);
	let (_, other_proof) = model_circuit.prove(&picture(b"another picture"), 2);
	let rejected = answer(&client, cheater_key, second, &output, other_proof).await;
	let verdict = only::<ResultRejected>(&rejected);
	assert_eq!((verdict.job, &verdict.operator), (second, &cheater));
	let slashed = only::<OperatorSlashed>(&rejected);
	assert_eq!(
		(&slashed.operator, slashed.job, slashed.amount),
		(&cheater, second, INVALID_PROOF_SLASH)
	);
	assert!(matches!(slashed.reason, SlashReason::InvalidProof));
	let reassigned = only::<JobAssigned>(&rejected);
	assert_eq!((reassigned.job, reassigned.operator), (second, honest_key.account_id()));
	assert_eq!(bond(&client, &cheater).await, BOND - INVALID_PROOF_SLASH);
	let pending = client.pending_slash(slashed.slash).await.unwrap().expect("a pending slash");
	assert_eq!((&pending.operator, pending.amount), (&cheater, INVALID_PROOF_SLASH));
	let (_, proof) = model_circuit.prove(&input, 3);
	let answered = answer(&client, honest_key, second, &output, proof).await;
	assert_eq!(only::<JobCompleted>(&answered).job, second);

	// Job 3: nobody answers; each deadline miss is slashed, and after the second the job fails
	// and the requester is refunded in full, deposit included.
	let dave_before = client.free_balance(&dave.account_id()).await.unwrap();
	let submitted = client
		.submit_job(&dave, model, picture(b"never answered"), MAX_FEE, MIN_JOB_TIMEOUT)
		.await
		.unwrap();
	let third = submitted.id;
	let from_block = client.finalized_number().await.unwrap();
	let deadline = Instant::now() + Duration::from_secs(120);
	while client.job(third).await.unwrap().is_some() {
		assert!(Instant::now() < deadline, "job {third} never failed:\n{}", node.log_tail());
		tokio::time::sleep(Duration::from_millis(500)).await;
	}
	assert_eq!(client.free_balance(&dave.account_id()).await.unwrap(), dave_before - submitted.fee);
	let to_block = client.finalized_number().await.unwrap();
	let (mut missed, mut liveness_slashes, mut failed) = (0, 0, false);
	for n in from_block..=to_block {
		let at = client.api().at_block(u64::from(n)).await.unwrap();
		for event in at.events().fetch().await.unwrap().iter().map(|e| e.unwrap()) {
			if let Some(miss) = event.decode_fields_as::<DeadlineMissed>() {
				assert_eq!(miss.unwrap().job, third);
				missed += 1;
			} else if let Some(slash) = event.decode_fields_as::<OperatorSlashed>() {
				let slash = slash.unwrap();
				assert_eq!((slash.job, slash.amount), (third, LIVENESS_SLASH));
				assert!(matches!(slash.reason, SlashReason::MissedDeadline));
				liveness_slashes += 1;
			} else if let Some(end) = event.decode_fields_as::<JobFailed>() {
				failed |= end.unwrap().job == third;
			}
		}
	}
	assert_eq!((missed, liveness_slashes, failed), (2, 2, true));
	let bonds = bond(&client, &bob.account_id()).await + bond(&client, &charlie.account_id()).await;
	assert_eq!(bonds, 2 * BOND - INVALID_PROOF_SLASH - 2 * LIVENESS_SLASH);
}
