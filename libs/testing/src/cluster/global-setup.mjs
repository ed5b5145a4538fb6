// Jest loads global setup outside its ESM module graph (no moduleNameMapper,
// no .ts resolution), so this file is plain JavaScript with no project imports.
// Keep the paths and variable names in step with ./paths.ts.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BINARIES = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kubectl', 'kwok'];

export function repoRoot() {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(path.join(dir, 'e2e', 'cluster', 'cluster.mjs'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find e2e/cluster/cluster.mjs');
    dir = parent;
  }
}

export function clusterDir() {
  return path.resolve(process.env.FIREDRILL_CLUSTER_DIR ?? path.join(repoRoot(), '.firedrill', 'cluster'));
}

export const markerPath = () => path.join(clusterDir(), 'test-run.json');
const required = () => process.env.CI === 'true' || process.env.FIREDRILL_REQUIRE_CLUSTER === '1';

export function runCluster(args, inherit) {
  const r = spawnSync(process.execPath, [path.join(repoRoot(), 'e2e', 'cluster', 'cluster.mjs'), ...args], {
    cwd: repoRoot(),
    encoding: 'utf8',
    stdio: inherit ? ['ignore', 'inherit', 'inherit'] : 'pipe',
  });
  return r.status ?? 1;
}

function haveBinaries() {
  return BINARIES.every((b) => {
    try {
      accessSync(path.join(clusterDir(), 'bin', b), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** Why the binaries cannot be built here, or undefined when Go is usable. */
function goProblem() {
  const r = spawnSync('go', ['env', 'GOVERSION'], { encoding: 'utf8', env: { ...process.env, GOTOOLCHAIN: 'local' } });
  if (r.error || r.status !== 0) return 'Go is not installed (install Go 1.26+ from https://go.dev/dl/ to build the local control plane)';
  const m = /^go(\d+)\.(\d+)/.exec(r.stdout.trim());
  if (!m || Number(m[1]) < 1 || (Number(m[1]) === 1 && Number(m[2]) < 26)) {
    return `Go ${r.stdout.trim()} is too old (install Go 1.26+ from https://go.dev/dl/ to build the local control plane)`;
  }
  return undefined;
}

function record(marker) {
  mkdirSync(clusterDir(), { recursive: true });
  writeFileSync(markerPath(), `${JSON.stringify({ ...marker, pid: process.pid }, null, 2)}\n`);
  // Test workers are started after global setup and inherit this environment.
  process.env.FIREDRILL_CLUSTER_AVAILABLE = marker.available ? '1' : '0';
  if (marker.reason) process.env.FIREDRILL_CLUSTER_SKIP_REASON = marker.reason;
  else delete process.env.FIREDRILL_CLUSTER_SKIP_REASON;
}

function unavailable(reason) {
  if (required()) {
    throw new Error(`local Kubernetes cluster required (CI=true or FIREDRILL_REQUIRE_CLUSTER=1) but unavailable: ${reason}`);
  }
  process.stderr.write(`\n!!! cluster specs SKIPPED: ${reason}\n\n`);
  record({ available: false, reason, startedByUs: false });
}

/**
 * Global setup of the jest `cluster` project (`*.cluster.spec.ts`): makes sure
 * the local control plane (e2e/cluster) runs once for the whole test run,
 * building the binaries first when needed, seeds the fixtures, and records
 * the outcome for describeCluster() (libs/testing/src/cluster/index.ts).
 */
export default async function globalSetup() {
  rmSync(markerPath(), { force: true });
  if (runCluster(['status'], false) === 0) {
    record({ available: true, startedByUs: false });
    return;
  }
  if (!haveBinaries()) {
    const problem = goProblem();
    if (problem) {
      unavailable(problem);
      return;
    }
    process.stderr.write('\ncluster binaries missing: building them from Go modules (first time: 15-40 min)\n');
  }
  // --auto-ports: another checkout's cluster (or a real one) may hold the default ports.
  if (runCluster(['up', '--auto-ports'], true) !== 0) {
    unavailable('`node e2e/cluster/cluster.mjs up` failed (see the lines above and .firedrill/cluster/logs/)');
    return;
  }
  if (runCluster(['seed'], true) !== 0) {
    unavailable('`node e2e/cluster/cluster.mjs seed` failed (see the lines above)');
    return;
  }
  record({ available: true, startedByUs: true });
}
