#!/usr/bin/env bash
# Finds, or builds from the Go module proxy, the binaries of the local Kubernetes control plane that
# `npm run k8s` starts: kube-apiserver, kube-controller-manager, kube-scheduler (module k8s.io/kubernetes)
# and kwok (fake nodes), plus kwok's stage definitions. There is no other download here, so the
# Kubernetes commands are built through a small module that points every k8s.io/* staging module of
# k8s.io/kubernetes at its published v0.x release (the monorepo's go.mod replaces them with ./staging
# paths, which is why `go install k8s.io/kubernetes/cmd/...` refuses). Usage:
#   scripts/kube-binaries.sh path     print the bin directory (building first if needed)
#   scripts/kube-binaries.sh ensure   make sure everything exists, print what was done
# KUBE_BIN_DIR: use binaries from there instead (nothing is built); HCI_TOOLS_DIR: another cache root.
set -euo pipefail

KUBE_VERSION="v1.37.2"
STAGING_VERSION="v0.37.2"
KWOK_VERSION="v0.8.0"
COMMANDS=(kube-apiserver kube-controller-manager kube-scheduler)
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
user_cache="${XDG_CACHE_HOME:-${HOME:-/nonexistent}/.cache}"
if [[ -n "${HCI_TOOLS_DIR:-}" ]]; then
  cache_dir="$HCI_TOOLS_DIR/kube-$KUBE_VERSION"
elif mkdir -p "$user_cache/hci-bringup" 2>/dev/null && [[ -w "$user_cache/hci-bringup" ]]; then
  cache_dir="$user_cache/hci-bringup/kube-$KUBE_VERSION"
else
  cache_dir="$root/.cache/kube-$KUBE_VERSION"
fi
bin_dir="${KUBE_BIN_DIR:-$cache_dir/bin}"

say() { echo "[kube-binaries] $*" >&2; }

complete() {
  local name
  for name in "${COMMANDS[@]}" kwok; do [[ -x "$bin_dir/$name" ]] || return 1; done
  [[ -f "$bin_dir/kwok-stages/node-heartbeat-with-lease.yaml" ]] || return 1
}

need_go() {
  if ! command -v go >/dev/null 2>&1; then
    say "Go is not installed, so the Kubernetes control plane cannot be built: install Go 1.25 or newer, or set KUBE_BIN_DIR to a directory holding ${COMMANDS[*]} kwok and kwok-stages/, and run again."
    exit 3
  fi
}

build_kubernetes() {
  local mod="$cache_dir/build-module" name started=$SECONDS
  mkdir -p "$mod" "$bin_dir"
  if [[ ! -f "$mod/go.sum" ]]; then
    say "preparing the build module for k8s.io/kubernetes $KUBE_VERSION (staging modules at $STAGING_VERSION)"
    local gomod
    gomod=$(cd "$mod" && GOFLAGS=-mod=mod go mod download -json "k8s.io/kubernetes@$KUBE_VERSION" | sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",\{0,1\}$/\1/p')
    [[ -f "$gomod" ]] || { say "could not download the go.mod of k8s.io/kubernetes@$KUBE_VERSION (is the Go module proxy reachable? GOPROXY=$(go env GOPROXY))"; exit 4; }
    local go_directive
    go_directive=$(sed -n 's/^go \([0-9.]*\)$/\1/p' "$gomod" | head -1)
    {
      echo "module hci-bringup.local/kube-build"
      echo
      echo "go ${go_directive:-1.25.0}"
      echo
      echo "require k8s.io/kubernetes $KUBE_VERSION"
      echo
      # Every `k8s.io/x => ./staging/src/k8s.io/x` of the monorepo becomes `k8s.io/x => k8s.io/x v0.N.M`.
      sed -n 's#^[[:space:]]*\(replace[[:space:]]\{1,\}\)\{0,1\}\(k8s\.io/[^[:space:]]*\)[[:space:]]*=>[[:space:]]*\./staging/.*#\2#p' "$gomod" |
        sort -u | while read -r m; do echo "replace $m => $m $STAGING_VERSION"; done
    } >"$mod/go.mod"
    cat >"$mod/tools.go" <<'GO'
//go:build tools

package tools

import (
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
	_ "k8s.io/kubernetes/cmd/kube-controller-manager"
	_ "k8s.io/kubernetes/cmd/kube-scheduler"
)
GO
    say "$(grep -c '^replace' "$mod/go.mod") staging modules replaced; resolving the module graph (downloads on a cold cache)"
    (cd "$mod" && go mod tidy >&2)
  fi
  for name in "${COMMANDS[@]}"; do
    [[ -x "$bin_dir/$name" ]] && continue
    say "building $name $KUBE_VERSION (minutes each on a cold cache: kube-apiserver took 4 on an idle 2-core machine, 23 on a busy one)"
    (cd "$mod" && CGO_ENABLED=0 go build -trimpath -o "$bin_dir/$name.tmp" "k8s.io/kubernetes/cmd/$name" >&2)
    mv "$bin_dir/$name.tmp" "$bin_dir/$name"
  done
  say "Kubernetes commands ready in $bin_dir after $((SECONDS - started)) s"
}

build_kwok() {
  local started=$SECONDS
  mkdir -p "$bin_dir"
  if [[ ! -x "$bin_dir/kwok" ]]; then
    say "building sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION"
    CGO_ENABLED=0 GOBIN="$bin_dir" GOFLAGS="${GOFLAGS:-} -trimpath" go install "sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION" >&2
  fi
  if [[ ! -f "$bin_dir/kwok-stages/node-heartbeat-with-lease.yaml" ]]; then
    # kwok needs its stage definitions passed with --config, from the module itself so they match the
    # binary: the "fast" node and pod stages (nodes Ready, pods Running and Ready at once) and the node
    # heartbeat with leases (without it the node lifecycle controller finds no kubelet heartbeat and
    # the nodes lose their status: addresses, kubelet port, then pods stay Pending).
    local src
    src=$(GOFLAGS=-mod=mod go mod download -json "sigs.k8s.io/kwok@$KWOK_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')
    [[ -d "$src/kustomize/stage" ]] || { say "kwok's stage definitions were not found in the module ($src)"; exit 4; }
    rm -rf "$bin_dir/kwok-stages.tmp"
    mkdir -p "$bin_dir/kwok-stages.tmp"
    local f
    for f in "$src"/kustomize/stage/node/fast/*.yaml "$src"/kustomize/stage/node/heartbeat-with-lease/*.yaml \
      "$src"/kustomize/stage/pod/fast/*.yaml; do
      [[ "$(basename "$f")" == kustomization.yaml ]] || cp "$f" "$bin_dir/kwok-stages.tmp/"
    done
    chmod -R u+w "$bin_dir/kwok-stages.tmp"
    rm -rf "$bin_dir/kwok-stages"
    mv "$bin_dir/kwok-stages.tmp" "$bin_dir/kwok-stages"
  fi
  say "kwok ready in $((SECONDS - started)) s"
}

case "${1:-path}" in
  path)
    if ! complete; then
      [[ -n "${KUBE_BIN_DIR:-}" ]] && { say "KUBE_BIN_DIR=$KUBE_BIN_DIR lacks some of ${COMMANDS[*]} kwok kwok-stages/"; exit 3; }
      need_go; build_kubernetes; build_kwok
    fi
    echo "$bin_dir"
    ;;
  ensure)
    if complete; then say "using $bin_dir"; else
      [[ -n "${KUBE_BIN_DIR:-}" ]] && { say "KUBE_BIN_DIR=$KUBE_BIN_DIR lacks some of ${COMMANDS[*]} kwok kwok-stages/"; exit 3; }
      need_go; build_kubernetes; build_kwok
    fi
    ;;
  *)
    echo "usage: $0 path|ensure" >&2; exit 2 ;;
esac
