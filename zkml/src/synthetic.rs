//! Deterministic generated models for benchmarks: the same shape and seed give the same
//! weights on every machine (SplitMix64, no dependency on an RNG crate's stream).

use crate::model::{DenseLayer, FloatModel};

/// The 784-128-10 MLP of the benchmarks (MNIST-sized).
pub const MNIST_MLP: &[usize] = &[784, 128, 10];
/// A ~1 M-parameter MLP (1,068,810 weights and biases).
pub const MILLION_MLP: &[usize] = &[784, 1024, 256, 10];

struct SplitMix64(u64);

impl SplitMix64 {
	fn next(&mut self) -> u64 {
		self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
		let mut z = self.0;
		z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
		z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
		z ^ (z >> 31)
	}

	/// Uniform in `[-1, 1)`.
	fn symmetric(&mut self) -> f32 {
		((self.next() >> 40) as f32 / (1u64 << 23) as f32) - 1.0
	}
}

/// An MLP of the given widths (`[input, hidden…, output]`), ReLU after every hidden layer,
/// weights uniform in `±1/√fan_in` (the usual initialisation), biases in `±0.1`.
pub fn mlp(widths: &[usize], seed: u64) -> FloatModel {
	let mut rng = SplitMix64(seed);
	let layers: Vec<DenseLayer> = widths
		.windows(2)
		.enumerate()
		.map(|(index, pair)| {
			let (inputs, outputs) =
				(pair.first().copied().unwrap_or(1), pair.get(1).copied().unwrap_or(1));
			let limit = 1.0 / (inputs as f32).sqrt();
			DenseLayer {
				inputs,
				outputs,
				weights: (0..inputs * outputs).map(|_| rng.symmetric() * limit).collect(),
				bias: (0..outputs).map(|_| rng.symmetric() * 0.1).collect(),
				relu: index + 2 < widths.len(),
			}
		})
		.collect();
	FloatModel { input_len: widths.first().copied().unwrap_or(0), layers }
}

/// A deterministic input in `[0, 1)` (like normalised pixels) for a model of `len` inputs.
pub fn input(len: usize, seed: u64) -> Vec<f32> {
	let mut rng = SplitMix64(seed ^ 0x5eed);
	(0..len).map(|_| (rng.symmetric() + 1.0) / 2.0).collect()
}
