//! How block execution picks its verification backend.
//!
//! Relay validators re-execute every Veritas block in their PVF executor, which provides the
//! RFC-163 BLS12-381 host functions only where the relay's executor parameters say
//! `EnabledHostFunction(EccRfc163)`; elsewhere a block that calls them traps and is invalid. So the
//! runtime reads those parameters from the relay state proof of each block and uses the host calls
//! only where the session validating the block provides them. Governance can override the choice.

use crate::Backend;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// How governance wants the backend chosen (the `VerificationBackend` parameter).
///
/// The codec indexes of `Arkworks` and `HostCalls` are those of the fixed `Backend` the parameter
/// held up to spec version 1000, so a value stored then keeps its meaning. (Spec 1001, which
/// numbered `Auto` first, ran on development chains only.)
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
pub enum BackendPolicy {
	/// Host calls exactly when the relay state proof shows the validating session enables
	/// `EccRfc163`; pure wasm otherwise, including whenever the proof says nothing readable.
	#[default]
	#[codec(index = 2)]
	Auto,
	/// Always pure wasm, whatever the relay says.
	#[codec(index = 0)]
	Arkworks,
	/// Always the host calls: only for a chain whose relay is known to enable `EccRfc163`, or a
	/// chain without relay (the development chain). On any other relay no block that verifies a
	/// proof can be included.
	#[codec(index = 1)]
	HostCalls,
}

impl From<Backend> for BackendPolicy {
	/// The policy that always uses `backend`.
	fn from(backend: Backend) -> Self {
		match backend {
			Backend::Arkworks => BackendPolicy::Arkworks,
			Backend::HostCalls => BackendPolicy::HostCalls,
		}
	}
}

/// What the relay state proof of the current block says of `EccRfc163` in the executor
/// parameters of the session that validates the block (the relay parent's session) and of the
/// session after it.
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
pub enum RelayHostCalls {
	/// The session's executor parameters include `EnabledHostFunction(EccRfc163)`, and no relay
	/// configuration change is scheduled, so the next session's parameters include it too.
	Enabled { session: u32 },
	/// The session's executor parameters are readable and do not include it.
	Disabled { session: u32 },
	/// Nothing readable in the proof decides it: no relay (a development chain), a relay without
	/// executor parameters for the session, a collator that did not include a requested key
	/// (the parameters, or `PendingConfigs` when the parameters enable it), or the first block of
	/// a new session before its key was requested.
	#[default]
	Unknown,
	/// The session's executor parameters are in the proof but do not decode (a relay newer than
	/// this runtime, with parameters it does not know).
	Undecodable { session: u32 },
	/// The session's executor parameters include it, but the relay has a configuration change
	/// scheduled (`Configuration::PendingConfigs` is not empty, or does not decode), so a later
	/// session's parameters are not known. A block built near a session change may be included,
	/// and checked by approval voters or disputes, under the next session's parameters (relay
	/// nodes without polkadot-sdk#9774 take the including block's session), so host calls wait
	/// until the change has applied.
	ChangePending { session: u32 },
}

impl RelayHostCalls {
	/// Whether a block validated under this reading may call the host functions.
	pub fn enabled(self) -> bool {
		matches!(self, RelayHostCalls::Enabled { .. })
	}
}

impl BackendPolicy {
	/// The backend block execution uses under this policy and relay reading.
	pub fn resolve(self, relay: RelayHostCalls) -> Backend {
		match self {
			BackendPolicy::Arkworks => Backend::Arkworks,
			BackendPolicy::HostCalls => Backend::HostCalls,
			BackendPolicy::Auto if relay.enabled() => Backend::HostCalls,
			BackendPolicy::Auto => Backend::Arkworks,
		}
	}
}

/// Which backend verifies proofs now, and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct BackendStatus {
	/// The backend block execution uses.
	pub backend: Backend,
	/// Governance's policy.
	pub policy: BackendPolicy,
	/// What the last block's relay state proof said.
	pub relay: RelayHostCalls,
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn auto_uses_host_calls_only_where_the_relay_enables_them() {
		let readings = [
			(RelayHostCalls::Enabled { session: 3 }, Backend::HostCalls),
			(RelayHostCalls::Disabled { session: 3 }, Backend::Arkworks),
			(RelayHostCalls::Unknown, Backend::Arkworks),
			(RelayHostCalls::Undecodable { session: 3 }, Backend::Arkworks),
			(RelayHostCalls::ChangePending { session: 3 }, Backend::Arkworks),
		];
		for (relay, backend) in readings {
			assert_eq!(BackendPolicy::Auto.resolve(relay), backend, "{relay:?}");
			assert_eq!(BackendPolicy::Arkworks.resolve(relay), Backend::Arkworks);
			assert_eq!(BackendPolicy::HostCalls.resolve(relay), Backend::HostCalls);
		}
	}
}

#[cfg(test)]
mod encoding {
	use super::*;
	use codec::Encode;

	#[test]
	fn fixed_policies_keep_the_encoding_of_the_fixed_backends() {
		assert_eq!(BackendPolicy::Arkworks.encode(), [0]);
		assert_eq!(BackendPolicy::HostCalls.encode(), [1]);
		assert_eq!(BackendPolicy::Auto.encode(), [2]);
		assert_eq!(BackendPolicy::from(Backend::HostCalls), BackendPolicy::HostCalls);
		assert_eq!(BackendPolicy::from(Backend::Arkworks), BackendPolicy::Arkworks);
	}
}
