//! Veritas blocks validated the way relay validators validate them.
//!
//! A relay validator never runs the collator's executor: it takes the candidate's PoV and runs the
//! parachain's `validate_block` in the PVF executor (`polkadot-node-core-pvf-common`: prevalidate,
//! prepare, execute), with a restricted set of host functions that the relay's executor parameters
//! extend (`EnabledHostFunction(EccRfc163)` adds the BLS12-381 calls). This crate rebuilds both
//! sides in-process:
//!
//! - [`chain::Chain`] builds real Veritas blocks from the compiled runtime, as a collator does:
//!   proof recording, the parachain inherent over a relay state proof ([`relay::Relay`]) that holds
//!   what the runtime asked for, the timestamp inherent, and an Aura seal by the slot's author.
//! - [`pvf::RelayValidator`] prepares the runtime and executes `validate_block` on each block's PoV
//!   with the relay's executor semantics, with or without `EccRfc163`.
//! - [`market`] sets up the inference market in real blocks and answers jobs with real proofs.
//!
//! `tests/relay_validation.rs` checks which blocks relay validators accept; the `relay-limits`
//! binary reports PoV size and validation time of full blocks against the relay's limits.

pub mod chain;
pub mod market;
pub mod pvf;
pub mod relay;

/// What can go wrong building or validating a block; the message names the step.
#[derive(Debug)]
pub struct Error(pub String);

impl core::fmt::Display for Error {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		f.write_str(&self.0)
	}
}

impl std::error::Error for Error {}

/// Wraps any displayable error with what was being done.
pub(crate) fn context<E: core::fmt::Display>(what: &str) -> impl FnOnce(E) -> Error + '_ {
	move |error| Error(format!("{what}: {error}"))
}

pub type Result<T> = core::result::Result<T, Error>;
