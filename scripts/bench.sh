#!/usr/bin/env bash
# Benchmarks whose figures are in the README. Not part of CI.
#
#   scripts/bench.sh verifier   native criterion benches of veritas-verifier (release profile)
#                               and verification inside the runtime wasm (both backends)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$VERITAS_ROOT"
"$VERITAS_ROOT/scripts/setup.sh"

what="${1:-verifier}"
case "$what" in
	verifier)
		say "native: cargo bench -p veritas-verifier"
		cargo bench --locked -p veritas-verifier --bench verify
		say "wasm: verification through VerifierApi in the compiled runtime"
		cargo run --locked -p veritas-runtime --example verifier_wasm_bench
		;;
	*) die "usage: $0 [verifier]" ;;
esac
