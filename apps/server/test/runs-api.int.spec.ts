import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestServer, type TestServer } from './test-server.js';

/** A scenario whose only step is far away: the run stays `running` without touching any cluster. */
function waitingScenario(name: string, extra = '', probes = '') {
  return `apiVersion: firedrill.dev/v1alpha1
kind: Scenario
metadata: {name: ${name}, title: ${name}, team: responders, severity: SEV2}
spec:
  hypothesis:
    description: the team responds
${probes}
  targets:
    pods: {namespace: shop, selector: {matchLabels: {app: payment}}, mode: one}
  steps:
    - at: 20m
      podKill: {target: pods}
  guardrails:
    maxDuration: 30m
${extra}
`;
}

async function until<T>(fn: () => Promise<T | null | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('runs API: people acting on a run', () => {
  let server: TestServer;
  let probeTarget: http.Server;
  let probeStatus = 200;

  beforeAll(async () => {
    server = await startTestServer({ FIREDRILL_SCENARIOS_DIR: '/nonexistent' });
    await server.request('POST', '/api/v1/teams', { body: { slug: 'responders', name: 'Responders' } });
    probeTarget = http.createServer((_req, res) => {
      res.statusCode = probeStatus;
      res.end('ok');
    });
    await new Promise<void>((r) => probeTarget.listen(0, '127.0.0.1', r));
  });

  afterAll(async () => {
    probeTarget.close();
    await server.stop();
  });

  async function start(name: string, yaml: string): Promise<string> {
    const saved = await server.request('POST', '/api/v1/scenarios', { raw: yaml, headers: { 'content-type': 'application/yaml' } });
    expect([200, 201]).toContain(saved.status);
    const run = await server.request('POST', '/api/v1/runs', { body: { scenario: name, dryRun: true } });
    expect(run.status).toBe(201);
    await until(async () => (await server.request('GET', `/api/v1/runs/${run.body.id}`)).body.state === 'running');
    return run.body.id;
  }

  it('records marks, roles, notes and corrections on the timeline, with an audit trail', async () => {
    const id = await start('acting', waitingScenario('acting'));
    const responder = (await server.request('POST', '/api/v1/tokens', { body: { name: 'Dana', role: 'responder' } })).body.token;

    const noticed = await server.request('POST', `/api/v1/runs/${id}/marks`, { token: responder, body: { kind: 'detected', note: 'checkout errors on the dashboard' } });
    expect(noticed.status).toBe(201);
    const ack = await server.request('POST', `/api/v1/runs/${id}/marks`, { token: responder, body: { kind: 'acknowledged', role: 'incident-commander' } });
    expect(ack.status).toBe(201);
    expect((await server.request('POST', `/api/v1/runs/${id}/roles`, { token: responder, body: { role: 'incident-commander', person: 'Dana' } })).status).toBe(201);
    expect((await server.request('POST', `/api/v1/runs/${id}/notes`, { token: responder, body: { text: 'rolled back the config' } })).status).toBe(201);

    const run = (await server.request('GET', `/api/v1/runs/${id}`)).body;
    expect(run.roles).toEqual([expect.objectContaining({ role: 'incident-commander', person: 'Dana' })]);
    expect(run.signals.map((s: any) => [s.kind, s.source])).toEqual([
      ['detected', 'mark'],
      ['acknowledged', 'mark'],
    ]);

    // A facilitator corrects when the detection really happened; the reason is required.
    const earlier = new Date(Date.parse(noticed.body.occurredAt) - 30_000).toISOString();
    const missing = await server.request('PATCH', `/api/v1/runs/${id}/signals/${noticed.body.id}`, { body: { occurredAt: earlier } });
    expect(missing.status).toBe(422);
    expect(missing.body.errors[0].path).toBe('reason');
    const corrected = await server.request('PATCH', `/api/v1/runs/${id}/signals/${noticed.body.id}`, { body: { occurredAt: earlier, reason: 'Slack message at 10:02 shows it' } });
    expect(corrected.status).toBe(200);
    expect(corrected.body.occurredAt).toBe(earlier);

    const timeline = (await server.request('GET', `/api/v1/runs/${id}/timeline`)).body.items;
    const kinds = timeline.map((e: any) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['mark', 'role', 'note', 'correction']));
    const correction = timeline.find((e: any) => e.kind === 'correction');
    expect(correction.title).toContain('Slack message at 10:02 shows it');
    expect(correction.data).toMatchObject({ old: noticed.body.occurredAt, new: earlier });
    // ordered by time
    const times = timeline.map((e: any) => e.at);
    expect([...times].sort()).toEqual(times);

    const aborted = await server.request('POST', `/api/v1/runs/${id}/abort`, { body: { reason: 'exercise over' } });
    expect(aborted.status).toBe(202);
    expect(aborted.body.state).toBe('aborted');
    const late = await server.request('POST', `/api/v1/runs/${id}/marks`, { token: responder, body: { kind: 'resolved' } });
    expect(late.status).toBe(409);
    expect(late.body.detail).toContain('has already ended');
  });

  it('rejects bad input field by field', async () => {
    const id = await start('bad-input', waitingScenario('bad-input'));
    const bad = await server.request('POST', `/api/v1/runs/${id}/marks`, { body: { kind: 'celebrated', role: 'hero' } });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: any) => e.path).sort()).toEqual(['kind', 'role']);
    expect((await server.request('POST', '/api/v1/runs', { body: { scenario: 'no-such-scenario' } })).status).toBe(404);
    expect((await server.request('GET', '/api/v1/runs/not-a-run')).status).toBe(404);
    const viewer = (await server.request('POST', '/api/v1/tokens', { body: { name: 'v', role: 'viewer' } })).body.token;
    expect((await server.request('POST', `/api/v1/runs/${id}/abort`, { token: viewer, body: {} })).status).toBe(403);
    await server.request('POST', `/api/v1/runs/${id}/abort`, { body: {} });
  });

  it('aborts the run when an abortWhen probe keeps failing (guardrail)', async () => {
    const port = (probeTarget.address() as AddressInfo).port;
    const probes = `    steadyState:
      - {name: checkout-up, http: {url: "http://127.0.0.1:${port}/healthz", expectStatus: 200, timeout: 1s}, interval: 500ms}`;
    const id = await start('guarded', waitingScenario('guarded', '    abortWhen:\n      - {probe: checkout-up, failingFor: 1s}', probes));
    probeStatus = 503;
    try {
      const run = await until(async () => {
        const r = (await server.request('GET', `/api/v1/runs/${id}`)).body;
        return r.state === 'aborted' ? r : null;
      });
      expect(run.abortReason).toBe('guardrail: probe checkout-up failing for 1s');
      expect(run.probes.some((p: any) => !p.ok && p.detail === 'HTTP 503, expected 200')).toBe(true);
    } finally {
      probeStatus = 200;
    }
  });
});
