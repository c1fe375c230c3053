#!/usr/bin/env bash
# Rewrites client/metadata.scale from the runtime (natively, no node needed): the metadata the
# Rust client's types are generated from. Run it after changing a call, an event, a storage item
# or a runtime API, and commit the result.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$VERITAS_ROOT"

say "writing client/metadata.scale from the runtime"
# `--workspace`: the features the workspace build unifies, so nothing is compiled twice.
VERITAS_REFRESH_METADATA=1 cargo test --locked --workspace --test client_metadata -q
say "regenerating the TypeScript example's descriptors from it (examples/typescript)"
# `papi` rewrites the descriptors' package version; `npm install` records it in the lockfile.
(cd examples/typescript && npm install --no-audit --no-fund --loglevel=error)
say "done: $(wc -c < client/metadata.scale) bytes; rebuild the client and commit the file and examples/typescript's lockfile"
