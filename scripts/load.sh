#!/usr/bin/env bash
# The load figures of docs/benchmarks.md: digits jobs end to end on a dev node with 1 s blocks,
# with one and then with two operator daemons, through `veritas dev load`. Not part of CI.
#
#   scripts/load.sh                        # 1,000 jobs with one daemon, then with two
#   JOBS=200 DAEMONS="1" scripts/load.sh   # a shorter run
#   PROFILE=release scripts/load.sh        # optimised binaries (a long build the first time)
#
# Alice registers the digits model (and approves it as sudo); Bob, then Bob and Ferdie, bond and
# run daemons offering it at 10 VRT; Charlie, Dave and Eve keep CONCURRENCY (default 12) jobs
# per daemon open: enough to keep a daemon busy, few enough that latency is not queueing.
# Results: one JSON file per run and a markdown table, in a fresh directory named at the end.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$VERITAS_ROOT"
"$VERITAS_ROOT/scripts/setup.sh"

JOBS="${JOBS:-1000}"
DAEMONS="${DAEMONS:-1 2}"
CONCURRENCY="${CONCURRENCY:-12}"
PROFILE="${PROFILE:-dev}"
case "$PROFILE" in
	dev)
		build_workspace
		bin="$CARGO_TARGET_DIR/debug"
		;;
	release)
		say "building veritas-node and veritas --release"
		cargo build --locked --release -p veritas-node -p veritas-cli
		bin="$CARGO_TARGET_DIR/release"
		;;
	*) die "PROFILE must be dev or release, not '$PROFILE'" ;;
esac

work="$(mktemp -d)"
pids=()
stop_all() {
	for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
	wait 2>/dev/null || true
	pids=()
}
trap stop_all EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

table="$work/table.md"
echo "| daemons | jobs | jobs/s | latency p50 / p95 / p99 | submit included p50 | results per block (mean / max) | verification share of block ref time (mean / max) | prove (mean) |" >"$table"
echo "|---|---|---|---|---|---|---|---|" >>"$table"
for daemons in $DAEMONS; do
	run="$work/$daemons-daemons"
	mkdir -p "$run"
	rpc=$(free_port)
	url="ws://127.0.0.1:$rpc"
	say "$daemons daemon(s): dev node on $url (log $run/node.log)"
	"$bin/veritas-node" --dev --dev-block-time 1000 --base-path "$run/db" --rpc-port "$rpc" \
		--port "$(free_port)" --no-prometheus --no-telemetry --no-mdns --no-hardware-benchmarks \
		>/dev/null 2>"$run/node.log" &
	pids+=($!)
	v() { "$bin/veritas" --url "$url" "$@"; }
	for _ in $(seq 120); do v model list >/dev/null 2>&1 && break; sleep 1; done
	v model list >/dev/null || die "the node did not answer in 120 s (see $run/node.log)"

	v model import zkml/fixtures/digits/model.onnx --out "$run/digits.vqm" >/dev/null
	v model register "$run/digits.vqm" --name digits --suri //Alice >/dev/null
	v dev approve-model 0 --suri //Alice >/dev/null
	metrics=()
	operators=(//Bob //Ferdie)
	for i in $(seq 0 $((daemons - 1))); do
		operator="${operators[$i]}"
		port=$(free_port)
		v operator register --bond 2000 --offer 0=10,10 --capacity 16 --suri "$operator" >/dev/null
		# The binary itself in the background (not through `v`), so that `$!` is the daemon.
		"$bin/veritas" --url "$url" operator run --model "0=$run/digits.vqm,$run/digits.pk" \
			--suri "$operator" --prometheus-port "$port" 2>"$run/daemon-$i.log" &
		pids+=($!)
		metrics+=(--metrics-port "$port")
	done
	# The daemons time a proof and watch two blocks before they take work.
	sleep 10

	say "$daemons daemon(s): $JOBS jobs, $((CONCURRENCY * daemons)) open at once"
	v --output json dev load --jobs "$JOBS" --concurrency $((CONCURRENCY * daemons)) \
		--requesters //Charlie,//Dave,//Eve "${metrics[@]}" >"$run/result.json"
	cat "$run/result.json"
	python3 - "$daemons" "$run/result.json" >>"$table" <<'PY'
import json, sys
daemons, path = sys.argv[1], sys.argv[2]
r = json.load(open(path))
lat, inc, per, share = r["latency_seconds"], r["submit_included_seconds"], r["results_per_block"], r["verification_share_of_block_ref_time"]
prove = r["proving"]["mean_seconds"] if r.get("proving") else float("nan")
print(f"| {daemons} | {r['completed']} / {r['jobs']} | {r['jobs_per_second']:.1f} | "
      f"{lat['p50']:.1f} / {lat['p95']:.1f} / {lat['p99']:.1f} s | {inc['p50']:.1f} s | "
      f"{per['mean']:.1f} / {per['max']} | {share['mean'] * 100:.1f} % / {share['max'] * 100:.1f} % | {prove * 1000:.0f} ms |")
PY
	stop_all
done
say "results in $work"
cat "$table"
