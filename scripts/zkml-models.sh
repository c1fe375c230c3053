#!/usr/bin/env bash
# Prepares the benchmark models of veritas-zkml: an ONNX file, an input (EZKL's input_data JSON)
# and the quantised model with its import report, one directory per model. Used by
# `bench.sh zkml` and `bench-ezkl.sh`, so that both measure the very same files.
#
#   scripts/zkml-models.sh <veritas-zkml binary> <work dir> [digits] [mnist] [million]
#
#   digits   the committed fixture (64-32-10, trained on scikit-learn's digits), first test image
#   mnist    784-128-10, generated (seed 1)
#   million  784-1024-256-10 (1,068,810 parameters), generated (seed 1)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

zkml="$1"
work="$2"
shift 2
for model in "$@"; do
	dir="$work/$model"
	mkdir -p "$dir"
	case "$model" in
		digits)
			cp "$VERITAS_ROOT/zkml/fixtures/digits/model.onnx" "$dir/model.onnx"
			python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
json.dump({"input_data": [d["inputs"][0]]}, open(sys.argv[2], "w"))' \
				"$VERITAS_ROOT/zkml/fixtures/digits/test.json" "$dir/input.json"
			;;
		mnist) "$zkml" generate --widths 784,128,10 --seed 1 -o "$dir/model.onnx" --input "$dir/input.json" >/dev/null ;;
		million) "$zkml" generate --widths 784,1024,256,10 --seed 1 -o "$dir/model.onnx" --input "$dir/input.json" >/dev/null ;;
		*) die "unknown model $model (digits, mnist, million)" ;;
	esac
	"$zkml" import "$dir/model.onnx" -o "$dir/model.vqm" >"$dir/import.txt"
	say "$model: $(sed -n 's/^constraints: //p' "$dir/import.txt") constraints"
done
