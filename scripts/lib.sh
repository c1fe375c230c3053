# Shared by the scripts in this folder. Source it; do not run it.

VERITAS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/veritas/target}"

say() { printf '\033[1;34m[%s]\033[0m %s\n' "$(basename "$0" .sh)" "$*"; }
die() { printf '\033[1;31m[%s] error:\033[0m %s\n' "$(basename "$0" .sh)" "$*" >&2; exit 1; }

# The one debug build of the workspace, node and `veritas` included: exactly what `cargo test
# --workspace` compiles. Building only the node (`cargo build -p veritas-node`) would unify
# features without the tests' dev-dependencies and recompile much of its dependency tree, so
# `dev.sh`, `load.sh` and `test.sh` all build this way and share one set of artifacts.
build_workspace() {
	say "building the workspace (debug, as the tests build it; target dir $CARGO_TARGET_DIR)"
	cargo test --locked --workspace --no-run "$@"
}
