//! `veritas-zkml`: the model owner's and operator's side of Veritas.
//!
//! ONNX file → [`onnx::import`] → [`model::FloatModel`] → [`model::QuantizedModel::quantize`]
//! → [`prover::setup`] (proving key kept, verifying key registered on chain) →
//! [`prover::prove`] per job (the reference inference of [`inference`] is the witness) →
//! a 192-byte proof that `veritas-verifier`, on chain or natively ([`prover::verify`]),
//! checks against the input commitment and the output.
//!
//! std only; never part of the runtime.

// Most `+`/`*` here are field operations, which are modular and cannot overflow; the integer
// arithmetic is bounded by the model's interval analysis (`QuantizedModel::new`) or by lengths
// checked beforehand. Indexing stays forbidden: every access is checked.
#![allow(clippy::arithmetic_side_effects)]

pub mod circuit;
pub mod error;
mod file_format;
pub mod inference;
pub mod model;
pub mod onnx;
pub mod prover;
pub mod synthetic;

pub use error::ZkmlError;
pub use model::{FloatModel, QuantizedModel};
