//! End-to-end: a `--dev` chain produces blocks, takes a signed transfer, and survives a restart
//! on the same database.

mod common;

use common::{finalized_number, free_balance, wait_for_block, Node};
use std::time::Duration;
use subxt::utils::MultiAddress;
use subxt_signer::sr25519::dev;
use veritas_client::{
	runtime::api::{
		self, balances::events::Transfer, transaction_payment::events::TransactionFeePaid,
	},
	AccountId32,
};

/// 1.5 VRT.
const AMOUNT: u128 = 1_500_000_000_000;

#[tokio::test(flavor = "multi_thread")]
async fn dev_chain_transfers_and_survives_restart() {
	let dir = tempfile::tempdir().unwrap();
	let base_path = dir.path().join("db");
	let mut node = Node::start(&["--dev"], &base_path, 1000, "dev-node");
	let api = node.client(Duration::from_secs(180)).await;

	// Blocks are produced and finalized.
	let start = wait_for_block(&node, &api, 3).await;
	// Neither account collates: Alice, the dev chain's collator, is paid from the collators' pot
	// that a share of every fee goes to, so her balance moves with each block.
	let (sender, receiver) = (dev::bob(), dev::charlie());
	let receiver_id: [u8; 32] = receiver.public_key().0;
	let sender_id: [u8; 32] = sender.public_key().0;
	let receiver_before = free_balance(&api, start, receiver_id).await;
	let sender_before = free_balance(&api, start, sender_id).await;

	// A signed transfer from Bob to Charlie, watched until finalized. On a manual-seal dev chain
	// the watcher may go from `Ready` straight to `Finalized`; `wait_for_finalized_success`
	// accepts that.
	let tx = api::transactions()
		.balances()
		.transfer_keep_alive(MultiAddress::Id(AccountId32(receiver_id)), AMOUNT);
	let events = api
		.tx()
		.await
		.unwrap()
		.sign_and_submit_then_watch_default(&tx, &sender)
		.await
		.unwrap()
		.wait_for_finalized_success()
		.await
		.unwrap_or_else(|e| panic!("transfer failed: {e}\n{}", node.log_tail()));

	let transfer = events.find::<Transfer>().next().expect("a Balances.Transfer event").unwrap();
	assert_eq!(
		(transfer.from, transfer.to, transfer.amount),
		(AccountId32(sender_id), AccountId32(receiver_id), AMOUNT)
	);
	let fee_paid = events
		.find::<TransactionFeePaid>()
		.next()
		.expect("a TransactionFeePaid event")
		.unwrap()
		.actual_fee;

	let after = finalized_number(&api).await;
	assert_eq!(free_balance(&api, after, receiver_id).await, receiver_before + AMOUNT);
	assert_eq!(free_balance(&api, after, sender_id).await, sender_before - AMOUNT - fee_paid);

	// Stop, restart on the same base path: the chain resumes where it was.
	let head = api.at_current_block().await.unwrap();
	let (head_number, head_hash) = (head.block_number(), head.block_hash());
	drop(api);
	node.stop();

	let mut node = Node::start(&["--dev"], &base_path, 1000, "dev-node-restarted");
	let api = node.client(Duration::from_secs(180)).await;
	let resumed = api.at_block(head_number).await.unwrap();
	assert_eq!(resumed.block_hash(), head_hash, "block #{head_number} changed across a restart");
	assert!(finalized_number(&api).await >= head_number);
	assert_eq!(free_balance(&api, head_number, receiver_id).await, receiver_before + AMOUNT);

	// And it keeps producing blocks on top of the old ones.
	let later = wait_for_block(&node, &api, head_number + 2).await;
	assert_eq!(free_balance(&api, later, receiver_id).await, receiver_before + AMOUNT);
}
