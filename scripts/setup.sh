#!/usr/bin/env bash
# Installs what building and testing Veritas needs on a Debian/Ubuntu machine. Idempotent: every
# step checks before it installs, so running it on a ready machine costs a second.
set -euo pipefail

say() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }

APT_PACKAGES=(clang libclang-dev protobuf-compiler pkg-config libssl-dev make build-essential git curl)
# Node.js and npm run the TypeScript example (examples/typescript) in the tests; a machine that
# already has them (any install) keeps its own.
command -v npm >/dev/null 2>&1 || APT_PACKAGES+=(nodejs npm)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
	dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if ((${#missing[@]})); then
	say "installing apt packages: ${missing[*]}"
	SUDO=""
	if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
	say "apt packages present"
fi

if ! command -v rustup >/dev/null 2>&1; then
	echo "[setup] rustup not found: install it from https://rustup.rs and rerun" >&2
	exit 1
fi

# rust-toolchain.toml names the toolchain; make sure the wasm target and rust-src are there for it.
cd "$(dirname "$0")/.."
if ! rustup target list --installed | grep -qx wasm32v1-none; then
	say "adding rust target wasm32v1-none"
	rustup target add wasm32v1-none
fi
if ! rustup component list --installed | grep -q '^rust-src'; then
	say "adding rust component rust-src"
	rustup component add rust-src
fi
say "toolchain: $(rustc --version)"

# polkadot-api and its `papi` CLI need Node.js 20 or later; distributions' packages may be
# older. Only the tests use it (examples/typescript), so an old one is a warning here and an
# error in scripts/test.sh.
if ! command -v node >/dev/null 2>&1 || [ "$(node --version | sed -E 's/^v([0-9]+).*/\1/')" -lt 20 ]; then
	echo "[setup] warning: Node.js 20 or later is needed by scripts/test.sh (examples/typescript);" \
		"found '$(node --version 2>/dev/null || echo none)': install a current one (https://nodejs.org, nvm or NodeSource)" >&2
else
	say "node: $(node --version)"
fi
