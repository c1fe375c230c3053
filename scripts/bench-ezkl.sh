#!/usr/bin/env bash
# Veritas and EZKL side by side on the same ONNX files and inputs, on this machine. Not part of CI.
#
#   scripts/bench-ezkl.sh                 digits and 784-128-10
#   MODELS="digits mnist million" scripts/bench-ezkl.sh
#
# Installs ezkl from PyPI into a virtualenv outside the checkout ($EZKL_VENV), generates EZKL's
# SRS locally with gen_srs (no download; fine for timing, never for production), then runs
# EZKL's settings (+ calibration), compile, setup, witness, prove and verify, each in its own
# process so its time and peak memory are its own. EZKL is configured as Veritas's circuit is:
# input hashed (Poseidon), output public, weights fixed in the circuit.
# Veritas runs import, setup, prove and verify with the release veritas-zkml.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$VERITAS_ROOT"

EZKL_VERSION="${EZKL_VERSION:-23.0.5}"
venv="${EZKL_VENV:-$HOME/.cache/veritas/ezkl-venv}"
work="${BENCH_DIR:-$CARGO_TARGET_DIR/bench-ezkl}"
models="${MODELS:-digits mnist}"

if ! "$venv/bin/python" -c "import ezkl; assert ezkl.__version__ == '$EZKL_VERSION'" 2>/dev/null; then
	say "installing ezkl $EZKL_VERSION into $venv"
	python3 -m venv "$venv" || die "python3 cannot create a virtualenv: install python3-venv (apt)"
	"$venv/bin/pip" install --quiet "ezkl==$EZKL_VERSION"
fi

say "building veritas-zkml --release"
cargo build --locked --release -p veritas-zkml --bins
zkml="$CARGO_TARGET_DIR/release/veritas-zkml"
mkdir -p "$work"
"$VERITAS_ROOT/scripts/zkml-models.sh" "$zkml" "$work" $models

# One EZKL step per process: prints `seconds:` and `peak_memory_mib:` like veritas-zkml does.
cat >"$work/ezkl_step.py" <<'PY'
import asyncio, inspect, json, os, resource, sys, time
import ezkl

def call(f, *args, **kwargs):
    result = f(*args, **kwargs)
    return asyncio.run(result) if inspect.isawaitable(result) else result

step, d = sys.argv[1], sys.argv[2]
p = lambda name: os.path.join(d, name)
start = time.perf_counter()
if step == "settings":
    args = ezkl.PyRunArgs()
    args.input_visibility, args.output_visibility, args.param_visibility = "hashed", "public", "fixed"
    # The digits fixture declares a symbolic batch dimension; EZKL needs it fixed.
    args.variables = [("batch", 1), ("batch_size", 1)]
    assert call(ezkl.gen_settings, p("model.onnx"), p("settings.json"), py_run_args=args)
    assert call(ezkl.calibrate_settings, p("input.json"), p("model.onnx"), p("settings.json"), "resources")
    print("logrows:", json.load(open(p("settings.json")))["run_args"]["logrows"])
elif step == "compile":
    assert call(ezkl.compile_circuit, p("model.onnx"), p("model.compiled"), p("settings.json"))
elif step == "srs":
    logrows = json.load(open(p("settings.json")))["run_args"]["logrows"]
    assert call(ezkl.gen_srs, p("kzg.srs"), logrows) is not False
elif step == "witness":
    call(ezkl.gen_witness, p("input.json"), p("model.compiled"), p("witness.json"))
elif step == "setup":
    assert call(ezkl.setup, p("model.compiled"), p("vk.key"), p("pk.key"), p("kzg.srs"))
elif step == "prove":
    call(ezkl.prove, p("witness.json"), p("model.compiled"), p("pk.key"), p("proof.json"), p("kzg.srs"))
    proof = json.load(open(p("proof.json")))
    raw = proof.get("proof")
    size = len(bytes.fromhex(raw[2:] if raw.startswith("0x") else raw)) if isinstance(raw, str) else len(raw)
    print("proof_bytes:", size)
elif step == "verify":
    assert call(ezkl.verify, p("proof.json"), p("settings.json"), p("vk.key"), p("kzg.srs"))
else:
    sys.exit(f"unknown step {step}")
print(f"seconds: {time.perf_counter() - start:.4f}")
print(f"peak_memory_mib: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f}")
PY

table="$work/table.md"
{
	echo "| model | system | setup | prove | verify | proof | proving key | verifying key | peak memory (prove) |"
	echo "|---|---|---|---|---|---|---|---|---|"
} >"$table"
ratios="$work/ratios.md"
{
	echo "| model | prove (EZKL / Veritas) | verify | proof size | proving key | verifying key |"
	echo "|---|---|---|---|---|---|"
} >"$ratios"
for model in $models; do
	dir="$work/$model"
	get() { sed -n "s/^$2: //p" "$dir/$1.txt" | tail -1; }
	size() { stat -c %s "$1"; }

	say "$model: Veritas setup, prove (median of 3), verify (median of 20)"
	"$zkml" setup "$dir/model.vqm" --proving-key "$dir/veritas-pk.bin" --verifying-key "$dir/veritas-vk.bin" >"$dir/v-setup.txt"
	"$zkml" prove "$dir/model.vqm" --proving-key "$dir/veritas-pk.bin" --input "$dir/input.json" \
		--out-dir "$dir/veritas-proof" --repeat 3 >"$dir/v-prove.txt"
	"$zkml" verify --verifying-key "$dir/veritas-vk.bin" --proof-dir "$dir/veritas-proof" --repeat 20 >"$dir/v-verify.txt"

	for step in settings compile srs witness setup prove verify; do
		say "$model: EZKL $step"
		(cd "$dir" && "$venv/bin/python" "$work/ezkl_step.py" "$step" "$dir") >"$dir/e-$step.txt"
	done
	say "$model: EZKL logrows $(get e-settings logrows)"

	v_setup=$(get v-setup seconds) v_prove=$(get v-prove seconds) v_verify=$(get v-verify seconds)
	e_setup=$(get e-setup seconds) e_prove=$(get e-prove seconds) e_verify=$(get e-verify seconds)
	v_proof=$(get v-prove proof_bytes) e_proof=$(get e-prove proof_bytes)
	v_pk=$(size "$dir/veritas-pk.bin") v_vk=$(size "$dir/veritas-vk.bin")
	e_pk=$(size "$dir/pk.key") e_vk=$(size "$dir/vk.key")
	awk -v m="$model" -v s="$v_setup" -v p="$v_prove" -v v="$v_verify" -v b="$v_proof" -v pk="$v_pk" \
		-v vk="$v_vk" -v mem="$(get v-prove peak_memory_mib)" \
		'BEGIN { printf "| %s | Veritas (Groth16, BLS12-381) | %.2f s | %.3f s | %.2f ms | %d B | %.1f MB | %d B | %s MiB |\n", m, s, p, v * 1000, b, pk / 1e6, vk, mem }' >>"$table"
	awk -v m="$model" -v s="$e_setup" -v p="$e_prove" -v v="$e_verify" -v b="$e_proof" -v pk="$e_pk" \
		-v vk="$e_vk" -v mem="$(get e-prove peak_memory_mib)" -v k="$(get e-settings logrows)" \
		'BEGIN { printf "| %s | EZKL %s (Halo2 KZG, 2^%s rows) | %.2f s | %.3f s | %.2f ms | %d B | %.1f MB | %d B | %s MiB |\n", m, "'"$EZKL_VERSION"'", k, s, p, v * 1000, b, pk / 1e6, vk, mem }' >>"$table"
	awk -v m="$model" -v vp="$v_prove" -v ep="$e_prove" -v vv="$v_verify" -v ev="$e_verify" -v vb="$v_proof" \
		-v eb="$e_proof" -v vpk="$v_pk" -v epk="$e_pk" -v vvk="$v_vk" -v evk="$e_vk" \
		'BEGIN { printf "| %s | %.1f× | %.1f× | %.1f× | %.2f× | %.1f× |\n", m, ep / vp, ev / vv, eb / vb, epk / vpk, evk / vvk }' >>"$ratios"
done
say "results (also in $table and $ratios)"
cat "$table"
echo
cat "$ratios"
