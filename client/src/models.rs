//! The model registry: reading models, registering and managing them.

use crate::{
	account::Account,
	error::{Error, Result},
	runtime::api::{
		self,
		models::events::{ModelApproved, ModelRegistered},
		runtime_types::bounded_collections::bounded_vec::BoundedVec,
	},
	Balance, Client, Model, ModelId, ModelStatus, Outcome, H256,
};

/// Everything `register_model` declares besides the owner.
#[derive(Clone, Debug)]
pub struct ModelRegistration {
	pub name: Vec<u8>,
	pub metadata_uri: Vec<u8>,
	pub weights_hash: [u8; 32],
	pub input_shape: Vec<u32>,
	pub input_len: u32,
	pub output_shape: Vec<u32>,
	pub frac_bits: u8,
	pub verifying_key: Vec<u8>,
	pub supersedes: Option<ModelId>,
}

/// Models per runtime-API call when listing.
const PAGE: u32 = 64;

impl Model {
	/// `pending`, `active`, `deprecated` or `retired`.
	pub fn status_name(&self) -> &'static str {
		match self.status {
			ModelStatus::Pending => "pending",
			ModelStatus::Active => "active",
			ModelStatus::Deprecated => "deprecated",
			ModelStatus::Retired => "retired",
		}
	}
}

impl Client {
	/// A model, if registered.
	pub async fn model(&self, id: ModelId) -> Result<Option<Model>> {
		self.call_api(api::runtime_apis().models_api().model(id)).await
	}

	/// The verifying key the chain checks the model's proofs with, as it stores it (prepared by
	/// `veritas_verifier::backend::prepare_vk`).
	pub async fn prepared_verifying_key(&self, id: ModelId) -> Result<Option<Vec<u8>>> {
		let at = self.api.at_current_block().await.map_err(|e| self.error(e))?;
		let entry = at
			.storage()
			.entry(api::storage().models().verifying_keys())
			.map_err(|e| self.error(e))?;
		let value = entry.try_fetch((id,)).await.map_err(|e| self.error(e))?;
		value.map(|v| v.decode().map(|key| key.0).map_err(|e| self.error(e))).transpose()
	}

	/// A model that takes jobs now: `UnknownModel` or `ModelNotActive` otherwise.
	pub async fn active_model(&self, id: ModelId) -> Result<Model> {
		let model = self.model(id).await?.ok_or(Error::UnknownModel(id))?;
		if model.status != ModelStatus::Active {
			return Err(Error::ModelNotActive { model: id, status: model.status_name() });
		}
		Ok(model)
	}

	/// Every registered model, in id order.
	pub async fn models(&self) -> Result<Vec<(ModelId, Model)>> {
		let mut all = Vec::new();
		let mut start = 0;
		loop {
			let page = self.call_api(api::runtime_apis().models_api().models(start, PAGE)).await?;
			let Some(next) = page.last().map(|(id, _)| id.saturating_add(1)) else { break };
			let full = page.len() as u32 == PAGE;
			all.extend(page);
			if !full || next == 0 {
				break;
			}
			start = next;
		}
		Ok(all)
	}

	/// Registers a model (`Pending` until governance approves it); holds the deposit. Returns
	/// the new id and the deposit.
	pub async fn register_model(
		&self,
		owner: &Account,
		registration: ModelRegistration,
	) -> Result<(ModelId, Balance, Outcome)> {
		let call = api::transactions().models().register_model(
			BoundedVec(registration.name),
			BoundedVec(registration.metadata_uri),
			H256(registration.weights_hash),
			BoundedVec(registration.input_shape),
			registration.input_len,
			BoundedVec(registration.output_shape),
			registration.frac_bits,
			BoundedVec(registration.verifying_key),
			registration.supersedes,
		);
		let outcome = self.submit(owner, &call).await?;
		let registered = outcome.one::<ModelRegistered>("Models.ModelRegistered")?;
		Ok((registered.model, registered.deposit, outcome))
	}

	/// Approves a model with the sudo key: a development chain's stand-in for governance.
	pub async fn sudo_approve_model(&self, sudo: &Account, id: ModelId) -> Result<Outcome> {
		use api::runtime_types::{pallet_models::pallet::Call, veritas_runtime::RuntimeCall};
		let call =
			api::transactions().sudo().sudo(RuntimeCall::Models(Call::approve_model { model: id }));
		let outcome = self.submit(sudo, &call).await?;
		// Sudo succeeds even when the call it wraps fails: look for the approval itself.
		if outcome.all::<ModelApproved>()?.is_empty() {
			use api::runtime_types::sp_runtime::DispatchError;
			let sudid = outcome.one::<api::sudo::events::Sudid>("Sudo.Sudid")?;
			return Err(match sudid.sudo_result {
				Err(DispatchError::Module(module)) => {
					let at = self.api.at_current_block().await.map_err(|e| self.error(e))?;
					let error = module.error.first().copied().unwrap_or_default();
					crate::error::module_error(&at.metadata(), module.index, error)
				}
				Err(other) => Error::DispatchOther(format!("{other:?}")),
				Ok(()) => Error::MissingEvent("Models.ModelApproved"),
			});
		}
		Ok(outcome)
	}

	/// The owner deprecates an active model: it takes no new jobs.
	pub async fn deprecate_model(&self, owner: &Account, id: ModelId) -> Result<Outcome> {
		self.submit(owner, &api::transactions().models().deprecate_model(id)).await
	}

	/// The owner retires a model for good; its running jobs finish.
	pub async fn retire_model(&self, owner: &Account, id: ModelId) -> Result<Outcome> {
		self.submit(owner, &api::transactions().models().retire_model(id)).await
	}

	/// The owner removes a pending or retired model with no open jobs; the deposit returns.
	pub async fn remove_model(&self, owner: &Account, id: ModelId) -> Result<Outcome> {
		self.submit(owner, &api::transactions().models().remove_model(id)).await
	}
}
