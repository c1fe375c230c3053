//! Each step of a pure-wasm Groth16 verification as an exported function that repeats it
//! `n` times, for `profile.py` (`scripts/bench.sh wasm-profile`) to time in a wasm engine. The
//! curve (`veritas-bls12-381`, what the pure-wasm backend runs), the verifier and the
//! optimisation profile are the runtime's; no host function is imported. Steps ending in
//! `_arkworks` time arkworks' own fields for comparison.

#![no_std]
#![allow(
	unused_variables,
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::unwrap_used
)]

extern crate alloc;

use alloc::vec::Vec;
use ark_bls12_381::Fr;
use ark_ec::{
	pairing::{Pairing, PairingOutput},
	AffineRepr, CurveGroup, PrimeGroup,
};
use ark_ff::{AdditiveGroup, Field, PrimeField, Zero};
use core::hint::black_box;
use veritas_bls12_381::{Bls12_381, Fq, Fq12};
use veritas_verifier::{
	commitment::commit_input,
	fixtures::{TOY_MODEL_INPUT, TOY_MODEL_OUTPUT, TOY_MODEL_PROOF, TOY_MODEL_VK},
	PreparedVerifyingKey, Proof, PublicInput, Statement, VerifyingKey,
};

type E = Bls12_381;

mod allocator {
	//! A bump allocator over the module's linear memory, reset between measurements.
	use core::{
		alloc::{GlobalAlloc, Layout},
		cell::UnsafeCell,
	};

	const HEAP: usize = 64 << 20;

	pub struct Bump {
		heap: UnsafeCell<[u8; HEAP]>,
		next: UnsafeCell<usize>,
	}

	// The module is single-threaded.
	unsafe impl Sync for Bump {}

	impl Bump {
		pub const fn new() -> Self {
			Self { heap: UnsafeCell::new([0; HEAP]), next: UnsafeCell::new(0) }
		}

		/// Where the next allocation goes: pass it to [`Self::reset_to`] to free what came after.
		pub fn mark(&self) -> usize {
			unsafe { *self.next.get() }
		}

		pub fn reset_to(&self, mark: usize) {
			unsafe { *self.next.get() = mark }
		}
	}

	unsafe impl GlobalAlloc for Bump {
		unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
			let next = &mut *self.next.get();
			let start = (*next + layout.align() - 1) & !(layout.align() - 1);
			if start + layout.size() > HEAP {
				return core::ptr::null_mut();
			}
			*next = start + layout.size();
			(self.heap.get() as *mut u8).add(start)
		}

		unsafe fn dealloc(&self, _: *mut u8, _: Layout) {}
	}
}

#[global_allocator]
static ALLOCATOR: allocator::Bump = allocator::Bump::new();

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
	core::arch::wasm32::unreachable()
}

struct Setup {
	key: PreparedVerifyingKey<E>,
	trusted_key: Vec<u8>,
	proof: Proof<E>,
	inputs: Vec<PublicInput>,
	fields: Vec<Fr>,
}

fn setup() -> Setup {
	let key = VerifyingKey::<E>::decode(TOY_MODEL_VK).unwrap().prepare();
	let statement = Statement::from_output_bytes(
		veritas_verifier::encoding::encode_input(&commit_input(TOY_MODEL_INPUT)),
		TOY_MODEL_OUTPUT,
		15,
	)
	.unwrap();
	let inputs = statement.public_inputs();
	let fields = statement.public_field_elements().unwrap();
	let proof = Proof::<E>::decode(TOY_MODEL_PROOF).unwrap();
	Setup { trusted_key: key.to_trusted_bytes(), key, proof, inputs, fields }
}

/// Runs `step` `n` times, freeing what each run allocated; returns 1 if its last result was as
/// expected.
fn repeat(n: u32, mut step: impl FnMut() -> bool) -> u32 {
	let mark = ALLOCATOR.mark();
	let mut ok = true;
	for _ in 0..n {
		ok = black_box(step());
		ALLOCATOR.reset_to(mark);
	}
	u32::from(ok)
}

macro_rules! steps {
	($($(#[$doc:meta])* $name:ident => |$s:ident| $body:expr;)*) => {
		$(
			$(#[$doc])*
			#[no_mangle]
			pub extern "C" fn $name(n: u32) -> u32 {
				let mark = ALLOCATOR.mark();
				let $s = setup();
				let result = repeat(n, || $body);
				drop($s);
				ALLOCATOR.reset_to(mark);
				result
			}
		)*
	};
}

fn sample_fq() -> Fq {
	Fq::from(0x1234_5678_9abc_def0u64).pow([7u64]) + Fq::from(3u64)
}

/// A 128-bit scalar, the width of the batch's random coefficients.
fn scalar_128() -> Fr {
	Fr::from(0x9e37_79b9_7f4a_7c15_f39c_c060_5ced_c834u128)
}

steps! {
	/// Setup alone (decode the key and proof, commit the input): subtract from every step.
	setup_only => |s| black_box(&s.proof).a.is_on_curve();
	/// 1,000 base-field multiplications.
	fq_mul_x1000 => |s| {
		let mut x = sample_fq();
		let y = x.square();
		for _ in 0..1000 {
			x *= y;
		}
		!black_box(x).is_zero()
	};
	/// The same with arkworks' base field (6 limbs of 64 bits), which the pure-wasm backend used
	/// before `veritas-bls12-381`.
	fq_mul_x1000_arkworks => |s| {
		let mut x = ark_bls12_381::Fq::from(0x1234_5678_9abc_def0u64).pow([7u64]);
		let y = x.square();
		for _ in 0..1000 {
			x *= y;
		}
		!black_box(x).is_zero()
	};
	/// 1,000 base-field additions and subtractions.
	fq_add_x1000 => |s| {
		let mut x = sample_fq();
		let y = x.square();
		for _ in 0..500 {
			x += y;
			x -= black_box(y.double());
		}
		!black_box(x).is_zero()
	};
	/// The same with arkworks' base field.
	fq_add_x1000_arkworks => |s| {
		let mut x = ark_bls12_381::Fq::from(0x1234_5678_9abc_def0u64).pow([7u64]);
		let y = x.square();
		for _ in 0..500 {
			x += y;
			x -= black_box(y.double());
		}
		!black_box(x).is_zero()
	};
	/// An inversion in the target field (one per final exponentiation).
	fq12_inverse => |s| black_box(s.key.alpha_g1_beta_g2.0).inverse().is_some();
	/// 10 cyclotomic squarings in the target field (most of a final exponentiation).
	fq12_cyclotomic_square_x10 => |s| {
		use ark_ff::CyclotomicMultSubgroup;
		let mut x = black_box(s.key.alpha_g1_beta_g2.0);
		for _ in 0..10 { x.cyclotomic_square_in_place(); }
		x != Fq12::ONE
	};
	/// 10 target-field multiplications.
	fq12_mul_x10 => |s| {
		let mut x = black_box(s.key.alpha_g1_beta_g2.0);
		let y = x;
		for _ in 0..10 { x *= y; }
		x != Fq12::ONE
	};
	/// The same with arkworks' fields.
	fq12_mul_x10_arkworks => |s| {
		let mut x = black_box(veritas_bls12_381::fq12_to_arkworks(s.key.alpha_g1_beta_g2.0));
		let y = x;
		for _ in 0..10 { x *= y; }
		x != ark_bls12_381::Fq12::ONE
	};
	/// The same with arkworks' fields.
	fq12_cyclotomic_square_x10_arkworks => |s| {
		use ark_ff::CyclotomicMultSubgroup;
		let mut x = black_box(veritas_bls12_381::fq12_to_arkworks(s.key.alpha_g1_beta_g2.0));
		for _ in 0..10 { x.cyclotomic_square_in_place(); }
		x != ark_bls12_381::Fq12::ONE
	};
	/// 1,000 multiplications in the quadratic extension.
	fq2_mul_x1000 => |s| {
		let mut x = black_box(s.key.alpha_g1_beta_g2.0.c0.c0);
		let y = s.key.alpha_g1_beta_g2.0.c0.c1;
		for _ in 0..1000 { x *= y; }
		!x.is_zero()
	};
	/// The same with arkworks' fields.
	fq2_mul_x1000_arkworks => |s| {
		let a = veritas_bls12_381::fq12_to_arkworks(s.key.alpha_g1_beta_g2.0);
		let mut x = black_box(a.c0.c0);
		let y = a.c0.c1;
		for _ in 0..1000 { x *= y; }
		!x.is_zero()
	};
	/// A base-field square root (G1 decompression).
	fq_sqrt => |s| veritas_bls12_381::fq::sqrt(&black_box(sample_fq().square())).is_some();
	/// A quadratic-extension square root (G2 decompression).
	fq2_sqrt => |s| veritas_bls12_381::towers::fq2_sqrt(&black_box(s.proof.b.y.square())).is_some();
	/// Decoding a compressed proof: two G1 and one G2 decompressions, subgroup checks,
	/// re-encoding for canonicity.
	decode_proof => |s| Proof::<E>::decode(black_box(TOY_MODEL_PROOF)).is_ok();
	/// The G1 subgroup check of one point.
	g1_subgroup => |s| black_box(s.proof.a).is_in_correct_subgroup_assuming_on_curve();
	/// The G2 subgroup check of one point.
	g2_subgroup => |s| black_box(s.proof.b).is_in_correct_subgroup_assuming_on_curve();
	/// Line coefficients of one G2 point for the Miller loop.
	g2_prepare => |s| {
		let p = <E as Pairing>::G2Prepared::from(black_box(s.proof.b));
		!p.ell_coeffs.is_empty()
	};
	/// Reading a registered key from storage bytes (includes preparing −γ and −δ).
	key_from_trusted_bytes => |s| {
		PreparedVerifyingKey::<E>::from_trusted_bytes(black_box(&s.trusted_key)).is_ok()
	};
	/// The public inputs' point with arkworks' Pippenger MSM over the key's 16 `γ_abc` points.
	inputs_msm_pippenger => |s| {
		use ark_ec::VariableBaseMSM;
		let (first, rest) = s.key.vk.gamma_abc_g1.split_first().unwrap();
		let sum = <E as Pairing>::G1::msm(rest, black_box(&s.fields)).unwrap() + first;
		!sum.into_affine().is_zero()
	};
	/// The same with the verifier's interleaved MSM.
	inputs_msm => |s| {
		use veritas_verifier::Engine;
		let (first, rest) = s.key.vk.gamma_abc_g1.split_first().unwrap();
		let sum = E::g1_msm(rest, black_box(&s.fields)).unwrap() + first;
		!sum.into_affine().is_zero()
	};
	/// One 128-bit scalar multiplication in G1 (a batch's `r·A`), double-and-add.
	g1_mul_128_plain => |s| !black_box(s.proof.a).mul_bigint(scalar_128().into_bigint()).is_zero();
	/// The same with width-5 NAF digits.
	g1_mul_128 => |s| {
		use veritas_verifier::Engine;
		E::g1_mul(black_box(&s.proof.a), &scalar_128()).is_some_and(|p| !p.is_zero())
	};
	/// A Miller loop over three prepared pairs.
	miller_loop_3 => |s| {
		let b = <E as Pairing>::G2Prepared::from(s.proof.b);
		let f = E::multi_miller_loop(
			[s.proof.a, s.proof.c, s.key.vk.alpha_g1],
			[b, s.key.gamma_g2_neg.clone(), s.key.delta_g2_neg.clone()],
		);
		f.0 != Fq12::ONE
	};
	/// A Miller loop over one prepared pair.
	miller_loop_1 => |s| {
		let f = E::multi_miller_loop([s.proof.a], [s.key.gamma_g2_neg.clone()]);
		f.0 != Fq12::ONE
	};
	/// The final exponentiation.
	final_exponentiation => |s| {
		let f = E::multi_miller_loop([s.proof.a], [s.key.gamma_g2_neg.clone()]);
		E::final_exponentiation(f).is_some()
	};
	/// `e(α, β)^s` for a 128-bit `s` (the batch's right-hand side, per key).
	gt_exp_128 => |s| {
		let out: PairingOutput<E> = black_box(s.key.alpha_g1_beta_g2) * scalar_128();
		out != PairingOutput::<E>::generator()
	};
	/// `verify_prepared` as block execution calls it: key from storage bytes, proof bytes.
	verify_prepared => |s| {
		veritas_verifier::backend::verify_prepared(
			veritas_verifier::Backend::Arkworks,
			&s.trusted_key,
			TOY_MODEL_PROOF,
			&s.inputs,
		) == Ok(true)
	};
	/// A batch of 16 decoded proofs under a prepared key: the combination alone.
	combination_16 => |s| {
		let entries: Vec<(Proof<E>, Vec<Fr>)> =
			(0..16).map(|_| (s.proof.clone(), s.fields.clone())).collect();
		veritas_verifier::verify_batch(&s.key, &entries).is_ok_and(|v| v.iter().all(|ok| *ok))
	};
	/// A batch of 2 decoded proofs under a prepared key: the combination alone.
	combination_2 => |s| {
		let entries: Vec<(Proof<E>, Vec<Fr>)> =
			(0..2).map(|_| (s.proof.clone(), s.fields.clone())).collect();
		veritas_verifier::verify_batch(&s.key, &entries).is_ok_and(|v| v.iter().all(|ok| *ok))
	};
	/// The batch's Fiat–Shamir scalars for 16 proofs.
	batch_scalars_16 => |s| {
		let entries: Vec<(Proof<E>, Vec<Fr>)> =
			(0..16).map(|_| (s.proof.clone(), s.fields.clone())).collect();
		veritas_verifier::batch_scalars(&[(&s.key.vk, entries.as_slice())]).len() == 16
	};
	/// A batch of 16 proofs under the registered key.
	verify_batch_16 => |s| {
		let entries: Vec<(&[u8], &[PublicInput])> =
			(0..16).map(|_| (TOY_MODEL_PROOF, s.inputs.as_slice())).collect();
		veritas_verifier::backend::verify_batch_prepared(
			veritas_verifier::Backend::Arkworks,
			&s.trusted_key,
			&entries,
		)
		.is_ok_and(|v| v.iter().all(|v| v.is_valid()))
	};
}

/// Room for the caller's bytes (a key, a proof, a job's input and output), kept until the next
/// measurement; see [`verify_model`].
#[no_mangle]
pub extern "C" fn alloc_bytes(len: u32) -> *mut u8 {
	let mut bytes = alloc::vec![0u8; len as usize];
	let pointer = bytes.as_mut_ptr();
	core::mem::forget(bytes);
	pointer
}

/// Verifies a model's proof `n` times as block execution does (`verify_prepared` against the
/// key as registration stores it), with the bytes the caller wrote through [`alloc_bytes`]:
/// the model's compressed verifying key, the proof, the job input and its output. Returns 1 if
/// the proof verified.
///
/// # Safety
/// Each pointer and length must describe bytes returned by [`alloc_bytes`].
#[no_mangle]
pub unsafe extern "C" fn verify_model(
	n: u32,
	key: *const u8,
	key_len: u32,
	proof: *const u8,
	input: *const u8,
	input_len: u32,
	output: *const u8,
	output_len: u32,
) -> u32 {
	use veritas_verifier::{backend, Backend, PROOF_SIZE, PUBLIC_INPUT_SIZE};
	let bytes = |pointer: *const u8, len: u32| core::slice::from_raw_parts(pointer, len as usize);
	let (key, proof) = (bytes(key, key_len), bytes(proof, PROOF_SIZE as u32));
	let (input, output) = (bytes(input, input_len), bytes(output, output_len));
	let mark = ALLOCATOR.mark();
	let prepared = backend::prepare_vk(Backend::Arkworks, key).unwrap();
	let commitment = veritas_verifier::encoding::encode_input(&commit_input(input));
	let elements = (output.len() / PUBLIC_INPUT_SIZE) as u32;
	let inputs =
		Statement::from_output_bytes(commitment, output, elements).unwrap().public_inputs();
	let result = repeat(n, || {
		backend::verify_prepared(Backend::Arkworks, &prepared, proof, &inputs) == Ok(true)
	});
	drop((prepared, inputs));
	ALLOCATOR.reset_to(mark);
	result
}
