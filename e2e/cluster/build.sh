#!/usr/bin/env bash
# Builds the local Kubernetes control plane from Go modules:
#   kube-apiserver, kube-controller-manager, kube-scheduler, kubectl (k8s.io/kubernetes)
#   etcd (go.etcd.io/etcd/server/v3)
#   kwok (sigs.k8s.io/kwok/cmd/kwok)
#
# Each component is built once per pinned version into a shared cache outside
# the repository, ${FIREDRILL_CLUSTER_CACHE:-$HOME/.cache/firedrill/cluster}/<component>-<version>/,
# and linked (or copied) into ${FIREDRILL_CLUSTER_DIR:-<repo>/.firedrill/cluster}/bin.
# Running it again when the binaries exist does nothing.
#
#   e2e/cluster/build.sh               all components
#   e2e/cluster/build.sh etcd kwok     only those (etcd, kwok, kube)
set -euo pipefail

KUBE_VERSION=v1.34.4
ETCD_VERSION=v3.6.16
KWOK_VERSION=v0.8.0
# etcd 3.6.16 and kwok 0.8.0 declare `go 1.26.0`; k8s.io/kubernetes 1.34 needs 1.24.
GO_MIN_MAJOR=1
GO_MIN_MINOR=26

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$HERE/../.." && pwd)"
CLUSTER_DIR="${FIREDRILL_CLUSTER_DIR:-$REPO_ROOT/.firedrill/cluster}"
BIN_DIR="$CLUSTER_DIR/bin"
CACHE_DIR="${FIREDRILL_CLUSTER_CACHE:-$HOME/.cache/firedrill/cluster}"

log() { printf 'cluster:build  %s\n' "$*" >&2; }
die() { printf 'cluster:build  error: %s\n' "$*" >&2; exit 1; }

# component -> version -> binaries
KUBE_BINS=(kube-apiserver kube-controller-manager kube-scheduler kubectl)
ETCD_BINS=(etcd)
KWOK_BINS=(kwok)

is_complete() { # dir bins...
  local dir=$1; shift
  [[ -f "$dir/.complete" ]] || return 1
  local b; for b in "$@"; do [[ -x "$dir/$b" ]] || return 1; done
}

all_installed() {
  local b
  for b in "${KUBE_BINS[@]}" "${ETCD_BINS[@]}" "${KWOK_BINS[@]}"; do [[ -x "$BIN_DIR/$b" ]] || return 1; done
  [[ -f "$BIN_DIR/.stamps/kube-$KUBE_VERSION" && -f "$BIN_DIR/.stamps/etcd-$ETCD_VERSION" && -f "$BIN_DIR/.stamps/kwok-$KWOK_VERSION" ]]
}

check_go() {
  if ! command -v go >/dev/null 2>&1; then
    die "Go is not installed; install Go ${GO_MIN_MAJOR}.${GO_MIN_MINOR} or newer (https://go.dev/dl/) to build the local control plane."
  fi
  local v
  v="$(GOTOOLCHAIN=local go env GOVERSION 2>/dev/null || true)"   # e.g. go1.26.8
  v="${v#go}"
  local major="${v%%.*}" rest="${v#*.}"
  local minor="${rest%%[.a-z]*}"
  if ! [[ "$major" =~ ^[0-9]+$ && "$minor" =~ ^[0-9]+$ ]] ||
     (( major < GO_MIN_MAJOR || (major == GO_MIN_MAJOR && minor < GO_MIN_MINOR) )); then
    die "Go ${v:-unknown} is too old; install Go ${GO_MIN_MAJOR}.${GO_MIN_MINOR} or newer (https://go.dev/dl/) to build the local control plane."
  fi
}

go_env() {
  export CGO_ENABLED=0 GOTOOLCHAIN=local GOFLAGS="-trimpath -mod=readonly"
}

# Builds into <dir>.partial, then renames, so a killed build never looks complete.
build_kube() {
  local out="$CACHE_DIR/kube-$KUBE_VERSION"
  is_complete "$out" "${KUBE_BINS[@]}" && return 0
  check_go; go_env
  local minor="${KUBE_VERSION#v1.}"; minor="${minor%%.*}"
  local pkg=k8s.io/component-base/version cgv=k8s.io/client-go/pkg/version
  local ld="-s -w"
  ld+=" -X $pkg.gitVersion=$KUBE_VERSION -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor -X $pkg.gitTreeState=clean"
  ld+=" -X $pkg.buildDate=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  ld+=" -X $cgv.gitVersion=$KUBE_VERSION -X $cgv.gitMajor=1 -X $cgv.gitMinor=$minor -X $cgv.gitTreeState=clean"
  log "building ${KUBE_BINS[*]} $KUBE_VERSION (first time: 20-40 min on 2 cores)"
  rm -rf "$out.partial"; mkdir -p "$out.partial"
  local pkgs=() b
  for b in "${KUBE_BINS[@]}"; do pkgs+=("k8s.io/kubernetes/cmd/$b"); done
  # One invocation, so the packages shared by the four commands compile once.
  (cd "$HERE/tools/kube" && go build -ldflags "$ld" -o "$out.partial/" "${pkgs[@]}")
  touch "$out.partial/.complete"
  rm -rf "$out"; mv "$out.partial" "$out"
}

build_etcd() {
  local out="$CACHE_DIR/etcd-$ETCD_VERSION"
  is_complete "$out" etcd && return 0
  check_go; go_env
  log "building etcd $ETCD_VERSION"
  rm -rf "$out.partial"; mkdir -p "$out.partial"
  (cd "$HERE/tools/etcd" && go build -ldflags "-s -w" -o "$out.partial/etcd" go.etcd.io/etcd/server/v3)
  touch "$out.partial/.complete"
  rm -rf "$out"; mv "$out.partial" "$out"
}

build_kwok() {
  local out="$CACHE_DIR/kwok-$KWOK_VERSION"
  is_complete "$out" kwok && return 0
  check_go; go_env
  log "building kwok $KWOK_VERSION"
  rm -rf "$out.partial"; mkdir -p "$out.partial"
  # kwok's go.mod has no replace directives, so `go install …@version` works and
  # resolves its own (newer) k8s.io libraries, independent of tools/kube.
  # -mod is not allowed with `go install pkg@version`.
  (cd "$CACHE_DIR" && GOFLAGS=-trimpath GOBIN="$out.partial" \
    go install -ldflags "-s -w" "sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION")
  touch "$out.partial/.complete"
  rm -rf "$out"; mv "$out.partial" "$out"
}

link_into_bin() { # component version bins...
  local comp=$1 ver=$2; shift 2
  local src="$CACHE_DIR/$comp-$ver" b
  mkdir -p "$BIN_DIR/.stamps"
  for b in "$@"; do
    rm -f "$BIN_DIR/$b"
    ln "$src/$b" "$BIN_DIR/$b" 2>/dev/null || cp "$src/$b" "$BIN_DIR/$b"
  done
  rm -f "$BIN_DIR/.stamps/$comp-"*
  touch "$BIN_DIR/.stamps/$comp-$ver"
}

main() {
  if [[ $# -eq 0 ]] && all_installed; then
    log "up to date in $BIN_DIR (kube $KUBE_VERSION, etcd $ETCD_VERSION, kwok $KWOK_VERSION)"
    return 0
  fi
  mkdir -p "$CACHE_DIR" "$BIN_DIR"
  # One build at a time per cache (test runs and a developer may race).
  exec 9>"$CACHE_DIR/.lock"
  if ! flock -n 9; then
    log "another build holds $CACHE_DIR/.lock; waiting"
    flock 9
  fi
  local start=$SECONDS want=" ${*:-etcd kwok kube} "
  [[ $want == *" etcd "* ]] && { build_etcd; link_into_bin etcd "$ETCD_VERSION" "${ETCD_BINS[@]}"; }
  [[ $want == *" kwok "* ]] && { build_kwok; link_into_bin kwok "$KWOK_VERSION" "${KWOK_BINS[@]}"; }
  [[ $want == *" kube "* ]] && { build_kube; link_into_bin kube "$KUBE_VERSION" "${KUBE_BINS[@]}"; }
  log "ready in $BIN_DIR after $((SECONDS - start)) s"
}

main "$@"
