// Webhook intake throughput: Alertmanager deliveries of 10 alerts each, posted
// with a bounded number of concurrent requests to the built server (embedded
// PostgreSQL, fresh data directory per run). Every alert is new, so each
// delivery stores 10 signals and emits 10 `signal.received` events that the
// correlator loads after the answer.
//
// Usage: npm run build && node bench/ingest/ingest.bench.mjs [runs=3] [deliveries=3000] [concurrency=16]
// FIREDRILL_BENCH_ROOT points at another build (a directory holding dist/ and package.json);
// FIREDRILL_BENCH_NODE_ARGS passes flags to the server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

const root = process.env.FIREDRILL_BENCH_ROOT ?? path.resolve(import.meta.dirname, '../..');
const entry = path.join(root, 'dist/apps/server/src/main.js');
const runs = Number(process.argv[2] ?? 3);
const deliveries = Number(process.argv[3] ?? 3000);
const concurrency = Number(process.argv[4] ?? 16);
const ALERTS_PER_DELIVERY = 10;
const WARMUP = 300;
const ADMIN = 'bench-admin-token-0123456789';

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });

function post(port, pathname, body, headers) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: pathname,
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function api(port, method, pathname, body) {
  const res = await fetch(`http://127.0.0.1:${port}${pathname}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json().catch(() => undefined) };
}

/** A realistic v4 group; fingerprints differ per delivery so nothing is a duplicate. */
function group(seq) {
  const startsAt = new Date(Date.now() - 60_000).toISOString();
  const alerts = [];
  for (let i = 0; i < ALERTS_PER_DELIVERY; i++) {
    alerts.push({
      status: 'firing',
      labels: {
        alertname: 'KubePodCrashLooping',
        namespace: 'shop',
        pod: `checkout-${seq}-${i}`,
        container: 'checkout',
        severity: 'warning',
      },
      annotations: {
        summary: 'Pod is crash looping.',
        runbook_url: 'https://runbooks.prometheus-operator.dev/runbooks/kubernetes/kubepodcrashlooping',
      },
      startsAt,
      endsAt: '0001-01-01T00:00:00Z',
      generatorURL: 'http://prometheus:9090/graph?g0.expr=kube_pod_container_status_waiting_reason',
      fingerprint: `${seq.toString(16).padStart(10, '0')}${i.toString(16).padStart(6, '0')}`,
    });
  }
  return JSON.stringify({
    receiver: 'firedrill',
    status: 'firing',
    alerts,
    groupLabels: { namespace: 'shop' },
    commonLabels: { namespace: 'shop', cluster: 'bench' },
    commonAnnotations: {},
    externalURL: 'http://alertmanager:9093',
    version: '4',
    groupKey: '{}:{namespace="shop"}',
    truncatedAlerts: 0,
  });
}

async function drive(port, url, token, from, count) {
  const latencies = new Array(count);
  let next = 0;
  let failures = 0;
  const headers = { authorization: `Bearer ${token}` };
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= count) return;
      const body = group(from + i);
      const t = performance.now();
      const res = await post(port, url, body, headers);
      latencies[i] = performance.now() - t;
      if (res.status !== 200) failures++;
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { elapsedMs: performance.now() - t0, latencies, failures };
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function runOnce() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'firedrill-bench-ingest-'));
  chmodSync(dataDir, 0o755);
  const [port, pgPort] = [await freePort(), await freePort()];
  const nodeArgs = (process.env.FIREDRILL_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, entry], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: '',
      PORT: String(port),
      HOST: '127.0.0.1',
      FIREDRILL_DATA_DIR: dataDir,
      FIREDRILL_EMBEDDED_PG_PORT: String(pgPort),
      LOG_LEVEL: 'warn',
      FIREDRILL_ADMIN_TOKEN: ADMIN,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200) break;
      } catch {}
      if (i > 6000) throw new Error('server did not become ready');
      await new Promise((r) => setTimeout(r, 20));
    }
    await api(port, 'POST', '/api/v1/teams', { slug: 'bench', name: 'Bench' });
    const created = await api(port, 'POST', '/api/v1/integrations', { type: 'alertmanager', team: 'bench', name: 'bench' });
    if (created.status !== 201) throw new Error(`creating the integration failed: ${JSON.stringify(created.body)}`);
    const { url, token } = created.body;
    await drive(port, url, token, 0, WARMUP);
    const result = await drive(port, url, token, WARMUP, deliveries);
    const stored = await api(port, 'GET', '/api/v1/signals?limit=1');
    const expected = (WARMUP + deliveries) * ALERTS_PER_DELIVERY;
    if (stored.body.total !== expected) throw new Error(`expected ${expected} signals, found ${stored.body.total}`);
    const sorted = [...result.latencies].sort((a, b) => a - b);
    return {
      alertsPerSecond: (deliveries * ALERTS_PER_DELIVERY) / (result.elapsedMs / 1000),
      deliveriesPerSecond: deliveries / (result.elapsedMs / 1000),
      p50: pct(sorted, 50),
      p99: pct(sorted, 99),
      failures: result.failures,
    };
  } finally {
    const exited = new Promise((r) => child.on('exit', r));
    child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const results = [];
for (let i = 0; i < runs; i++) {
  const r = await runOnce();
  results.push(r);
  console.log(
    `run ${i + 1}: ${r.alertsPerSecond.toFixed(0)} alerts/s (${r.deliveriesPerSecond.toFixed(0)} deliveries/s), p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, failures ${r.failures}`,
  );
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(
  `median of ${runs} runs, ${deliveries} deliveries x ${ALERTS_PER_DELIVERY} alerts, ${concurrency} concurrent requests (${os.cpus().length} cores):\n` +
    `  ${median(results.map((r) => r.alertsPerSecond)).toFixed(0)} alerts/s, p50 ${median(results.map((r) => r.p50)).toFixed(1)} ms, p99 ${median(results.map((r) => r.p99)).toFixed(1)} ms`,
);
agent.destroy();
