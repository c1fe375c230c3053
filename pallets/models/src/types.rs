//! Storage types of the registry.

use crate::Config;
use polkadot_sdk::{
	frame_support::traits::fungible::Inspect,
	frame_system::pallet_prelude::BlockNumberFor,
	sp_core::{ConstU32, H256},
	sp_runtime::BoundedVec,
};
use veritas_primitives::{
	models::{MetadataUri, ModelName, TensorShape},
	ModelInfo, MAX_PREPARED_KEY_SIZE,
};

/// The balance type of the deposit currency.
pub type BalanceOf<T> = <<T as Config>::Currency as Inspect<
	<T as polkadot_sdk::frame_system::Config>::AccountId,
>>::Balance;

/// A stored model record.
pub type ModelInfoOf<T> = ModelInfo<
	<T as polkadot_sdk::frame_system::Config>::AccountId,
	BalanceOf<T>,
	BlockNumberFor<T>,
>;

/// A verifying key as the verifier prepared it for repeated use.
pub type PreparedKey = BoundedVec<u8, ConstU32<MAX_PREPARED_KEY_SIZE>>;

/// What a registration describes, besides the key.
pub struct ModelSpec {
	pub name: ModelName,
	pub metadata_uri: MetadataUri,
	pub weights_hash: H256,
	pub input_shape: TensorShape,
	pub input_len: u32,
	pub output_shape: TensorShape,
	pub frac_bits: u8,
}
