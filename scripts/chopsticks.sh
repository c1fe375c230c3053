#!/usr/bin/env bash
# Forks a running Veritas chain with chopsticks (@acala-network/chopsticks), the fork and dry-run
# tool of Polkadot developers, on the tooling runtime (scripts/tooling-runtime.sh).
#
#   scripts/chopsticks.sh          # fork $UPSTREAM (default ws://127.0.0.1:9944) on ws://127.0.0.1:$PORT (8000)
#   scripts/chopsticks.sh smoke    # start a dev node, fork it, settle a transfer, the tour's setup and a verified job on it
#
# Why the tooling runtime and `--allow-unresolved-imports`: chopsticks's executor (smoldot's) has no
# RFC-163 BLS12-381 host functions. It reads the chain's own runtime for the blocks it forks from
# (their metadata), which needs `--allow-unresolved-imports`, but it probes `AuraApi_slot_duration`
# with unresolved imports refused and, when that fails, silently assumes 12 s slots; Aura's 6 s
# slots then reject every block it builds ("Timestamp slot must match `CurrentSlot`"). The tooling
# runtime imports no RFC-163 function, so the probe and every block it builds run; it verifies
# proofs in pure wasm.
#
# The upstream node must keep old state (`--state-pruning archive`): chopsticks reads the fork
# point's storage lazily, for as long as it runs. A debug node embeds the runtime uncompressed
# (8 MiB, 16 MiB as hex): give it `--rpc-max-response-size 64` so that `:code` can be read.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$VERITAS_ROOT"

CHOPSTICKS_VERSION="1.5.1"
TOOLS="$HOME/.cache/veritas/chopsticks"
UPSTREAM="${UPSTREAM:-ws://127.0.0.1:9944}"
PORT="${PORT:-8000}"
MODE="${1:-fork}"
case "$MODE" in fork | smoke) ;; *) die "usage: $0 [fork|smoke]" ;; esac

"$VERITAS_ROOT/scripts/setup.sh"
if [ ! -x "$TOOLS/node_modules/.bin/chopsticks" ]; then
	say "installing @acala-network/chopsticks@$CHOPSTICKS_VERSION into $TOOLS"
	mkdir -p "$TOOLS"
	npm install --prefix "$TOOLS" --no-audit --no-fund "@acala-network/chopsticks@$CHOPSTICKS_VERSION"
fi
# ws://host:port[/path] -> port
UPSTREAM_PORT="${UPSTREAM#*://}"
UPSTREAM_PORT="${UPSTREAM_PORT%%/*}"
UPSTREAM_PORT="${UPSTREAM_PORT##*:}"
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if [ "$MODE" = fork ] && [[ "$UPSTREAM" == *"//127.0.0.1:"* || "$UPSTREAM" == *"//localhost:"* ]] &&
	! listening "$UPSTREAM_PORT"; then
	die "nothing listens on $UPSTREAM: start the chain first (scripts/dev.sh --state-pruning archive --rpc-max-response-size 64)"
fi
WASM=$("$VERITAS_ROOT/scripts/tooling-runtime.sh" | tail -n 1)
chopsticks() {
	"$TOOLS/node_modules/.bin/chopsticks" --endpoint "$UPSTREAM" --port "$PORT" \
		--allow-unresolved-imports --wasm-override "$WASM" "$@"
}

if [ "$MODE" = fork ]; then
	say "forking $UPSTREAM on ws://127.0.0.1:$PORT; Ctrl-C to stop"
	chopsticks
	exit
fi

# smoke: a dev node, its fork, a transfer and a verified job through the fork.
build_workspace
BIN="$CARGO_TARGET_DIR/debug"
WORK=$(mktemp -d)
PIDS=()
cleanup() {
	# Children first: `chopsticks` runs as a function in a subshell.
	for pid in "${PIDS[@]}"; do pkill -TERM -P "$pid" 2>/dev/null || true; kill "$pid" 2>/dev/null || true; done
	wait 2>/dev/null || true
}
trap cleanup EXIT
wait_for() { # wait_for FILE PATTERN SECONDS
	for _ in $(seq "$3"); do
		grep -q "$2" "$1" 2>/dev/null && return 0
		sleep 1
	done
	die "timed out waiting for '$2' in $1"
}

# Chopsticks silently moves to another port when its own is taken; a stale fork answering on it
# would take this test's transactions.
for port in "$UPSTREAM_PORT" "$PORT"; do
	if listening "$port"; then
		die "port $port is in use: stop what listens there (an earlier node or fork)"
	fi
done
say "starting a dev node on $UPSTREAM (archive state; logs in $WORK/node.log)"
"$BIN/veritas-node" --dev --dev-block-time 1000 --tmp --rpc-port "$UPSTREAM_PORT" \
	--state-pruning archive --rpc-max-response-size 64 >"$WORK/node.log" 2>&1 &
PIDS+=($!)
wait_for "$WORK/node.log" "Imported #3" 300

say "forking it with chopsticks on port $PORT (logs in $WORK/chopsticks.log)"
chopsticks >"$WORK/chopsticks.log" 2>&1 &
PIDS+=($!)
wait_for "$WORK/chopsticks.log" "RPC listening" 120

export VERITAS_URL="ws://127.0.0.1:$PORT" PATH="$BIN:$PATH"
say "a transfer on the fork (examples/typescript/src/transfer.ts)"
(cd examples/typescript && npm install --no-save --no-audit --no-fund --loglevel=error >/dev/null &&
	npx tsx src/transfer.ts --suri //Alice --to 5DAAnrj7VHTznn2AWBemMuyBwZWs6FNFjdyVXUeYum3PTXFy --amount 1)

say "the tour's model (its key prepared by the runtime in pure wasm), approval and operator on the fork"
veritas model import zkml/fixtures/digits/model.onnx --out "$WORK/digits.vqm"
veritas model register "$WORK/digits.vqm" --name digits --suri //Alice | tee "$WORK/register.txt"
model=$(awk '$1 == "model:" { print $2; exit }' "$WORK/register.txt")
veritas dev approve-model "$model" --suri //Alice
veritas operator register --bond 2000 --offer "$model=10,10" --capacity 8 --suri //Bob

say "a job answered on the fork: Bob's daemon proves, the fork's runtime verifies in pure wasm"
veritas operator run --model "$model=$WORK/digits.vqm,$WORK/digits.pk" --suri //Bob \
	--prometheus-port 9629 >"$WORK/daemon.log" 2>&1 &
DAEMON=$!
PIDS+=("$DAEMON")
# A fork builds blocks only for transactions: a daemon that died would leave the job's deadline
# unreached and `--wait` waiting forever, hence the time limit and the checks on the daemon.
sleep 5
kill -0 "$DAEMON" 2>/dev/null || { tail -n 20 "$WORK/daemon.log" >&2; die "the daemon exited"; }
timeout 900 veritas job submit --model "$model" --input zkml/fixtures/digits/seven.json \
	--max-fee 25 --wait --suri //Charlie | tee "$WORK/job.txt" ||
	{ tail -n 20 "$WORK/daemon.log" >&2; die "the job was not answered within 900 s"; }
grep -q "argmax: 7" "$WORK/job.txt" || die "the job's answer is not the seven (daemon log: $WORK/daemon.log)"
say "done: a transfer, a model registration, its approval, an operator bond and a verified job settled on the fork"
