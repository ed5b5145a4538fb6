import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe } from '@jest/globals';
import {
  AVAILABLE_ENV,
  type ClusterMarker,
  REASON_ENV,
  clusterDir,
  clusterRequired,
  clusterScript,
  markerPath,
  repoRoot,
} from './paths.js';

export { clusterDir, clusterRequired } from './paths.js';

export interface KubectlResult {
  stdout: string;
  stderr: string;
  code: number;
}

/** Admin kubeconfig of the local control plane (written by `cluster:up`). */
export function clusterKubeconfigPath(): string {
  return path.join(clusterDir(), 'kubeconfig');
}

/** The kubectl built with the control plane (same version as the apiserver). */
export function kubectlPath(): string {
  return path.join(clusterDir(), 'bin', 'kubectl');
}

function readMarker(): ClusterMarker | undefined {
  try {
    return JSON.parse(readFileSync(markerPath(), 'utf8')) as ClusterMarker;
  } catch {
    return undefined;
  }
}

/** Whether the global setup brought a cluster up for this test run. */
export function clusterAvailable(): boolean {
  const flag = process.env[AVAILABLE_ENV];
  if (flag !== undefined) return flag === '1';
  return readMarker()?.available ?? false;
}

function skipReason(): string {
  return (
    process.env[REASON_ENV] ??
    readMarker()?.reason ??
    'the cluster global setup did not run (use the jest `cluster` project: libs/testing/src/cluster/global-setup.ts)'
  );
}

let announced = false;

/**
 * `describe` when the local cluster is up and nothing else the suite needs
 * is missing; otherwise the suite fails under CI=true or
 * FIREDRILL_REQUIRE_CLUSTER=1 (`.ci/run` installs and starts everything),
 * and is skipped with one loud line naming what to install only on a
 * developer machine without Go, helm or the Debian packages. The skip is the
 * documented quick-start contract (README "Development"), never silent.
 */
export function describeCluster(name: string, fn: () => void, alsoMissing: string | null = null): void {
  const reason = !clusterAvailable() ? skipReason() : alsoMissing;
  if (reason === null) {
    describe(name, fn);
    return;
  }
  if (clusterRequired()) {
    throw new Error(`'${name}' needs the local cluster and its tools (CI=true or FIREDRILL_REQUIRE_CLUSTER=1) but: ${reason}`);
  }
  // The global setup has already said why the cluster is missing; say other reasons here.
  if (alsoMissing !== null || (!announced && process.env[AVAILABLE_ENV] === undefined)) {
    announced = true;
    process.stderr.write(`\n!!! '${name}' SKIPPED: ${reason}\n\n`);
  }
  // Reason written above and on stderr: this machine lacks a tool; CI fails instead.
  describe.skip(`${name} (skipped: ${reason})`, fn);
}

/** Runs the cluster's kubectl with the admin kubeconfig. Never throws on a non-zero exit. */
export function kubectl(args: string[], options: { input?: string; kubeconfig?: string } = {}): Promise<KubectlResult> {
  return new Promise((resolve) => {
    const child = execFile(
      kubectlPath(),
      ['--kubeconfig', options.kubeconfig ?? clusterKubeconfigPath(), ...args],
      { maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ stdout, stderr: err && !stderr ? err.message : stderr, code });
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

async function kubectlOk(args: string[]): Promise<string> {
  const r = await kubectl(args);
  if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed (${r.code}): ${r.stderr.trim()}`);
  return r.stdout;
}

/**
 * Creates `<prefix>-<random>` and returns its name. chaosEnabled (default
 * true) adds the `firedrill.dev/chaos: enabled` annotation.
 */
export async function freshNamespace(prefix: string, options: { chaosEnabled?: boolean } = {}): Promise<string> {
  const name = `${prefix}-${randomBytes(3).toString('hex')}`.toLowerCase().slice(0, 63);
  const annotations = (options.chaosEnabled ?? true) ? { 'firedrill.dev/chaos': 'enabled' } : {};
  const manifest = { apiVersion: 'v1', kind: 'Namespace', metadata: { name, annotations, labels: { 'firedrill.dev/test': 'true' } } };
  await new Promise<void>((resolve, reject) => {
    const child = spawn(kubectlPath(), ['--kubeconfig', clusterKubeconfigPath(), 'create', '-f', '-'], {
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`creating namespace ${name} failed: ${stderr.trim()}`))));
    child.stdin.end(JSON.stringify(manifest));
  });
  return name;
}

/** Deletes a namespace without waiting for its contents to go (NotFound is fine). */
export async function deleteNamespace(name: string): Promise<void> {
  await kubectlOk(['delete', 'namespace', name, '--ignore-not-found', '--wait=false']);
}

/**
 * Applies the fixtures of e2e/cluster/fixtures. Without a namespace: shop
 * and bank as seeded by `npm run cluster:seed`. With one: a copy of the shop
 * workloads (payment, checkout, payment-config, firedrill-readonly) in that
 * namespace. Waits until the Deployments are available.
 */
export async function applyFixtures(namespace?: string): Promise<void> {
  const args = [clusterScript(), 'seed', ...(namespace ? ['--namespace', namespace] : [])];
  await new Promise<void>((resolve, reject) => {
    execFile(process.execPath, args, { cwd: repoRoot(), maxBuffer: 16 * 1024 * 1024 }, (err, _stdout, stderr) =>
      err ? reject(new Error(`applying fixtures${namespace ? ` to ${namespace}` : ''} failed: ${stderr.trim()}`)) : resolve(),
    );
  });
}
