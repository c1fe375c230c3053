#!/usr/bin/env bash
# Builds veritas-node and the `veritas` command, and runs a single-node development chain: blocks every 3 s (manual seal, no
# relay chain), Alice as collator and sudo, dev accounts funded, state in a temporary directory.
# RPC (WebSocket and HTTP) on 127.0.0.1:9944, for polkadot.js apps, PAPI or subxt.
#
#   scripts/dev.sh                  # dev profile: the same build as scripts/test.sh
#   PROFILE=release scripts/dev.sh  # optimised binary (a long build the first time)
#   scripts/dev.sh --dev-block-time 1000   # extra arguments go to veritas-node
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$VERITAS_ROOT"

"$VERITAS_ROOT/scripts/setup.sh"

PROFILE="${PROFILE:-dev}"
case "$PROFILE" in
	dev) BIN_DIR=debug ;;
	release | production) BIN_DIR="$PROFILE" ;;
	*) die "PROFILE must be dev, release or production, not '$PROFILE'" ;;
esac
if [ -n "${SKIP_WASM_BUILD:-}" ]; then
	die "SKIP_WASM_BUILD is set: the node would have no runtime to run. Unset it."
fi

if [ "$PROFILE" = dev ]; then
	build_workspace
else
	say "building veritas-node and veritas (profile $PROFILE, target dir $CARGO_TARGET_DIR)"
	cargo build --locked --profile "$PROFILE" -p veritas-node -p veritas-cli
fi

say "starting a dev chain; RPC on ws://127.0.0.1:9944 (Ctrl-C to stop)"
exec "$CARGO_TARGET_DIR/$BIN_DIR/veritas-node" --dev --rpc-port 9944 --rpc-cors all "$@"
