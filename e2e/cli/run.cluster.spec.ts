import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { applyFixtures, clusterKubeconfigPath, deleteNamespace, describeCluster, freshNamespace, kubectl } from '#testing';
import { CLI_ENTRY, ROOT, runNode, spawnServer, tempDir, type ServerProcess } from '../server/process.js';

const TOKEN = 'cli-e2e-admin-token-0123456789';

async function configMapValue(ns: string, key: string): Promise<string | undefined> {
  const res = await kubectl(['-n', ns, 'get', 'configmap', 'payment-config', '-o', 'json']);
  return JSON.parse(res.stdout).data[key];
}

async function waitUntil(what: string, fn: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await fn().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function scenarioFile(dir: string, name: string, body: string): string {
  const file = path.join(dir, `${name}.yaml`);
  writeFileSync(file, `apiVersion: firedrill.dev/v1alpha1\nkind: Scenario\nmetadata: {name: ${name}, title: ${name}, team: cli, severity: SEV3}\n${body}`);
  return file;
}

describeCluster('firedrill run (CLI for pipelines)', () => {
  let ns: string;
  let server: ServerProcess;
  let dir: string;

  beforeAll(async () => {
    ns = await freshNamespace('cli');
    await applyFixtures(ns);
    dir = mkdtempSync(path.join(os.tmpdir(), 'firedrill-cli-'));
    server = await spawnServer({
      FIREDRILL_DATA_DIR: tempDir('firedrill-cli-data-'),
      FIREDRILL_ADMIN_TOKEN: TOKEN,
      KUBECONFIG: clusterKubeconfigPath(),
      FIREDRILL_SCENARIOS_DIR: path.join(dir, 'none'),
      FIREDRILL_EMBEDDED_PG_PORT: String(20000 + Math.floor(Math.random() * 20000)),
      LOG_LEVEL: 'warn',
    });
    await fetch(`${server.url}/api/v1/teams`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ slug: 'cli', name: 'CLI' }) });
  }, 180_000);

  afterAll(async () => {
    server?.child.kill('SIGTERM');
    await server?.exited;
    await deleteNamespace(ns);
  });

  const podKill = () => `spec:
  hypothesis:
    description: payment keeps enough replicas
    steadyState:
      - {name: payment-ready, kubernetes: {namespace: ${ns}, deployment: payment, minReady: 1}, interval: 1s}
  targets:
    pods: {namespace: ${ns}, selector: {matchLabels: {app: payment}}, mode: fixed, value: 1}
  steps:
    - at: 0s
      podKill: {target: pods}
  guardrails: {maxDuration: 2m}
`;

  it('passes a run whose hypothesis holds: exit 0 and a JUnit report', async () => {
    const file = scenarioFile(dir, 'cli-pass', podKill());
    const junit = path.join(dir, 'pass.xml');
    const res = await runNode([CLI_ENTRY, 'run', file, '--server', server.url, '--token', TOKEN, '--wait', '--junit', junit, '--json', path.join(dir, 'pass.json')]);
    expect(res.stderr).toContain('PASS faults recovered');
    expect(res.code).toBe(0);
    const doc = new XMLParser({ ignoreAttributes: false }).parse(readFileSync(junit, 'utf8'));
    expect(doc.testsuites['@_failures']).toBe('0');
    const names = [doc.testsuites.testsuite.testcase].flat().map((c: any) => c['@_name']);
    expect(names).toEqual(expect.arrayContaining(['faults recovered', 'steady state held']));
    expect(JSON.parse(readFileSync(path.join(dir, 'pass.json'), 'utf8')).run.state).toBe('completed');
  });

  it('exits 1 when the steady state breaks during the run', async () => {
    const file = scenarioFile(
      dir,
      'cli-break',
      `spec:
  hypothesis:
    description: payment keeps three ready replicas
    steadyState:
      - {name: payment-ready, kubernetes: {namespace: ${ns}, deployment: payment, minReady: 3}, interval: 1s}
  steps:
    - at: 0s
      configChange: {namespace: ${ns}, deployment: payment, replicas: 1, duration: 5s}
  guardrails: {maxDuration: 2m}
`,
    );
    const junit = path.join(dir, 'break.xml');
    const res = await runNode([CLI_ENTRY, 'run', file, '--server', server.url, '--token', TOKEN, '--wait', '--junit', junit], {}, 120_000);
    expect(res.stdout).toContain('payment-ready');
    expect(res.code).toBe(1);
    const doc = new XMLParser({ ignoreAttributes: false }).parse(readFileSync(junit, 'utf8'));
    expect(doc.testsuites['@_failures']).toBe('1');
    await waitUntil('payment back to 3 replicas', async () => JSON.parse((await kubectl(['-n', ns, 'get', 'deployment', 'payment', '-o', 'json'])).stdout).spec.replicas === 3);
  });

  it('aborts on Ctrl-C, waits for recovery and exits 3', async () => {
    const file = scenarioFile(
      dir,
      'cli-interrupt',
      `spec:
  hypothesis: {description: a tiny pool is noticed}
  steps:
    - at: 0s
      configChange: {namespace: ${ns}, configMap: payment-config, set: {DB_POOL_SIZE: "1"}, duration: 10m}
  guardrails: {maxDuration: 15m}
`,
    );
    const child = spawn(process.execPath, [CLI_ENTRY, 'run', file, '--server', server.url, '--token', TOKEN, '--wait'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    await waitUntil('fault injected', async () => (await configMapValue(ns, 'DB_POOL_SIZE')) === '1');
    child.kill('SIGINT');
    expect(await exited).toBe(3);
    expect(stderr).toContain('aborting the run');
    expect(await configMapValue(ns, 'DB_POOL_SIZE')).toBe('20');
  });

  it('runs the engine in-process with --local (no server)', async () => {
    const file = scenarioFile(dir, 'cli-local', podKill());
    const junit = path.join(dir, 'local.xml');
    const res = await runNode([CLI_ENTRY, 'run', file, '--local', '--kubeconfig', clusterKubeconfigPath(), '--junit', junit], {}, 120_000);
    expect(res.code).toBe(0);
    const doc = new XMLParser({ ignoreAttributes: false }).parse(readFileSync(junit, 'utf8'));
    expect(doc.testsuites['@_failures']).toBe('0');
  });

  it('halts from the command line', async () => {
    const halted = await runNode([CLI_ENTRY, 'halt', '--server', server.url, '--token', TOKEN, '--reason', 'cli test']);
    expect(halted.code).toBe(0);
    expect(halted.stdout).toContain('HALTED: cli test');
    const file = scenarioFile(dir, 'cli-halted', podKill());
    const refused = await runNode([CLI_ENTRY, 'run', file, '--server', server.url, '--token', TOKEN, '--wait']);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('halt');
    expect((await runNode([CLI_ENTRY, 'halt', '--lift', '--server', server.url, '--token', TOKEN])).code).toBe(0);
  });
});
