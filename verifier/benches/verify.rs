//! Native verification cost (one core): single proofs, batches, input counts, key preparation.
//!
//!     cargo bench -p veritas-verifier --bench verify
//!
//! Natively both backends run the same arkworks code (the host calls are plain function calls
//! outside wasm); the wasm figures that become weights come from `scripts/bench.sh`.

#![allow(
	clippy::arithmetic_side_effects,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::unwrap_used
)]

use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;
use veritas_verifier::{
	backend::{self, Backend},
	encoding::decode_inputs,
	test_utils::fixture,
	Proof, PublicInput, VerifyingKey,
};

type E = ark_bls12_381::Bls12_381;

fn single(c: &mut Criterion) {
	let mut group = c.benchmark_group("single");
	for inputs in [2usize, 16] {
		let f = fixture(inputs, 1, 1);
		let (proof, xs) = &f.proofs[0];
		group.bench_function(BenchmarkId::new("verify_bytes", inputs), |b| {
			b.iter(|| backend::verify(Backend::Arkworks, &f.vk, proof, xs).unwrap())
		});
		let pvk = VerifyingKey::<E>::decode(&f.vk).unwrap().prepare();
		let p = Proof::<E>::decode(proof).unwrap();
		let x = decode_inputs(xs).unwrap();
		group.bench_function(BenchmarkId::new("verify_prepared", inputs), |b| {
			b.iter(|| veritas_verifier::verify(&pvk, black_box(&p), &x).unwrap())
		});
		group.bench_function(BenchmarkId::new("decode_key", inputs), |b| {
			b.iter(|| VerifyingKey::<E>::decode(black_box(&f.vk)).unwrap())
		});
		let vk = VerifyingKey::<E>::decode(&f.vk).unwrap();
		group.bench_function(BenchmarkId::new("prepare_key_alpha_beta", inputs), |b| {
			b.iter_batched(|| vk.clone(), |vk| vk.prepare(), BatchSize::SmallInput)
		});
		group.bench_function(BenchmarkId::new("decode_proof", inputs), |b| {
			b.iter(|| Proof::<E>::decode(black_box(proof)).unwrap())
		});
	}
	group.finish();
}

fn batch(c: &mut Criterion) {
	let mut group = c.benchmark_group("batch");
	group.sample_size(10);
	let f = fixture(2, 256, 2);
	for n in [1usize, 8, 64, 256] {
		let entries: Vec<(&[u8], &[PublicInput])> =
			f.proofs[..n].iter().map(|(p, x)| (p.as_slice(), x.as_slice())).collect();
		group.throughput(Throughput::Elements(n as u64));
		group.bench_function(BenchmarkId::from_parameter(n), |b| {
			b.iter(|| {
				let verdicts = backend::verify_batch(Backend::Arkworks, &f.vk, &entries).unwrap();
				assert!(verdicts.iter().all(|v| v.is_valid()));
			})
		});
	}
	group.finish();
}

criterion_group!(benches, single, batch);
criterion_main!(benches);
