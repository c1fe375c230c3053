#!/usr/bin/env bash
# The five-minute tour against a zombienet network: the digits model registered and approved by a
# `model_approver` referendum (the network runs the short development tracks), Bob bonded with the daemon running, and Charlie's seven answered
# with a verified proof (`argmax: 7`). Run by the .zndsl tests through zombienet's `run`, with
# `veritas` on PATH (scripts/zombienet.sh puts it there); the collator charlie serves RPC on 9988.
#
#   market.sh [BACKEND RELAY]   # also checks that, at the newest finalized block after the job,
#                               # the chain verifies on BACKEND (host-calls, arkworks) because the
#                               # relay state proof read RELAY (enabled, disabled)
set -euo pipefail
expected_backend="${1:-}"
expected_relay="${2:-}"
# zombienet copies this script into its own directory: the repository is where the caller says.
cd "${VERITAS_ROOT:?scripts/zombienet.sh exports VERITAS_ROOT}"
export VERITAS_URL="${VERITAS_URL:-ws://127.0.0.1:9988}"
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true' EXIT
veritas model import zkml/fixtures/digits/model.onnx --out "$work/digits.vqm"
# The id the chain gave the model: a network that stayed up may hold earlier ones.
veritas model register "$work/digits.vqm" --name digits --suri //Alice | tee "$work/register.txt"
model=$(awk '$1 == "model:" { print $2; exit }' "$work/register.txt")
veritas gov propose approve-model "$model" --suri //Dave | tee "$work/propose.txt"
referendum=$(awk '$1 == "referendum:" { print $2; exit }' "$work/propose.txt")
for voter in //Alice //Eve; do
	veritas gov vote "$referendum" aye --amount 500000 --suri "$voter" >/dev/null
done
# Decided, confirmed and enacted within a few blocks.
model_status() { veritas model show "$model" | awk '$1 == "status:" { print $2 }'; }
for _ in $(seq 60); do
	[ "$(model_status)" = active ] && break
	sleep 6
done
[ "$(model_status)" = active ] || {
	veritas gov status "$referendum" >&2
	echo "market.sh: the approval referendum was not enacted" >&2
	exit 1
}
veritas operator register --bond 2000 --offer "$model=10,10" --capacity 8 --suri //Bob
veritas operator run --model "$model=$work/digits.vqm,$work/digits.pk" --suri //Bob \
	--prometheus-port 9619 >"$work/daemon.log" 2>&1 &
veritas job submit --model "$model" --input zkml/fixtures/digits/seven.json --max-fee 25 --wait \
	--suri //Charlie | tee "$work/job.txt"
grep -q "argmax: 7" "$work/job.txt"
if [ -n "$expected_backend" ]; then
	veritas backend | tee "$work/backend.txt"
	backend=$(awk '$1 == "backend:" { print $2; exit }' "$work/backend.txt")
	relay=$(awk '$1 == "relay:" { print $2; exit }' "$work/backend.txt")
	[ "$backend" = "$expected_backend" ] || {
		echo "market.sh: the chain verifies on $backend, expected $expected_backend" >&2
		exit 1
	}
	[ -z "$expected_relay" ] || [ "$relay" = "$expected_relay" ] || {
		echo "market.sh: the relay reading is $relay, expected $expected_relay" >&2
		exit 1
	}
fi
