import { applyFixtures, deleteNamespace, describeCluster, freshNamespace, clusterKubeconfigPath } from '#testing';
import { startTestServer, type TestServer } from './test-server.js';
import { k, kjson, readyReplicas, saveScenario, serviceAccountKubeconfig, waitFor, waitForRun } from './cluster-helpers.js';

const header = (name: string, team: string) => `apiVersion: firedrill.dev/v1alpha1
kind: Scenario
metadata: {name: ${name}, title: ${name}, team: ${team}, severity: SEV3}
`;

function podKillScenario(name: string, ns: string, mode: string, value?: number) {
  return `${header(name, 'engine')}spec:
  hypothesis: {description: payment survives losing pods}
  targets:
    pods:
      namespace: ${ns}
      selector: {matchLabels: {app: payment}}
      mode: ${mode}${value !== undefined ? `\n      value: ${value}` : ''}
  steps:
    - at: 0s
      podKill: {target: pods}
  guardrails: {maxDuration: 5m}
`;
}

function configScenario(name: string, ns: string, duration: string) {
  return `${header(name, 'engine')}spec:
  hypothesis: {description: a small pool is noticed}
  steps:
    - at: 0s
      configChange: {namespace: ${ns}, configMap: payment-config, set: {DB_POOL_SIZE: "1"}, remove: [PAYMENT_PROVIDER_TIMEOUT_MS], duration: ${duration}}
    - at: 0s
      configChange: {namespace: ${ns}, deployment: payment, container: app, env: {set: {FEATURE_X: "off"}}, duration: ${duration}}
  guardrails: {maxDuration: 10m}
`;
}

function latencyScenario(name: string, ns: string, duration: string) {
  return `${header(name, 'engine')}spec:
  hypothesis: {description: slow payments are noticed}
  targets:
    pods:
      namespace: ${ns}
      selector: {matchLabels: {app: payment}}
      mode: all
  steps:
    - at: 0s
      latency: {target: pods, delay: 3s, jitter: 200ms, duration: ${duration}, port: 8080}
  guardrails: {maxDuration: 10m}
`;
}

const configMap = (ns: string) => kjson(['-n', ns, 'get', 'configmap', 'payment-config']);
const deployment = (ns: string) => kjson(['-n', ns, 'get', 'deployment', 'payment']);
const envOf = (dep: any) => dep.spec.template.spec.containers.find((c: any) => c.name === 'app').env as { name: string; value: string }[];

describeCluster('fault engine against the local control plane', () => {
  let server: TestServer;
  let ns: string;

  beforeAll(async () => {
    ns = await freshNamespace('engine');
    await applyFixtures(ns);
    await waitFor('payment ready', async () => (await readyReplicas(ns, 'payment')) === 3, 60_000);
    server = await startTestServer({ KUBECONFIG: clusterKubeconfigPath(), FIREDRILL_SWEEP_INTERVAL: '500', FIREDRILL_SCENARIOS_DIR: '/nonexistent' });
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await deleteNamespace(ns);
  });

  it.each([
    ['one', undefined, 1],
    ['fixed', 2, 2],
    ['all', undefined, 3],
    ['fixed-percent', 34, 1],
  ])('kills pods with mode %s and the deployment replaces them', async (mode, value, expected) => {
    await waitFor('payment ready', async () => (await readyReplicas(ns, 'payment')) === 3, 60_000);
    const before = (await kjson(['-n', ns, 'get', 'pods', '-l', 'app=payment'])).items.map((p: any) => p.metadata.name);
    const name = await saveScenario(server, podKillScenario(`kill-${mode}`, ns, mode, value));
    const created = await server.request('POST', '/api/v1/runs', { body: { scenario: name } });
    expect(created.status).toBe(201);
    const run = await waitForRun(server, created.body.id, ['completed', 'failed', 'aborted']);
    expect(run.state).toBe('completed');
    expect(run.t0).not.toBeNull();
    const killed = run.records.map((r: any) => r.notes.podDeleted);
    expect(killed).toHaveLength(expected);
    for (const pod of killed) expect(before).toContain(pod);
    expect(run.records.every((r: any) => r.phase === 'recovered')).toBe(true);
    const after = (await kjson(['-n', ns, 'get', 'pods', '-l', 'app=payment'])).items.map((p: any) => p.metadata.name);
    for (const pod of killed) expect(after).not.toContain(pod);
    await waitFor('replacements ready', async () => (await readyReplicas(ns, 'payment')) === 3, 60_000);
    const timeline = await server.request('GET', `/api/v1/runs/${run.id}/timeline`);
    const kinds = timeline.body.items.map((e: any) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['step-started', 'fault-injected', 't0']));
  });

  it('injects config faults with undo data on the objects and restores them exactly', async () => {
    const cmBefore = await configMap(ns);
    const envBefore = envOf(await deployment(ns));
    const name = await saveScenario(server, configScenario('config-restore', ns, '4s'));
    const created = await server.request('POST', '/api/v1/runs', { body: { scenario: name } });
    await waitFor('config injected', async () => (await configMap(ns)).data.DB_POOL_SIZE === '1', 20_000);
    const cm = await configMap(ns);
    expect(cm.data.PAYMENT_PROVIDER_TIMEOUT_MS).toBeUndefined();
    expect(cm.metadata.annotations['firedrill.dev/run']).toBe(created.body.id);
    expect(Date.parse(cm.metadata.annotations['firedrill.dev/expires-at'])).toBeGreaterThan(Date.now() - 1000);
    expect(JSON.parse(cm.metadata.annotations['firedrill.dev/undo']).keys.DB_POOL_SIZE).toEqual({ original: '20', injected: '1' });
    await waitFor('env injected', async () => envOf(await deployment(ns)).some((e) => e.name === 'FEATURE_X' && e.value === 'off'), 20_000);
    const run = await waitForRun(server, created.body.id, ['completed', 'failed', 'aborted']);
    expect(run.state).toBe('completed');
    const cmAfter = await configMap(ns);
    expect(cmAfter.data).toEqual(cmBefore.data);
    expect(Object.keys(cmAfter.metadata.annotations ?? {}).filter((a) => a.startsWith('firedrill.dev/'))).toEqual([]);
    expect(cmAfter.metadata.labels['firedrill.dev/touched']).toBeUndefined();
    expect(envOf(await deployment(ns))).toEqual(envBefore);
    expect(run.records.map((r: any) => r.outcome)).toEqual(['restored', 'restored']);
  });

  it('keeps the team’s own fix, records it as a mitigation from the cluster, and does not overwrite it', async () => {
    try {
      await teamFix();
    } finally {
      await k(['-n', ns, 'patch', 'configmap', 'payment-config', '--type', 'merge', '-p', '{"data":{"DB_POOL_SIZE":"20","PAYMENT_PROVIDER_TIMEOUT_MS":"1500"}}']);
    }
  });

  async function teamFix() {
    const name = await saveScenario(server, configScenario('config-team-fix', ns, '5m'));
    const created = await server.request('POST', '/api/v1/runs', { body: { scenario: name } });
    await waitFor('config injected', async () => (await configMap(ns)).data.DB_POOL_SIZE === '1', 20_000);
    await waitFor('watch started', async () => (await server.request('GET', `/api/v1/runs/${created.body.id}`)).body.records.every((r: any) => r.phase === 'injected'));
    await new Promise((r) => setTimeout(r, 500));
    await k(['-n', ns, 'patch', 'configmap', 'payment-config', '--type', 'merge', '-p', '{"data":{"DB_POOL_SIZE":"50"}}']);
    const mitigated = await waitFor(
      'mitigation signal',
      async () => (await server.request('GET', `/api/v1/runs/${created.body.id}`)).body.signals.find((s: any) => s.kind === 'mitigated' && s.source === 'cluster'),
      15_000,
    );
    expect(mitigated.summary).toContain('payment-config');
    const aborted = await server.request('POST', `/api/v1/runs/${created.body.id}/abort`, { body: { reason: 'done' } });
    expect(aborted.status).toBe(202);
    const run = await waitForRun(server, created.body.id, ['aborted']);
    expect((await configMap(ns)).data.DB_POOL_SIZE).toBe('50');
    const cmRecord = run.records.find((r: any) => r.target.kind === 'ConfigMap');
    expect(cmRecord.outcome).toBe('kept-team-change');
    expect(run.metrics.ttmSeconds).not.toBeNull();
    expect(run.metrics.sources.mitigated.source).toBe('cluster');
    // the env change was not touched by the team, so it was restored
    expect(envOf(await deployment(ns)).some((e) => e.name === 'FEATURE_X')).toBe(false);
  }

  it('re-points a service at a delay proxy and restores selectors and annotations exactly', async () => {
    const svcBefore = await kjson(['-n', ns, 'get', 'service', 'payment']);
    const name = await saveScenario(server, latencyScenario('latency-restore', ns, '4s'));
    const created = await server.request('POST', '/api/v1/runs', { body: { scenario: name } });
    const during = await waitFor('service re-pointed', async () => {
      const svc = await kjson(['-n', ns, 'get', 'service', 'payment']);
      return svc.spec.selector['firedrill.dev/proxy-for'] ? svc : null;
    }, 20_000);
    expect(during.metadata.annotations['firedrill.dev/run']).toBe(created.body.id);
    const created_ = await kjson(['-n', ns, 'get', 'deployments,services', '-l', 'firedrill.dev/created-by-record']);
    const kinds = created_.items.map((i: any) => i.kind).sort();
    expect(kinds).toEqual(['Deployment', 'Service']);
    const shadow = created_.items.find((i: any) => i.kind === 'Service');
    expect(shadow.spec.selector).toEqual(svcBefore.spec.selector);
    const proxy = created_.items.find((i: any) => i.kind === 'Deployment');
    expect(proxy.spec.template.spec.containers[0].args).toEqual(expect.arrayContaining(['proxy', '--delay', '3000ms', '--jitter', '200ms']));
    const run = await waitForRun(server, created.body.id, ['completed', 'failed', 'aborted']);
    expect(run.state).toBe('completed');
    const svcAfter = await kjson(['-n', ns, 'get', 'service', 'payment']);
    expect(svcAfter.spec.selector).toEqual(svcBefore.spec.selector);
    expect(svcAfter.metadata.annotations ?? {}).toEqual(svcBefore.metadata.annotations ?? {});
    expect(svcAfter.metadata.labels).toEqual(svcBefore.metadata.labels);
    const leftovers = await kjson(['-n', ns, 'get', 'deployments,services', '-l', 'firedrill.dev/created-by-record']);
    expect(leftovers.items).toEqual([]);
  });

  it('refuses a namespace that is not annotated for chaos, with the reason', async () => {
    const plain = await freshNamespace('plain', { chaosEnabled: false });
    try {
      const name = await saveScenario(server, podKillScenario('kill-plain', plain, 'all'));
      const res = await server.request('POST', '/api/v1/runs', { body: { scenario: name } });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('namespace_not_allowed');
      expect(res.body.detail).toBe(`Namespace '${plain}' cannot be targeted: it is not annotated firedrill.dev/chaos: enabled`);
    } finally {
      await deleteNamespace(plain);
    }
  });

  it('halts: recovers everything now, and refuses new runs until lifted', async () => {
    try {
      await haltScenario();
    } finally {
      await server.request('DELETE', '/api/v1/halt');
    }
  });

  async function haltScenario() {
    const name = await saveScenario(server, configScenario('config-halt', ns, '10m'));
    const created = await server.request('POST', '/api/v1/runs', { body: { scenario: name } });
    await waitFor('config injected', async () => (await configMap(ns)).data.DB_POOL_SIZE === '1', 20_000);
    await waitFor('both injected', async () => {
      const records = (await server.request('GET', `/api/v1/runs/${created.body.id}`)).body.records;
      if (records.some((r: any) => r.phase === 'failed')) throw new Error(`a fault failed: ${JSON.stringify(records.map((r: any) => [r.phase, r.lastError]))}`);
      return records.length === 2 && records.every((r: any) => r.phase === 'injected');
    });
    const halt = await server.request('POST', '/api/v1/halt', { body: { reason: 'payments outage, stop all drills' } });
    expect(halt.status).toBe(201);
    expect(halt.body).toMatchObject({ halted: true, reason: 'payments outage, stop all drills', stillInjected: [] });
    expect((await configMap(ns)).data.DB_POOL_SIZE).toBe('20');
    expect(envOf(await deployment(ns)).some((e) => e.name === 'FEATURE_X')).toBe(false);
    const run = await waitForRun(server, created.body.id, ['aborted']);
    expect(run.abortReason).toContain('halt');
    const refused = await server.request('POST', '/api/v1/runs', { body: { scenario: name } });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('halt_in_force');
    expect((await server.request('GET', '/api/v1/halt')).body.halted).toBe(true);
    expect((await server.request('DELETE', '/api/v1/halt')).status).toBe(200);
    expect((await server.request('GET', '/api/v1/halt')).body.halted).toBe(false);
  }

  it('refuses to start when the steady state does not hold (preflight)', async () => {
    const name = await saveScenario(
      server,
      `${header('preflight-broken', 'engine')}spec:
  hypothesis:
    description: payment has five ready replicas
    steadyState:
      - {name: payment-ready, kubernetes: {namespace: ${ns}, deployment: payment, minReady: 10}}
  steps:
    - at: 0s
      configChange: {namespace: ${ns}, configMap: payment-config, set: {DB_POOL_SIZE: "1"}, duration: 1m}
  guardrails: {maxDuration: 5m}
`,
    );
    const created = await server.request('POST', '/api/v1/runs', { body: { scenario: name } });
    const run = await waitForRun(server, created.body.id, ['failed', 'completed', 'aborted']);
    expect(run.state).toBe('failed');
    expect(run.failureReason).toMatch(/^preflight refused: the steady state does not hold: probe 'payment-ready' failed \(\d ready, below 10\)$/);
    expect(run.records).toEqual([]);
    expect((await configMap(ns)).data.DB_POOL_SIZE).toBe('20');
  });

  it('refuses a second run that targets the same objects while the first is running', async () => {
    const first = await saveScenario(server, configScenario('config-first', ns, '5m'));
    const second = await saveScenario(server, configScenario('config-second', ns, '5m'));
    const a = await server.request('POST', '/api/v1/runs', { body: { scenario: first } });
    await waitForRun(server, a.body.id, ['running']);
    await waitFor('first injected', async () => (await configMap(ns)).data.DB_POOL_SIZE === '1', 20_000);
    try {
      const b = await server.request('POST', '/api/v1/runs', { body: { scenario: second } });
      const refused = await waitForRun(server, b.body.id, ['failed', 'completed', 'aborted']);
      expect(refused.state).toBe('failed');
      expect(refused.failureReason).toContain(`run ${a.body.id} (config-first) already targets the same objects in ${ns}`);
      expect(refused.records).toEqual([]);
    } finally {
      await server.request('POST', `/api/v1/runs/${a.body.id}/abort`, { body: {} });
      await waitForRun(server, a.body.id, ['aborted']);
    }
    expect((await configMap(ns)).data.DB_POOL_SIZE).toBe('20');
  });

  it('aborts at maxDuration and recovers the faults (guardrail)', async () => {
    const name = await saveScenario(
      server,
      `${header('max-duration', 'engine')}spec:
  hypothesis: {description: a short exercise}
  steps:
    - at: 0s
      configChange: {namespace: ${ns}, configMap: payment-config, set: {DB_POOL_SIZE: "1"}, duration: 3s}
  guardrails: {maxDuration: 3s}
`,
    );
    const created = await server.request('POST', '/api/v1/runs', { body: { scenario: name } });
    await waitFor('config injected', async () => (await configMap(ns)).data.DB_POOL_SIZE === '1', 20_000);
    const run = await waitForRun(server, created.body.id, ['aborted', 'completed', 'failed'], 30_000);
    expect(run.state).toBe('aborted');
    expect(run.abortReason).toBe('guardrail: maxDuration 3s reached');
    expect((await configMap(ns)).data.DB_POOL_SIZE).toBe('20');
  });

  it('a dry run resolves and records targets without touching the cluster', async () => {
    await k(['-n', ns, 'rollout', 'status', 'deployment/payment', '--timeout=60s']);
    await waitFor('exactly 3 settled pods', async () => (await kjson(['-n', ns, 'get', 'pods', '-l', 'app=payment'])).items.length === 3, 30_000);
    const before = (await kjson(['-n', ns, 'get', 'pods', '-l', 'app=payment'])).items.map((p: any) => p.metadata.uid).sort();
    const name = await saveScenario(server, podKillScenario('kill-dry', ns, 'all'));
    const created = await server.request('POST', '/api/v1/runs', { body: { scenario: name, dryRun: true } });
    const run = await waitForRun(server, created.body.id, ['completed']);
    expect(run.records).toHaveLength(3);
    expect(run.records.every((r: any) => r.dryRun && r.outcome === 'never-injected')).toBe(true);
    const after = (await kjson(['-n', ns, 'get', 'pods', '-l', 'app=payment'])).items.map((p: any) => p.metadata.uid).sort();
    expect(after).toEqual(before);
  });
});

describeCluster('a service account without delete rights', () => {
  let server: TestServer;
  let ns: string;

  beforeAll(async () => {
    ns = await freshNamespace('rbac');
    await applyFixtures(ns);
    // Let the weak identity read namespaces (cluster scope) so the failure is the missing delete.
    await k(['create', 'clusterrole', `${ns}-ns-reader`, '--verb=get,list', '--resource=namespaces']);
    await k(['create', 'clusterrolebinding', `${ns}-ns-reader`, `--clusterrole=${ns}-ns-reader`, `--serviceaccount=${ns}:firedrill-readonly`]);
    const kubeconfig = await serviceAccountKubeconfig(ns, 'firedrill-readonly');
    server = await startTestServer({ KUBECONFIG: kubeconfig, FIREDRILL_SCENARIOS_DIR: '/nonexistent' });
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await k(['delete', 'clusterrolebinding', `${ns}-ns-reader`, '--ignore-not-found']);
    await k(['delete', 'clusterrole', `${ns}-ns-reader`, '--ignore-not-found']);
    await deleteNamespace(ns);
  });

  it('fails the step naming the missing permission and deletes nothing', async () => {
    await waitFor('payment ready', async () => (await readyReplicas(ns, 'payment')) === 3, 60_000);
    const before = (await kjson(['-n', ns, 'get', 'pods', '-l', 'app=payment'])).items.map((p: any) => p.metadata.uid).sort();
    const name = await saveScenario(server, podKillScenario('kill-denied', ns, 'all'));
    const created = await server.request('POST', '/api/v1/runs', { body: { scenario: name } });
    const run = await waitForRun(server, created.body.id, ['failed', 'completed', 'aborted']);
    expect(run.state).toBe('failed');
    expect(run.failureReason).toContain(`cannot delete pods in namespace '${ns}'`);
    expect(run.steps[0].status).toBe('failed');
    expect(run.records.every((r: any) => r.phase === 'failed')).toBe(true);
    const after = (await kjson(['-n', ns, 'get', 'pods', '-l', 'app=payment'])).items.map((p: any) => p.metadata.uid).sort();
    expect(after).toEqual(before);
  });
});
