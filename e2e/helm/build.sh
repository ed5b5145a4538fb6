#!/usr/bin/env bash
# Builds helm from its Go module (helm.sh/helm/v3/cmd/helm), the same way
# e2e/cluster/build.sh builds the control plane: once per pinned version into
# ${FIREDRILL_CLUSTER_CACHE:-$HOME/.cache/firedrill/cluster}/helm-<version>/,
# then linked (or copied) into ${FIREDRILL_CLUSTER_DIR:-<repo>/.firedrill/cluster}/bin/helm.
# Running it again when the binary exists does nothing.
#
#   e2e/helm/build.sh        (npm run helm:build)
set -euo pipefail

HELM_VERSION=v3.22.0
# helm 3.22 is built against k8s.io/client-go v0.37, i.e. Kubernetes 1.37; the
# upstream Makefile passes the same numbers so `.Capabilities.KubeVersion` and
# the deprecation lint match the libraries compiled in.
HELM_K8S_MAJOR=1
HELM_K8S_MINOR=37
# helm 3.22 declares `go 1.26.0`.
GO_MIN_MAJOR=1
GO_MIN_MINOR=26

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$HERE/../.." && pwd)"
CLUSTER_DIR="${FIREDRILL_CLUSTER_DIR:-$REPO_ROOT/.firedrill/cluster}"
BIN_DIR="$CLUSTER_DIR/bin"
CACHE_DIR="${FIREDRILL_CLUSTER_CACHE:-$HOME/.cache/firedrill/cluster}"
OUT="$CACHE_DIR/helm-$HELM_VERSION"

log() { printf 'helm:build  %s\n' "$*" >&2; }
die() { printf 'helm:build  error: %s\n' "$*" >&2; exit 1; }

installed() {
  [[ -x "$BIN_DIR/helm" && -f "$BIN_DIR/.stamps/helm-$HELM_VERSION" ]]
}

check_go() {
  if ! command -v go >/dev/null 2>&1; then
    die "Go is not installed; install Go ${GO_MIN_MAJOR}.${GO_MIN_MINOR} or newer (https://go.dev/dl/) to build helm."
  fi
  local v
  v="$(GOTOOLCHAIN=local go env GOVERSION 2>/dev/null || true)"
  v="${v#go}"
  local major="${v%%.*}" rest="${v#*.}"
  local minor="${rest%%[.a-z]*}"
  if ! [[ "$major" =~ ^[0-9]+$ && "$minor" =~ ^[0-9]+$ ]] ||
     (( major < GO_MIN_MAJOR || (major == GO_MIN_MAJOR && minor < GO_MIN_MINOR) )); then
    die "Go ${v:-unknown} is too old; install Go ${GO_MIN_MAJOR}.${GO_MIN_MINOR} or newer (https://go.dev/dl/) to build helm."
  fi
}

build_helm() {
  [[ -f "$OUT/.complete" && -x "$OUT/helm" ]] && return 0
  check_go
  log "building helm $HELM_VERSION (first time: several minutes on 2 cores)"
  local ld="-s -w"
  ld+=" -X helm.sh/helm/v3/internal/version.version=$HELM_VERSION"
  ld+=" -X helm.sh/helm/v3/internal/version.gitTreeState=clean"
  ld+=" -X helm.sh/helm/v3/pkg/lint/rules.k8sVersionMajor=$HELM_K8S_MAJOR"
  ld+=" -X helm.sh/helm/v3/pkg/lint/rules.k8sVersionMinor=$HELM_K8S_MINOR"
  ld+=" -X helm.sh/helm/v3/pkg/chartutil.k8sVersionMajor=$HELM_K8S_MAJOR"
  ld+=" -X helm.sh/helm/v3/pkg/chartutil.k8sVersionMinor=$HELM_K8S_MINOR"
  rm -rf "$OUT.partial"; mkdir -p "$OUT.partial"
  # helm's go.mod has no replace directives, so `go install …@version` works
  # without a wrapper module. -mod is not allowed with `go install pkg@version`.
  (cd "$CACHE_DIR" && CGO_ENABLED=0 GOTOOLCHAIN=local GOFLAGS=-trimpath GOBIN="$OUT.partial" \
    go install -ldflags "$ld" "helm.sh/helm/v3/cmd/helm@$HELM_VERSION")
  touch "$OUT.partial/.complete"
  rm -rf "$OUT"; mv "$OUT.partial" "$OUT"
}

link_into_bin() {
  mkdir -p "$BIN_DIR/.stamps"
  rm -f "$BIN_DIR/helm"
  ln "$OUT/helm" "$BIN_DIR/helm" 2>/dev/null || cp "$OUT/helm" "$BIN_DIR/helm"
  rm -f "$BIN_DIR/.stamps/helm-"*
  touch "$BIN_DIR/.stamps/helm-$HELM_VERSION"
}

main() {
  if installed; then
    log "up to date: $BIN_DIR/helm ($HELM_VERSION)"
    return 0
  fi
  mkdir -p "$CACHE_DIR" "$BIN_DIR"
  # Shares the cluster build's lock: one Go build at a time per cache.
  exec 9>"$CACHE_DIR/.lock"
  if ! flock -n 9; then
    log "another build holds $CACHE_DIR/.lock; waiting"
    flock 9
  fi
  local start=$SECONDS
  build_helm
  link_into_bin
  log "ready: $BIN_DIR/helm after $((SECONDS - start)) s"
}

main "$@"
