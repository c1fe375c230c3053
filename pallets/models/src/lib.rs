//! # Model registry
//!
//! Model owners register AI models: a name, a metadata URI, the hash of the quantised weights,
//! the input and output shapes and the Groth16 verifying key of the model's circuit. The key is
//! validated and stored *prepared*, so that every later verification against it skips the costly
//! checks. The owner pays a deposit proportional to the bytes stored, held until the model is
//! removed.
//!
//! Lifecycle: `Pending` → `Active` (by [`Config::ApproveOrigin`], i.e. governance: whoever ran a
//! model's setup could forge its proofs, so a model is trusted only once approved) →
//! `Deprecated` or `Retired` (by the owner or governance). Only `Active` models take jobs; a
//! `Deprecated` model may be approved again; a `Retired` one is final and, once its running jobs
//! are done, can be removed, which returns the deposit. Approving a model that supersedes an
//! earlier `Active` one deprecates the earlier one.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod dispatchable_impls;
mod impls;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

use types::*;

/// What the benchmarks need from the runtime.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper: veritas_primitives::SetVerifierBackend {
	/// Lists as many operators for `model` (an `Active` model) as the job market allows: the
	/// worst case of cleaning up after its removal.
	fn fill_market(model: veritas_primitives::ModelId);
}

// The pallet macros expand to code that calls `expect` on values they construct themselves; the
// logic lives in the other modules, which the lints cover.
#[allow(clippy::expect_used)]
#[polkadot_sdk::frame_support::pallet]
pub mod pallet {
	use super::*;
	use polkadot_sdk::{
		frame_support::{
			pallet_prelude::*,
			traits::fungible::{Inspect, Mutate, MutateHold},
		},
		frame_system::pallet_prelude::*,
		sp_core::H256,
	};
	use veritas_primitives::{
		models::{MetadataUri, ModelName, TensorShape},
		ModelId, ModelUsage, ProofVerifier, MAX_VERIFYING_KEY_SIZE,
	};

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: polkadot_sdk::frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The currency deposits are held in.
		type Currency: Inspect<Self::AccountId>
			+ Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// Validates and prepares verifying keys.
		type ProofVerifier: ProofVerifier;

		/// Approves models (governance).
		type ApproveOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Tells whether a model still has open jobs, which block its removal.
		type ModelUsage: ModelUsage;

		/// Deposit for any model, whatever its size.
		#[pallet::constant]
		type DepositBase: Get<BalanceOf<Self>>;

		/// Deposit per byte stored (model record and prepared key).
		#[pallet::constant]
		type DepositPerByte: Get<BalanceOf<Self>>;

		/// Longest job input a model may declare, in bytes (the job market's limit).
		#[pallet::constant]
		type MaxInputLen: Get<u32>;

		type WeightInfo: WeightInfo;

		/// Sets up what benchmarks need from outside this pallet.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: crate::BenchmarkHelper;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit for a registered model's storage.
		ModelDeposit,
	}

	/// The id the next registered model gets.
	#[pallet::storage]
	pub type NextModelId<T> = StorageValue<_, ModelId, ValueQuery>;

	/// Every registered model not yet removed.
	#[pallet::storage]
	pub type Models<T: Config> = StorageMap<_, Blake2_128Concat, ModelId, ModelInfoOf<T>>;

	/// The prepared verifying key of each model; read only to verify proofs.
	#[pallet::storage]
	pub type VerifyingKeys<T: Config> = StorageMap<_, Blake2_128Concat, ModelId, PreparedKey>;

	/// The models of each owner, for the `models_by_owner` runtime API.
	#[pallet::storage]
	pub type ModelsByOwner<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, ModelId, ()>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A model was registered and waits for approval.
		ModelRegistered { model: ModelId, owner: T::AccountId, deposit: BalanceOf<T> },
		/// A model was approved and now takes jobs.
		ModelApproved { model: ModelId },
		/// A model was deprecated and takes no new jobs.
		ModelDeprecated { model: ModelId },
		/// A model was retired for good and takes no new jobs.
		ModelRetired { model: ModelId },
		/// A model was removed and its deposit returned to its owner.
		ModelRemoved { model: ModelId, owner: T::AccountId, deposit: BalanceOf<T> },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No model is stored under this id.
		UnknownModel,
		/// Only the model's owner (or governance) may do this.
		NotOwner,
		/// The verifying key is not a canonical compressed Groth16/BLS12-381 key.
		MalformedVerifyingKey,
		/// The verifying key takes no public input or too many.
		UnsupportedInputCount,
		/// The verifying key is degenerate (an identity point, γ = ±δ, γ or δ a generator,
		/// repeated input points): anyone could forge proofs under it.
		DegenerateVerifyingKey,
		/// The verifying key is a published test key whose setup secret is public.
		PublishedTestKey,
		/// The declared input length is zero or above `MaxInputLen`.
		InvalidInputLength,
		/// A shape is empty, has a zero dimension or too many elements.
		InvalidShape,
		/// The key's public inputs are not one commitment plus one per output element.
		OutputShapeMismatch,
		/// The superseded model does not exist.
		UnknownSupersededModel,
		/// A model may supersede only a model of the same owner.
		NotOwnerOfSuperseded,
		/// Only a `Pending` or `Deprecated` model can be approved.
		NotApprovable,
		/// Only an `Active` model can be deprecated.
		NotActive,
		/// The model is already retired.
		AlreadyRetired,
		/// Only a `Pending` or `Retired` model can be removed.
		NotRemovable,
		/// The model still has open jobs.
		ModelInUse,
		/// The owner cannot cover the deposit.
		InsufficientFundsForDeposit,
		/// Every model id is taken.
		ModelIdsExhausted,
		/// The fixed-point scale is not between 1 and `MAX_FRAC_BITS` fractional bits.
		InvalidFixedPoint,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(
			_: BlockNumberFor<T>,
		) -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call(weight(<T as Config>::WeightInfo))]
	impl<T: Config> Pallet<T> {
		/// Registers a model, `Pending` until governance approves it. Holds the deposit.
		///
		/// Origin: signed, the owner.
		/// - `name`, `metadata_uri`: how people find and describe the model.
		/// - `weights_hash`: the canonical hash of the quantised weights.
		/// - `input_shape`, `output_shape`: tensor shapes; each output element is one public
		///   input of a proof, after the input commitment.
		/// - `frac_bits`: the fixed-point scale of inputs and outputs (`veritas model import`
		///   prints it, with `input_bytes`), which clients read to encode inputs and decode outputs.
		/// - `input_len`: the exact byte length of a job input, the one the circuit commits to
		///   (`veritas model import` prints it as `input_bytes`); jobs of any other length are refused.
		/// - `verifying_key`: the circuit's compressed Groth16 key, validated before storing.
		/// - `supersedes`: an earlier model of the same owner that this one replaces.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_model(1))]
		pub fn register_model(
			origin: OriginFor<T>,
			name: ModelName,
			metadata_uri: MetadataUri,
			weights_hash: H256,
			input_shape: TensorShape,
			input_len: u32,
			output_shape: TensorShape,
			frac_bits: u8,
			verifying_key: BoundedVec<u8, ConstU32<MAX_VERIFYING_KEY_SIZE>>,
			supersedes: Option<ModelId>,
		) -> DispatchResultWithPostInfo {
			let owner = ensure_signed(origin)?;
			let spec = ModelSpec {
				name,
				metadata_uri,
				weights_hash,
				input_shape,
				input_len,
				output_shape,
				frac_bits,
			};
			Self::do_register_model(owner, spec, &verifying_key, supersedes)?;
			// Preparing the key costs less on the host-call backend.
			let pure_wasm = T::ProofVerifier::backend() == veritas_primitives::Backend::Arkworks;
			Ok(Some(T::WeightInfo::register_model(pure_wasm.into())).into())
		}

		/// Approves a `Pending` or `Deprecated` model: it takes jobs from now on.
		///
		/// Origin: [`Config::ApproveOrigin`].
		/// - `model`: the model to approve.
		#[pallet::call_index(1)]
		pub fn approve_model(origin: OriginFor<T>, model: ModelId) -> DispatchResult {
			T::ApproveOrigin::ensure_origin(origin)?;
			Self::do_approve_model(model)
		}

		/// Deprecates an `Active` model: it takes no new jobs; governance may approve it again.
		///
		/// Origin: the model's owner or [`Config::ApproveOrigin`].
		/// - `model`: the model to deprecate.
		#[pallet::call_index(2)]
		pub fn deprecate_model(origin: OriginFor<T>, model: ModelId) -> DispatchResult {
			Self::ensure_owner_or_governance(origin, model)?;
			Self::do_deprecate_model(model)
		}

		/// Retires a model for good: it takes no new jobs; its running jobs finish.
		///
		/// Origin: the model's owner or [`Config::ApproveOrigin`].
		/// - `model`: the model to retire.
		#[pallet::call_index(3)]
		pub fn retire_model(origin: OriginFor<T>, model: ModelId) -> DispatchResult {
			Self::ensure_owner_or_governance(origin, model)?;
			Self::do_retire_model(model)
		}

		/// Removes a `Pending` or `Retired` model without open jobs and returns the deposit to
		/// its owner. The job market forgets the model's operator list and offers.
		///
		/// Origin: the model's owner or [`Config::ApproveOrigin`].
		/// - `model`: the model to remove.
		#[pallet::call_index(4)]
		pub fn remove_model(origin: OriginFor<T>, model: ModelId) -> DispatchResult {
			Self::ensure_owner_or_governance(origin, model)?;
			Self::do_remove_model(model)
		}
	}
}
