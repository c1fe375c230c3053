//! `veritas-client`'s types are generated from `client/metadata.scale`, kept in the repository so
//! the client builds without a node. This test fails when the runtime's metadata has moved on;
//! `scripts/refresh-metadata.sh` rewrites the file. It lives here, not in the client, so that it
//! runs (and refreshes) even while the client no longer compiles against the new runtime.

use std::path::PathBuf;

/// The metadata version the client is generated from.
const METADATA_VERSION: u32 = 16;

fn kept_file() -> PathBuf {
	PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../client/metadata.scale")
}

#[test]
fn the_metadata_kept_in_the_repository_is_the_runtimes() {
	// Building metadata reads parameters from storage: any state will do.
	let metadata = polkadot_sdk::sp_io::TestExternalities::default()
		.execute_with(|| veritas_runtime::Runtime::metadata_at_version(METADATA_VERSION));
	let Some(metadata) = metadata else {
		panic!("the runtime offers no metadata at version {METADATA_VERSION}");
	};
	let current: &[u8] = &metadata;
	if std::env::var_os("VERITAS_REFRESH_METADATA").is_some() {
		std::fs::write(kept_file(), current).unwrap_or_else(|e| panic!("writing metadata: {e}"));
		return;
	}
	let kept = std::fs::read(kept_file()).unwrap_or_default();
	assert!(
		kept == current,
		"client/metadata.scale is not the runtime's metadata: run scripts/refresh-metadata.sh \
		 and commit the result"
	);
}
