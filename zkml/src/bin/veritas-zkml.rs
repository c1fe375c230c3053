//! `veritas-zkml`: import an ONNX model, run its trusted setup, answer inputs with proofs and
//! verify them, from the command line. Each subcommand reports its own time and peak memory,
//! which is what `scripts/bench.sh zkml` and `scripts/bench-ezkl.sh` read.

use clap::{Parser, Subcommand};
use rand::rngs::OsRng;
use std::{
	path::{Path, PathBuf},
	time::{Duration, Instant},
};
use veritas_zkml::{
	circuit::circuit_size,
	error::{read_file, write_file},
	inference::{decode_output, dequantize_output, parse_input_json, quantize_input},
	onnx, prover, synthetic, QuantizedModel, ZkmlError,
};

#[derive(Parser)]
#[command(
	name = "veritas-zkml",
	version,
	about = "Veritas zkML: ONNX → quantised model → Groth16 proofs"
)]
struct Cli {
	#[command(subcommand)]
	command: Command,
}

#[derive(Subcommand)]
enum Command {
	/// Quantise an ONNX MLP into a Veritas model file and print its weights hash.
	Import {
		onnx: PathBuf,
		/// Where to write the quantised model.
		#[arg(short, long)]
		output: PathBuf,
		/// Fixed-point fractional bits (scale 2^F).
		#[arg(long, default_value_t = veritas_zkml::model::DEFAULT_FRAC_BITS)]
		frac_bits: u32,
	},
	/// Write a deterministic synthetic MLP as ONNX (benchmark models).
	Generate {
		/// Layer widths, input first: 784,128,10.
		#[arg(long, value_delimiter = ',', required = true)]
		widths: Vec<usize>,
		#[arg(long, default_value_t = 1)]
		seed: u64,
		#[arg(short, long)]
		output: PathBuf,
		/// Also write a deterministic input for it (EZKL's `input_data` JSON) here.
		#[arg(long)]
		input: Option<PathBuf>,
	},
	/// Trusted setup (OS randomness): proving key to a file, verifying key in the chain's
	/// encoding. Whoever could learn the setup randomness could forge proofs for this model.
	Setup {
		model: PathBuf,
		#[arg(long)]
		proving_key: PathBuf,
		#[arg(long)]
		verifying_key: PathBuf,
	},
	/// Run the model on an input (JSON: a list of floats, or EZKL's {"input_data": [[…]]}) and
	/// prove it: writes the job input, the job output and the proof.
	Prove {
		model: PathBuf,
		#[arg(long)]
		proving_key: PathBuf,
		#[arg(long)]
		input: PathBuf,
		/// Directory for input.bin, output.bin and proof.bin.
		#[arg(long)]
		out_dir: PathBuf,
		/// Prove this many times and report the median (the key is loaded once).
		#[arg(long, default_value_t = 1)]
		repeat: usize,
	},
	/// Verify a proof as the chain does.
	Verify {
		#[arg(long)]
		verifying_key: PathBuf,
		/// Directory written by `prove`.
		#[arg(long)]
		proof_dir: PathBuf,
		#[arg(long, default_value_t = 1)]
		repeat: usize,
	},
}

fn main() {
	if let Err(error) = run(Cli::parse()) {
		eprintln!("error: {error}");
		std::process::exit(1);
	}
}

fn run(cli: Cli) -> Result<(), ZkmlError> {
	match cli.command {
		Command::Import { onnx: path, output, frac_bits } => {
			let started = Instant::now();
			let float = onnx::import(&read_file(&path)?)?;
			let model = QuantizedModel::quantize(&float, frac_bits)?;
			write_file(&output, &model.to_bytes())?;
			let size = circuit_size(&model)?;
			let widths: Vec<String> = std::iter::once(model.input_len())
				.chain(model.layers().iter().map(|l| l.outputs as usize))
				.map(|w| w.to_string())
				.collect();
			println!("widths: {}", widths.join("-"));
			println!("parameters: {}", model.parameters());
			println!("frac_bits: {}", model.frac_bits());
			println!("quotient_bits: {:?}", model.quotient_bits());
			println!("weights_hash: 0x{}", prover::hex(&model.weights_hash()));
			// What `register_model` declares as the job input length.
			println!("input_bytes: {}", model.input_bytes());
			println!("constraints: {}", size.constraints);
			println!("witness_variables: {}", size.witness_variables);
			println!("public_inputs: {}", size.public_inputs);
			report(started.elapsed());
		}
		Command::Generate { widths, seed, output, input } => {
			if widths.len() < 2 || widths.contains(&0) {
				return Err(ZkmlError::NotSequential(
					"--widths needs at least two non-zero widths".into(),
				));
			}
			let model = synthetic::mlp(&widths, seed);
			let name = widths.iter().map(|w| w.to_string()).collect::<Vec<_>>().join("-");
			write_file(&output, &onnx::export(&model, &name))?;
			if let Some(path) = input {
				let values = synthetic::input(model.input_len, seed);
				write_file(
					&path,
					serde_json::json!({ "input_data": [values] }).to_string().as_bytes(),
				)?;
			}
			println!("parameters: {}", model.parameters());
		}
		Command::Setup { model, proving_key, verifying_key } => {
			let model = QuantizedModel::from_bytes(&read_file(&model)?)?;
			let started = Instant::now();
			let keys = prover::setup(&model, &mut OsRng)?;
			let elapsed = started.elapsed();
			let pk = keys.proving.to_bytes();
			write_file(&proving_key, &pk)?;
			write_file(&verifying_key, &keys.verifying)?;
			println!("proving_key_bytes: {}", pk.len());
			println!("verifying_key_bytes: {}", keys.verifying.len());
			report(elapsed);
		}
		Command::Prove { model, proving_key, input, out_dir, repeat } => {
			let model = QuantizedModel::from_bytes(&read_file(&model)?)?;
			let key = prover::ModelProvingKey::from_bytes(&read_file(&proving_key)?)?;
			let values = read_input(&input)?;
			let job_input = quantize_input(&model, &values)?;
			let mut times = Vec::new();
			let mut proved = None;
			for _ in 0..repeat.max(1) {
				let started = Instant::now();
				proved = Some(prover::prove(&model, &key, &job_input, &mut OsRng)?);
				times.push(started.elapsed());
			}
			let proved = proved.ok_or_else(|| ZkmlError::Synthesis("no proof".into()))?;
			std::fs::create_dir_all(&out_dir)
				.map_err(|source| ZkmlError::Io { path: out_dir.display().to_string(), source })?;
			write_file(&out_dir.join("input.bin"), &job_input)?;
			write_file(&out_dir.join("output.bin"), &proved.output)?;
			write_file(&out_dir.join("proof.bin"), &proved.proof)?;
			let output = decode_output(&proved.statement)?;
			println!("output: {output:?}");
			println!("output_float: {:?}", dequantize_output(&model, &output));
			println!("proof_bytes: {}", proved.proof.len());
			report(median(times));
		}
		Command::Verify { verifying_key, proof_dir, repeat } => {
			let vk = read_file(&verifying_key)?;
			let input = read_file(&proof_dir.join("input.bin"))?;
			let output = read_file(&proof_dir.join("output.bin"))?;
			let proof = read_file(&proof_dir.join("proof.bin"))?;
			let mut times = Vec::new();
			let mut valid = false;
			for _ in 0..repeat.max(1) {
				let started = Instant::now();
				valid = prover::verify(&vk, &input, &output, &proof)?;
				times.push(started.elapsed());
			}
			println!("valid: {valid}");
			report(median(times));
			if !valid {
				eprintln!("error: the proof does not verify for this input and output");
				std::process::exit(2);
			}
		}
	}
	Ok(())
}

/// A float input file (see [`parse_input_json`]).
fn read_input(path: &Path) -> Result<Vec<f32>, ZkmlError> {
	let values = parse_input_json(&read_file(path)?).map_err(|e| match e {
		ZkmlError::Decode { what, reason } => {
			ZkmlError::Decode { what, reason: format!("{}: {reason}", path.display()) }
		}
		other => other,
	})?;
	Ok(values.into_iter().map(|v| v as f32).collect())
}

fn median(mut times: Vec<Duration>) -> Duration {
	times.sort();
	times.get(times.len() / 2).copied().unwrap_or_default()
}

/// Prints the time of the measured step and the process's peak resident memory.
fn report(elapsed: Duration) {
	println!("seconds: {:.4}", elapsed.as_secs_f64());
	let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
	if let Some(kib) = status
		.lines()
		.find_map(|l| l.strip_prefix("VmHWM:"))
		.and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
	{
		println!("peak_memory_mib: {:.1}", kib as f64 / 1024.0);
	}
}
