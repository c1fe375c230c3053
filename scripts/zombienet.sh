#!/usr/bin/env bash
# Runs the Veritas local network (zombienet/local.toml: a rococo-local relay with two validators
# and RFC-163 enabled, plus two veritas-node collators) and its smoke test (zombienet/smoke.zndsl).
#
# What it needs, and how this script gets it:
#   - zombienet: the npm package @zombienet/cli, installed into .zombienet/ (no global install).
#   - polkadot, polkadot-prepare-worker, polkadot-execute-worker: the relay-chain node of the same
#     polkadot-sdk release as Veritas (stable2609 = crate `polkadot` 41.0.0), built from
#     crates.io with `cargo install` into .zombienet/bin. This is a long build (about an hour
#     on 2 cores) and happens once.
#   - veritas-node: built from this repository (release profile by default).
#
#   scripts/zombienet.sh            # build what is missing, spawn the network, run the test
#   scripts/zombienet.sh spawn      # only spawn the network (Ctrl-C to stop)
#
# Not part of CI: a relay chain plus two collators is too heavy for a 2-core runner. The
# configuration itself is checked by node/tests/zombienet_config.rs.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$VERITAS_ROOT"

POLKADOT_VERSION="41.0.0"
ZOMBIENET_VERSION="1.3.138"
TOOLS="$VERITAS_ROOT/.zombienet"
PROFILE="${PROFILE:-release}"
MODE="${1:-test}"
case "$MODE" in test | spawn) ;; *) die "usage: $0 [test|spawn]" ;; esac

"$VERITAS_ROOT/scripts/setup.sh"
mkdir -p "$TOOLS/bin"

if [ ! -x "$TOOLS/node_modules/.bin/zombienet" ]; then
	command -v npm >/dev/null || die "npm is needed to install @zombienet/cli (apt install npm)"
	say "installing @zombienet/cli@$ZOMBIENET_VERSION into $TOOLS"
	npm install --prefix "$TOOLS" --no-audit --no-fund "@zombienet/cli@$ZOMBIENET_VERSION"
fi

if [ ! -x "$TOOLS/bin/polkadot" ]; then
	say "building polkadot $POLKADOT_VERSION from crates.io (once; about an hour on 2 cores)"
	cargo install --locked --root "$TOOLS" "polkadot@$POLKADOT_VERSION"
fi

say "building veritas-node (profile $PROFILE)"
cargo build --locked --profile "$PROFILE" -p veritas-node
BIN_DIR=$([ "$PROFILE" = dev ] && echo debug || echo "$PROFILE")
cp "$CARGO_TARGET_DIR/$BIN_DIR/veritas-node" "$TOOLS/bin/veritas-node"

export PATH="$TOOLS/bin:$PATH"
cd "$VERITAS_ROOT/zombienet"
if [ "$MODE" = spawn ]; then
	say "spawning the network; Ctrl-C to stop"
	exec "$TOOLS/node_modules/.bin/zombienet" spawn --provider native local.toml
fi
say "running zombienet/smoke.zndsl"
exec "$TOOLS/node_modules/.bin/zombienet" test --provider native smoke.zndsl
