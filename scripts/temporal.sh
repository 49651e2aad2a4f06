#!/usr/bin/env bash
# Finds the Temporal CLI, or builds the official one from source with Go (there is no other
# download: the CLI is built from the Go module proxy). Usage:
#   scripts/temporal.sh path     print the binary's path (building it first if needed)
#   scripts/temporal.sh ensure   make sure it exists, print what was done
set -euo pipefail

TEMPORAL_CLI_VERSION="v1.5.1" # newest tag whose go.mod allows `go install` (later tags use replace directives)
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# One build per user, not per checkout: a fresh clone (CI's, a second worktree) finds the CLI that an
# earlier one built. HCI_TOOLS_DIR chooses another place; without a writable home it stays in the checkout.
user_cache="${XDG_CACHE_HOME:-${HOME:-/nonexistent}/.cache}"
if [[ -n "${HCI_TOOLS_DIR:-}" ]]; then
  tools_dir="$HCI_TOOLS_DIR"
elif mkdir -p "$user_cache/hci-bringup" 2>/dev/null && [[ -w "$user_cache/hci-bringup" ]]; then
  tools_dir="$user_cache/hci-bringup/tools-$TEMPORAL_CLI_VERSION"
else
  tools_dir="$root/.cache/tools"
fi
cached="$tools_dir/bin/temporal"
legacy="$root/.cache/tools/bin/temporal"

say() { echo "[temporal-cli] $*" >&2; }

find_binary() {
  if [[ -n "${TEMPORAL_CLI_PATH:-}" && -x "${TEMPORAL_CLI_PATH}" ]]; then echo "$TEMPORAL_CLI_PATH"; return 0; fi
  if [[ -x "$cached" ]]; then echo "$cached"; return 0; fi
  if [[ -x "$legacy" ]]; then echo "$legacy"; return 0; fi
  if command -v temporal >/dev/null 2>&1; then command -v temporal; return 0; fi
  return 1
}

build_binary() {
  if ! command -v go >/dev/null 2>&1; then
    say "Go is not installed, so the Temporal CLI cannot be built: install Go 1.25 or newer (or put a 'temporal' binary on PATH) and run again."
    exit 3
  fi
  mkdir -p "$tools_dir/bin"
  say "building github.com/temporalio/cli/cmd/temporal@$TEMPORAL_CLI_VERSION with $(go version | awk '{print $3}') into $tools_dir/bin"
  say "the first build downloads modules and compiles the server and UI: expect a few minutes"
  local started=$SECONDS
  CGO_ENABLED=0 GOBIN="$tools_dir/bin" GOFLAGS="${GOFLAGS:-} -trimpath" \
    go install "github.com/temporalio/cli/cmd/temporal@$TEMPORAL_CLI_VERSION" >&2
  say "built $cached in $((SECONDS - started)) s"
}

case "${1:-path}" in
  path)
    find_binary || { build_binary; echo "$cached"; }
    ;;
  ensure)
    if bin=$(find_binary); then say "using $bin ($("$bin" --version 2>/dev/null | head -1))"; else build_binary; fi
    ;;
  *)
    echo "usage: $0 path|ensure" >&2; exit 2 ;;
esac
