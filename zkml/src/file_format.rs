//! The header every file of this crate starts with: four magic bytes naming the kind of file,
//! then the format version (u16 little-endian).

use crate::error::ZkmlError;

/// A header for a file of kind `magic` at format `version`.
pub fn header(magic: [u8; 4], version: u16) -> Vec<u8> {
	let mut bytes = magic.to_vec();
	bytes.extend(version.to_le_bytes());
	bytes
}

/// The bytes after a valid header. `what` names the file in errors ("model file"), `kind` is
/// the phrase for a file of another kind ("model file", "proving-key file").
pub fn strip_header<'a>(
	bytes: &'a [u8],
	magic: [u8; 4],
	version: u16,
	what: &'static str,
	kind: &str,
) -> Result<&'a [u8], ZkmlError> {
	let decode = |reason: String| ZkmlError::Decode { what, reason };
	let rest =
		bytes.strip_prefix(&magic[..]).ok_or_else(|| decode(format!("not a Veritas {kind}")))?;
	let (found, rest) = rest.split_first_chunk::<2>().ok_or_else(|| decode("truncated".into()))?;
	let found = u16::from_le_bytes(*found);
	if found != version {
		return Err(decode(format!("format version {found}, this build reads {version}")));
	}
	Ok(rest)
}
