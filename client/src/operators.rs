//! Operators: reading their state, registering, updating, bonding and answering jobs.

use crate::{
	account::Account,
	error::Result,
	runtime::api::{
		self,
		inference::events::{JobCompleted, OperatorRegistered, OperatorUnlisted, ResultRejected},
		runtime_types::{bounded_collections::bounded_vec::BoundedVec, veritas_primitives},
	},
	AccountId32, Balance, BlockNumber, Client, JobId, ModelId, Operator, Outcome, H256,
};

/// Job ids per runtime-API call when listing an operator's jobs.
const PAGE: u32 = 256;

/// What an operator offers for one model.
pub type Offer = veritas_primitives::inference::ModelOffer<Balance, BlockNumber>;

/// An offer: `model` at `price` per job, for jobs with at least `min_timeout` blocks.
pub fn offer(model: ModelId, price: Balance, min_timeout: BlockNumber) -> Offer {
	Offer { model, price, min_timeout }
}

/// What a batch of results did: jobs paid and jobs rejected (the operator was slashed).
#[derive(Clone, Debug, Default)]
pub struct ResultsOutcome {
	pub completed: Vec<JobId>,
	pub rejected: Vec<JobId>,
	pub fee: Balance,
}

impl Client {
	/// An operator, if registered.
	pub async fn operator(&self, who: &AccountId32) -> Result<Option<Operator>> {
		self.call_api(api::runtime_apis().inference_api().operator(*who)).await
	}

	/// Every job assigned to `who` now, in id order.
	pub async fn operator_jobs(&self, who: &AccountId32) -> Result<Vec<JobId>> {
		self.operator_jobs_at(None, who).await
	}

	/// Every job assigned to `who` at block `at` (a best block, say), or at the newest
	/// finalized block.
	pub async fn operator_jobs_at(
		&self,
		at: Option<H256>,
		who: &AccountId32,
	) -> Result<Vec<JobId>> {
		let mut all: Vec<JobId> = Vec::new();
		let mut start = 0;
		loop {
			let page = self
				.call_api_at(
					at,
					api::runtime_apis().inference_api().operator_jobs(*who, start, PAGE),
				)
				.await?;
			let full = page.len() as u32 == PAGE;
			let Some(next) = page.last().map(|id| id.saturating_add(1)) else { break };
			all.extend(page);
			if !full {
				break;
			}
			start = next;
		}
		Ok(all)
	}

	/// The cheapest operator that would take a job for `model` with `timeout` now, and its price.
	pub async fn best_quote(
		&self,
		model: ModelId,
		timeout: BlockNumber,
	) -> Result<Option<(AccountId32, Balance)>> {
		self.call_api(api::runtime_apis().inference_api().best_quote(model, timeout)).await
	}

	/// The most results one `submit_results` call takes (the runtime's `MaxResultsPerCall`).
	pub async fn max_results_per_call(&self) -> Result<u32> {
		let at = self.api.at_current_block().await.map_err(|e| self.error(e))?;
		at.constants()
			.entry(api::constants().inference().max_results_per_call())
			.map_err(|e| self.error(e))
	}

	/// Registers `account` as an operator with `bond` held, its offers and how many jobs it
	/// takes at once.
	pub async fn register_operator(
		&self,
		account: &Account,
		bond: Balance,
		offers: Vec<Offer>,
		capacity: u32,
	) -> Result<Outcome> {
		let call =
			api::transactions().inference().register_operator(bond, BoundedVec(offers), capacity);
		let outcome = self.submit(account, &call).await?;
		outcome.one::<OperatorRegistered>("Inference.OperatorRegistered")?;
		Ok(outcome)
	}

	/// Replaces the offers and/or the capacity.
	pub async fn update_operator(
		&self,
		account: &Account,
		offers: Option<Vec<Offer>>,
		capacity: Option<u32>,
	) -> Result<Outcome> {
		let call =
			api::transactions().inference().update_operator(offers.map(BoundedVec), capacity);
		self.submit(account, &call).await
	}

	pub async fn bond_extra(&self, account: &Account, amount: Balance) -> Result<Outcome> {
		self.submit(account, &api::transactions().inference().bond_extra(amount)).await
	}

	/// Starts unbonding `amount`; it can be withdrawn after the unbonding period.
	pub async fn unbond(&self, account: &Account, amount: Balance) -> Result<Outcome> {
		self.submit(account, &api::transactions().inference().unbond(amount)).await
	}

	/// Withdraws what finished unbonding.
	pub async fn withdraw_unbonded(&self, account: &Account) -> Result<Outcome> {
		self.submit(account, &api::transactions().inference().withdraw_unbonded()).await
	}

	/// The operators listed for `model`, in list order, with their records, all read at one
	/// block.
	pub async fn model_operators(&self, model: ModelId) -> Result<Vec<(AccountId32, Operator)>> {
		let at = self.api.at_current_block().await.map_err(|e| self.error(e))?;
		let entry = at
			.storage()
			.entry(api::storage().inference().model_operators())
			.map_err(|e| self.error(e))?;
		let Some(value) = entry.try_fetch((model,)).await.map_err(|e| self.error(e))? else {
			return Ok(Vec::new());
		};
		let mut listed = Vec::new();
		for who in value.decode().map_err(|e| self.error(e))?.0 {
			let record = at
				.runtime_apis()
				.call(api::runtime_apis().inference_api().operator(who))
				.await
				.map_err(|e| self.error(e))?;
			if let Some(operator) = record {
				listed.push((who, operator));
			}
		}
		Ok(listed)
	}

	/// Takes `operator`, bonded below the minimum, off every model's list (free when it does).
	pub async fn unlist_underbonded(
		&self,
		account: &Account,
		operator: &AccountId32,
	) -> Result<Outcome> {
		let call = api::transactions().inference().unlist_underbonded(*operator);
		let outcome = self.submit(account, &call).await?;
		outcome.one::<OperatorUnlisted>("Inference.OperatorUnlisted")?;
		Ok(outcome)
	}

	/// Answers one job.
	pub async fn submit_result(
		&self,
		account: &Account,
		job: JobId,
		output: Vec<u8>,
		proof: Vec<u8>,
	) -> Result<ResultsOutcome> {
		let call = api::transactions().inference().submit_result(
			job,
			BoundedVec(output),
			proof_bytes(job, proof)?,
		);
		results_outcome(self.submit(account, &call).await?)
	}

	/// Answers several jobs in one transaction (at most the runtime's `MaxResultsPerCall`).
	pub async fn submit_results(
		&self,
		account: &Account,
		results: Vec<(JobId, Vec<u8>, Vec<u8>)>,
	) -> Result<ResultsOutcome> {
		let results = results
			.into_iter()
			.map(|(job, output, proof)| Ok((job, BoundedVec(output), proof_bytes(job, proof)?)))
			.collect::<Result<Vec<_>>>()?;
		let call = api::transactions().inference().submit_results(BoundedVec(results));
		results_outcome(self.submit(account, &call).await?)
	}
}

/// A proof as the chain takes it: exactly `PROOF_SIZE` bytes.
fn proof_bytes(job: JobId, proof: Vec<u8>) -> Result<[u8; veritas_verifier::PROOF_SIZE]> {
	let len = proof.len();
	proof.try_into().map_err(|_| {
		crate::Error::Protocol(format!(
			"the proof for job {job} has {len} bytes, a Groth16 proof has {}",
			veritas_verifier::PROOF_SIZE
		))
	})
}

fn results_outcome(outcome: Outcome) -> Result<ResultsOutcome> {
	Ok(ResultsOutcome {
		completed: outcome.all::<JobCompleted>()?.into_iter().map(|e| e.job).collect(),
		rejected: outcome.all::<ResultRejected>()?.into_iter().map(|e| e.job).collect(),
		fee: outcome.fee,
	})
}
