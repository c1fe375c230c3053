//! Submitting transactions: signed with the account's own nonce counter, watched until
//! finalized, and turned into what the chain did or a named error.

use crate::{
	account::Account,
	error::{Error, Result},
	runtime::api,
	Balance, Client, H256,
};
use subxt::{config::DefaultExtrinsicParamsBuilder, transactions::Payload, PolkadotConfig};

/// A finalized, successful transaction.
pub struct Outcome {
	pub block_hash: H256,
	pub events: subxt::extrinsics::ExtrinsicEvents<PolkadotConfig>,
	/// The fee the signer paid (after any refund of unused weight).
	pub fee: Balance,
}

impl Outcome {
	/// Every event of type `E` the transaction emitted.
	pub fn all<E: subxt::events::DecodeAsEvent>(&self) -> Result<Vec<E>> {
		self.events
			.find::<E>()
			.collect::<std::result::Result<Vec<_>, _>>()
			.map_err(|e| Error::Protocol(e.to_string()))
	}

	/// The one event of type `E` the transaction must have emitted.
	pub fn one<E: subxt::events::DecodeAsEvent>(&self, name: &'static str) -> Result<E> {
		self.all::<E>()?.into_iter().next().ok_or(Error::MissingEvent(name))
	}
}

impl Client {
	/// Signs `call` with `account`'s next nonce, submits it and waits until it is finalized.
	/// A transaction the pool refuses or drops resets the nonce to the chain's count, so the
	/// next one goes through; the caller decides whether to retry ([`Error::is_refusal`]).
	pub async fn submit<Call: Payload>(&self, account: &Account, call: &Call) -> Result<Outcome> {
		let progress = {
			let mut next_nonce = account.next_nonce.lock().await;
			let nonce = match *next_nonce {
				Some(nonce) => nonce,
				// Counts the account's transactions waiting in the pool too.
				None => self.rpc.system_account_next_index(&account.account_id()).await.map_err(
					|e| self.error(subxt::Error::from(subxt::error::BackendError::from(e))),
				)?,
			};
			let params =
				DefaultExtrinsicParamsBuilder::<PolkadotConfig>::new().nonce(nonce).build();
			let mut transactions = self.api.tx().await.map_err(|e| self.error(e))?;
			match transactions.sign_and_submit_then_watch(call, account.keypair(), params).await {
				Ok(progress) => {
					*next_nonce = Some(nonce.saturating_add(1));
					progress
				}
				Err(e) => {
					*next_nonce = None;
					return Err(self.error(e));
				}
			}
		};
		let finalized = match progress.wait_for_finalized().await {
			Ok(in_block) => in_block
				.wait_for_success()
				.await
				.map(|events| (in_block.block_hash(), events))
				.map_err(subxt::Error::from),
			Err(e) => Err(subxt::Error::from(e)),
		};
		match finalized {
			Ok((block_hash, events)) => {
				let fee = events
					.find_first::<api::transaction_payment::events::TransactionFeePaid>()
					.and_then(|e| e.ok())
					.map_or(0, |e| e.actual_fee);
				Ok(Outcome { block_hash, events, fee })
			}
			Err(e) => {
				let error = self.error(e);
				if !error.is_refusal() {
					// Dropped or unknown: the chain's count is the truth again.
					*account.next_nonce.lock().await = None;
				}
				Err(error)
			}
		}
	}
}
