//! Float and quantised MLPs.
//!
//! **Fixed point.** A model is quantised at one scale `2^F` (`F` = `frac_bits`, default
//! [`DEFAULT_FRAC_BITS`]):
//! - weights `w_q = round(w · 2^F)` as `i32`, biases `b_q = round(b · 2^2F)` as `i64`
//!   (`round` is to nearest, ties away from zero); a value that does not fit is an error;
//! - inputs `x_q = round(x · 2^F)` as `i16`, two little-endian bytes each: the job input;
//! - a layer computes `acc = Σ w_q·x_q + b_q` exactly (scale `2^2F`) and rescales it to `2^F`
//!   by `y = floor((acc + 2^(F-1)) / 2^F)`, round to nearest with ties up, then applies ReLU
//!   where the layer has one;
//! - the outputs are the last layer's `y` (scale `2^F`), each a field element (negative values
//!   as `r − |y|`), 32 bytes little-endian: the job output.
//!
//! **Bounds.** From `|x_q| ≤ 2^15` and the weights, [`QuantizedModel::quotient_bits`] bounds
//! every rescaled value of every layer. The circuit range-checks each quotient to that many
//! bits, so any `i16` input has a proof, and no value comes near the field modulus.

use crate::{
	error::ZkmlError,
	file_format::{header, strip_header},
};
use codec::{Decode, Encode};

/// The fractional bits used when none are given.
pub const DEFAULT_FRAC_BITS: u32 = 8;
/// The largest supported number of fractional bits (the chain refuses others).
pub const MAX_FRAC_BITS: u32 = veritas_verifier::fixed_point::MAX_FRAC_BITS as u32;
/// Bits of one quantised input value.
pub const INPUT_BITS: u32 = 16;
/// Bytes of one quantised input value in a job input.
pub const INPUT_BYTES: usize = veritas_verifier::fixed_point::INPUT_ELEMENT_BYTES;
/// The widest accumulator (`frac_bits` + quotient bits) a layer may need: the reference
/// inference computes in `i128`, and the circuit's sums must stay far below the field modulus.
pub const MAX_ACCUMULATOR_BITS: u32 = 120;
/// The widest rescaled value: activations are `i64`.
pub const MAX_QUOTIENT_BITS: u32 = 64;
/// The most outputs a model may have: what a proof's [`veritas_verifier::Statement`] can carry.
pub const MAX_OUTPUTS: usize = veritas_verifier::MAX_OUTPUTS as usize;

/// A dense layer `y = W·x + b`, optionally followed by ReLU.
#[derive(Clone, Debug, PartialEq)]
pub struct DenseLayer {
	pub inputs: usize,
	pub outputs: usize,
	/// Row-major `[outputs][inputs]`.
	pub weights: Vec<f32>,
	pub bias: Vec<f32>,
	pub relu: bool,
}

/// A float MLP: what an ONNX file describes.
#[derive(Clone, Debug, PartialEq)]
pub struct FloatModel {
	pub input_len: usize,
	pub layers: Vec<DenseLayer>,
}

impl FloatModel {
	/// Checks that the layers chain and every parameter is finite.
	pub fn new(input_len: usize, layers: Vec<DenseLayer>) -> Result<Self, ZkmlError> {
		let mut width = input_len;
		for (index, layer) in layers.iter().enumerate() {
			let node = format!("layer {index}");
			if layer.inputs != width
				|| layer.weights.len() != layer.inputs.saturating_mul(layer.outputs)
				|| layer.bias.len() != layer.outputs
				|| layer.outputs == 0
			{
				return Err(ZkmlError::ShapeMismatch {
					node,
					reason: format!(
						"{}x{} weights, {} biases after a width of {width}",
						layer.outputs,
						layer.inputs,
						layer.bias.len()
					),
				});
			}
			if !layer.weights.iter().chain(&layer.bias).all(|v| v.is_finite()) {
				return Err(ZkmlError::NotFinite { what: "a weight or bias" });
			}
			width = layer.outputs;
		}
		if layers.is_empty() || input_len == 0 {
			return Err(ZkmlError::NotSequential("the model has no dense layer".into()));
		}
		Ok(Self { input_len, layers })
	}

	/// Output width.
	pub fn output_len(&self) -> usize {
		self.layers.last().map_or(0, |l| l.outputs)
	}

	/// Number of weights and biases.
	pub fn parameters(&self) -> usize {
		self.layers.iter().map(|l| l.weights.len() + l.bias.len()).sum()
	}

	/// Float inference in `f64`, to check the import against tract.
	pub fn infer(&self, input: &[f32]) -> Vec<f32> {
		let mut x: Vec<f64> = input.iter().map(|&v| f64::from(v)).collect();
		for layer in &self.layers {
			x = layer
				.weights
				.chunks(layer.inputs.max(1))
				.zip(&layer.bias)
				.map(|(row, &b)| {
					let y = row.iter().zip(&x).map(|(&w, &v)| f64::from(w) * v).sum::<f64>()
						+ f64::from(b);
					if layer.relu {
						y.max(0.0)
					} else {
						y
					}
				})
				.collect();
		}
		x.into_iter().map(|v| v as f32).collect()
	}
}

/// A quantised dense layer.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
pub struct QuantizedLayer {
	pub inputs: u32,
	pub outputs: u32,
	/// Row-major `[outputs][inputs]`, scale `2^F`.
	pub weights: Vec<i32>,
	/// Scale `2^2F`.
	pub bias: Vec<i64>,
	pub relu: bool,
}

impl QuantizedLayer {
	/// The weights of output `o`.
	pub fn row(&self, output: usize) -> &[i32] {
		let width = self.inputs as usize;
		self.weights.get(output * width..(output + 1) * width).unwrap_or(&[])
	}
}

/// A quantised MLP: what the circuit proves and the operator runs. Its canonical bytes
/// ([`QuantizedModel::to_bytes`]) are the model file; their hash is the weights hash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuantizedModel {
	frac_bits: u32,
	input_len: u32,
	layers: Vec<QuantizedLayer>,
	/// Per layer, the bits of the range check on its rescaled values (derived, not stored).
	quotient_bits: Vec<u32>,
	/// The hash of the model file, computed once: every proof checks its key against it, and
	/// hashing a 1 M-parameter model costs milliseconds.
	weights_hash: [u8; 32],
}

/// The first bytes of a model file.
pub const MODEL_MAGIC: [u8; 4] = *b"VRTQ";
/// The model file format this crate writes and reads.
pub const MODEL_FORMAT_VERSION: u16 = 1;

fn round_to_int(
	value: f64,
	what: &'static str,
	frac_bits: u32,
	limit: f64,
) -> Result<f64, ZkmlError> {
	if !value.is_finite() {
		return Err(ZkmlError::NotFinite { what });
	}
	let rounded = value.round();
	if rounded.abs() > limit {
		return Err(ZkmlError::OutOfRange { what, value, frac_bits, limit });
	}
	Ok(rounded)
}

impl QuantizedModel {
	/// Quantises a float model at scale `2^frac_bits`.
	pub fn quantize(model: &FloatModel, frac_bits: u32) -> Result<Self, ZkmlError> {
		if frac_bits == 0 || frac_bits > MAX_FRAC_BITS {
			return Err(ZkmlError::BadScale { got: frac_bits, max: MAX_FRAC_BITS });
		}
		let scale = f64::from(frac_bits).exp2();
		let layers = model
			.layers
			.iter()
			.map(|layer| -> Result<QuantizedLayer, ZkmlError> {
				let weights = layer
					.weights
					.iter()
					.map(|&w| {
						round_to_int(f64::from(w) * scale, "weight", frac_bits, f64::from(i32::MAX))
							.map(|v| v as i32)
					})
					.collect::<Result<_, _>>()?;
				let bias = layer
					.bias
					.iter()
					.map(|&b| {
						round_to_int(f64::from(b) * scale * scale, "bias", frac_bits, 2f64.powi(62))
							.map(|v| v as i64)
					})
					.collect::<Result<_, _>>()?;
				Ok(QuantizedLayer {
					inputs: u32::try_from(layer.inputs).unwrap_or(u32::MAX),
					outputs: u32::try_from(layer.outputs).unwrap_or(u32::MAX),
					weights,
					bias,
					relu: layer.relu,
				})
			})
			.collect::<Result<Vec<_>, _>>()?;
		Self::new(frac_bits, u32::try_from(model.input_len).unwrap_or(u32::MAX), layers)
	}

	/// A model from its parts, validated: shapes chain, at most [`MAX_OUTPUTS`] outputs, and
	/// the worst-case accumulators fit [`MAX_ACCUMULATOR_BITS`].
	pub fn new(
		frac_bits: u32,
		input_len: u32,
		layers: Vec<QuantizedLayer>,
	) -> Result<Self, ZkmlError> {
		if frac_bits == 0 || frac_bits > MAX_FRAC_BITS {
			return Err(ZkmlError::BadScale { got: frac_bits, max: MAX_FRAC_BITS });
		}
		let mut width = input_len;
		for (index, layer) in layers.iter().enumerate() {
			let expected = (layer.inputs as usize).checked_mul(layer.outputs as usize);
			if layer.inputs != width
				|| layer.outputs == 0
				|| expected != Some(layer.weights.len())
				|| layer.bias.len() != layer.outputs as usize
			{
				return Err(ZkmlError::ShapeMismatch {
					node: format!("layer {index}"),
					reason: format!(
						"{} weights and {} biases for {}x{} after a width of {width}",
						layer.weights.len(),
						layer.bias.len(),
						layer.outputs,
						layer.inputs
					),
				});
			}
			width = layer.outputs;
		}
		if layers.is_empty() || input_len == 0 {
			return Err(ZkmlError::NotSequential("the model has no dense layer".into()));
		}
		if width as usize > MAX_OUTPUTS {
			return Err(ZkmlError::TooManyOutputs { outputs: width as usize, max: MAX_OUTPUTS });
		}
		let mut model =
			Self { frac_bits, input_len, layers, quotient_bits: Vec::new(), weights_hash: [0; 32] };
		model.quotient_bits = model.bound_quotients()?;
		model.weights_hash = {
			use blake2::{digest::consts::U32, Blake2b, Digest};
			Blake2b::<U32>::digest(model.to_bytes()).into()
		};
		Ok(model)
	}

	/// Interval analysis from `|x| ≤ 2^15`: per layer, the bits `Q` such that every rescaled
	/// value lies in `[-2^(Q-1), 2^(Q-1))`.
	fn bound_quotients(&self) -> Result<Vec<u32>, ZkmlError> {
		let limit = 1u128 << MAX_ACCUMULATOR_BITS;
		let mut bounds: Vec<u128> = vec![1u128 << (INPUT_BITS - 1); self.input_len as usize];
		let mut bits = Vec::with_capacity(self.layers.len());
		for (index, layer) in self.layers.iter().enumerate() {
			let mut next = Vec::with_capacity(layer.outputs as usize);
			for (output, &bias) in layer.bias.iter().enumerate() {
				let mut acc = u128::from(bias.unsigned_abs());
				for (&w, &x) in layer.row(output).iter().zip(&bounds) {
					acc = acc.saturating_add(u128::from(w.unsigned_abs()).saturating_mul(x));
				}
				if acc >= limit {
					return Err(ZkmlError::ModelTooLarge {
						layer: index,
						bits: 128 - acc.leading_zeros(),
						max: MAX_ACCUMULATOR_BITS,
					});
				}
				// |floor((acc + 2^(F-1)) / 2^F)| ≤ (|acc| >> F) + 1.
				next.push((acc >> self.frac_bits) + 1);
			}
			let widest = next.iter().copied().max().unwrap_or(0);
			// Two's complement bits holding ±widest.
			let quotient_bits = 129 - widest.leading_zeros();
			if quotient_bits > MAX_QUOTIENT_BITS {
				return Err(ZkmlError::ModelTooLarge {
					layer: index,
					bits: quotient_bits,
					max: MAX_QUOTIENT_BITS,
				});
			}
			if self.frac_bits + quotient_bits > MAX_ACCUMULATOR_BITS {
				return Err(ZkmlError::ModelTooLarge {
					layer: index,
					bits: self.frac_bits + quotient_bits,
					max: MAX_ACCUMULATOR_BITS,
				});
			}
			bits.push(quotient_bits);
			bounds = next;
		}
		Ok(bits)
	}

	pub fn frac_bits(&self) -> u32 {
		self.frac_bits
	}

	pub fn input_len(&self) -> usize {
		self.input_len as usize
	}

	pub fn output_len(&self) -> usize {
		self.layers.last().map_or(0, |l| l.outputs as usize)
	}

	pub fn layers(&self) -> &[QuantizedLayer] {
		&self.layers
	}

	/// Per layer, the bit width of the range check on its rescaled values.
	pub fn quotient_bits(&self) -> &[u32] {
		&self.quotient_bits
	}

	/// Number of weights and biases.
	pub fn parameters(&self) -> usize {
		self.layers.iter().map(|l| l.weights.len() + l.bias.len()).sum()
	}

	/// Bytes of a job input for this model.
	pub fn input_bytes(&self) -> usize {
		self.input_len() * INPUT_BYTES
	}

	/// The canonical model file: magic, format version (u16 LE), then the SCALE encoding of
	/// `frac_bits`, `input_len` and the layers.
	pub fn to_bytes(&self) -> Vec<u8> {
		let mut bytes = header(MODEL_MAGIC, MODEL_FORMAT_VERSION);
		(self.frac_bits, self.input_len, &self.layers).encode_to(&mut bytes);
		bytes
	}

	/// Reads and validates a model file written by [`QuantizedModel::to_bytes`]. SCALE
	/// decoding is canonical, so the only other encoding of a model would add trailing bytes,
	/// which are refused.
	pub fn from_bytes(bytes: &[u8]) -> Result<Self, ZkmlError> {
		const WHAT: &str = "model file";
		let decode = |reason: String| ZkmlError::Decode { what: WHAT, reason };
		let mut body = strip_header(bytes, MODEL_MAGIC, MODEL_FORMAT_VERSION, WHAT, WHAT)?;
		let (frac_bits, input_len, layers) = <(u32, u32, Vec<QuantizedLayer>)>::decode(&mut body)
			.map_err(|e| decode(e.to_string()))?;
		if !body.is_empty() {
			return Err(decode("trailing or non-canonical bytes".into()));
		}
		Self::new(frac_bits, input_len, layers)
	}

	/// The weights hash: BLAKE2b-256 of the model file. Registered on chain with the verifying
	/// key; it names exactly one quantised model.
	pub fn weights_hash(&self) -> [u8; 32] {
		self.weights_hash
	}
}
