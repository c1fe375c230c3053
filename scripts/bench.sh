#!/usr/bin/env bash
# Benchmarks whose figures are in the README. Not part of CI.
#
#   scripts/bench.sh verifier   native criterion benches of veritas-verifier (release profile)
#                               and verification inside the runtime wasm (both backends)
#   scripts/bench.sh wasm-profile [MODEL_DIR…]
#                               each step of a pure-wasm verification (decoding, MSMs, Miller
#                               loop, final exponentiation, …) timed in wasmtime; with model
#                               directories (vk.bin, proof/), each model's verification
#   scripts/bench.sh plot       docs/img/*.svg from the data beside them (scripts/plot.py)
#   scripts/bench.sh weights    frame benchmarks of pallet-models and pallet-inference against the
#                               runtime wasm, writing their weights.rs; then of the SDK pallets whose
#                               weights the runtime keeps in runtime/src/weights/ (pallet_xcm,
#                               pallet_session, pallet_collator_selection, cumulus_pallet_xcmp_queue,
#                               cumulus_pallet_weight_reclaim, pallet_parameters and the governance
#                               pallets: scheduler, preimage, referenda, conviction_voting, treasury)
#   scripts/bench.sh weights models inference
#                               only the named Veritas pallets (after a change to one of them)
#   scripts/bench.sh weights sdk [pallet_scheduler ...]
#                               only the SDK pallets (all of them, or the named ones)
#   scripts/bench.sh zkml       veritas-zkml (release): constraints, setup, prove, verify, sizes and
#                               peak memory for digits, 784-128-10 and the ~1M-parameter MLP
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$VERITAS_ROOT"
what="${1:-verifier}"
# Plotting needs Python alone, not the toolchains setup.sh installs.
[ "$what" = plot ] || "$VERITAS_ROOT/scripts/setup.sh"

# A virtualenv for the Python packages the figures need, created on first use; prints its
# interpreter. Both packages ship binary wheels: nothing is compiled.
python_venv() {
	local venv="${VERITAS_VENV:-$HOME/.cache/veritas/bench-venv}"
	# Installed at the pinned version, or (re)installed: the committed figures depend on it.
	if ! "$venv/bin/python" -c 'import importlib.metadata as m, sys; n, v = sys.argv[1].split("=="); sys.exit(m.version(n) != v)' "$1" >/dev/null 2>&1; then
		say "installing $1 into $venv" >&2
		python3 -m venv "$venv" >&2 || die "python3 cannot create a virtualenv: install python3-venv (apt)"
		"$venv/bin/pip" install --quiet "$1" >&2 || die "pip could not install $1 into $venv"
	fi
	echo "$venv/bin/python"
}

case "$what" in
	verifier)
		say "native: cargo bench -p veritas-verifier"
		cargo bench --locked -p veritas-verifier --bench verify
		say "wasm: verification through VerifierApi in the compiled runtime"
		cargo run --locked -p veritas-runtime --example verifier_wasm_bench
		;;
	wasm-profile)
		# A module of its own (verifier/wasm-profile) rather than the runtime: each step is an
		# export, so a change to one step is measured in seconds, without a runtime build.
		say "building verifier/wasm-profile for wasm32v1-none (optimised as a production runtime)"
		(cd verifier/wasm-profile && cargo build --locked --release --target wasm32v1-none)
		# wasmtime, the engine collators and relay validators run the runtime with. Model
		# directories (vk.bin and proof/, as `veritas-zkml setup` and `prove` write them) time
		# each model's verification instead.
		shift
		# Assigned first: `set -e` does not see a failure inside a command's arguments.
		python="$(python_venv wasmtime==50.0.1)"
		"$python" verifier/wasm-profile/profile.py \
			"$CARGO_TARGET_DIR/wasm32v1-none/release/veritas_verifier_wasm_profile.wasm" "$@"
		;;
	plot)
		python="$(python_venv matplotlib==3.11.2)"
		"$python" scripts/plot.py
		;;
	weights)
		# Release build: the dev profile leaves the node's storage code unoptimised, which would
		# inflate every weight.
		say "building veritas-node --release with runtime-benchmarks"
		cargo build --locked --release -p veritas-node --features runtime-benchmarks
		bench_node="$CARGO_TARGET_DIR/release/veritas-node"
		# SDK pallets configured by the runtime: their weights are measured on this runtime (its
		# storage layout, its XCM configuration) rather than taken from the SDK's reference one.
		sdk=(pallet_xcm pallet_session pallet_collator_selection cumulus_pallet_xcmp_queue
			cumulus_pallet_weight_reclaim pallet_parameters pallet_scheduler pallet_preimage
			pallet_referenda pallet_conviction_voting pallet_treasury)
		ours=("${@:2}")
		if [ "${2:-}" = sdk ]; then
			ours=()
			[ $# -gt 2 ] && sdk=("${@:3}")
		elif [ ${#ours[@]} -eq 0 ]; then
			ours=(models inference)
		fi
		for pallet in "${ours[@]}"; do
			[ -d "pallets/$pallet" ] || die "no pallet 'pallets/$pallet' to benchmark"
			say "benchmarking pallet_$pallet"
			# The CLI charges a call the proof size of the largest storage item it reads; a
			# second, short run at component value 2 lets `sum-proof-sizes.py` charge the sum.
			# Both write to scratch files: weights.rs changes only once the sum is in.
			full="$(mktemp)"
			low="$(mktemp)"
			trap 'rm -f "$full" "$low"' EXIT
			for run in full low; do
				if [ "$run" = full ]; then
					range=(--steps "${STEPS:-20}" --repeat "${REPEAT:-10}")
					out="$full"
				else
					say "pallet_$pallet: reads at component value 2"
					# Also runs a backend switch (`w`, range [0, 1]) at 2, which the benchmarks
					# read as host calls; the script takes such components from the full run.
					range=(--steps 2 --repeat 1 --high 2)
					out="$low"
				fi
				"$bench_node" benchmark pallet \
					--chain dev \
					--pallet "pallet_$pallet" \
					--extrinsic '*' \
					"${range[@]}" \
					--wasm-execution compiled \
					--heap-pages 4096 \
					--template scripts/weight-template.hbs \
					--output "$out"
			done
			python3 scripts/sum-proof-sizes.py "$full" "$low"
			# The header quotes the command; name the file it ends up in.
			sed -i "s#^//! $full\$#//! pallets/$pallet/src/weights.rs#" "$full"
			chmod 644 "$full"
			mv "$full" "pallets/$pallet/src/weights.rs"
			rm -f "$low"
		done
		# Naming Veritas pallets benchmarks only those.
		[ $# -gt 1 ] && [ "$2" != sdk ] && exit 0
		for pallet in "${sdk[@]}"; do
			say "benchmarking $pallet"
			# Referenda run on the production tracks: the development ones are too short for
			# the benchmarks' timing assumptions (a referendum still preparing, still deciding).
			chain=dev
			case "$pallet" in pallet_referenda) chain=local_testnet ;; esac
			"$bench_node" benchmark pallet \
				--chain "$chain" \
				--pallet "$pallet" \
				--extrinsic '*' \
				--steps "${STEPS:-20}" \
				--repeat "${REPEAT:-10}" \
				--wasm-execution compiled \
				--heap-pages 4096 \
				--template scripts/runtime-weight-template.hbs \
				--output "runtime/src/weights/$pallet.rs"
		done
		;;
	zkml)
		say "building veritas-zkml --release"
		cargo build --locked --release -p veritas-zkml --bins
		zkml="$CARGO_TARGET_DIR/release/veritas-zkml"
		work="${ZKML_BENCH_DIR:-$CARGO_TARGET_DIR/zkml-bench}"
		mkdir -p "$work"
		"$VERITAS_ROOT/scripts/zkml-models.sh" "$zkml" "$work" ${MODELS:-digits mnist million}
		table="$work/table.md"
		echo "| model | parameters | constraints | setup | prove | peak memory (setup / prove) | proof | verify | proving key | verifying key |" >"$table"
		echo "|---|---|---|---|---|---|---|---|---|---|" >>"$table"
		for model in ${MODELS:-digits mnist million}; do
			dir="$work/$model"
			say "$model: setup"
			"$zkml" setup "$dir/model.vqm" --proving-key "$dir/pk.bin" --verifying-key "$dir/vk.bin" >"$dir/setup.txt"
			say "$model: prove (median of ${PROVES:-5})"
			"$zkml" prove "$dir/model.vqm" --proving-key "$dir/pk.bin" --input "$dir/input.json" \
				--out-dir "$dir/proof" --repeat "${PROVES:-5}" >"$dir/prove.txt"
			say "$model: verify (median of 50)"
			"$zkml" verify --verifying-key "$dir/vk.bin" --proof-dir "$dir/proof" --repeat 50 >"$dir/verify.txt"
			get() { sed -n "s/^$2: //p" "$dir/$1.txt"; }
			awk -v m="$model" -v p="$(get import parameters)" -v c="$(get import constraints)" \
				-v s="$(get setup seconds)" -v t="$(get prove seconds)" -v ms="$(get setup peak_memory_mib)" \
				-v mp="$(get prove peak_memory_mib)" -v pb="$(get prove proof_bytes)" -v v="$(get verify seconds)" \
				-v pk="$(get setup proving_key_bytes)" -v vk="$(get setup verifying_key_bytes)" \
				'BEGIN { printf "| %s | %s | %s | %.2f s | %.3f s | %s / %s MiB | %s B | %.2f ms | %.1f MB | %s B |\n", m, p, c, s, t, ms, mp, pb, v * 1000, pk / 1e6, vk }' \
				>>"$table"
		done
		cat "$table"
		;;
	*) die "usage: $0 [verifier|wasm-profile [MODEL_DIR...]|plot|weights [models inference | sdk [PALLET...]]|zkml]" ;;
esac
