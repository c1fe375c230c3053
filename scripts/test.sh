#!/usr/bin/env bash
# The whole test suite, as CI runs it: prerequisites, formatting, then every test of every crate,
# including the end-to-end tests that start veritas-node. Fails on the first failing step.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$VERITAS_ROOT"

"$VERITAS_ROOT/scripts/setup.sh"

# The e2e tests run the real runtime: it must be compiled to wasm.
if [ -n "${SKIP_WASM_BUILD:-}" ]; then
	say "unsetting SKIP_WASM_BUILD: the end-to-end tests need the runtime wasm"
	unset SKIP_WASM_BUILD
fi

say "checking formatting"
cargo fmt --all --check || die "code is not formatted: run 'cargo fmt --all'"

# An ignored test is a skipped test; we do not skip tests silently.
if grep -rn --include='*.rs' -E '#\[ignore' -- */src */tests pallets/*/src 2>/dev/null; then
	die "tests marked #[ignore] found (above); run them or delete them"
fi

# Runtime code must never panic: the workspace lints (`unwrap_used`, `expect_used`,
# `indexing_slicing`, `arithmetic_side_effects`, …) are errors for every crate that runs on chain.
say "clippy, warnings denied, on the crates that run on chain"
SKIP_WASM_BUILD=1 cargo clippy --locked -p veritas-primitives -p veritas-verifier -p veritas-bls12-381 \
	-p pallet-models -p pallet-inference -p veritas-runtime -- -D warnings
say "clippy, warnings denied, on the prover, the client, the command line and relay validation"
SKIP_WASM_BUILD=1 cargo clippy --locked -p veritas-zkml -p veritas-client -p veritas-cli \
	-p veritas-relay-validation --all-targets -- -D warnings

# The tour test runs the TypeScript example: its packages, at the versions its lockfile pins,
# and the descriptors `papi` generates from client/metadata.scale. `npm install --no-save`, not
# `npm ci`: the lockfile lists only the platform packages of rollup (a dependency of `papi`)
# that the registry served when it was written, and `npm ci` refuses such a lockfile.
say "installing the TypeScript example's packages and type-checking it"
node_major="$(node --version 2>/dev/null | sed -E 's/^v([0-9]+).*/\1/')"
[ "${node_major:-0}" -ge 20 ] || die "Node.js 20 or later is needed for examples/typescript (found '$(node --version 2>/dev/null || echo none)')"
(cd examples/typescript &&
	npm install --no-save --prefer-offline --no-audit --no-fund --loglevel=error &&
	npm run --silent check)

say "running all tests (target dir $CARGO_TARGET_DIR)"
start=$(date +%s)
build_workspace
cargo test --locked --workspace --no-fail-fast

# Every benchmark runs once as a test in its pallet's mock runtime, so that a benchmark broken by
# a change fails here rather than when weights are next generated.
# The runtime's benchmark setup (helpers that register models and operators, extra pallets) is
# compiled only with `runtime-benchmarks`: check it here, or `scripts/bench.sh weights` breaks
# unnoticed.
say "checking the runtime with runtime-benchmarks"
SKIP_WASM_BUILD=1 cargo check --locked -p veritas-runtime --features runtime-benchmarks

say "running the pallets' benchmarks as tests"
SKIP_WASM_BUILD=1 cargo test --locked -p pallet-models -p pallet-inference \
	--features pallet-models/runtime-benchmarks,pallet-inference/runtime-benchmarks benchmarking
say "all tests passed in $(($(date +%s) - start)) s"
