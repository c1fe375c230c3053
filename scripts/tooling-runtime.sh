#!/usr/bin/env bash
# Builds the tooling runtime: the Veritas runtime wasm without the RFC-163 BLS12-381 host-call
# imports (`--cfg veritas_tooling`), for tools whose executors lack those functions and refuse to
# load a runtime that imports them: chopsticks, try-runtime, frame-omni-bencher. Both verification
# backends then compute in pure wasm; everything else is the same runtime, spec version included.
# Never register it on chain, and never weigh with it: its `HostCalls` backend runs arkworks, so
# host-call weights measured on it would be pure-wasm figures.
#
#   scripts/tooling-runtime.sh        # prints the path of the wasm it wrote
#
# It builds the runtime as substrate-wasm-builder does (the same wrapper crate, flags and release
# profile) in its own target directory, so the normal build's wasm stays cached. The first run
# compiles the runtime's dependencies for wasm: several minutes.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$VERITAS_ROOT"

PROJECT="$CARGO_TARGET_DIR/tooling-runtime"
OUT="$PROJECT/veritas_runtime.tooling.wasm"
mkdir -p "$PROJECT/src"
# Files are replaced only when their content changes, so that an unchanged runtime is not rebuilt.
put() { if ! cmp -s "$1" "$2"; then mv "$1" "$2"; else rm "$1"; fi; }
cat > "$PROJECT/Cargo.toml.new" <<EOF
[package]
name = "veritas-runtime-tooling-blob"
version = "1.0.0"
edition = "2021"

[lib]
name = "veritas_runtime"
crate-type = ["cdylib"]

[dependencies.wasm-project]
package = "veritas-runtime"
path = "$VERITAS_ROOT/runtime"
default-features = false

[profile.release]
lto = "thin"
panic = "abort"

[workspace]
resolver = "2"
EOF
put "$PROJECT/Cargo.toml.new" "$PROJECT/Cargo.toml"
echo '#![no_std] #![allow(unused_imports)] pub use wasm_project::*;' > "$PROJECT/src/lib.rs.new"
put "$PROJECT/src/lib.rs.new" "$PROJECT/src/lib.rs"
# The workspace's lockfile: the same dependency versions as the real runtime.
cp Cargo.lock "$PROJECT/Cargo.lock.new"
put "$PROJECT/Cargo.lock.new" "$PROJECT/Cargo.lock"

say "building the tooling runtime (wasm, release, --cfg veritas_tooling) in $PROJECT"
RUSTFLAGS="-C link-arg=--export-table --cfg substrate_runtime --cfg veritas_tooling" \
	SKIP_WASM_BUILD=1 CARGO_TARGET_DIR="$PROJECT/target" \
	cargo rustc --target=wasm32v1-none --manifest-path="$PROJECT/Cargo.toml" --profile release
cp "$PROJECT/target/wasm32v1-none/release/veritas_runtime.wasm" "$OUT"

# The check that matters: no import outside what every Substrate executor provides.
if grep -aq "ext_host_calls_bls12_381" "$OUT"; then
	die "the tooling runtime still imports RFC-163 host calls"
fi
say "wrote $OUT ($(wc -c < "$OUT") bytes)"
echo "$OUT"
