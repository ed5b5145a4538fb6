import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { io, type Socket } from 'socket.io-client';
import { loadConfig } from '#config';
import type { LiveClientToServerEvents, LiveJoinAck, LiveRunSummary, LiveServerToClientEvents, LiveTimelineEvent } from '#contracts';
import { createTestDatabase, type TestDatabase } from '#testing';
import { startServer, type RunningServer } from '../../apps/server/src/bootstrap.js';

const ADMIN = 'e2e-replicas-admin-token';

/** A dry run whose only step is due in 5 minutes: it stays `running` until aborted, and touches no cluster. */
const scenario = `apiVersion: firedrill.dev/v1alpha1
kind: Scenario
metadata: {name: replica-fanout, title: replica fan-out, team: payments, severity: SEV2}
spec:
  hypothesis: {description: events reach every replica}
  steps:
    - at: 5m
      configChange: {namespace: shop, configMap: payment-config, set: {DB_POOL_SIZE: "1"}, duration: 1m}
  guardrails: {maxDuration: 10m}
`;

async function until(fn: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await fn()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * Two servers on one PostgreSQL (the socket.io Postgres adapter between
 * them): a client connected to replica A sees what replica B appends.
 */
describe('live events across two replicas', () => {
  let db: TestDatabase;
  const replicas: RunningServer[] = [];
  let socket: Socket<LiveServerToClientEvents, LiveClientToServerEvents> | undefined;

  const start = async () => {
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: db.url,
      FIREDRILL_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'firedrill-replica-')),
      FIREDRILL_ADMIN_TOKEN: ADMIN,
      FIREDRILL_SCENARIOS_DIR: '/nonexistent',
      LOG_LEVEL: process.env.FIREDRILL_TEST_LOG_LEVEL ?? 'silent',
      NODE_ENV: 'test',
    });
    const server = await startServer(config, pino({ level: config.logLevel }, pino.destination(2)));
    await server.database.whenReady();
    replicas.push(server);
    return server;
  };
  const call = async (server: RunningServer, method: string, p: string, body?: unknown, contentType = 'application/json') => {
    const res = await fetch(server.url + p, {
      method,
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': contentType },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };

  beforeAll(async () => {
    db = await createTestDatabase('e2e_replicas');
    await start();
    await start();
  }, 120_000);

  afterAll(async () => {
    socket?.disconnect();
    for (const r of replicas) await r.close();
    await db?.drop();
  });

  it('pushes a note and a state change made on replica B to a client on replica A', async () => {
    const [a, b] = replicas as [RunningServer, RunningServer];
    expect((await call(b, 'POST', '/api/v1/teams', { slug: 'payments', name: 'Payments' })).status).toBe(201);
    expect((await call(b, 'POST', '/api/v1/scenarios', scenario, 'application/yaml')).status).toBeLessThan(300);
    const created = await call(b, 'POST', '/api/v1/runs', { scenario: 'replica-fanout', dryRun: true });
    expect(created.status).toBe(201);
    const runId = created.body.id as string;
    await until(async () => (await call(a, 'GET', `/api/v1/runs/${runId}`)).body.state === 'running', 'the run running');

    socket = io(`${a.url}/runs`, { auth: { token: ADMIN }, transports: ['websocket'], reconnection: false, forceNew: true });
    const pushed: LiveTimelineEvent[] = [];
    const runs: LiveRunSummary[] = [];
    socket.on('timeline', (e) => pushed.push(e));
    socket.on('run', (r) => runs.push(r));
    const ack = (await socket.emitWithAck('join', { runId })) as LiveJoinAck;
    expect(ack.ok).toBe(true);

    const note = await call(b, 'POST', `/api/v1/runs/${runId}/notes`, { text: 'seen from replica B' });
    expect(note.status).toBe(201);
    await until(() => pushed.some((e) => e.id === note.body.id), 'the note from B on A');
    expect(pushed.find((e) => e.id === note.body.id)).toMatchObject({ runId, kind: 'note', title: 'seen from replica B' });

    expect((await call(b, 'POST', `/api/v1/runs/${runId}/abort`, { reason: 'end of the replica drill' })).status).toBe(202);
    await until(() => runs.some((r) => r.state === 'aborted'), 'the aborted state on A');
    const ids = pushed.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
