import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { pino } from 'pino';
import { loadConfig } from '#config';
import { applyFixtures, clusterKubeconfigPath, createTestDatabase, deleteNamespace, describeCluster, freshNamespace, type TestDatabase } from '#testing';
import { startServer, type RunningServer } from '../../apps/server/src/bootstrap.js';
import { k, kjson, readyReplicas, waitFor } from '../../apps/server/test/cluster-helpers.js';
import { spawnServer, tempDir, type ServerProcess } from '../server/process.js';

const ADMIN = 'e2e-takeover-admin-token';
const LEASE_MS = '3000';

const scenario = (ns: string) => `apiVersion: firedrill.dev/v1alpha1
kind: Scenario
metadata: {name: takeover, title: engine dies mid-run, team: engine, severity: SEV3}
spec:
  hypothesis: {description: a small pool is noticed}
  steps:
    - at: 0s
      configChange: {namespace: ${ns}, configMap: payment-config, set: {DB_POOL_SIZE: "1"}, duration: 5m}
  guardrails: {maxDuration: 10m}
`;

/**
 * Replica A (a real process from dist/) injects a long config fault and is
 * killed with SIGKILL: no shutdown hook, no recovery. Replica B, on the same
 * database, sees A's lease expire, takes the run over, restores the
 * ConfigMap and aborts the run, naming the dead engine.
 */
describeCluster('run ownership takeover between two replicas', () => {
  let ns: string;
  let db: TestDatabase;
  let a: ServerProcess | undefined;
  let b: RunningServer | undefined;
  let sql: pg.Client;

  const env = () => ({
    DATABASE_URL: db.url,
    FIREDRILL_ADMIN_TOKEN: ADMIN,
    KUBECONFIG: clusterKubeconfigPath(),
    FIREDRILL_RUN_LEASE: LEASE_MS,
    FIREDRILL_SWEEP_INTERVAL: '500',
    FIREDRILL_SCENARIOS_DIR: '/nonexistent',
  });
  const call = async (url: string, method: string, p: string, body?: string, contentType = 'application/json') => {
    const res = await fetch(url + p, { method, headers: { authorization: `Bearer ${ADMIN}`, 'content-type': contentType }, body });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const poolSize = async () => (await kjson(['-n', ns, 'get', 'configmap', 'payment-config'])).data.DB_POOL_SIZE as string;

  beforeAll(async () => {
    ns = await freshNamespace('takeover');
    await applyFixtures(ns);
    await waitFor('payment ready', async () => (await readyReplicas(ns, 'payment')) === 3, 60_000);
    db = await createTestDatabase('e2e_takeover');
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
  }, 120_000);

  afterAll(async () => {
    if (a && a.child.exitCode === null && a.child.signalCode === null) a.child.kill('SIGKILL');
    await b?.close();
    await sql?.end();
    await db?.drop();
    if (ns) {
      await k(['-n', ns, 'patch', 'configmap', 'payment-config', '--type', 'merge', '-p', '{"data":{"DB_POOL_SIZE":"20"}}']).catch(() => undefined);
      await deleteNamespace(ns);
    }
  }, 60_000);

  it('replica B recovers the fault of a run whose engine died and aborts it with the reason', async () => {
    a = await spawnServer({ ...env(), FIREDRILL_DATA_DIR: tempDir('firedrill-takeover-a-') });
    expect((await call(a.url, 'POST', '/api/v1/teams', JSON.stringify({ slug: 'engine', name: 'Engine' }))).status).toBe(201);
    expect((await call(a.url, 'POST', '/api/v1/scenarios', scenario(ns), 'application/yaml')).status).toBeLessThan(300);
    const created = await call(a.url, 'POST', '/api/v1/runs', JSON.stringify({ scenario: 'takeover' }));
    expect(created.status).toBe(201);
    const runId = created.body.id as string;
    await waitFor('the fault injected by A', async () => (await poolSize()) === '1', 30_000);
    const ownerA = await waitFor('A owning the run', async () => (await sql.query('SELECT owner FROM runs WHERE id = $1', [runId])).rows[0]?.owner as string | null);

    // B joins while A is alive: A keeps renewing its lease, so B leaves the run alone.
    const config = loadConfig({
      ...env(),
      PORT: '0',
      HOST: '127.0.0.1',
      FIREDRILL_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'firedrill-takeover-b-')),
      LOG_LEVEL: process.env.FIREDRILL_TEST_LOG_LEVEL ?? 'silent',
      NODE_ENV: 'test',
    });
    b = await startServer(config, pino({ level: config.logLevel }, pino.destination(2)));
    await b.database.whenReady();
    await new Promise((r) => setTimeout(r, Number(LEASE_MS) + 1500));
    expect((await call(b.url, 'GET', `/api/v1/runs/${runId}`)).body.state).toBe('running');
    expect((await sql.query('SELECT owner FROM runs WHERE id = $1', [runId])).rows[0].owner).toBe(ownerA);

    a.child.kill('SIGKILL');
    await a.exited;
    expect(await poolSize()).toBe('1');

    const run = await waitFor('B aborting the run', async () => {
      const r = (await call(b!.url, 'GET', `/api/v1/runs/${runId}`)).body;
      return ['aborted', 'completed', 'failed'].includes(r.state) ? r : null;
    }, 30_000, 250);
    expect(run.state).toBe('aborted');
    expect(run.abortReason).toContain(`the engine that ran it (${ownerA}) stopped`);
    expect(run.records).toEqual([expect.objectContaining({ kind: 'configChange', phase: 'recovered', outcome: 'restored' })]);
    expect(await poolSize()).toBe('20');
    const timeline = (await call(b.url, 'GET', `/api/v1/runs/${runId}/timeline`)).body.items;
    expect(timeline.map((e: { title: string }) => e.title)).toEqual(expect.arrayContaining([expect.stringContaining(`engine ${ownerA} stopped renewing its lease`)]));
  }, 180_000);
});
