import path from 'node:path';
import { applyFixtures, clusterKubeconfigPath, deleteNamespace, describeCluster, freshNamespace, kubectl } from '#testing';
import { freePort, spawnServer, tempDir, type ServerProcess } from '../server/process.js';

const TOKEN = 'crash-test-admin-token-0123456789';

async function json(args: string[]): Promise<any> {
  const res = await kubectl([...args, '-o', 'json']);
  if (res.code !== 0) throw new Error(res.stderr);
  return JSON.parse(res.stdout);
}

async function api(server: ServerProcess, method: string, p: string, body?: unknown): Promise<any> {
  const res = await fetch(server.url + p, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': typeof body === 'string' ? 'application/yaml' : 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return res.json();
}

async function until<T>(what: string, fn: () => Promise<T | null | false | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const v = await fn().catch(() => null);
    if (v) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`not within ${timeoutMs} ms: ${what}`);
}

/** Every annotation or label Firedrill puts on objects it changes. */
const firedrillMarks = (o: any) =>
  [...Object.keys(o.metadata.annotations ?? {}), ...Object.keys(o.metadata.labels ?? {})].filter((k) => k.startsWith('firedrill.dev/') && k !== 'firedrill.dev/chaos');

describeCluster('crash safety', () => {
  let ns: string;
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    ns = await freshNamespace('crash');
    await applyFixtures(ns);
  }, 120_000);

  afterAll(async () => {
    server?.child.kill('SIGTERM');
    await server?.exited;
    await deleteNamespace(ns);
  });

  it('recovers three active faults after the server is killed with SIGKILL and restarted', async () => {
    const env = {
      FIREDRILL_DATA_DIR: tempDir('firedrill-crash-'),
      FIREDRILL_EMBEDDED_PG_PORT: String(await freePort()),
      FIREDRILL_ADMIN_TOKEN: TOKEN,
      KUBECONFIG: clusterKubeconfigPath(),
      FIREDRILL_SCENARIOS_DIR: path.join(tempDir('firedrill-crash-none-'), 'none'),
      FIREDRILL_SWEEP_INTERVAL: '1000',
    };
    server = await spawnServer(env);
    const before = {
      cm: await json(['-n', ns, 'get', 'configmap', 'payment-config']),
      dep: await json(['-n', ns, 'get', 'deployment', 'payment']),
      svc: await json(['-n', ns, 'get', 'service', 'payment']),
    };
    await api(server, 'POST', '/api/v1/teams', { slug: 'crash', name: 'Crash' });
    await api(
      server,
      'POST',
      '/api/v1/scenarios',
      `apiVersion: firedrill.dev/v1alpha1
kind: Scenario
metadata: {name: three-faults, title: Three faults at once, team: crash, severity: SEV2}
spec:
  hypothesis: {description: the team copes with three faults}
  targets:
    pods: {namespace: ${ns}, selector: {matchLabels: {app: payment}}, mode: all}
  steps:
    - at: 0s
      configChange: {namespace: ${ns}, configMap: payment-config, set: {DB_POOL_SIZE: "1"}, duration: 20m}
    - at: 0s
      configChange: {namespace: ${ns}, deployment: payment, container: app, env: {set: {FEATURE_X: "off"}}, duration: 20m}
    - at: 0s
      latency: {target: pods, delay: 2s, duration: 20m, port: 8080}
  guardrails: {maxDuration: 30m}
`,
    );
    const run = await api(server, 'POST', '/api/v1/runs', { scenario: 'three-faults' });
    await until('three faults injected', async () => {
      const r = await api(server!, 'GET', `/api/v1/runs/${run.id}`);
      return r.records.length === 3 && r.records.every((x: any) => x.phase === 'injected');
    }, 30_000);
    const during = await json(['-n', ns, 'get', 'configmap', 'payment-config']);
    expect(during.data.DB_POOL_SIZE).toBe('1');
    expect((await json(['-n', ns, 'get', 'service', 'payment'])).spec.selector).not.toEqual(before.svc.spec.selector);

    server.child.kill('SIGKILL');
    await server.exited;
    // Nothing recovers while the server is dead: the faults are really left behind.
    expect((await json(['-n', ns, 'get', 'configmap', 'payment-config'])).data.DB_POOL_SIZE).toBe('1');

    server = await spawnServer(env);
    const restartedAt = Date.now();
    await until(
      'every fault recovered and no Firedrill mark left',
      async () => {
        const cm = await json(['-n', ns, 'get', 'configmap', 'payment-config']);
        const dep = await json(['-n', ns, 'get', 'deployment', 'payment']);
        const svc = await json(['-n', ns, 'get', 'service', 'payment']);
        const created = await json(['-n', ns, 'get', 'deployments,services', '-l', 'firedrill.dev/created-by-record']);
        return (
          cm.data.DB_POOL_SIZE === before.cm.data.DB_POOL_SIZE &&
          JSON.stringify(dep.spec.template.spec.containers[0].env) === JSON.stringify(before.dep.spec.template.spec.containers[0].env) &&
          JSON.stringify(svc.spec.selector) === JSON.stringify(before.svc.spec.selector) &&
          firedrillMarks(cm).length + firedrillMarks(dep).length + firedrillMarks(svc).length === 0 &&
          created.items.length === 0
        );
      },
      10_000,
    );
    const recoveredAfterMs = Date.now() - restartedAt;
    const after = await api(server, 'GET', `/api/v1/runs/${run.id}`);
    expect(after.state).toBe('aborted');
    expect(after.abortReason).toContain('stopped');
    expect(after.records.every((r: any) => r.phase === 'recovered')).toBe(true);
    const kubectlView = await kubectl(['-n', ns, 'get', 'configmap,deployment,service', '-o', 'yaml']);
    expect(kubectlView.stdout).not.toMatch(/firedrill\.dev\/(run|record|undo|expires-at|touched)/);
    process.stdout.write(`crash recovery: all faults recovered ${recoveredAfterMs} ms after the restarted server was ready\n`);
  });
});
