//! Jobs: submitting, reading, cancelling, and waiting for the verified answer.

use crate::{
	account::Account,
	error::{Error, Result},
	runtime::api::{
		self,
		inference::events::{
			JobAssigned, JobCancelled, JobCompleted, JobExpired, JobFailed, JobSubmitted,
		},
		runtime_types::bounded_collections::bounded_vec::BoundedVec,
	},
	AccountId32, Balance, BlockNumber, Client, Job, JobDetails, JobId, JobStatus, ModelId, H256,
};

/// A job the chain accepted.
#[derive(Clone, Debug)]
pub struct SubmittedJob {
	pub id: JobId,
	/// The storage deposit held until the record is cleared.
	pub deposit: Balance,
	/// The operator, its price and the deadline, if one took the job at once.
	pub assigned: Option<(AccountId32, Balance, BlockNumber)>,
	/// The transaction fee paid.
	pub fee: Balance,
}

/// How a job ended.
#[derive(Clone, Debug, PartialEq)]
pub enum JobOutcome {
	/// Answered with a proof the chain verified; `price` went to `operator`.
	Completed { operator: AccountId32, output: Vec<u8>, price: Balance },
	/// Its operators missed their deadlines or cheated; the requester was refunded.
	Failed,
	/// No operator took it in time; refunded but for `forfeited` of the deposit.
	Expired { forfeited: Balance },
	/// Cancelled by the requester; refunded but for `forfeited` of the deposit.
	Cancelled { forfeited: Balance },
}

/// How often [`Client::wait_for_job`] subscribes again after a node ended its block stream.
const RESUBSCRIPTIONS: u32 = 10;

impl Client {
	/// A job with its input and output, if stored.
	pub async fn job(&self, id: JobId) -> Result<Option<JobDetails>> {
		self.job_at(None, id).await
	}

	/// A job as stored at block `at`, or at the newest finalized block.
	pub async fn job_at(&self, at: Option<H256>, id: JobId) -> Result<Option<JobDetails>> {
		self.call_api_at(at, api::runtime_apis().inference_api().job(id)).await
	}

	/// Every stored job of `requester`, in id order (a scan of the job records: fine for one
	/// person's view, not for indexing a busy chain).
	pub async fn jobs(&self, requester: Option<&AccountId32>) -> Result<Vec<(JobId, Job)>> {
		let at = self.api.at_current_block().await.map_err(|e| self.error(e))?;
		let entry =
			at.storage().entry(api::storage().inference().jobs()).map_err(|e| self.error(e))?;
		let mut entries = entry.iter(()).await.map_err(|e| self.error(e))?;
		let mut jobs = Vec::new();
		while let Some(entry) = entries.next().await {
			let entry = entry.map_err(|e| self.error(e))?;
			let (id,) =
				entry.key().map_err(|e| self.error(e))?.decode().map_err(|e| self.error(e))?;
			let job = entry.value().decode().map_err(|e| self.error(e))?;
			if requester.is_none_or(|r| &job.requester == r) {
				jobs.push((id, job));
			}
		}
		jobs.sort_by_key(|(id, _)| *id);
		Ok(jobs)
	}

	/// Submits a job: `input` in the model's format ([`crate::encode_input`]), paying at most
	/// `max_fee`, answered within `timeout` blocks of assignment.
	pub async fn submit_job(
		&self,
		requester: &Account,
		model: ModelId,
		input: Vec<u8>,
		max_fee: Balance,
		timeout: BlockNumber,
	) -> Result<SubmittedJob> {
		let call =
			api::transactions().inference().submit_job(model, BoundedVec(input), max_fee, timeout);
		let outcome = self.submit(requester, &call).await?;
		let submitted = outcome.one::<JobSubmitted>("Inference.JobSubmitted")?;
		let assigned = outcome
			.all::<JobAssigned>()?
			.into_iter()
			.find(|e| e.job == submitted.job)
			.map(|e| (e.operator, e.price, e.deadline));
		Ok(SubmittedJob {
			id: submitted.job,
			deposit: submitted.deposit,
			assigned,
			fee: outcome.fee,
		})
	}

	/// Cancels a job that no operator holds yet.
	pub async fn cancel_job(&self, requester: &Account, job: JobId) -> Result<Balance> {
		let outcome =
			self.submit(requester, &api::transactions().inference().cancel_job(job)).await?;
		Ok(outcome.one::<JobCancelled>("Inference.JobCancelled")?.forfeited)
	}

	/// Waits until job `id` ends, following finalized blocks.
	///
	/// A node may end a block subscription at any time (a chainHead `stop` event, a restart): the
	/// wait then subscribes again, and looks at the job's record again, up to [`RESUBSCRIPTIONS`]
	/// times.
	pub async fn wait_for_job(&self, id: JobId) -> Result<JobOutcome> {
		for attempt in 0..=RESUBSCRIPTIONS {
			if attempt > 0 {
				tokio::time::sleep(std::time::Duration::from_secs(1)).await;
			}
			if let Some(outcome) = self.wait_for_job_once(id).await? {
				return Ok(outcome);
			}
		}
		Err(Error::Unreachable { url: self.url.clone(), reason: "the block stream ended".into() })
	}

	/// [`Self::wait_for_job`] on one subscription: `None` if the stream ended first.
	async fn wait_for_job_once(&self, id: JobId) -> Result<Option<JobOutcome>> {
		// Subscribe before looking, so an ending between the two is not missed.
		let mut blocks = self.api.stream_blocks().await.map_err(|e| self.error(e))?;
		match self.job(id).await? {
			None => return Err(Error::UnknownJob(id)),
			Some(JobDetails {
				job: Job { status: JobStatus::Completed { operator, price, .. }, .. },
				output: Some(output),
				..
			}) => return Ok(Some(JobOutcome::Completed { operator, output, price })),
			Some(_) => {}
		}
		while let Some(block) = blocks.next().await {
			let block = block.map_err(|e| self.error(e))?;
			let at = block.at().await.map_err(|e| self.error(e))?;
			let events = at.events().fetch().await.map_err(|e| self.error(e))?;
			for event in events.iter() {
				let event = event.map_err(|e| self.error(e))?;
				if let Some(Ok(done)) = event.decode_fields_as::<JobCompleted>() {
					if done.job == id {
						return Ok(Some(JobOutcome::Completed {
							operator: done.operator,
							output: done.output.0,
							price: done.price,
						}));
					}
				} else if let Some(Ok(failed)) = event.decode_fields_as::<JobFailed>() {
					if failed.job == id {
						return Ok(Some(JobOutcome::Failed));
					}
				} else if let Some(Ok(expired)) = event.decode_fields_as::<JobExpired>() {
					if expired.job == id {
						return Ok(Some(JobOutcome::Expired { forfeited: expired.forfeited }));
					}
				} else if let Some(Ok(cancelled)) = event.decode_fields_as::<JobCancelled>() {
					if cancelled.job == id {
						return Ok(Some(JobOutcome::Cancelled { forfeited: cancelled.forfeited }));
					}
				}
			}
		}
		Ok(None)
	}
}
