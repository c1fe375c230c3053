# Shared by the scripts in this folder. Source it; do not run it.

VERITAS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/veritas/target}"

say() { printf '\033[1;34m[%s]\033[0m %s\n' "$(basename "$0" .sh)" "$*"; }
die() { printf '\033[1;31m[%s] error:\033[0m %s\n' "$(basename "$0" .sh)" "$*" >&2; exit 1; }
