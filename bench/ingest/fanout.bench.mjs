// Live fan-out: 200 socket.io clients in one run room on the built server
// (embedded PostgreSQL, fresh data directory, free ports). Each round appends
// one timeline event (a note through the API) and records, per client, the
// time from the event's `at` (set by the server just before the database
// write) to its arrival at the client. Both clocks are this machine's.
//
// Usage: npm run build && node bench/ingest/fanout.bench.mjs [runs=3] [clients=200] [rounds=50]
// FIREDRILL_BENCH_ROOT points at another build (a directory holding dist/ and package.json).
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { io } from 'socket.io-client';

const root = process.env.FIREDRILL_BENCH_ROOT ?? path.resolve(import.meta.dirname, '../..');
const entry = path.join(root, 'dist/apps/server/src/main.js');
const runs = Number(process.argv[2] ?? 3);
const clientCount = Number(process.argv[3] ?? 200);
const rounds = Number(process.argv[4] ?? 50);
const WARMUP_ROUNDS = 5;
const ADMIN = 'bench-admin-token-0123456789';

const SCENARIO = `apiVersion: firedrill.dev/v1alpha1
kind: Scenario
metadata: {name: fanout, title: fan-out bench, team: bench, severity: SEV3}
spec:
  hypothesis: {description: many people follow a run}
  steps:
    - at: 50m
      configChange: {namespace: shop, configMap: payment-config, set: {DB_POOL_SIZE: "1"}, duration: 1m}
  guardrails: {maxDuration: 1h}
`;

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

async function api(port, method, pathname, body, contentType = 'application/json') {
  const res = await fetch(`http://127.0.0.1:${port}${pathname}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': contentType },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json().catch(() => undefined) };
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function runOnce() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'firedrill-bench-fanout-'));
  const scenariosDir = mkdtempSync(path.join(os.tmpdir(), 'firedrill-bench-fanout-scenarios-'));
  chmodSync(dataDir, 0o755);
  const [port, pgPort] = [await freePort(), await freePort()];
  const child = spawn(process.execPath, [entry], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: '',
      PORT: String(port),
      HOST: '127.0.0.1',
      FIREDRILL_DATA_DIR: dataDir,
      FIREDRILL_EMBEDDED_PG_PORT: String(pgPort),
      FIREDRILL_SCENARIOS_DIR: scenariosDir,
      LOG_LEVEL: 'warn',
      FIREDRILL_ADMIN_TOKEN: ADMIN,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const sockets = [];
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200) break;
      } catch {}
      if (i > 6000) throw new Error('server did not become ready');
      await sleep(20);
    }
    await api(port, 'POST', '/api/v1/teams', { slug: 'bench', name: 'Bench' });
    const saved = await api(port, 'POST', '/api/v1/scenarios', SCENARIO, 'application/yaml');
    if (saved.status >= 300) throw new Error(`saving the scenario failed: ${JSON.stringify(saved.body)}`);
    const created = await api(port, 'POST', '/api/v1/runs', { scenario: 'fanout', dryRun: true });
    if (created.status !== 201) throw new Error(`starting the run failed: ${JSON.stringify(created.body)}`);
    const runId = created.body.id;

    // Per note id: the receive times of every client.
    const received = new Map();
    for (let i = 0; i < clientCount; i++) {
      const socket = io(`http://127.0.0.1:${port}/runs`, { auth: { token: ADMIN }, transports: ['websocket'], reconnection: false, forceNew: true });
      socket.on('timeline', (e) => {
        const now = Date.now();
        if (e.kind !== 'note') return;
        let list = received.get(e.id);
        if (!list) received.set(e.id, (list = []));
        list.push(now - Date.parse(e.at));
      });
      sockets.push(socket);
    }
    await Promise.all(sockets.map((s) => new Promise((resolve, reject) => (s.connected ? resolve() : (s.once('connect', resolve), s.once('connect_error', reject))))));
    const acks = await Promise.all(sockets.map((s) => s.emitWithAck('join', { runId })));
    if (acks.some((a) => !a.ok)) throw new Error(`a join failed: ${JSON.stringify(acks.find((a) => !a.ok))}`);

    const delays = [];
    let missing = 0;
    for (let round = 0; round < WARMUP_ROUNDS + rounds; round++) {
      const note = await api(port, 'POST', `/api/v1/runs/${runId}/notes`, { text: `round ${round}` });
      if (note.status !== 201) throw new Error(`posting a note failed: ${JSON.stringify(note.body)}`);
      const deadline = Date.now() + 5000;
      while ((received.get(note.body.id)?.length ?? 0) < clientCount && Date.now() < deadline) await sleep(2);
      const got = received.get(note.body.id) ?? [];
      if (round >= WARMUP_ROUNDS) {
        delays.push(...got);
        missing += clientCount - got.length;
      }
      await sleep(20);
    }
    const sorted = delays.sort((a, b) => a - b);
    return { p50: pct(sorted, 50), p99: pct(sorted, 99), max: sorted.at(-1), deliveries: sorted.length, missing };
  } finally {
    for (const s of sockets) s.disconnect();
    const exited = new Promise((r) => child.on('exit', r));
    child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(scenariosDir, { recursive: true, force: true });
  }
}

const results = [];
for (let i = 0; i < runs; i++) {
  const r = await runOnce();
  results.push(r);
  console.log(`run ${i + 1}: ${r.deliveries} deliveries, p50 ${r.p50} ms, p99 ${r.p99} ms, max ${r.max} ms, missing ${r.missing}`);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(
  `median of ${runs} runs, ${clientCount} clients x ${rounds} events (${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}):\n` +
    `  p50 ${median(results.map((r) => r.p50))} ms, p99 ${median(results.map((r) => r.p99))} ms`,
);
