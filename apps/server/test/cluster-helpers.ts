import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { clusterKubeconfigPath, kubectl } from '#testing';
import type { TestServer } from './test-server.js';

/** Runs kubectl against the local control plane and returns parsed JSON. */
export async function kjson<T = any>(args: string[], kubeconfig?: string): Promise<T> {
  const res = await kubectl([...args, '-o', 'json'], { kubeconfig });
  if (res.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed: ${res.stderr}`);
  return JSON.parse(res.stdout) as T;
}

export async function k(args: string[], kubeconfig?: string): Promise<string> {
  const res = await kubectl(args, { kubeconfig });
  if (res.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed: ${res.stderr}`);
  return res.stdout;
}

export async function waitFor<T>(what: string, fn: () => Promise<T | undefined | null | false>, timeoutMs = 30_000, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}

export async function waitForRun(server: TestServer, id: string, states: string[], timeoutMs = 60_000): Promise<any> {
  return waitFor(`run ${id} to reach ${states.join('|')}`, async () => {
    const res = await server.request('GET', `/api/v1/runs/${id}`);
    return states.includes(res.body.state) ? res.body : null;
  }, timeoutMs, 250);
}

export async function readyReplicas(ns: string, deployment: string): Promise<number> {
  const dep = await kjson(['-n', ns, 'get', 'deployment', deployment]);
  return dep.status?.readyReplicas ?? 0;
}

/** Saves a scenario through the API (creating its team) and returns its name. */
export async function saveScenario(server: TestServer, yaml: string): Promise<string> {
  const team = /team:\s*([a-z0-9-]+)/.exec(yaml)![1]!;
  await server.request('POST', '/api/v1/teams', { body: { slug: team, name: team } });
  const res = await server.request('POST', '/api/v1/scenarios', { raw: yaml, headers: { 'content-type': 'application/yaml' } });
  if (res.status !== 201 && res.status !== 200) throw new Error(`saving the scenario failed: ${res.status} ${res.text}`);
  return res.body.name as string;
}

/** A kubeconfig that authenticates as a ServiceAccount through a TokenRequest. */
export async function serviceAccountKubeconfig(namespace: string, serviceAccount: string): Promise<string> {
  const token = (await k(['-n', namespace, 'create', 'token', serviceAccount, '--duration', '1h'])).trim();
  const admin = await kjson(['config', 'view', '--raw', '--kubeconfig', clusterKubeconfigPath()]);
  const cluster = admin.clusters[0];
  const file = path.join(os.tmpdir(), `firedrill-${namespace}-${serviceAccount}.kubeconfig`);
  writeFileSync(
    file,
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'local', cluster: cluster.cluster }],
      users: [{ name: serviceAccount, user: { token } }],
      contexts: [{ name: 'sa', context: { cluster: 'local', user: serviceAccount, namespace } }],
      'current-context': 'sa',
    }),
  );
  return file;
}
