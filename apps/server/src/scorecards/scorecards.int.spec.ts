import { IncidentRecords } from '#incident';
import { startTestServer, type TestServer } from '../../test/test-server.js';

describe('maturity scorecard', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
    await server.request('POST', '/api/v1/teams', { body: { slug: 'payments', name: 'Payments' } });
    const records = server.app.get(IncidentRecords, { strict: false });
    const day = (d: number) => new Date(Date.parse('2026-11-01T10:00:00Z') - d * 86_400_000);
    const plus = (d: Date, s: number) => new Date(d.getTime() + s * 1000);
    // Game days in both quarters, each alerting within a minute, commander and runbook in place.
    for (const [i, ago] of [10, 100].entries()) {
      const t0 = day(ago);
      await records.upsertDrill({
        runId: `7c1d5a3e-0000-4000-8000-00000000000${i}`,
        teamSlug: 'payments',
        kind: 'gameday',
        title: 'Pod kill',
        severity: 'SEV2',
        service: 'checkout',
        scenarioName: 'pod-kill',
        startedAt: t0,
        detectedAt: plus(t0, 40),
        acknowledgedAt: plus(t0, 100),
        mitigatedAt: plus(t0, 600),
        resolvedAt: plus(t0, 900),
        firstCommunicatedAt: plus(t0, 300),
        statusUpdates: [plus(t0, 600)],
        detectionSource: 'alert',
        alertFired: true,
        incidentCommanderAssigned: true,
        runbookLinked: true,
      });
    }
    // A real incident reported by a customer, long ago: outside the window.
    await server.request('POST', '/api/v1/teams/payments/incidents', {
      body: [{ externalId: 'OLD', title: 'Old outage', severity: 'SEV1', service: 'checkout', startedAt: '2025-01-01T10:00:00Z', detectedAt: '2025-01-01T11:00:00Z', detectionSource: 'customer' }],
    });
  });
  afterAll(() => server?.stop());

  it('scores each dimension from the window, with evidence linked to runs and next steps', async () => {
    const res = await server.request('GET', '/api/v1/teams/payments/scorecard?asOf=2026-11-01T12:00:00Z');
    expect(res.status).toBe(200);
    const card = res.body;
    expect(card.window).toEqual({ from: '2026-05-05T12:00:00.000Z', to: '2026-11-01T12:00:00.000Z' });
    expect(card.counts).toEqual({ records: 2, incidents: 0, drills: 2 });
    // Detection: alerts detected both game days within target, but no continuous runs -> L3.
    expect(card.dimensions.detection.level).toBe(3);
    expect(card.dimensions.detection.evidence[0]).toEqual({ incidentId: expect.any(String), runId: '7c1d5a3e-0000-4000-8000-000000000000', text: expect.stringMatching(/alert fired/) });
    expect(card.dimensions.detection.missing.map((m: { rule: string }) => m.rule)).toContain('detection.continuous-chaos');
    // Response: no tabletops -> L3.
    expect(card.dimensions.response.level).toBe(3);
    expect(card.dimensions.response.missing.find((m: { rule: string }) => m.rule === 'response.tabletop-cadence').text).toMatch(/monthly tabletop/);
    // Learning: no postmortem yet -> L1.
    expect(card.dimensions.learning.level).toBe(1);
    expect(card.overall).toBe(1);
    expect(card.mean).toBe((card.dimensions.detection.level + card.dimensions.response.level + card.dimensions.communication.level + 1) / 4);
    expect(card.rulesVersion).toEqual(expect.any(String));
  });

  it('counts a published postmortem towards learning', async () => {
    await server.request('PUT', '/api/v1/runs/7c1d5a3e-0000-4000-8000-000000000000/postmortem', { body: { status: 'in_review', sections: { summary: 'Pods restarted.' } } });
    await server.request('PUT', '/api/v1/runs/7c1d5a3e-0000-4000-8000-000000000000/postmortem', { body: { status: 'published' } });
    const card = (await server.request('GET', '/api/v1/teams/payments/scorecard')).body;
    expect(card.dimensions.learning.level).toBeGreaterThanOrEqual(2);
  });

  it('rejects a bad asOf and an unknown team', async () => {
    expect((await server.request('GET', '/api/v1/teams/payments/scorecard?asOf=soon')).body.errors[0].path).toBe('asOf');
    expect((await server.request('GET', '/api/v1/teams/ghost/scorecard')).status).toBe(404);
  });
});
