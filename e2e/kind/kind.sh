#!/usr/bin/env bash
# Creates a kind cluster (needs Docker or Podman) with the same fake nodes and
# fixtures as the local control plane. Kubeconfig: .firedrill/kind/kubeconfig.
#
#   e2e/kind/kind.sh          create (no-op when it exists), install kwok, seed
#   e2e/kind/kind.sh delete   remove the cluster
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$HERE/../.." && pwd)"
FIXTURES="$REPO_ROOT/e2e/cluster/fixtures"
NAME="${FIREDRILL_KIND_NAME:-firedrill}"
KWOK_VERSION=v0.8.0
export KUBECONFIG="${FIREDRILL_KIND_KUBECONFIG:-$REPO_ROOT/.firedrill/kind/kubeconfig}"

say() { printf 'cluster:kind  %s\n' "$*" >&2; }
need() { command -v "$1" >/dev/null 2>&1 || { say "error: $1 is not installed; $2"; exit 1; }; }

need kind "install kind (https://kind.sigs.k8s.io/docs/user/quick-start/#installation)"
need kubectl "install kubectl, or use .firedrill/cluster/bin/kubectl after npm run cluster:build"
if ! docker info >/dev/null 2>&1 && ! podman info >/dev/null 2>&1; then
  say "error: no container engine answers (docker info / podman info); kind needs one. Without Docker use npm run cluster:up."
  exit 1
fi

if [[ "${1:-}" == delete ]]; then
  kind delete cluster --name "$NAME"
  rm -f "$KUBECONFIG"
  exit 0
fi

mkdir -p "$(dirname "$KUBECONFIG")"
if kind get clusters 2>/dev/null | grep -qx "$NAME"; then
  say "cluster $NAME exists; refreshing kubeconfig"
  kind export kubeconfig --name "$NAME"
else
  kind create cluster --name "$NAME" --config "$HERE/kind-config.yaml" --wait 120s
fi

# kwok in the cluster, as its docs describe: the controller plus the fast stages.
base="https://github.com/kubernetes-sigs/kwok/releases/download/$KWOK_VERSION"
kubectl apply -f "$base/kwok.yaml"
kubectl apply -f "$base/stage-fast.yaml"
kubectl -n kube-system rollout status deployment/kwok-controller --timeout=120s

kubectl apply -f "$REPO_ROOT/e2e/cluster/nodes.yaml"
kubectl wait --for=condition=Ready node -l type=kwok --timeout=120s

kubectl apply -f "$FIXTURES/namespaces.yaml"
for ns in shop bank; do
  until kubectl -n "$ns" get serviceaccount default >/dev/null 2>&1; do sleep 0.5; done
  kubectl apply -f "$FIXTURES/$ns"
done
for d in shop/payment shop/checkout bank/ledger; do
  kubectl -n "${d%/*}" rollout status "deployment/${d#*/}" --timeout=120s
done
say "ready: KUBECONFIG=$KUBECONFIG kubectl get pods -A"
