//! The model registry's types, shared by `pallet-models`, `pallet-inference` and clients.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use polkadot_sdk::{
	sp_core::{ConstU32, H256},
	sp_runtime::BoundedVec,
};
use scale_info::TypeInfo;

/// A model's on-chain identifier, assigned in registration order.
pub type ModelId = u32;

/// Longest model name, in bytes.
pub const MAX_MODEL_NAME_LEN: u32 = 64;
/// Longest metadata URI, in bytes.
pub const MAX_METADATA_URI_LEN: u32 = 256;
/// Most dimensions of an input or output shape.
pub const MAX_SHAPE_DIMS: u32 = 4;
/// The finest fixed-point scale a model may declare: values are integers at scale `2^frac_bits`.
pub use veritas_verifier::fixed_point::MAX_FRAC_BITS;

/// A model's human-readable name (UTF-8 by convention, not enforced).
pub type ModelName = BoundedVec<u8, ConstU32<MAX_MODEL_NAME_LEN>>;
/// Where the model's files and card live (e.g. an IPFS or HTTPS URI).
pub type MetadataUri = BoundedVec<u8, ConstU32<MAX_METADATA_URI_LEN>>;
/// A tensor shape, outermost dimension first.
pub type TensorShape = BoundedVec<u32, ConstU32<MAX_SHAPE_DIMS>>;

/// Where a model is in its lifecycle.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum ModelStatus {
	/// Registered, waiting for governance approval; takes no jobs.
	Pending,
	/// Approved: takes jobs.
	Active,
	/// Replaced or discouraged: takes no new jobs, governance may make it active again.
	Deprecated,
	/// Withdrawn for good: takes no new jobs; its running jobs finish, then it can be removed.
	Retired,
}

/// Everything the chain knows of a model except its verifying key (stored apart, as it is large
/// and only verification reads it).
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo, MaxEncodedLen)]
pub struct ModelInfo<AccountId, Balance, BlockNumber> {
	/// Who registered the model and holds its deposit.
	pub owner: AccountId,
	pub name: ModelName,
	pub metadata_uri: MetadataUri,
	/// The canonical hash of the quantised weights the circuit was built from.
	pub weights_hash: H256,
	pub input_shape: TensorShape,
	/// The exact byte length of a job input: the only length the circuit can prove (the
	/// commitment it checks is over that many bytes), so jobs of any other length are refused.
	pub input_len: u32,
	/// The output tensor; each element is one public input of a proof.
	pub output_shape: TensorShape,
	/// The fixed-point scale `2^frac_bits` of the model's numbers: a job input is its elements
	/// as little-endian `i16`s, each `round(x · 2^frac_bits)`; each output element is a field
	/// element holding a signed integer at the same scale. Clients encode and decode with it.
	pub frac_bits: u8,
	/// The earlier version this model replaces; approving this one deprecates that one.
	pub supersedes: Option<ModelId>,
	pub status: ModelStatus,
	/// Held from the owner while the model is stored.
	pub deposit: Balance,
	/// Public inputs the verifying key takes: the input commitment, then one per output element.
	pub public_inputs: u32,
	pub registered_at: BlockNumber,
}

impl<AccountId, Balance, BlockNumber> ModelInfo<AccountId, Balance, BlockNumber> {
	/// Elements in one output of this model.
	pub fn output_elements(&self) -> u32 {
		self.public_inputs.saturating_sub(1)
	}
}

/// Elements in a tensor of `shape`, or `None` if the count overflows a `u32` or the shape is
/// empty or has a zero dimension.
pub fn shape_elements(shape: &[u32]) -> Option<u32> {
	if shape.is_empty() {
		return None;
	}
	shape.iter().try_fold(1u32, |acc, &dim| if dim == 0 { None } else { acc.checked_mul(dim) })
}
