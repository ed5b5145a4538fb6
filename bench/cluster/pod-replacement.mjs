#!/usr/bin/env node
// Measures how long the local control plane takes to replace a killed pod:
// from the DELETE of one `payment` pod until the Deployment again has 3 Ready
// pods, none of them the victim. Runs N times (default 20) in a fresh
// namespace and prints each run, the median and the 90th percentile.
//
//   npm run cluster:up && node bench/cluster/pod-replacement.mjs [runs]
//
// Talks to the apiserver directly (no kubectl per poll), so the figure is the
// cluster's reaction time rather than process start-up.

import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const DIR = path.resolve(process.env.FIREDRILL_CLUSTER_DIR ?? path.join(REPO, '.firedrill', 'cluster'));
const KUBECONFIG = path.join(DIR, 'kubeconfig');
const RUNS = Number(process.argv[2] ?? 20);
const POLL_MS = 20;

if (!fs.existsSync(KUBECONFIG)) {
  console.error(`no kubeconfig at ${KUBECONFIG}; start the cluster with \`npm run cluster:up\``);
  process.exit(1);
}
const kc = fs.readFileSync(KUBECONFIG, 'utf8');
const server = /server: (\S+)/.exec(kc)[1];
const ca = Buffer.from(/certificate-authority-data: (\S+)/.exec(kc)[1], 'base64');
const token = /token: (\S+)/.exec(kc)[1];
const agent = new https.Agent({ keepAlive: true, ca });

function api(method, urlPath) {
  return new Promise((resolve, reject) => {
    const req = https.request(`${server}${urlPath}`, { method, agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () =>
        res.statusCode >= 400 ? reject(new Error(`${method} ${urlPath}: HTTP ${res.statusCode} ${body}`)) : resolve(JSON.parse(body)),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const isReady = (p) => !p.metadata.deletionTimestamp && p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');

async function readyPods(ns) {
  const list = await api('GET', `/api/v1/namespaces/${ns}/pods?labelSelector=app%3Dpayment`);
  return list.items.filter(isReady);
}

async function waitForThree(ns, victim, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pods = await readyPods(ns);
    if (pods.length === 3 && !pods.some((p) => p.metadata.name === victim)) return pods;
    if (Date.now() > deadline) throw new Error(`no Ready replacement for ${victim} within ${timeoutMs / 1000} s`);
    await sleep(POLL_MS);
  }
}

const ns = `bench-${randomBytes(3).toString('hex')}`;
const script = path.join(REPO, 'e2e', 'cluster', 'cluster.mjs');
execFileSync(process.execPath, [script, 'seed', '--namespace', ns], { stdio: ['ignore', 'ignore', 'inherit'] });

const times = [];
try {
  await waitForThree(ns, '');
  for (let i = 1; i <= RUNS; i++) {
    const [victim] = await readyPods(ns);
    const t0 = performance.now();
    await api('DELETE', `/api/v1/namespaces/${ns}/pods/${victim.metadata.name}`);
    await waitForThree(ns, victim.metadata.name);
    const ms = performance.now() - t0;
    times.push(ms);
    console.log(`run ${String(i).padStart(2)}: ${ms.toFixed(0)} ms`);
  }
} finally {
  await api('DELETE', `/api/v1/namespaces/${ns}`).catch(() => {});
  agent.destroy();
}

const sorted = [...times].sort((a, b) => a - b);
const q = (f) => sorted[Math.min(sorted.length - 1, Math.floor(f * sorted.length))];
const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
console.log(
  `pod replacement to Ready over ${times.length} runs: median ${median.toFixed(0)} ms, p90 ${q(0.9).toFixed(0)} ms, min ${sorted[0].toFixed(0)} ms, max ${sorted.at(-1).toFixed(0)} ms`,
);
