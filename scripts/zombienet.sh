#!/usr/bin/env bash
# Runs the Veritas local network and its tests:
#   zombienet/local.toml + smoke.zndsl: a rococo-local relay with two validators and RFC-163
#     enabled, two veritas-node collators; blocks backed and finalized, a job answered with a real
#     proof through the CLI and the daemon (zombienet/market.sh), no candidate rejected.
#   zombienet/local-no-ecc.toml + no-ecc.zndsl: the same on a relay without RFC-163, as every
#     production relay is today: the runtime verifies in pure wasm and blocks keep being finalized.
#   zombienet/local-omni.toml + omni.zndsl: local.toml with the stock polkadot-omni-node as both
#     collators.
#
# What it needs, and how this script gets it (cached outside the clone, in ~/.cache/veritas):
#   - zombienet: the npm package @zombienet/cli, installed into ~/.cache/veritas/zombienet.
#   - polkadot, polkadot-prepare-worker, polkadot-execute-worker: the relay-chain node of the same
#     polkadot-sdk release as Veritas (stable2609 = crate `polkadot` 41.0.0), built from
#     crates.io with `cargo install` into ~/.cache/veritas/zombienet/bin, its build directory kept
#     in ~/.cache/veritas/polkadot-target. A long build (over an hour on 2 cores), once.
#   - polkadot-omni-node (mode omni only): the stock node of the same release (crate
#     polkadot-omni-node 0.24.0), built the same way into the same directories.
#   - veritas-node and veritas: built from this repository (release profile by default).
#
#   scripts/zombienet.sh            # build what is missing, spawn local.toml, run smoke.zndsl
#   scripts/zombienet.sh no-ecc     # the same for local-no-ecc.toml and no-ecc.zndsl
#   scripts/zombienet.sh omni       # the same for local-omni.toml and omni.zndsl
#   scripts/zombienet.sh spawn      # only spawn local.toml (Ctrl-C to stop)
#
# Not part of CI: a relay chain plus two collators is too heavy for a 2-core runner. The
# configuration itself is checked by node/tests/zombienet_config.rs.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$VERITAS_ROOT"

POLKADOT_VERSION="41.0.0"
OMNI_NODE_VERSION="0.24.0"
ZOMBIENET_VERSION="1.3.138"
TOOLS="$HOME/.cache/veritas/zombienet"
PROFILE="${PROFILE:-release}"
MODE="${1:-test}"
case "$MODE" in
test) NETWORK=local.toml TEST=smoke.zndsl ;;
no-ecc) NETWORK=local-no-ecc.toml TEST=no-ecc.zndsl ;;
omni) NETWORK=local-omni.toml TEST=omni.zndsl ;;
spawn) NETWORK=local.toml TEST= ;;
*) die "usage: $0 [test|no-ecc|omni|spawn]" ;;
esac

"$VERITAS_ROOT/scripts/setup.sh"
mkdir -p "$TOOLS/bin"

if [ ! -x "$TOOLS/node_modules/.bin/zombienet" ]; then
	command -v npm >/dev/null || die "npm is needed to install @zombienet/cli (apt install npm)"
	say "installing @zombienet/cli@$ZOMBIENET_VERSION into $TOOLS"
	# @zombienet/utils depends on a git fork of `toml` (github:pepoviola/toml-node), which an
	# install from the npm registry alone cannot fetch; the registry's toml 3.0.0 parses these
	# configurations the same.
	cat >"$TOOLS/package.json" <<-EOF
		{
		  "private": true,
		  "dependencies": { "@zombienet/cli": "$ZOMBIENET_VERSION" },
		  "overrides": { "toml": "3.0.0" }
		}
	EOF
	npm install --prefix "$TOOLS" --no-audit --no-fund
fi

if [ ! -x "$TOOLS/bin/polkadot" ]; then
	say "building polkadot $POLKADOT_VERSION from crates.io (once; over an hour on 2 cores)"
	CARGO_TARGET_DIR="$HOME/.cache/veritas/polkadot-target" \
		cargo install --locked --root "$TOOLS" "polkadot@$POLKADOT_VERSION"
fi

if [ "$MODE" = omni ] && [ ! -x "$TOOLS/bin/polkadot-omni-node" ]; then
	say "building polkadot-omni-node $OMNI_NODE_VERSION from crates.io (once; shares polkadot's build directory)"
	CARGO_TARGET_DIR="$HOME/.cache/veritas/polkadot-target" \
		cargo install --locked --root "$TOOLS" "polkadot-omni-node@$OMNI_NODE_VERSION"
fi

say "building veritas-node and veritas (profile $PROFILE)"
if [ "$PROFILE" = dev ]; then
	build_workspace
else
	cargo build --locked --profile "$PROFILE" -p veritas-node -p veritas-cli
fi
BIN_DIR=$([ "$PROFILE" = dev ] && echo debug || echo "$PROFILE")
cp "$CARGO_TARGET_DIR/$BIN_DIR/veritas-node" "$CARGO_TARGET_DIR/$BIN_DIR/veritas" "$TOOLS/bin/"

# zombienet/market.sh (run by the tests, from a copy in zombienet's directory) needs both.
export PATH="$TOOLS/bin:$PATH" VERITAS_ROOT
cd "$VERITAS_ROOT/zombienet"
if [ "$MODE" = spawn ]; then
	say "spawning the network; Ctrl-C to stop"
	exec "$TOOLS/node_modules/.bin/zombienet" spawn --provider native "$NETWORK"
fi
say "running zombienet/$TEST"
exec "$TOOLS/node_modules/.bin/zombienet" test --provider native "$TEST"
