// Fault engine figures on the local control plane (npm run cluster:up first).
//  - step start -> all target pods deleted, for 10, 100 and 500 pods
//  - halt -> all records recovered, for 100 active config faults
//  - the same pods terminated by Chaos Toolkit (chaostoolkit-kubernetes), when
//    CHAOS_BIN points at its `chaos` command: our time / its time.
// Usage: npm run build && node bench/faults/faults.bench.mjs [runs=3]
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const runs = Number(process.argv[2] ?? 3);
const kubeconfig = path.join(root, '.firedrill/cluster/kubeconfig');
const kubectlBin = path.join(root, '.firedrill/cluster/bin/kubectl');
const kubectl = (...args) => execFileSync(kubectlBin, ['--kubeconfig', kubeconfig, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const freePort = () => new Promise((resolve) => { const s = createServer(); s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); }); });

const { loadConfig } = await import(path.join(root, 'dist/libs/config/src/index.js'));
const { startEmbeddedDatabase } = await import(path.join(root, 'dist/libs/persistence/src/index.js'));
const { startServer } = await import(path.join(root, 'dist/apps/server/src/bootstrap.js'));
const { pino } = await import('pino');

const dir = mkdtempSync(path.join(os.tmpdir(), 'firedrill-bench-faults-'));
chmodSync(dir, 0o755);
const db = await startEmbeddedDatabase({ dir: path.join(dir, 'pg'), port: await freePort(), persistent: false });
const token = 'bench-faults-admin-token-0123456789';
const server = await startServer(
  loadConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: db.url, FIREDRILL_DATA_DIR: dir, FIREDRILL_ADMIN_TOKEN: token, KUBECONFIG: kubeconfig, LOG_LEVEL: 'warn', FIREDRILL_SCENARIOS_DIR: path.join(dir, 'none') }),
  pino({ level: 'warn' }),
);
await server.database.whenReady();
const api = async (method, p, body, type = 'application/json') => {
  const res = await fetch(server.url + p, { method, headers: { authorization: `Bearer ${token}`, 'content-type': type }, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${JSON.stringify(json)}`);
  return json;
};
const waitRun = async (id, states) => {
  for (;;) {
    const run = await api('GET', `/api/v1/runs/${id}`);
    if (states.includes(run.state)) return run;
    await sleep(100);
  }
};

const ns = `bench-faults-${Date.now().toString(36)}`;
kubectl('create', 'namespace', ns);
kubectl('annotate', 'namespace', ns, 'firedrill.dev/chaos=enabled');
await api('POST', '/api/v1/teams', { slug: 'bench', name: 'Bench' });
const deployment = (replicas) => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'bench', namespace: ns },
  spec: { replicas, selector: { matchLabels: { app: 'bench' } }, template: { metadata: { labels: { app: 'bench' } }, spec: {
    nodeSelector: { type: 'kwok' }, tolerations: [{ key: 'kwok.x-k8s.io/node', operator: 'Exists', effect: 'NoSchedule' }],
    containers: [{ name: 'app', image: 'registry.example/bench:1' }] } } },
});
const scalePods = async (n) => {
  writeFileSync(path.join(dir, 'dep.json'), JSON.stringify(deployment(n)));
  kubectl('apply', '-f', path.join(dir, 'dep.json'));
  for (;;) {
    const pods = JSON.parse(kubectl('-n', ns, 'get', 'pods', '-l', 'app=bench', '-o', 'json')).items;
    const ready = pods.filter((p) => !p.metadata.deletionTimestamp && p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
    if (ready.length === n && pods.length === n) return;
    await sleep(250);
  }
};

const results = { podKill: {}, chaosToolkit: {}, halt: [] };
await api('POST', '/api/v1/scenarios', `apiVersion: firedrill.dev/v1alpha1
kind: Scenario
metadata: {name: bench-kill, title: Kill every bench pod, team: bench, severity: SEV4}
spec:
  hypothesis: {description: pods come back}
  targets:
    pods: {namespace: ${ns}, selector: {matchLabels: {app: bench}}, mode: all}
  steps:
    - at: 0s
      podKill: {target: pods}
  guardrails: {maxDuration: 10m}
`, 'application/yaml');

const chaosBin = process.env.CHAOS_BIN;
const sizes = (process.env.BENCH_PODS ?? '10,100,500').split(',').map(Number);
for (const n of sizes) {
  results.podKill[n] = [];
  results.chaosToolkit[n] = [];
  for (let i = 0; i < runs; i++) {
    await scalePods(n);
    const created = await api('POST', '/api/v1/runs', { scenario: 'bench-kill' });
    const run = await waitRun(created.id, ['completed', 'failed', 'aborted']);
    if (run.state !== 'completed') throw new Error(`run ${run.id} ${run.state}: ${run.failureReason}`);
    const stepStart = Date.parse(run.steps[0].startedAt);
    const lastDelete = Math.max(...run.records.map((r) => Date.parse(r.injectedAt)));
    if (run.records.length !== n) throw new Error(`expected ${n} records, got ${run.records.length}`);
    results.podKill[n].push(lastDelete - stepStart);
    if (chaosBin) {
      await scalePods(n);
      const experiment = path.join(dir, 'experiment.json');
      writeFileSync(experiment, JSON.stringify({
        version: '1.0.0', title: 'terminate bench pods', description: 'same pods, same cluster',
        'steady-state-hypothesis': { title: 'none', probes: [] },
        method: [{ type: 'action', name: 'terminate-pods', provider: { type: 'python', module: 'chaosk8s.pod.actions', func: 'terminate_pods',
          arguments: { label_selector: 'app=bench', ns, all: true, grace_period: 0 } } }],
      }));
      const journal = path.join(dir, 'journal.json');
      const r = spawnSync(chaosBin, ['--no-log-file', 'run', '--journal-path', journal, experiment], { env: { ...process.env, KUBECONFIG: kubeconfig }, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`chaos run failed: ${r.stderr || r.stdout}`);
      const j = JSON.parse((await import('node:fs')).readFileSync(journal, 'utf8'));
      const action = j.run.find((a) => a.activity.name === 'terminate-pods');
      results.chaosToolkit[n].push(action.duration * 1000);
    }
  }
}

if (process.env.BENCH_SKIP_HALT !== '1') {
// Halt: 100 active config faults (one ConfigMap each) recovered by one POST /api/v1/halt.
const cms = Array.from({ length: 100 }, (_, i) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cfg-${i}`, namespace: ns }, data: { LIMIT: '100' } }));
writeFileSync(path.join(dir, 'cms.json'), JSON.stringify({ apiVersion: 'v1', kind: 'List', items: cms }));
kubectl('apply', '-f', path.join(dir, 'cms.json'));
await api('POST', '/api/v1/scenarios', `apiVersion: firedrill.dev/v1alpha1
kind: Scenario
metadata: {name: bench-config, title: 100 config faults, team: bench, severity: SEV4}
spec:
  hypothesis: {description: halt recovers everything}
  steps:
${cms.map((c) => `    - at: 0s\n      configChange: {namespace: ${ns}, configMap: ${c.metadata.name}, set: {LIMIT: "1"}, duration: 30m}`).join('\n')}
  guardrails: {maxDuration: 1h}
`, 'application/yaml');
for (let i = 0; i < runs; i++) {
  const created = await api('POST', '/api/v1/runs', { scenario: 'bench-config' });
  for (;;) {
    const run = await api('GET', `/api/v1/runs/${created.id}`);
    if (run.records.length === 100 && run.records.every((r) => r.phase === 'injected')) break;
    if (['failed', 'aborted'].includes(run.state)) throw new Error(`config run ${run.state}: ${run.failureReason}`);
    await sleep(200);
  }
  const t = performance.now();
  const halt = await api('POST', '/api/v1/halt', { reason: 'bench' });
  const run = await waitRun(created.id, ['aborted']);
  const elapsed = performance.now() - t;
  if (halt.stillInjected.length || !run.records.every((r) => r.phase === 'recovered')) throw new Error('halt left faults injected');
  const restored = JSON.parse(kubectl('-n', ns, 'get', 'configmaps', '-o', 'json')).items.filter((c) => c.metadata.name.startsWith('cfg-') && c.data.LIMIT === '100').length;
  if (restored !== 100) throw new Error(`only ${restored} ConfigMaps restored`);
  results.halt.push(elapsed);
  await api('DELETE', '/api/v1/halt');
}
}

const fmt = (ms) => `${Math.round(ms)} ms`;
console.log(`fault engine on the local control plane (${runs} runs each; median, min-max)`);
for (const n of sizes) {
  const ours = results.podKill[n];
  let line = `  pod kill, ${String(n).padStart(3)} pods: step start -> all deleted ${fmt(median(ours))} (${fmt(Math.min(...ours))}-${fmt(Math.max(...ours))})`;
  const theirs = results.chaosToolkit[n];
  if (theirs.length) line += `; Chaos Toolkit terminate_pods ${fmt(median(theirs))}; ratio ours/theirs ${(median(ours) / median(theirs)).toFixed(2)}`;
  console.log(line);
}
if (results.halt.length) console.log(`  halt of 100 active config faults -> all recovered: ${fmt(median(results.halt))} (${fmt(Math.min(...results.halt))}-${fmt(Math.max(...results.halt))})`);

kubectl('delete', 'namespace', ns, '--wait=false');
await server.close();
await db.stop();
rmSync(dir, { recursive: true, force: true });
process.exit(0);
