//! The byte-level API, with the pairing backend chosen at run time.
//!
//! The runtime keeps the backend in a governance-set parameter: [`Backend::HostCalls`] uses the
//! RFC-163 BLS12-381 host functions (`sp_crypto_ec_utils`), [`Backend::Arkworks`] computes
//! everything in the runtime itself (pure wasm). A parachain whose relay chain does not enable
//! `EccRfc163` must stay on `Arkworks`: relay validators could not execute its blocks otherwise.

use crate::{
	encoding::decode_inputs, verify as verify_generic, verify_batches as verify_batches_generic,
	Engine, Fr, KeyGroup, PreparedVerifyingKey, Proof, PublicInput, VerifierError, VerifyingKey,
	MAX_BATCH_SIZE,
};
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// Which implementation of the BLS12-381 pairing verification runs on.
#[derive(
	Clone,
	Copy,
	Debug,
	Default,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum Backend {
	/// Pure arkworks: runs anywhere, slower in wasm.
	#[default]
	Arkworks,
	/// The RFC-163 host calls: fast, but the relay chain must enable `EccRfc163`.
	HostCalls,
}

/// What batch verification says of one proof.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub enum Verdict {
	/// The proof verifies.
	Valid,
	/// The proof is well formed and does not verify.
	Invalid,
	/// The proof or its inputs could not be decoded.
	Malformed(VerifierError),
}

impl Verdict {
	pub fn is_valid(&self) -> bool {
		matches!(self, Verdict::Valid)
	}
}

/// One verdict per proof, in the order given.
pub type BatchVerdict = Vec<Verdict>;

/// Runs `$f::<E>(args)` with `E` the pairing engine of `$backend`.
macro_rules! with_backend {
	($backend:expr, $f:ident($($arg:expr),* $(,)?)) => {
		match $backend {
			Backend::Arkworks => $f::<veritas_bls12_381::Bls12_381>($($arg),*),
			#[cfg(all(feature = "host-calls", not(veritas_tooling)))]
			Backend::HostCalls => $f::<sp_crypto_ec_utils::bls12_381::Bls12_381>($($arg),*),
			// Without the feature the host calls are unavailable; the maths is the same. The
			// tooling build of the runtime (`--cfg veritas_tooling`, `scripts/tooling-runtime.sh`)
			// drops them so that tools without the RFC-163 functions (chopsticks, try-runtime,
			// frame-omni-bencher) load it.
			#[cfg(not(all(feature = "host-calls", not(veritas_tooling))))]
			Backend::HostCalls => $f::<veritas_bls12_381::Bls12_381>($($arg),*),
		}
	};
}

/// Validates verifying-key bytes; returns the number of public inputs the key takes.
pub fn validate_vk(backend: Backend, vk: &[u8]) -> Result<u32, VerifierError> {
	use crate::validate_vk as validate;
	with_backend!(backend, validate(vk))
}

/// Verifies one proof against key bytes. `Ok(false)`: well formed, wrong.
pub fn verify(
	backend: Backend,
	vk: &[u8],
	proof: &[u8],
	inputs: &[PublicInput],
) -> Result<bool, VerifierError> {
	with_backend!(backend, verify_with(vk, proof, inputs))
}

/// Verifies a batch of proofs under one key. A malformed key or a batch of the wrong size is an
/// error; a malformed or invalid proof only gets its own verdict.
pub fn verify_batch(
	backend: Backend,
	vk: &[u8],
	entries: &[(&[u8], &[PublicInput])],
) -> Result<BatchVerdict, VerifierError> {
	with_backend!(backend, verify_batch_with(vk, entries))
}

/// Validates key bytes and prepares the key (computing `e(α, β)`): the result is what a
/// registry stores, to pass to [`verify_prepared`] later. Same result on both backends.
pub fn prepare_vk(backend: Backend, vk: &[u8]) -> Result<Vec<u8>, VerifierError> {
	with_backend!(backend, prepare_with(vk))
}

/// Checks prepared-key bytes that came from outside the chain's own storage (a runtime API
/// caller): every point is re-validated as [`VerifyingKey::decode`] would (curve, subgroup,
/// degeneracy). `e(α, β)` is taken as given: a wrong one only makes the caller's own proofs
/// fail, and checking it would cost the pairing that preparing saves. The maths is the same on
/// either backend, so the pure one runs it (no host function needed).
pub fn check_prepared_vk(prepared_vk: &[u8]) -> Result<(), VerifierError> {
	type Engine = veritas_bls12_381::Bls12_381;
	let parsed = PreparedVerifyingKey::<Engine>::from_trusted_bytes(prepared_vk)?;
	let validated = VerifyingKey::<Engine>::decode(&parsed.vk.encode())?;
	// The compressed encoding keeps `x` and a sign only: a point off the curve comes back as a
	// different point, or not at all, so equality means every point was valid.
	if validated != parsed.vk {
		return Err(VerifierError::MalformedVerifyingKey);
	}
	Ok(())
}

/// Verifies one proof against a key prepared by [`prepare_vk`] (trusted bytes from storage).
pub fn verify_prepared(
	backend: Backend,
	prepared_vk: &[u8],
	proof: &[u8],
	inputs: &[PublicInput],
) -> Result<bool, VerifierError> {
	with_backend!(backend, verify_prepared_with(prepared_vk, proof, inputs))
}

/// Verifies a batch against a key prepared by [`prepare_vk`].
pub fn verify_batch_prepared(
	backend: Backend,
	prepared_vk: &[u8],
	entries: &[(&[u8], &[PublicInput])],
) -> Result<BatchVerdict, VerifierError> {
	with_backend!(backend, verify_batch_prepared_with(prepared_vk, entries))
}

fn prepare_with<E: Engine>(vk: &[u8]) -> Result<Vec<u8>, VerifierError> {
	Ok(VerifyingKey::<E>::decode(vk)?.prepare().to_trusted_bytes())
}

fn verify_prepared_with<E: Engine>(
	prepared_vk: &[u8],
	proof: &[u8],
	inputs: &[PublicInput],
) -> Result<bool, VerifierError> {
	single_with(&PreparedVerifyingKey::<E>::from_trusted_bytes(prepared_vk)?, proof, inputs)
}

fn verify_with<E: Engine>(
	vk: &[u8],
	proof: &[u8],
	inputs: &[PublicInput],
) -> Result<bool, VerifierError> {
	single_with(&VerifyingKey::<E>::decode(vk)?.prepare(), proof, inputs)
}

fn single_with<E: Engine>(
	pvk: &PreparedVerifyingKey<E>,
	proof: &[u8],
	inputs: &[PublicInput],
) -> Result<bool, VerifierError> {
	if inputs.len() != pvk.vk.gamma_abc_g1.len().saturating_sub(1) {
		return Err(VerifierError::WrongInputCount);
	}
	let inputs = decode_inputs(inputs)?;
	let proof = Proof::<E>::decode(proof)?;
	verify_generic(pvk, &proof, &inputs)
}

fn verify_batch_prepared_with<E: Engine>(
	prepared_vk: &[u8],
	entries: &[(&[u8], &[PublicInput])],
) -> Result<BatchVerdict, VerifierError> {
	batch_with(&PreparedVerifyingKey::<E>::from_trusted_bytes(prepared_vk)?, entries)
}

fn verify_batch_with<E: Engine>(
	vk: &[u8],
	entries: &[(&[u8], &[PublicInput])],
) -> Result<BatchVerdict, VerifierError> {
	// Size errors come before the (costly) key decoding.
	check_batch_size(entries.len())?;
	let pvk = VerifyingKey::<E>::decode(vk)?.prepare();
	batch_with(&pvk, entries)
}

/// Decoded proofs of one key, with the verdicts of those that did not decode.
struct Decoded<E: Engine> {
	/// One per entry: `Invalid` stands for "decoded, not yet judged", so an entry left unjudged
	/// fails closed.
	verdicts: BatchVerdict,
	/// The decoded entries, and where each sits in `verdicts`.
	entries: Vec<(Proof<E>, Vec<Fr>)>,
	positions: Vec<usize>,
}

impl<E: Engine> Decoded<E> {
	fn new(pvk: &PreparedVerifyingKey<E>, entries: &[(&[u8], &[PublicInput])]) -> Self {
		let expected_inputs = pvk.vk.gamma_abc_g1.len().saturating_sub(1);
		let mut decoded = Decoded {
			verdicts: Vec::with_capacity(entries.len()),
			entries: Vec::with_capacity(entries.len()),
			positions: Vec::with_capacity(entries.len()),
		};
		for (index, (proof, inputs)) in entries.iter().enumerate() {
			let parsed = if inputs.len() != expected_inputs {
				Err(VerifierError::WrongInputCount)
			} else {
				decode_inputs(inputs).and_then(|x| Proof::<E>::decode(proof).map(|p| (p, x)))
			};
			match parsed {
				Ok(entry) => {
					decoded.entries.push(entry);
					decoded.positions.push(index);
					decoded.verdicts.push(Verdict::Invalid);
				}
				Err(e) => decoded.verdicts.push(Verdict::Malformed(e)),
			}
		}
		decoded
	}

	/// The verdicts, with the decoded entries judged by `results` (in their order).
	fn judged(mut self, results: Vec<bool>) -> BatchVerdict {
		for (index, ok) in self.positions.into_iter().zip(results) {
			if let Some(verdict) = self.verdicts.get_mut(index) {
				*verdict = if ok { Verdict::Valid } else { Verdict::Invalid };
			}
		}
		self.verdicts
	}
}

fn batch_with<E: Engine>(
	pvk: &PreparedVerifyingKey<E>,
	entries: &[(&[u8], &[PublicInput])],
) -> Result<BatchVerdict, VerifierError> {
	let groups = [(pvk, entries)];
	check_groups(&groups)?;
	judge(&groups)?.pop().ok_or(VerifierError::EmptyBatch)
}

/// One key's share of a multi-key batch: the key as [`prepare_vk`] wrote it (trusted bytes from
/// storage), and its proofs with their public inputs.
pub type PreparedGroup<'a> = (&'a [u8], &'a [(&'a [u8], &'a [PublicInput])]);

/// Verifies the proofs of several keys together ([`crate::verify_batches`]): one verdict list
/// per group, in the order given. A key that does not parse fails the whole call (keys come
/// from the chain's own storage), as does a group without proofs; a malformed or invalid proof
/// only gets its own verdict. At most [`MAX_BATCH_SIZE`] proofs in all.
pub fn verify_batches_prepared(
	backend: Backend,
	groups: &[PreparedGroup<'_>],
) -> Result<Vec<BatchVerdict>, VerifierError> {
	with_backend!(backend, batches_with(groups))
}

fn batches_with<E: Engine>(
	groups: &[PreparedGroup<'_>],
) -> Result<Vec<BatchVerdict>, VerifierError> {
	// Size errors come before the keys are read.
	check_groups(groups)?;
	let keys = groups
		.iter()
		.map(|(key, _)| PreparedVerifyingKey::<E>::from_trusted_bytes(key))
		.collect::<Result<Vec<_>, _>>()?;
	let groups: Vec<_> =
		keys.iter().zip(groups).map(|(pvk, (_, entries))| (pvk, *entries)).collect();
	judge(&groups)
}

/// Every group has proofs, at most [`MAX_BATCH_SIZE`] in all. A group without proofs would
/// still cost its key's parsing.
fn check_groups<K>(groups: &[(K, &[(&[u8], &[PublicInput])])]) -> Result<(), VerifierError> {
	if groups.iter().any(|(_, entries)| entries.is_empty()) {
		return Err(VerifierError::EmptyBatch);
	}
	check_batch_size(
		groups.iter().map(|(_, entries)| entries.len()).fold(0usize, usize::saturating_add),
	)
}

/// Decodes every group's proofs and verifies the decodable ones in one batch: one verdict list
/// per group, a malformed proof's verdict naming its fault. The caller has run [`check_groups`].
fn judge<E: Engine>(
	groups: &[(&PreparedVerifyingKey<E>, &[(&[u8], &[PublicInput])])],
) -> Result<Vec<BatchVerdict>, VerifierError> {
	let decoded: Vec<Decoded<E>> =
		groups.iter().map(|(pvk, entries)| Decoded::new(pvk, entries)).collect();
	let judged: Vec<KeyGroup<'_, E>> = groups
		.iter()
		.zip(&decoded)
		.filter(|(_, d)| !d.entries.is_empty())
		.map(|((pvk, _), d)| (*pvk, d.entries.as_slice()))
		.collect();
	let mut results =
		if judged.is_empty() { Vec::new() } else { verify_batches_generic(&judged)? }.into_iter();
	Ok(decoded
		.into_iter()
		.map(|d| {
			if d.entries.is_empty() {
				d.verdicts
			} else {
				let group = results.next().unwrap_or_default();
				d.judged(group)
			}
		})
		.collect())
}

fn check_batch_size(len: usize) -> Result<(), VerifierError> {
	match len {
		0 => Err(VerifierError::EmptyBatch),
		n if n > MAX_BATCH_SIZE as usize => Err(VerifierError::BatchTooLarge),
		_ => Ok(()),
	}
}
