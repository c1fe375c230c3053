//! `veritas-client`: a typed Rust client for Veritas.
//!
//! ```no_run
//! # async fn tour() -> veritas_client::Result<()> {
//! use veritas_client::{Account, Client};
//! let client = Client::connect("ws://127.0.0.1:9944").await?;
//! let requester = Account::dev("dave")?;
//! let model = client.active_model(0).await?;
//! let input = veritas_client::encode_input(0, &model, &[0.0; 64])?;
//! let job = client.submit_job(&requester, 0, input, 25_000_000_000_000, 20).await?;
//! match client.wait_for_job(job.id).await? {
//!     veritas_client::JobOutcome::Completed { output, .. } => {
//!         let answer = veritas_client::decode_output(&model, &output)?;
//!         println!("{:?}, argmax {:?}", answer.values, answer.argmax());
//!     }
//!     other => println!("{other:?}"),
//! }
//! # Ok(()) }
//! ```
//!
//! - [`Client`]: queries (models, operators, jobs, slashes, balances, through the runtime APIs
//!   and storage) and transactions that wait for finality and return what the chain did.
//! - [`amount`]: VRT amounts as people write them (`25`, `0.5`).
//! - [`Account`]: a signer and its next nonce, so concurrent submissions never collide.
//! - [`encode_input`] / [`decode_output`]: the model's fixed-point number format, read from its
//!   on-chain record.
//! - [`runtime::api`]: everything subxt generates from `client/metadata.scale`, for calls this
//!   crate does not wrap.
//! - [`Error`]: failures named for people, dispatch errors decoded to pallet and variant.

mod account;
pub mod amount;
mod error;
mod format;
pub mod governance;
mod jobs;
mod models;
mod operators;
pub mod runtime;
mod transactions;

pub use account::Account;
pub use error::{Error, Result};
pub use format::{decode_output, encode_input, input_elements, output_elements, Output};
pub use jobs::{JobOutcome, SubmittedJob};
pub use models::ModelRegistration;
pub use operators::{offer, Offer, ResultsOutcome};
use std::time::{Duration, Instant};
/// The subxt this client is built on, for what the typed API does not wrap (blocks, extrinsics).
pub use subxt;
pub use subxt::utils::{AccountId32, H256};
pub use transactions::Outcome;

use runtime::api::runtime_types::veritas_primitives;
use subxt::{OnlineClient, PolkadotConfig};

/// The chain's balance type: 12 decimals, 1 VRT = 10^12.
pub type Balance = u128;
pub type BlockNumber = u32;
pub type ModelId = u32;
pub type JobId = u64;
pub type SlashId = u64;
/// One VRT in the chain's smallest unit.
pub const UNIT: Balance = 1_000_000_000_000;

pub type Model = veritas_primitives::models::ModelInfo<AccountId32, Balance, BlockNumber>;
pub use runtime::api::runtime_types::veritas_verifier::backend::Backend;
pub use veritas_primitives::{
	backend::{BackendPolicy, BackendStatus, RelayHostCalls},
	inference::{JobStatus, ModelOffer, SlashReason},
	models::ModelStatus,
};
pub type Job = veritas_primitives::inference::Job<AccountId32, Balance, BlockNumber>;
pub type JobDetails = veritas_primitives::inference::JobDetails<AccountId32, Balance, BlockNumber>;
pub type Operator = veritas_primitives::inference::OperatorDetails<Balance, BlockNumber>;
pub type PendingSlash =
	veritas_primitives::inference::PendingSlash<AccountId32, Balance, BlockNumber>;

/// The subxt client type underneath.
pub type Api = OnlineClient<PolkadotConfig>;

/// Whether the node is a chopsticks fork, which names itself in `system_version`.
async fn is_chopsticks(
	methods: &subxt::rpcs::LegacyRpcMethods<subxt::config::RpcConfigFor<PolkadotConfig>>,
) -> bool {
	methods.system_version().await.is_ok_and(|version| version.starts_with("chopsticks"))
}

/// A connection to a Veritas node.
#[derive(Clone)]
pub struct Client {
	api: Api,
	rpc: subxt::rpcs::LegacyRpcMethods<subxt::config::RpcConfigFor<PolkadotConfig>>,
	url: String,
}

impl Client {
	/// Connects over WebSocket (`ws://` for a local node, `wss://` otherwise).
	pub async fn connect(url: &str) -> Result<Self> {
		let unreachable = |e: &dyn std::fmt::Display| Error::Unreachable {
			url: url.to_string(),
			reason: e.to_string(),
		};
		let rpc =
			subxt::rpcs::RpcClient::from_insecure_url(url).await.map_err(|e| unreachable(&e))?;
		let methods = subxt::rpcs::LegacyRpcMethods::new(rpc.clone());
		let api = if is_chopsticks(&methods).await {
			// A chopsticks fork (1.5.1) announces `chainHead_v1_follow`, but its runtime
			// versions lack the spec's `{ "type": "valid", "spec": … }` form, which subxt cannot
			// read: every block stream would end as it opens. Its legacy subscriptions are sound.
			let backend = subxt::backend::LegacyBackend::builder().build(rpc.clone());
			Api::from_backend(std::sync::Arc::new(backend)).await
		} else {
			Api::from_rpc_client(rpc.clone()).await
		}
		.map_err(|e| unreachable(&e))?;
		Ok(Self { api, rpc: methods, url: url.to_string() })
	}

	/// The subxt client, for anything this crate does not wrap.
	pub fn api(&self) -> &Api {
		&self.api
	}

	pub fn url(&self) -> &str {
		&self.url
	}

	pub(crate) fn error(&self, error: impl Into<subxt::Error>) -> Error {
		error::from_subxt(&self.url, error)
	}

	/// The newest finalized block's number.
	pub async fn finalized_number(&self) -> Result<BlockNumber> {
		let at = self.api.at_current_block().await.map_err(|e| self.error(e))?;
		Ok(at.block_number() as BlockNumber)
	}

	/// The time between finalized blocks as seen from here, averaged over `intervals` (at
	/// least one), timed from the first new block on. Wall-clock on purpose: a dev chain's
	/// timestamps advance by the slot duration whatever its real block time; and polled, because
	/// a block subscription may deliver blocks it had buffered in a burst.
	pub async fn observed_block_time(&self, intervals: u32) -> Result<Duration> {
		let intervals = intervals.max(1);
		let first = self.finalized_number().await?;
		let mut start: Option<(Instant, BlockNumber)> = None;
		loop {
			tokio::time::sleep(Duration::from_millis(50)).await;
			let now = self.finalized_number().await?;
			match start {
				None if now > first => start = Some((Instant::now(), now)),
				Some((at, from)) if now >= from.saturating_add(intervals) => {
					let blocks = now.saturating_sub(from);
					return Ok(at.elapsed().checked_div(blocks).unwrap_or_default());
				}
				_ => {}
			}
		}
	}

	/// The free balance of `who` (what it can spend or have held).
	pub async fn free_balance(&self, who: &AccountId32) -> Result<Balance> {
		let at = self.api.at_current_block().await.map_err(|e| self.error(e))?;
		let entry = at
			.storage()
			.entry(runtime::api::storage().system().account())
			.map_err(|e| self.error(e))?;
		let value = entry.fetch((*who,)).await.map_err(|e| self.error(e))?;
		let info = value.decode().map_err(|e| self.error(e))?;
		Ok(info.data.free)
	}

	/// A pending slash, if neither applied nor cancelled yet.
	pub async fn pending_slash(&self, slash: SlashId) -> Result<Option<PendingSlash>> {
		self.call_api(runtime::api::runtime_apis().inference_api().pending_slash(slash)).await
	}

	/// A storage value without a key (`StorageValue`) at the newest block, or its default.
	pub(crate) async fn plain_value<Addr>(&self, address: Addr) -> Result<Addr::Value>
	where
		Addr: subxt::storage::Address<KeyParts = ()>,
	{
		let at = self.api.at_current_block().await.map_err(|e| self.error(e))?;
		let entry = at.storage().entry(address).map_err(|e| self.error(e))?;
		let value = entry.fetch(()).await.map_err(|e| self.error(e))?;
		value.decode().map_err(|e| self.error(e))
	}

	/// Every slash waiting to apply or be cancelled, oldest first (at most `limit`).
	pub async fn pending_slashes(&self, limit: usize) -> Result<Vec<(SlashId, PendingSlash)>> {
		let storage = runtime::api::storage().inference();
		let first: SlashId = self.plain_value(storage.next_slash_to_apply()).await?;
		let next: SlashId = self.plain_value(storage.next_slash_id()).await?;
		let mut pending = Vec::new();
		for id in first..next {
			if pending.len() >= limit {
				break;
			}
			if let Some(slash) = self.pending_slash(id).await? {
				pending.push((id, slash));
			}
		}
		Ok(pending)
	}

	/// Which backend verifies proofs at the newest finalized block, governance's policy and what
	/// that block's relay state proof said of `EccRfc163` (see the chain operators' guide).
	pub async fn backend_status(&self) -> Result<BackendStatus> {
		self.call_api(runtime::api::runtime_apis().verifier_api().backend_status()).await
	}

	/// Calls a runtime API at the newest finalized block.
	pub(crate) async fn call_api<P: subxt::runtime_apis::Payload>(
		&self,
		payload: P,
	) -> Result<P::ReturnType> {
		self.call_api_at(None, payload).await
	}

	/// Calls a runtime API at block `at`, or at the newest finalized block.
	pub(crate) async fn call_api_at<P: subxt::runtime_apis::Payload>(
		&self,
		at: Option<H256>,
		payload: P,
	) -> Result<P::ReturnType> {
		let block = match at {
			Some(hash) => self.api.at_block(hash).await,
			None => self.api.at_current_block().await,
		}
		.map_err(|e| self.error(e))?;
		block.runtime_apis().call(payload).await.map_err(|e| self.error(e))
	}
}
