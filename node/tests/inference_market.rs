//! End-to-end on a `--dev` node: a model is registered and approved (sudo stands in for
//! governance), two operators bond, and jobs run through the market with real Groth16 proofs of
//! a test circuit: one answered and paid, one answered with a wrong proof (rejected, slashed,
//! re-assigned and answered), one whose deadlines are missed twice (slashed twice, refunded).

mod common;

use codec::{Decode, Encode};
use common::{finalized_number, free_balance, Node};
use std::time::{Duration, Instant};
use subxt::{
	dynamic::{self, Value},
	OnlineClient, PolkadotConfig,
};
use subxt_signer::sr25519::{dev, Keypair};
use veritas_primitives::{JobDetails, OperatorDetails, PendingSlash, SlashReason};
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

type Api = OnlineClient<PolkadotConfig>;
type AccountId = [u8; 32];

/// An event of a finished transaction: pallet, name and SCALE fields.
struct RawEvent {
	pallet: String,
	name: String,
	fields: Vec<u8>,
}

struct Outcome {
	events: Vec<RawEvent>,
	fee: u128,
}

impl Outcome {
	fn find(&self, pallet: &str, name: &str) -> Vec<&[u8]> {
		self.events
			.iter()
			.filter(|e| e.pallet == pallet && e.name == name)
			.map(|e| e.fields.as_slice())
			.collect()
	}

	fn one<T: Decode>(&self, pallet: &str, name: &str) -> T {
		let found = self.find(pallet, name);
		assert_eq!(found.len(), 1, "expected one {pallet}.{name}");
		T::decode(&mut &found[0][..]).unwrap()
	}
}

async fn submit(
	node: &Node,
	api: &Api,
	signer: &Keypair,
	tx: subxt::transactions::DynamicPayload<impl subxt::ext::scale_encode::EncodeAsFields>,
) -> Outcome {
	let events = api
		.tx()
		.await
		.unwrap()
		.sign_and_submit_then_watch_default(&tx, signer)
		.await
		.unwrap()
		.wait_for_finalized_success()
		.await
		.unwrap_or_else(|e| panic!("transaction failed: {e}\n{}", node.log_tail()));
	let events: Vec<RawEvent> = events
		.iter()
		.map(|e| e.unwrap())
		.map(|e| RawEvent {
			pallet: e.pallet_name().to_string(),
			name: e.event_name().to_string(),
			fields: e.field_bytes().to_vec(),
		})
		.collect();
	let fee = events
		.iter()
		.find(|e| e.pallet == "TransactionPayment" && e.name == "TransactionFeePaid")
		.map(|e| <(AccountId, u128, u128)>::decode(&mut &e.fields[..]).unwrap().1)
		.expect("a TransactionFeePaid event");
	Outcome { events, fee }
}

async fn runtime_api<T: Decode>(api: &Api, function: &str, args: impl Encode) -> T {
	let bytes = api
		.at_current_block()
		.await
		.unwrap()
		.runtime_apis()
		.call_raw(function, Some(&args.encode()))
		.await
		.unwrap();
	T::decode(&mut &bytes[..]).unwrap()
}

async fn operator(api: &Api, who: AccountId) -> OperatorDetails<u128, u32> {
	runtime_api::<Option<_>>(api, "InferenceApi_operator", who).await.expect("operator")
}

async fn job(api: &Api, id: u64) -> Option<JobDetails<AccountId, u128, u32>> {
	runtime_api(api, "InferenceApi_job", id).await
}

async fn balance(api: &Api, who: AccountId) -> u128 {
	free_balance(api, finalized_number(api).await, who).await
}

fn submit_job(
	model: u32,
	input: &[u8],
	timeout: u32,
) -> subxt::transactions::DynamicPayload<impl subxt::ext::scale_encode::EncodeAsFields> {
	dynamic::transaction("Inference", "submit_job", (model, input.to_vec(), MAX_FEE, timeout))
}

fn submit_result(
	job: u64,
	output: Vec<u8>,
	proof: Vec<u8>,
) -> subxt::transactions::DynamicPayload<impl subxt::ext::scale_encode::EncodeAsFields> {
	dynamic::transaction("Inference", "submit_result", (job, output, proof))
}

fn account(key: &Keypair) -> AccountId {
	key.public_key().0
}

#[tokio::test(flavor = "multi_thread")]
async fn jobs_are_paid_rejected_and_slashed_on_a_dev_chain() {
	let dir = tempfile::tempdir().unwrap();
	let mut node = Node::start(&["--dev"], &dir.path().join("db"), 1000, "market-node");
	let api = node.client(Duration::from_secs(180)).await;
	let (owner, bob, charlie, dave) = (dev::alice(), dev::bob(), dev::charlie(), dev::dave());
	let model_circuit = ToyModel::setup(2, 7);

	// A model is registered (deposit held) and approved through sudo.
	let registered = submit(
		&node,
		&api,
		&owner,
		dynamic::transaction(
			"Models",
			"register_model",
			(
				b"toy-2".to_vec(),
				b"ipfs://toy-2".to_vec(),
				[7u8; 32],
				vec![INPUT_LEN as u32],
				INPUT_LEN as u32,
				vec![2u32],
				8u8,
				model_circuit.vk.clone(),
				None::<u32>,
			),
		),
	)
	.await;
	let (model, model_owner, deposit) =
		registered.one::<(u32, AccountId, u128)>("Models", "ModelRegistered");
	assert_eq!(model_owner, account(&owner));
	assert!(deposit > 0);
	let approve = Value::unnamed_variant(
		"Models",
		[Value::named_variant("approve_model", [("model", Value::u128(model.into()))])],
	);
	let approved =
		submit(&node, &api, &owner, dynamic::transaction("Sudo", "sudo", (approve,))).await;
	assert_eq!(approved.one::<u32>("Models", "ModelApproved"), model);

	// Two operators bond and offer the model.
	for who in [&bob, &charlie] {
		let offer = Value::named_composite([
			("model", Value::u128(model.into())),
			("price", Value::u128(PRICE)),
			("min_timeout", Value::u128(MIN_JOB_TIMEOUT.into())),
		]);
		let registered = submit(
			&node,
			&api,
			who,
			dynamic::transaction("Inference", "register_operator", (BOND, vec![offer], 4u32)),
		)
		.await;
		let (op, bond, _) =
			registered.one::<(AccountId, u128, u32)>("Inference", "OperatorRegistered");
		assert_eq!((op, bond), (account(who), BOND));
		assert_eq!(operator(&api, account(who)).await.bond, BOND);
	}

	// Job 1: answered with a valid proof and paid.
	let dave_before = balance(&api, account(&dave)).await;
	let input = picture(b"a picture of the digit seven");
	let submitted = submit(&node, &api, &dave, submit_job(model, &input, 50)).await;
	let job_deposit = submitted
		.one::<(u64, u32, AccountId, u128, u128, [u8; 32], Vec<u8>)>("Inference", "JobSubmitted")
		.4;
	assert!(job_deposit > 0);
	let (first, assignee, price, _) =
		submitted.one::<(u64, AccountId, u128, u32)>("Inference", "JobAssigned");
	assert_eq!(price, PRICE);
	let worker = if assignee == account(&bob) { &bob } else { &charlie };
	let worker_before = balance(&api, assignee).await;
	let (output, proof) = model_circuit.prove(&input, 1);
	let answered = submit(&node, &api, worker, submit_result(first, output.clone(), proof)).await;
	let (job_id, paid_operator, stored_output, paid_price, protocol_fee) =
		answered.one::<(u64, AccountId, Vec<u8>, u128, u128)>("Inference", "JobCompleted");
	assert_eq!(
		(job_id, paid_operator, &stored_output, paid_price),
		(first, assignee, &output, PRICE)
	);
	assert_eq!(protocol_fee, PRICE * PROTOCOL_FEE_PERCENT / 100);
	assert_eq!(balance(&api, assignee).await, worker_before + PRICE - protocol_fee - answered.fee);
	// The job's storage deposit stays held until the record is cleared.
	assert_eq!(
		balance(&api, account(&dave)).await,
		dave_before - PRICE - submitted.fee - job_deposit
	);
	assert_eq!(job(&api, first).await.unwrap().output, Some(output));

	// Job 2: a wrong proof is rejected, slashed, and the job goes to the other operator.
	let input = picture(b"a picture of the digit three");
	let submitted = submit(&node, &api, &dave, submit_job(model, &input, 50)).await;
	let (second, cheater, _, _) =
		submitted.one::<(u64, AccountId, u128, u32)>("Inference", "JobAssigned");
	let (cheater_key, honest_key) =
		if cheater == account(&bob) { (&bob, &charlie) } else { (&charlie, &bob) };
	let (output, _) = model_circuit.prove(&input, 2);
	let (_, other_proof) = model_circuit.prove(&picture(b"another picture"), 2);
	let rejected =
		submit(&node, &api, cheater_key, submit_result(second, output.clone(), other_proof)).await;
	assert_eq!(rejected.one::<(u64, AccountId)>("Inference", "ResultRejected"), (second, cheater));
	let (slash, slashed, slashed_job, amount, reason, _) =
		rejected
			.one::<(u64, AccountId, u64, u128, SlashReason, u32)>("Inference", "OperatorSlashed");
	assert_eq!(
		(slashed, slashed_job, amount, reason),
		(cheater, second, INVALID_PROOF_SLASH, SlashReason::InvalidProof)
	);
	let (_, reassigned_to, _, _) =
		rejected.one::<(u64, AccountId, u128, u32)>("Inference", "JobAssigned");
	assert_eq!(reassigned_to, account(honest_key));
	assert_eq!(operator(&api, cheater).await.bond, BOND - INVALID_PROOF_SLASH);
	let pending: PendingSlash<AccountId, u128, u32> =
		runtime_api::<Option<_>>(&api, "InferenceApi_pending_slash", slash)
			.await
			.expect("pending slash");
	assert_eq!((pending.operator, pending.amount), (cheater, INVALID_PROOF_SLASH));
	let (_, proof) = model_circuit.prove(&input, 3);
	let answered = submit(&node, &api, honest_key, submit_result(second, output, proof)).await;
	assert_eq!(
		answered.one::<(u64, AccountId, Vec<u8>, u128, u128)>("Inference", "JobCompleted").0,
		second
	);

	// Job 3: nobody answers; each deadline miss is slashed, and after the second the job fails
	// and the requester is refunded in full, deposit included.
	let dave_before = balance(&api, account(&dave)).await;
	let submitted =
		submit(&node, &api, &dave, submit_job(model, &picture(b"never answered"), MIN_JOB_TIMEOUT))
			.await;
	let third = submitted
		.one::<(u64, u32, AccountId, u128, u128, [u8; 32], Vec<u8>)>("Inference", "JobSubmitted")
		.0;
	let from_block = finalized_number(&api).await;
	let deadline = Instant::now() + Duration::from_secs(120);
	while job(&api, third).await.is_some() {
		assert!(Instant::now() < deadline, "job {third} never failed:\n{}", node.log_tail());
		tokio::time::sleep(Duration::from_millis(500)).await;
	}
	assert_eq!(balance(&api, account(&dave)).await, dave_before - submitted.fee);
	let to_block = finalized_number(&api).await;
	let (mut missed, mut liveness_slashes, mut failed) = (0, 0, false);
	for n in from_block..=to_block {
		let events = api.at_block(n).await.unwrap().events().fetch().await.unwrap();
		for event in events.iter().map(|e| e.unwrap()).filter(|e| e.pallet_name() == "Inference") {
			let mut fields = event.field_bytes();
			match event.event_name() {
				"DeadlineMissed" => {
					assert_eq!(<(u64, AccountId)>::decode(&mut fields).unwrap().0, third);
					missed += 1;
				}
				"OperatorSlashed" => {
					let (_, _, slashed_job, amount, reason, _) =
						<(u64, AccountId, u64, u128, SlashReason, u32)>::decode(&mut fields)
							.unwrap();
					assert_eq!(
						(slashed_job, amount, reason),
						(third, LIVENESS_SLASH, SlashReason::MissedDeadline)
					);
					liveness_slashes += 1;
				}
				"JobFailed" => failed |= u64::decode(&mut fields).unwrap() == third,
				_ => {}
			}
		}
	}
	assert_eq!((missed, liveness_slashes, failed), (2, 2, true));
	let bonds =
		operator(&api, account(&bob)).await.bond + operator(&api, account(&charlie)).await.bond;
	assert_eq!(bonds, 2 * BOND - INVALID_PROOF_SLASH - 2 * LIVENESS_SLASH);
}
