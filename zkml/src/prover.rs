//! Groth16 setup, proving and native verification of a model's inferences.
//!
//! **Trusted setup.** [`setup`] samples the toxic waste from the operating system's RNG and
//! drops it; whoever runs it and keeps that randomness could forge proofs for the model. This
//! is why a model becomes usable on chain only after governance approves it, and why users
//! should trust a model only as far as they trust its setup (a multi-party setup is planned).
//! Seeded setups exist for tests only.

use crate::{
	circuit::{poseidon::PoseidonParameters, MlpCircuit, Witness},
	error::ZkmlError,
	file_format::{header, strip_header},
	inference::{infer, Trace},
	model::QuantizedModel,
};
use ark_bls12_381::Bls12_381;
use ark_groth16::{Groth16, ProvingKey};
use ark_serialize::{CanonicalDeserialize, CanonicalSerialize, Compress, Validate};
use ark_snark::{CircuitSpecificSetupSNARK, SNARK};
use ark_std::rand::{CryptoRng, RngCore};
use veritas_verifier::{
	backend::Backend, commitment::commit_input, encoding::encode_input, PublicInput, Statement,
	MAX_OUTPUTS, PUBLIC_INPUT_SIZE,
};

/// The first bytes of a proving-key file.
pub const PROVING_KEY_MAGIC: [u8; 4] = *b"VRTK";
/// The proving-key file format this crate writes and reads.
pub const PROVING_KEY_FORMAT_VERSION: u16 = 1;

/// A model's proving key, bound to the model by its weights hash.
pub struct ModelProvingKey {
	pub weights_hash: [u8; 32],
	pub key: ProvingKey<Bls12_381>,
}

impl ModelProvingKey {
	/// The key file: magic, version (u16 LE), weights hash, then the uncompressed key (large,
	/// but read back without decompressing every point).
	pub fn to_bytes(&self) -> Vec<u8> {
		let mut bytes = header(PROVING_KEY_MAGIC, PROVING_KEY_FORMAT_VERSION);
		bytes.extend(self.weights_hash);
		// Writing into a `Vec` cannot fail.
		let _ = self.key.serialize_uncompressed(&mut bytes);
		bytes
	}

	/// The verifying key of this setup, in the encoding the chain registers (compressed).
	pub fn verifying_key(&self) -> Result<Vec<u8>, ZkmlError> {
		let mut bytes = Vec::new();
		self.key
			.vk
			.serialize_compressed(&mut bytes)
			.map_err(|e| ZkmlError::Decode { what: "verifying key", reason: e.to_string() })?;
		Ok(bytes)
	}

	/// Reads a key file. Points are not re-validated: the file is the operator's own output
	/// of [`setup`], and a corrupt key can only produce proofs the chain rejects.
	pub fn from_bytes(bytes: &[u8]) -> Result<Self, ZkmlError> {
		const WHAT: &str = "proving key";
		let decode = |reason: String| ZkmlError::Decode { what: WHAT, reason };
		let rest = strip_header(
			bytes,
			PROVING_KEY_MAGIC,
			PROVING_KEY_FORMAT_VERSION,
			WHAT,
			"proving-key file",
		)?;
		let (weights_hash, mut rest) =
			rest.split_first_chunk::<32>().ok_or_else(|| decode("truncated".into()))?;
		let key = ProvingKey::deserialize_with_mode(&mut rest, Compress::No, Validate::No)
			.map_err(|e| decode(e.to_string()))?;
		if !rest.is_empty() {
			return Err(decode("trailing bytes".into()));
		}
		Ok(Self { weights_hash: *weights_hash, key })
	}
}

/// The result of a setup: the proving key and the verifying key in the encoding the chain
/// registers (`veritas-verifier`'s, compressed).
pub struct Keys {
	pub proving: ModelProvingKey,
	pub verifying: Vec<u8>,
}

/// Runs a Groth16 setup for the model's circuit. Pass `OsRng` (see the module docs).
pub fn setup<R: RngCore + CryptoRng>(
	model: &QuantizedModel,
	rng: &mut R,
) -> Result<Keys, ZkmlError> {
	let poseidon = PoseidonParameters::commitment();
	let circuit = MlpCircuit { model, poseidon: &poseidon, witness: None };
	let (pk, _) = Groth16::<Bls12_381>::setup(circuit, rng)?;
	let proving = ModelProvingKey { weights_hash: model.weights_hash(), key: pk };
	let verifying = proving.verifying_key()?;
	// The chain must accept it as registered.
	veritas_verifier::backend::validate_vk(Backend::Arkworks, &verifying)?;
	Ok(Keys { proving, verifying })
}

/// [`setup`] with the operating system's randomness. `setup` and [`prove`] are generic over the
/// RNG, so whoever picks the RNG compiles the whole Groth16 prover under its own optimisation
/// settings; these two are compiled here, where the prover is optimised even in a debug build
/// (a debug `veritas` calling the generic `prove` itself proved 6× slower).
pub fn setup_with_os_rng(model: &QuantizedModel) -> Result<Keys, ZkmlError> {
	setup(model, &mut rand::rngs::OsRng)
}

/// [`prove`] with the operating system's randomness, compiled here (see [`setup_with_os_rng`]).
pub fn prove_with_os_rng(
	model: &QuantizedModel,
	key: &ModelProvingKey,
	input: &[u8],
) -> Result<ProvedInference, ZkmlError> {
	prove(model, key, input, &mut rand::rngs::OsRng)
}

/// An answered job: the output values, what the proof proves, the output bytes as submitted
/// (`statement.output_bytes()`), and the proof.
#[derive(Clone, Debug)]
pub struct ProvedInference {
	pub trace: Trace,
	pub statement: Statement,
	pub output: Vec<u8>,
	pub proof: Vec<u8>,
}

/// Runs the reference inference on `input` (job-input bytes) and proves it.
pub fn prove<R: RngCore + CryptoRng>(
	model: &QuantizedModel,
	key: &ModelProvingKey,
	input: &[u8],
	rng: &mut R,
) -> Result<ProvedInference, ZkmlError> {
	let hash = model.weights_hash();
	if key.weights_hash != hash {
		return Err(ZkmlError::KeyMismatch { key: hex(&key.weights_hash), model: hex(&hash) });
	}
	let trace = infer(model, input)?;
	let witness = Witness { commitment: commit_input(input), trace };
	let poseidon = PoseidonParameters::commitment();
	let circuit = MlpCircuit { model, poseidon: &poseidon, witness: Some(&witness) };
	let proof = Groth16::<Bls12_381>::prove(&key.key, circuit, rng)?;
	let mut proof_bytes = Vec::with_capacity(veritas_verifier::PROOF_SIZE);
	proof
		.serialize_compressed(&mut proof_bytes)
		.map_err(|e| ZkmlError::Decode { what: "proof", reason: e.to_string() })?;
	let statement = witness.statement();
	let output = statement.output_bytes();
	Ok(ProvedInference { trace: witness.trace, statement, output, proof: proof_bytes })
}

/// What a proof of `output` for the job input `input` proves, as the chain builds it. The chain
/// takes the number of output elements from the model; here it is the output's length over 32.
pub fn statement(input: &[u8], output: &[u8]) -> Result<Statement, ZkmlError> {
	let commitment = encode_input(&commit_input(input));
	u32::try_from(output.len() / PUBLIC_INPUT_SIZE)
		.ok()
		.and_then(|elements| Statement::from_output_bytes(commitment, output, elements))
		.ok_or_else(|| ZkmlError::Decode {
			what: "job output",
			reason: format!(
				"{} bytes is not a whole number of 32-byte elements, at most {MAX_OUTPUTS}",
				output.len()
			),
		})
}

/// The public inputs the chain checks a proof against (see [`Statement::public_inputs`]).
pub fn public_inputs(input: &[u8], output: &[u8]) -> Result<Vec<PublicInput>, ZkmlError> {
	Ok(statement(input, output)?.public_inputs())
}

/// Verifies a proof natively with `veritas-verifier`, exactly as the chain does.
/// `Ok(false)`: well formed and wrong.
pub fn verify(
	verifying_key: &[u8],
	input: &[u8],
	output: &[u8],
	proof: &[u8],
) -> Result<bool, ZkmlError> {
	let inputs = public_inputs(input, output)?;
	Ok(veritas_verifier::backend::verify(Backend::Arkworks, verifying_key, proof, &inputs)?)
}

/// Lower-case hex.
pub fn hex(bytes: &[u8]) -> String {
	bytes.iter().map(|b| format!("{b:02x}")).collect()
}
