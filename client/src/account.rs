//! Signing accounts: a secret URI (`//Alice` for the dev accounts, a mnemonic, a hex seed, with
//! optional `//hard/soft` derivations) given inline or read from a key file, and the account's
//! next nonce, kept here so concurrent submissions from one account never reuse one.

use crate::error::{Error, Result};
use std::{path::Path, str::FromStr};
use subxt::utils::AccountId32;
use subxt_signer::{sr25519::Keypair, SecretUri};
use tokio::sync::Mutex;

/// An sr25519 account that signs transactions.
pub struct Account {
	pub(crate) keypair: Keypair,
	/// The nonce the next transaction uses; `None` until read from the chain, and again after a
	/// transaction was refused or dropped (the chain's count is then the truth).
	pub(crate) next_nonce: Mutex<Option<u64>>,
}

impl Account {
	/// From a secret URI: `//Alice`, `bottom drive obey lake … //Veritas`, `0x<seed>`.
	pub fn from_uri(uri: &str) -> Result<Self> {
		let uri = SecretUri::from_str(uri.trim())
			.map_err(|e| Error::Account(format!("not a secret URI: {e}")))?;
		let keypair =
			Keypair::from_uri(&uri).map_err(|e| Error::Account(format!("bad secret: {e}")))?;
		Ok(Self::from_keypair(keypair))
	}

	/// From a key file holding a secret URI (a mnemonic or `0x` seed, as `subkey generate`
	/// prints). Refuses files other users can read: the key controls the account's funds.
	pub fn from_key_file(path: &Path) -> Result<Self> {
		let shown = path.display();
		#[cfg(unix)]
		{
			use std::os::unix::fs::PermissionsExt;
			let mode = std::fs::metadata(path)
				.map_err(|e| Error::Account(format!("{shown}: {e}")))?
				.permissions()
				.mode();
			if mode & 0o077 != 0 {
				return Err(Error::Account(format!(
					"{shown} can be read by other users (mode {:o}); run `chmod 600 {shown}`",
					mode & 0o777
				)));
			}
		}
		let text =
			std::fs::read_to_string(path).map_err(|e| Error::Account(format!("{shown}: {e}")))?;
		Self::from_uri(&text).map_err(|e| Error::Account(format!("{shown}: {e}")))
	}

	/// One of the development accounts (`alice`, `bob`, …), funded on dev chains.
	pub fn dev(name: &str) -> Result<Self> {
		let mut chars = name.chars();
		let capitalised: String =
			chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default();
		Self::from_uri(&format!("//{capitalised}"))
	}

	pub fn from_keypair(keypair: Keypair) -> Self {
		Self { keypair, next_nonce: Mutex::new(None) }
	}

	pub fn account_id(&self) -> AccountId32 {
		self.keypair.public_key().to_account_id()
	}

	pub fn keypair(&self) -> &Keypair {
		&self.keypair
	}
}
