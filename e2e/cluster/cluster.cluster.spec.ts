import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import {
  applyFixtures,
  clusterKubeconfigPath,
  deleteNamespace,
  describeCluster,
  freshNamespace,
  kubectl,
} from '../../libs/testing/src/cluster/index.js';

interface Condition {
  type: string;
  status: string;
}
interface Item {
  metadata: {
    name: string;
    annotations?: Record<string, string>;
    labels?: Record<string, string>;
    deletionTimestamp?: string;
  };
  spec?: { replicas?: number; nodeName?: string };
  status?: { conditions?: Condition[]; readyReplicas?: number; phase?: string };
}

async function getJson<T = { items: Item[] }>(args: string[]): Promise<T> {
  const r = await kubectl([...args, '-o', 'json']);
  if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

async function ok(args: string[]): Promise<string> {
  const r = await kubectl(args);
  if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const isReady = (i: Item): boolean => !!i.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');

async function readyPods(ns: string, app: string): Promise<Item[]> {
  const { items } = await getJson(['get', 'pods', '-n', ns, '-l', `app=${app}`]);
  return items.filter((p) => !p.metadata.deletionTimestamp && isReady(p));
}

/** The ReplicaSet of `payment` that currently holds the replicas. */
async function activeReplicaSet(ns: string): Promise<string | undefined> {
  const { items } = await getJson(['get', 'replicasets', '-n', ns, '-l', 'app=payment']);
  const active = items.filter((rs) => (rs.spec?.replicas ?? 0) > 0);
  return active.length === 1 && active[0]?.status?.readyReplicas === 3 ? active[0].metadata.name : undefined;
}

/** DELETE a pod with a bearer token, straight against the apiserver; returns the HTTP status. */
function deletePodAs(token: string, ns: string, pod: string): Promise<number> {
  const kubeconfig = readFileSync(clusterKubeconfigPath(), 'utf8');
  const server = /server: (\S+)/.exec(kubeconfig)?.[1];
  const ca = /certificate-authority-data: (\S+)/.exec(kubeconfig)?.[1];
  if (!server || !ca) throw new Error('unexpected kubeconfig layout');
  return new Promise((resolve, reject) => {
    const req = request(
      `${server}/api/v1/namespaces/${ns}/pods/${pod}`,
      { method: 'DELETE', ca: Buffer.from(ca, 'base64'), headers: { authorization: `Bearer ${token}` } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describeCluster('local control plane (e2e/cluster)', () => {
  let ns = '';

  beforeAll(async () => {
    await applyFixtures(); // shop + bank, idempotent
    ns = await freshNamespace('cluster-spec');
    await applyFixtures(ns);
  }, 180_000);

  afterAll(async () => {
    if (ns) await deleteNamespace(ns);
  });

  it('has 3 Ready kwok nodes in two zones', async () => {
    const { items } = await getJson(['get', 'nodes']);
    expect(items.filter(isReady)).toHaveLength(3);
    const zones = new Set(items.map((n) => n.metadata.labels?.['topology.kubernetes.io/zone']));
    expect([...zones].sort()).toEqual(['zone-a', 'zone-b']);
  });

  it('seeds shop (chaos-enabled) and bank (not)', async () => {
    const shop = await getJson<Item>(['get', 'namespace', 'shop']);
    const bank = await getJson<Item>(['get', 'namespace', 'bank']);
    expect(shop.metadata.annotations?.['firedrill.dev/chaos']).toBe('enabled');
    expect(bank.metadata.annotations?.['firedrill.dev/chaos']).toBeUndefined();
    expect(await ok(['get', 'deployment', 'ledger', '-n', 'bank', '-o', 'name'])).toContain('ledger');
    const cm = await getJson<{ data: Record<string, string> }>(['get', 'configmap', 'payment-config', '-n', 'shop']);
    expect(cm.data['DB_POOL_SIZE']).toBe('20');
  });

  it('runs payment with 3 Ready pods on the kwok nodes', async () => {
    const pods = await until('3 Ready payment pods', 60_000, async () => {
      const p = await readyPods(ns, 'payment');
      return p.length === 3 ? p : undefined;
    });
    for (const p of pods) expect(p.spec?.nodeName).toMatch(/^kwok-node-\d$/);
  }, 90_000);

  it('replaces a deleted payment pod with a new Ready one', async () => {
    const before = await readyPods(ns, 'payment');
    const victim = before[0]?.metadata.name;
    expect(victim).toBeDefined();
    await ok(['delete', 'pod', String(victim), '-n', ns, '--wait=false']);
    const after = await until('a Ready replacement pod', 60_000, async () => {
      const p = await readyPods(ns, 'payment');
      return p.length === 3 && !p.some((x) => x.metadata.name === victim) ? p : undefined;
    });
    const fresh = after.filter((p) => !before.some((b) => b.metadata.name === p.metadata.name));
    expect(fresh).toHaveLength(1);
  }, 90_000);

  it('rolls out a new ReplicaSet after a config + template change, and `rollout undo` restores the old one', async () => {
    const original = await until('one active payment ReplicaSet', 60_000, () => activeReplicaSet(ns));
    await ok(['patch', 'configmap', 'payment-config', '-n', ns, '--type=merge', '-p', '{"data":{"DB_POOL_SIZE":"5"}}']);
    await ok(['set', 'env', 'deployment/payment', '-n', ns, '-c', 'app', 'DB_POOL_SIZE=5']);
    await ok(['rollout', 'status', 'deployment/payment', '-n', ns, '--timeout=60s']);
    const rolled = await until('the new ReplicaSet to take over', 60_000, () => activeReplicaSet(ns));
    expect(rolled).not.toBe(original);

    await ok(['rollout', 'undo', 'deployment/payment', '-n', ns]);
    await ok(['rollout', 'status', 'deployment/payment', '-n', ns, '--timeout=60s']);
    const restored = await until('the original ReplicaSet to take over again', 60_000, async () => {
      const rs = await activeReplicaSet(ns);
      return rs === original ? rs : undefined;
    });
    expect(restored).toBe(original);
  }, 180_000);

  it('gives the firedrill-readonly ServiceAccount 403 on pod delete, while it may list pods', async () => {
    const token = (await ok(['create', 'token', 'firedrill-readonly', '-n', ns, '--duration=10m'])).trim();
    const list = await kubectl(['--token', token, 'get', 'pods', '-n', ns]);
    expect(list.code).toBe(0);
    const pod = (await readyPods(ns, 'payment'))[0]?.metadata.name ?? 'missing';
    expect(await deletePodAs(token, ns, pod)).toBe(403);
    const denied = await kubectl(['--token', token, 'delete', 'pod', pod, '-n', ns]);
    expect(denied.code).not.toBe(0);
    expect(denied.stderr).toMatch(/Forbidden.*cannot delete resource "pods"/);
  }, 60_000);
});
