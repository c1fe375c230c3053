use crate::{
	encoding::{decode_canonical, encode},
	types::verifying_key_size,
	Engine, VerifierError, MAX_PUBLIC_INPUTS,
};
use alloc::vec::Vec;
use ark_ec::{
	pairing::{Pairing, PairingOutput},
	AffineRepr,
};

/// A Groth16 verifying key over BLS12-381, decoded and validated.
///
/// The encoding is arkworks' compressed `ark_groth16::VerifyingKey`: `α ∈ G1`, `β, γ, δ ∈ G2`,
/// then the `u64` little-endian count and the points of `γ_abc ∈ G1` (one more than the number
/// of public inputs).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifyingKey<E: Pairing> {
	pub alpha_g1: E::G1Affine,
	pub beta_g2: E::G2Affine,
	pub gamma_g2: E::G2Affine,
	pub delta_g2: E::G2Affine,
	pub gamma_abc_g1: Vec<E::G1Affine>,
}

/// A verifying key ready for verification: `e(α, β)` computed once, `-γ` and `-δ` prepared for
/// the Miller loop.
#[derive(Clone, Debug)]
pub struct PreparedVerifyingKey<E: Pairing> {
	pub vk: VerifyingKey<E>,
	pub alpha_g1_beta_g2: PairingOutput<E>,
	pub gamma_g2_neg: E::G2Prepared,
	pub delta_g2_neg: E::G2Prepared,
}

const G1_SIZE: usize = 48;
const G2_SIZE: usize = 96;

impl<E: Pairing> VerifyingKey<E> {
	/// Decodes and validates a key: canonical encoding, every point on the curve and in the
	/// prime-order subgroup, 1 to [`MAX_PUBLIC_INPUTS`] public inputs, and not
	/// [degenerate](Self::is_degenerate).
	pub fn decode(bytes: &[u8]) -> Result<Self, VerifierError> {
		use VerifierError::*;
		let fixed = G1_SIZE + 3 * G2_SIZE;
		let (points, rest) = bytes.split_at_checked(fixed).ok_or(MalformedVerifyingKey)?;
		let (count, ic_bytes) = rest.split_at_checked(8).ok_or(MalformedVerifyingKey)?;
		let mut count_le = [0u8; 8];
		count_le.copy_from_slice(count);
		let ic_len = u64::from_le_bytes(count_le);
		if ic_len < 2 || ic_len > u64::from(MAX_PUBLIC_INPUTS) + 1 {
			return Err(UnsupportedInputCount);
		}
		let public_inputs =
			u32::try_from(ic_len.saturating_sub(1)).map_err(|_| UnsupportedInputCount)?;
		if bytes.len() != verifying_key_size(public_inputs) {
			return Err(MalformedVerifyingKey);
		}

		let (alpha, points) = points.split_at(G1_SIZE);
		let (beta, points) = points.split_at(G2_SIZE);
		let (gamma, delta) = points.split_at(G2_SIZE);
		let vk = VerifyingKey::<E> {
			alpha_g1: decode_canonical(alpha).ok_or(MalformedVerifyingKey)?,
			beta_g2: decode_canonical(beta).ok_or(MalformedVerifyingKey)?,
			gamma_g2: decode_canonical(gamma).ok_or(MalformedVerifyingKey)?,
			delta_g2: decode_canonical(delta).ok_or(MalformedVerifyingKey)?,
			gamma_abc_g1: ic_bytes
				.chunks_exact(G1_SIZE)
				.map(|p| decode_canonical(p).ok_or(MalformedVerifyingKey))
				.collect::<Result<_, _>>()?,
		};
		if vk.is_degenerate() {
			return Err(DegenerateVerifyingKey);
		}
		Ok(vk)
	}

	/// Whether the key is one that no honest setup produces and under which proofs can be forged
	/// or a public input means nothing. Every honest setup draws `α, β, γ, δ` and the toxic waste
	/// behind `γ_abc` at random, so each of these holds only with negligible probability for it:
	///
	/// - `α, β, γ` or `δ` is the identity: the pairing with it is 1, so the equation no longer
	///   binds the proof to the key.
	/// - `γ = δ` or `γ = −δ`: `e(L, γ)·e(C, δ) = e(L ± C, γ)`, so weight moves freely between `C`
	///   and the public inputs' point `L(x)`; any valid proof becomes a proof for any inputs by
	///   `C' = C ± (L(x) − L(x'))`.
	/// - `β = ±γ` or `β = ±δ`: the pairing `e(α, β)` shares a point with an input or `C`
	///   term, so `A = α + L(x)`, `B = β + δ`, `C = A` (for `β = γ`), or `A = L(x)`,
	///   `B = β + γ`, `C = L(x) − α` (for `β = δ`), verifies for any inputs, from public points
	///   alone; the negated cases take the same proofs with signs flipped (`A = α − L(x)` for
	///   `β = −γ`).
	/// - `δ` is `±` the G2 generator: the setup never applied its secret `δ` (a skipped phase-2
	///   contribution), so the public powers of `τ` give anyone a `C` for any statement.
	/// - `γ` is `±` the G2 generator: it carries no secret either. Groth16 is believed sound with
	///   `γ = 1` alone (snarkjs keys use it, and are refused here), but the Veritas setup draws `γ`
	///   at random, so such a key did not come from it.
	/// - a `γ_abc` point is the identity: its public input drops out of `L(x)`, so a proof holds
	///   for every value of that input.
	/// - two `γ_abc` points are equal or opposite: their inputs enter `L(x)` only through their sum
	///   or difference, so a proof for `(x_i, x_j)` also holds for `(x_i + t, x_j ∓ t)`.
	///
	/// A relation through a scalar only the setup knows (`γ = k·δ`) cannot be detected and gives
	/// its holder no more than the toxic waste already does: that trust is what model approval
	/// is about.
	///
	/// Only affine comparisons, no pairing: cheap enough to run on every decoding.
	// Group negation is modular: it cannot overflow.
	#[allow(clippy::arithmetic_side_effects)]
	pub fn is_degenerate(&self) -> bool {
		if self.alpha_g1.is_zero()
			|| self.beta_g2.is_zero()
			|| self.gamma_g2.is_zero()
			|| self.delta_g2.is_zero()
		{
			return true;
		}
		let same_up_to_sign = |p: E::G2Affine, q: E::G2Affine| p == q || p == -q;
		let g2_generator = E::G2Affine::generator();
		if same_up_to_sign(self.gamma_g2, self.delta_g2)
			|| same_up_to_sign(self.beta_g2, self.gamma_g2)
			|| same_up_to_sign(self.beta_g2, self.delta_g2)
			|| same_up_to_sign(self.gamma_g2, g2_generator)
			|| same_up_to_sign(self.delta_g2, g2_generator)
		{
			return true;
		}
		let mut unchecked = self.gamma_abc_g1.as_slice();
		while let Some((point, later)) = unchecked.split_first() {
			let opposite = -*point;
			if point.is_zero() || later.iter().any(|other| other == point || *other == opposite) {
				return true;
			}
			unchecked = later;
		}
		false
	}

	/// The canonical compressed encoding; `decode(encode(vk)) == vk`.
	pub fn encode(&self) -> Vec<u8> {
		let mut out = Vec::with_capacity(verifying_key_size(self.public_inputs()));
		out.extend(encode(&self.alpha_g1));
		out.extend(encode(&self.beta_g2));
		out.extend(encode(&self.gamma_g2));
		out.extend(encode(&self.delta_g2));
		out.extend((self.gamma_abc_g1.len() as u64).to_le_bytes());
		for point in &self.gamma_abc_g1 {
			out.extend(encode(point));
		}
		out
	}

	/// How many public inputs a proof under this key carries.
	pub fn public_inputs(&self) -> u32 {
		u32::try_from(self.gamma_abc_g1.len().saturating_sub(1)).unwrap_or(u32::MAX)
	}

	/// Precomputes `e(α, β)` (one pairing) and prepares `-γ`, `-δ`.
	pub fn prepare(self) -> PreparedVerifyingKey<E> {
		let alpha_beta = E::pairing(self.alpha_g1, self.beta_g2);
		self.prepare_with(alpha_beta)
	}

	/// Prepares the key with an `e(α, β)` computed earlier (e.g. stored at registration).
	// Group negation is modular: it cannot overflow.
	#[allow(clippy::arithmetic_side_effects)]
	pub fn prepare_with(self, alpha_g1_beta_g2: PairingOutput<E>) -> PreparedVerifyingKey<E> {
		let gamma_g2_neg = E::G2Prepared::from(-self.gamma_g2.into_group());
		let delta_g2_neg = E::G2Prepared::from(-self.delta_g2.into_group());
		PreparedVerifyingKey { vk: self, alpha_g1_beta_g2, gamma_g2_neg, delta_g2_neg }
	}
}

impl<E: Pairing> VerifyingKey<E> {
	/// The key with every point uncompressed, for [`PreparedVerifyingKey::to_trusted_bytes`].
	fn encode_uncompressed(&self, out: &mut Vec<u8>) {
		use ark_serialize::CanonicalSerialize;
		// Writing into a `Vec` cannot fail.
		let _ = self.alpha_g1.serialize_uncompressed(&mut *out);
		let _ = self.beta_g2.serialize_uncompressed(&mut *out);
		let _ = self.gamma_g2.serialize_uncompressed(&mut *out);
		let _ = self.delta_g2.serialize_uncompressed(&mut *out);
		let _ = self.gamma_abc_g1.serialize_uncompressed(&mut *out);
	}
}

impl<E: Engine> PreparedVerifyingKey<E> {
	/// The prepared key as bytes that only this chain produces and reads back: `e(α, β)` and the
	/// key's points, uncompressed. Reading them back skips every check and square root, which is
	/// what makes verification against a registered key cheaper than against raw key bytes.
	/// Never accept these bytes from outside: use [`VerifyingKey::decode`] for that.
	pub fn to_trusted_bytes(&self) -> Vec<u8> {
		let mut out = Vec::new();
		E::write_target(&self.alpha_g1_beta_g2, &mut out);
		self.vk.encode_uncompressed(&mut out);
		out
	}

	/// Reads back [`Self::to_trusted_bytes`]. Bytes that do not parse (e.g. a storage
	/// corruption) are an error, not a panic; their points are not re-validated.
	pub fn from_trusted_bytes(bytes: &[u8]) -> Result<Self, VerifierError> {
		use ark_serialize::{CanonicalDeserialize, Compress, Validate};
		let mut reader = bytes;
		let mut read = || -> Result<Self, ark_serialize::SerializationError> {
			let alpha_beta = E::read_target(&mut reader)
				.ok_or(ark_serialize::SerializationError::InvalidData)?;
			let vk = VerifyingKey::<E> {
				alpha_g1: CanonicalDeserialize::deserialize_with_mode(
					&mut reader,
					Compress::No,
					Validate::No,
				)?,
				beta_g2: CanonicalDeserialize::deserialize_with_mode(
					&mut reader,
					Compress::No,
					Validate::No,
				)?,
				gamma_g2: CanonicalDeserialize::deserialize_with_mode(
					&mut reader,
					Compress::No,
					Validate::No,
				)?,
				delta_g2: CanonicalDeserialize::deserialize_with_mode(
					&mut reader,
					Compress::No,
					Validate::No,
				)?,
				gamma_abc_g1: CanonicalDeserialize::deserialize_with_mode(
					&mut reader,
					Compress::No,
					Validate::No,
				)?,
			};
			Ok(vk.prepare_with(alpha_beta))
		};
		let prepared = read().map_err(|_| VerifierError::MalformedVerifyingKey)?;
		let inputs = prepared.vk.gamma_abc_g1.len();
		if !reader.is_empty()
			|| inputs < 2
			|| inputs > (MAX_PUBLIC_INPUTS as usize).saturating_add(1)
		{
			return Err(VerifierError::MalformedVerifyingKey);
		}
		Ok(prepared)
	}
}

/// Validates verifying-key bytes and returns how many public inputs the key takes. This is what
/// model registration calls; it never panics, whatever the bytes.
pub fn validate_vk<E: Pairing>(bytes: &[u8]) -> Result<u32, VerifierError> {
	VerifyingKey::<E>::decode(bytes).map(|vk| vk.public_inputs())
}
