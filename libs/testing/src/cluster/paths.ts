import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the nearest parent folder holding e2e/cluster/cluster.mjs (works from src/ and dist/). */
export function repoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(path.join(dir, 'e2e', 'cluster', 'cluster.mjs'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find e2e/cluster/cluster.mjs above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
}

/** Where the local control plane keeps its state (FIREDRILL_CLUSTER_DIR or <repo>/.firedrill/cluster). */
export function clusterDir(): string {
  return path.resolve(process.env['FIREDRILL_CLUSTER_DIR'] ?? path.join(repoRoot(), '.firedrill', 'cluster'));
}

export function clusterScript(): string {
  return path.join(repoRoot(), 'e2e', 'cluster', 'cluster.mjs');
}

/** Written by global-setup.mjs (keep in step): whether this test run has a cluster, and why not. */
export function markerPath(): string {
  return path.join(clusterDir(), 'test-run.json');
}

export interface ClusterMarker {
  available: boolean;
  reason?: string;
  startedByUs: boolean;
  pid: number;
}

/** CI=true or FIREDRILL_REQUIRE_CLUSTER=1: a missing cluster fails instead of skipping. */
export function clusterRequired(): boolean {
  return process.env['CI'] === 'true' || process.env['FIREDRILL_REQUIRE_CLUSTER'] === '1';
}

/** Set by global-setup.mjs for the test workers: '1' or '0'. */
export const AVAILABLE_ENV = 'FIREDRILL_CLUSTER_AVAILABLE';
export const REASON_ENV = 'FIREDRILL_CLUSTER_SKIP_REASON';
