#!/usr/bin/env bash
# Benchmarks whose figures are in the README. Not part of CI.
#
#   scripts/bench.sh verifier   native criterion benches of veritas-verifier (release profile)
#                               and verification inside the runtime wasm (both backends)
#   scripts/bench.sh weights    frame benchmarks of pallet-models and pallet-inference against the
#                               runtime wasm; writes their weights.rs
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
	weights)
		# Release build: the dev profile leaves the node's storage code unoptimised, which would
		# inflate every weight.
		say "building veritas-node --release with runtime-benchmarks"
		cargo build --locked --release -p veritas-node --features runtime-benchmarks
		bench_node="$CARGO_TARGET_DIR/release/veritas-node"
		for pallet in models inference; do
			say "benchmarking pallet_$pallet"
			"$bench_node" benchmark pallet \
				--chain dev \
				--pallet "pallet_$pallet" \
				--extrinsic '*' \
				--steps "${STEPS:-20}" \
				--repeat "${REPEAT:-10}" \
				--wasm-execution compiled \
				--heap-pages 4096 \
				--template scripts/weight-template.hbs \
				--output "pallets/$pallet/src/weights.rs"
		done
		;;
	*) die "usage: $0 [verifier|weights]" ;;
esac
