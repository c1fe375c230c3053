use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// Why bytes handed to the verifier were refused. A proof that decodes but does not verify is
/// not an error: verification returns `false` for it.
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
pub enum VerifierError {
	/// The verifying key is not a canonical compressed Groth16/BLS12-381 key: wrong length, a
	/// point off the curve or outside the prime-order subgroup, or a non-canonical encoding.
	MalformedVerifyingKey,
	/// The verifying key takes no public input, or more than [`crate::MAX_PUBLIC_INPUTS`].
	UnsupportedInputCount,
	/// The key is one no honest setup produces and that makes proofs forgeable or a public input
	/// meaningless: an identity point, `γ = ±δ`, `γ` or `δ` a generator, or two input points
	/// equal or opposite (see [`crate::VerifyingKey::is_degenerate`]).
	DegenerateVerifyingKey,
	/// The proof is not 192 canonical bytes of three valid points `A ∈ G1`, `B ∈ G2`, `C ∈ G1`.
	MalformedProof,
	/// A proof point is the identity; honest provers never produce one.
	DegenerateProof,
	/// The number of public inputs differs from what the verifying key expects.
	WrongInputCount,
	/// A public input is not the canonical little-endian encoding of a scalar-field element.
	InputNotInField,
	/// A batch with no proof in it.
	EmptyBatch,
	/// A batch with more than [`crate::MAX_BATCH_SIZE`] proofs.
	BatchTooLarge,
	/// A job input longer than any job may carry, so it has no commitment a proof could use.
	InputTooLong,
}

impl VerifierError {
	/// A short, stable description, for logs and CLI messages.
	pub fn as_str(&self) -> &'static str {
		match self {
			Self::MalformedVerifyingKey => "malformed verifying key",
			Self::UnsupportedInputCount => "unsupported number of public inputs in verifying key",
			Self::DegenerateVerifyingKey => "degenerate verifying key",
			Self::MalformedProof => "malformed proof",
			Self::DegenerateProof => "proof has an identity point",
			Self::WrongInputCount => "wrong number of public inputs",
			Self::InputNotInField => "public input is not a canonical scalar",
			Self::EmptyBatch => "empty batch",
			Self::BatchTooLarge => "batch too large",
			Self::InputTooLong => "job input longer than the chain accepts",
		}
	}
}

impl core::fmt::Display for VerifierError {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		f.write_str(self.as_str())
	}
}

#[cfg(feature = "std")]
impl std::error::Error for VerifierError {}
