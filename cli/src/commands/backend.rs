//! `veritas backend`: which verification backend the chain uses now, and why (chain operators).

use crate::{Cli, Error};
use serde_json::{json, Value};
use veritas_client::{Backend, BackendPolicy, BackendStatus, RelayHostCalls};

pub async fn run(cli: &Cli) -> Result<Value, Error> {
	let status = cli.client().await?.backend_status().await?;
	Ok(report(&status))
}

/// The backend, the policy, the relay reading and a sentence saying why.
fn report(status: &BackendStatus) -> Value {
	let backend = match status.backend {
		Backend::Arkworks => "arkworks",
		Backend::HostCalls => "host-calls",
	};
	let (policy, why) = match status.policy {
		BackendPolicy::Auto => ("auto", relay_reason(&status.relay)),
		BackendPolicy::Arkworks => {
			("arkworks", "governance forces pure wasm, whatever the relay says".to_string())
		}
		BackendPolicy::HostCalls => (
			"host-calls",
			"governance forces the host calls: blocks that verify a proof are valid only on a \
			 relay that enables EccRfc163"
				.to_string(),
		),
	};
	let (relay, session) = match status.relay {
		RelayHostCalls::Enabled { session } => ("enabled", Some(session)),
		RelayHostCalls::Disabled { session } => ("disabled", Some(session)),
		RelayHostCalls::Unknown => ("unknown", None),
		RelayHostCalls::Undecodable { session } => ("undecodable", Some(session)),
		RelayHostCalls::ChangePending { session } => ("change-pending", Some(session)),
	};
	json!({
		"backend": backend,
		"policy": policy,
		"relay": relay,
		"relay_session": session,
		"why": why,
	})
}

/// Why `Auto` chose what it chose.
fn relay_reason(relay: &RelayHostCalls) -> String {
	match relay {
		RelayHostCalls::Enabled { session } => format!(
			"relay session {session} enables EccRfc163 and no relay configuration change is pending"
		),
		RelayHostCalls::Disabled { session } => {
			format!("relay session {session} validates without EccRfc163")
		}
		RelayHostCalls::Unknown => "nothing in the relay state proof decides it (no relay, no \
		                            executor parameters for the session, or a collator that left \
		                            out a key the runtime asked for)"
			.to_string(),
		RelayHostCalls::Undecodable { session } => format!(
			"relay session {session}'s executor parameters do not decode (a relay newer than this \
			 runtime)"
		),
		RelayHostCalls::ChangePending { session } => format!(
			"relay session {session} enables EccRfc163, but a relay configuration change is \
			 pending: the host calls wait until it applies"
		),
	}
}
