import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseScenarioFile } from '#scenario';
import { startTestServer, type TestServer } from '../../test/test-server.js';

const scenario = (name: string, team: string, description = 'Checkout survives.') => `apiVersion: firedrill.dev/v1alpha1
kind: Scenario
metadata:
  name: ${name}
  title: Pod kill ${name}
  team: ${team}
spec:
  hypothesis:
    description: ${description}
  targets:
    pods:
      namespace: shop
      selector: {matchLabels: {app: payment}}
      mode: one
  steps:
    - at: 30s
      podKill: {target: pods}
  guardrails: {maxDuration: 5m}
`;

const tabletop = (name: string, team: string) => `apiVersion: firedrill.dev/v1alpha1
kind: Tabletop
metadata: {name: ${name}, title: Tabletop ${name}, team: ${team}}
spec:
  roles: [incident-commander]
  injects:
    - {id: first, at: 0s, text: The pager goes off.}
`;

const yamlBody = (text: string) => ({ raw: text, headers: { 'content-type': 'application/yaml' } });

describe('scenarios API', () => {
  let server: TestServer;

  beforeAll(async () => {
    const emptyDir = mkdtempSync(path.join(os.tmpdir(), 'firedrill-no-scenarios-'));
    server = await startTestServer({ FIREDRILL_SCENARIOS_DIR: emptyDir });
    for (const slug of ['payments', 'search']) await server.request('POST', '/api/v1/teams', { body: { slug, name: slug } });
  });
  afterAll(() => server?.stop());

  it('creates version 1, keeps it for the same text and appends version 2 for changed text', async () => {
    const v1 = scenario('checkout-kill', 'payments');
    const created = await server.request('POST', '/api/v1/scenarios', yamlBody(v1));
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ kind: 'Scenario', name: 'checkout-kill', version: 1 });

    const again = await server.request('POST', '/api/v1/scenarios', yamlBody(v1));
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ kind: 'Scenario', name: 'checkout-kill', version: 1 });

    const v2 = scenario('checkout-kill', 'payments', 'Checkout survives, really.');
    const changed = await server.request('POST', '/api/v1/scenarios', yamlBody(v2));
    expect(changed.status).toBe(201);
    expect(changed.body.version).toBe(2);

    const latest = await server.request('GET', '/api/v1/scenarios/scenario/checkout-kill');
    expect(latest.status).toBe(200);
    expect(latest.body).toMatchObject({ kind: 'Scenario', name: 'checkout-kill', team: 'payments', version: 2, yaml: v2, source: 'api', file: null });
    expect(latest.body.document.spec.hypothesis.description).toBe('Checkout survives, really.');
    expect(new Date(latest.body.createdAt).toISOString()).toBe(latest.body.createdAt);

    const old = await server.request('GET', '/api/v1/scenarios/Scenario/checkout-kill?version=1');
    expect(old.status).toBe(200);
    expect(old.body.yaml).toBe(v1);
    expect(old.body.version).toBe(1);

    const versions = await server.request('GET', '/api/v1/scenarios/SCENARIO/checkout-kill/versions');
    expect(versions.body.items.map((v: { version: number }) => v.version)).toEqual([2, 1]);

    expect((await server.request('GET', '/api/v1/scenarios/scenario/checkout-kill?version=7')).status).toBe(404);
    expect((await server.request('GET', '/api/v1/scenarios/scenario/nothing-here')).status).toBe(404);
    expect((await server.request('GET', '/api/v1/scenarios/playbook/checkout-kill')).status).toBe(404);
  });

  it('accepts a JSON body {"yaml": "…"} like a YAML body', async () => {
    const res = await server.request('POST', '/api/v1/scenarios', { body: { yaml: scenario('json-upload', 'payments') } });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ kind: 'Scenario', name: 'json-upload', version: 1 });
    const missing = await server.request('POST', '/api/v1/scenarios', { body: { text: 'x' } });
    expect(missing.status).toBe(422);
    expect(missing.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['yaml']));
  });

  it('answers 422 with the validator’s positioned errors for an invalid file', async () => {
    const text = readFileSync('scenarios/invalid/unknown-target.yaml', 'utf8');
    const res = await server.request('POST', '/api/v1/scenarios', yamlBody(text));
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.code).toBe('scenario_invalid');
    const expected = parseScenarioFile(text).errors.map(({ line, column, path, message }) => ({ line, column, path, message }));
    expect(expected.length).toBeGreaterThan(0);
    expect(res.body.errors).toEqual(expected);

    const broken = await server.request('POST', '/api/v1/scenarios', yamlBody('kind: Scenario\nkind: Tabletop\n'));
    expect(broken.status).toBe(422);
    expect(broken.body.errors[0]).toMatchObject({ line: 2, column: 1, path: '(yaml)' });
  });

  it('saves every document of a multi-document file and versions each on its own text', async () => {
    const file = `${scenario('multi-one', 'payments')}---\n${tabletop('multi-two', 'payments')}`;
    const res = await server.request('POST', '/api/v1/scenarios', yamlBody(file));
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      documents: [
        { kind: 'Scenario', name: 'multi-one', version: 1 },
        { kind: 'Tabletop', name: 'multi-two', version: 1 },
      ],
    });
    const changedSecond = `${scenario('multi-one', 'payments')}---\n${tabletop('multi-two', 'payments').replace('The pager goes off.', 'A customer tweets.')}`;
    const again = await server.request('POST', '/api/v1/scenarios', yamlBody(changedSecond));
    expect(again.body.documents).toEqual([
      { kind: 'Scenario', name: 'multi-one', version: 1 },
      { kind: 'Tabletop', name: 'multi-two', version: 2 },
    ]);
    const list = await server.request('GET', '/api/v1/scenarios?kind=tabletop');
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([expect.objectContaining({ kind: 'Tabletop', name: 'multi-two', version: 2, title: 'Tabletop multi-two' })]);
  });

  it('refuses a document whose team does not exist, naming metadata.team', async () => {
    const res = await server.request('POST', '/api/v1/scenarios', yamlBody(scenario('ghost-kill', 'ghosts')));
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'metadata.team', line: 6, column: 9 })]);
    expect(res.body.errors[0].message).toContain('"ghosts"');
    expect((await server.request('GET', '/api/v1/scenarios/scenario/ghost-kill')).status).toBe(404);
  });

  it('keeps team-scoped tokens inside their team', async () => {
    const token = (await server.request('POST', '/api/v1/tokens', { body: { name: 'search-only', role: 'facilitator', team: 'search' } })).body.token;
    const other = await server.request('POST', '/api/v1/scenarios', { ...yamlBody(scenario('scoped-kill', 'payments')), token });
    expect(other.status).toBe(403);
    expect((await server.request('GET', '/api/v1/scenarios/scenario/scoped-kill')).status).toBe(404);

    const own = await server.request('POST', '/api/v1/scenarios', { ...yamlBody(scenario('search-kill', 'search')), token });
    expect(own.status).toBe(201);
    const list = await server.request('GET', '/api/v1/scenarios', { token });
    expect(list.body.items.map((i: { name: string }) => i.name)).toEqual(['search-kill']);
    expect((await server.request('GET', '/api/v1/scenarios/scenario/checkout-kill', { token })).status).toBe(403);
    expect((await server.request('GET', '/api/v1/scenarios?team=payments', { token })).status).toBe(403);
    // Renaming the team of another team's document does not hand it over.
    await server.request('POST', '/api/v1/scenarios', yamlBody(scenario('payments-owned', 'payments')));
    const takeover = await server.request('POST', '/api/v1/scenarios', { ...yamlBody(scenario('payments-owned', 'search')), token });
    expect(takeover.status).toBe(403);

    const viewer = (await server.request('POST', '/api/v1/tokens', { body: { name: 'v', role: 'viewer' } })).body.token;
    expect((await server.request('POST', '/api/v1/scenarios', { ...yamlBody(scenario('viewer-kill', 'payments')), token: viewer })).status).toBe(403);
    expect((await server.request('GET', '/api/v1/scenarios/scenario/checkout-kill', { token: viewer })).status).toBe(200);
  });

  it('plans a stored scenario without a cluster', async () => {
    const res = await server.request('GET', '/api/v1/scenarios/scenario/checkout-kill/plan');
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(2);
    expect(res.body.plan).toMatchObject({ kind: 'Scenario', name: 'checkout-kill', maxDuration: 300_000, resolved: false });
    expect(res.body.plan.timeline).toEqual(expect.arrayContaining([expect.objectContaining({ at: 30_000, event: 'fault-start' })]));
  });
});

describe('scenarios loaded from git at start', () => {
  let server: TestServer;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'firedrill-scenarios-'));

  beforeAll(async () => {
    writeFileSync(path.join(dir, 'checkout.yaml'), scenario('git-checkout', 'payments'));
    mkdirSync(path.join(dir, 'drills'));
    writeFileSync(path.join(dir, 'drills', 'pager.yml'), tabletop('git-pager', 'nobody-yet'));
    writeFileSync(path.join(dir, 'broken.yaml'), readFileSync('scenarios/invalid/unknown-target.yaml', 'utf8'));
    mkdirSync(path.join(dir, 'invalid'));
    writeFileSync(path.join(dir, 'invalid', 'fixture.yaml'), scenario('never-loaded', 'payments'));
    server = await startTestServer({ FIREDRILL_SCENARIOS_DIR: dir });
  });
  afterAll(() => server?.stop());

  it('stores each valid document with source git and skips invalid files without stopping the server', async () => {
    let items: { kind: string; name: string; source: string; file: string; version: number }[] = [];
    for (let attempt = 0; attempt < 100 && items.length < 2; attempt++) {
      items = (await server.request('GET', '/api/v1/scenarios')).body.items;
      if (items.length < 2) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const base = path.basename(dir);
    expect(items).toEqual([
      expect.objectContaining({ kind: 'Scenario', name: 'git-checkout', source: 'git', file: `${base}/checkout.yaml`, version: 1 }),
      expect.objectContaining({ kind: 'Tabletop', name: 'git-pager', source: 'git', file: `${base}/drills/pager.yml`, version: 1 }),
    ]);
    expect((await server.request('GET', '/readyz', { token: null })).status).toBe(200);
    expect((await server.request('GET', '/api/v1/scenarios/scenario/never-loaded')).status).toBe(404);
    const stored = await server.request('GET', '/api/v1/scenarios/tabletop/git-pager');
    expect(stored.body.yaml).toBe(tabletop('git-pager', 'nobody-yet'));
  });
});
