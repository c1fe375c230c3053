//! What can go wrong talking to a Veritas node, named so a person can act on it.

use veritas_verifier::fixed_point::FixedPointError;

/// A client error.
#[derive(Debug, thiserror::Error)]
pub enum Error {
	/// No node answers at the URL, or the connection broke.
	#[error("cannot reach a Veritas node at {url}: {reason}")]
	Unreachable { url: String, reason: String },
	/// The chain executed the transaction and it failed: `pallet::error`, with the pallet's
	/// explanation.
	#[error("{pallet}::{error}: {docs}")]
	Dispatch { pallet: String, error: String, docs: String },
	/// The chain failed the transaction with an error outside any pallet (bad origin, funds…).
	#[error("the transaction failed: {0}")]
	DispatchOther(String),
	/// The transaction pool refused the transaction, or dropped it before it was included.
	#[error("the transaction was not included: {0}")]
	NotIncluded(String),
	#[error("model {0} does not exist")]
	UnknownModel(u32),
	#[error("model {model} is {status}, not active: it takes no jobs")]
	ModelNotActive { model: u32, status: &'static str },
	#[error("job {0} does not exist (never submitted, or finished and cleared)")]
	UnknownJob(u64),
	#[error("{account} is not a registered operator")]
	NotAnOperator { account: String },
	/// The input does not have the model's number of elements.
	#[error("model {model} takes {expected} input values, the input has {got}")]
	InputElements { model: u32, expected: usize, got: usize },
	/// The model's record does not describe a fixed-point input (`input_len` is not two bytes per
	/// element of `input_shape`), so values cannot be encoded for it.
	#[error("model {model} declares {input_len} input bytes for {elements} elements: not the fixed-point format, so this client cannot encode its inputs")]
	NotFixedPoint { model: u32, input_len: u32, elements: u32 },
	#[error(transparent)]
	Format(#[from] FixedPointError),
	/// The transaction succeeded but did not emit the event it should have.
	#[error("the transaction emitted no {0} event")]
	MissingEvent(&'static str),
	#[error("bad account: {0}")]
	Account(String),
	/// The node runs a runtime whose calls or types differ from the ones this client was built
	/// for, or some other protocol-level failure.
	#[error("{0}")]
	Protocol(String),
}

impl Error {
	/// Whether the chain executed the transaction and its rules refused it: sending it again
	/// would fail again. Anything else (a broken connection, a dropped transaction, a failure to
	/// read the outcome) leaves the transaction's fate unknown and worth retrying.
	pub fn is_refusal(&self) -> bool {
		matches!(self, Self::Dispatch { .. } | Self::DispatchOther(_))
	}

	/// The dispatch error's variant, for `Dispatch` errors (`"NotAssigned"`, …).
	pub fn dispatch_error(&self) -> Option<&str> {
		match self {
			Self::Dispatch { error, .. } => Some(error),
			_ => None,
		}
	}
}

/// Converts any subxt error, decoding a failed transaction's dispatch error to its pallet and
/// variant and telling connection failures apart.
pub(crate) fn from_subxt(url: &str, error: impl Into<subxt::Error>) -> Error {
	let error: subxt::Error = error.into();
	if let Some(dispatch) = find_dispatch_error(&error) {
		return from_dispatch(dispatch);
	}
	let text = error.to_string();
	if error.is_disconnected_will_reconnect() || looks_like_connection_error(&text) {
		return Error::Unreachable { url: url.to_string(), reason: text };
	}
	let lower = text.to_ascii_lowercase();
	if ["not valid", "dropped", "invalid", "priority", "banned", "stale", "future"]
		.iter()
		.any(|needle| lower.contains(needle))
	{
		return Error::NotIncluded(text);
	}
	Error::Protocol(text)
}

fn looks_like_connection_error(text: &str) -> bool {
	let text = text.to_ascii_lowercase();
	["connection", "disconnected", "restart required", "background task closed", "i/o error"]
		.iter()
		.any(|needle| text.contains(needle))
}

fn find_dispatch_error(error: &subxt::Error) -> Option<&subxt::error::DispatchError> {
	use subxt::error::{
		TransactionEventsError as Events, TransactionFinalizedSuccessError as Finalized,
	};
	match error {
		subxt::Error::TransactionEventsError(Events::ExtrinsicFailed(e)) => Some(e),
		subxt::Error::TransactionFinalizedSuccessError(Finalized::SuccessError(
			Events::ExtrinsicFailed(e),
		)) => Some(e),
		_ => None,
	}
}

pub(crate) fn from_dispatch(error: &subxt::error::DispatchError) -> Error {
	match error {
		subxt::error::DispatchError::Module(module) => match module.details() {
			Ok(details) => Error::Dispatch {
				pallet: details.pallet.name().to_string(),
				error: details.variant.name.clone(),
				docs: details.variant.docs.join(" "),
			},
			Err(_) => Error::DispatchOther(module.to_string()),
		},
		other => Error::DispatchOther(other.to_string()),
	}
}

/// The error `error` of the pallet at `pallet_index`, named from the metadata.
pub(crate) fn module_error(metadata: &subxt::Metadata, pallet_index: u8, error: u8) -> Error {
	let named = metadata.pallet_by_error_index(pallet_index).and_then(|pallet| {
		pallet.error_variant_by_index(error).map(|variant| Error::Dispatch {
			pallet: pallet.name().to_string(),
			error: variant.name.clone(),
			docs: variant.docs.join(" "),
		})
	});
	named.unwrap_or_else(|| Error::DispatchOther(format!("pallet {pallet_index}, error {error}")))
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
