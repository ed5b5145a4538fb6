import { IncidentRecords } from '#incident';
import { startTestServer, type TestServer } from '../../test/test-server.js';

const at = (iso: string, seconds: number) => new Date(Date.parse(iso) + seconds * 1000).toISOString();

/** An imported incident starting at `start`, each later timestamp given in seconds after it. */
function incident(externalId: string, start: string, s: { ttd: number; ack: number; ttm: number | null; ttr: number }, extra: Record<string, unknown> = {}) {
  return {
    externalId,
    title: `Incident ${externalId}`,
    severity: 'SEV2',
    service: 'checkout',
    startedAt: start,
    detectedAt: at(start, s.ttd),
    acknowledgedAt: at(start, s.ttd + s.ack),
    mitigatedAt: s.ttm === null ? null : at(start, s.ttm),
    resolvedAt: at(start, s.ttr),
    detectionSource: 'alert',
    ...extra,
  };
}

describe('incident history (import, listing, metrics)', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
    expect((await server.request('POST', '/api/v1/teams', { body: { slug: 'payments', name: 'Payments' } })).status).toBe(201);
    await server.request('POST', '/api/v1/teams', { body: { slug: 'search', name: 'Search' } });
  });
  afterAll(() => server?.stop());

  describe('import', () => {
    it('rejects a bad import listing every bad row and field, and imports nothing', async () => {
      const rows = [
        incident('ok-1', '2026-05-01T10:00:00Z', { ttd: 60, ack: 30, ttm: 600, ttr: 1800 }),
        { ...incident('bad-1', '2026-05-02T10:00:00Z', { ttd: 60, ack: 30, ttm: 600, ttr: 1800 }), severity: 'SEV9', resolvedAt: '2026-05-02T09:00:00Z' },
        { ...incident('bad-2', '2026-05-03T10:00:00Z', { ttd: 60, ack: 30, ttm: 600, ttr: 1800 }), detectedAt: '2026-05-03T09:59:00Z', startedAt: 'yesterday' },
        { ...incident('bad-3', '2026-05-04T10:00:00Z', { ttd: 60, ack: 30, ttm: 600, ttr: 1800 }), detectedAt: '2026-05-04T09:59:00Z', colour: 'red' },
      ];
      const res = await server.request('POST', '/api/v1/teams/payments/incidents', { body: rows });
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toMatch(/problem\+json/);
      const paths = res.body.errors.map((e: { path: string }) => e.path);
      expect(paths).toEqual(expect.arrayContaining(['rows[1].severity', 'rows[1].resolvedAt', 'rows[2].startedAt', 'rows[3].detectedAt', 'rows[3].colour']));
      expect(paths.some((p: string) => p.startsWith('rows[0]'))).toBe(false);
      expect(res.body.errors.find((e: { path: string }) => e.path === 'rows[3].detectedAt').message).toMatch(/before startedAt/);
      const list = await server.request('GET', '/api/v1/teams/payments/incidents');
      expect(list.body.total).toBe(0);
    });

    it('is idempotent on externalId: a re-import updates and never duplicates', async () => {
      const first = [incident('INC-1', '2026-05-01T10:00:00Z', { ttd: 60, ack: 30, ttm: 600, ttr: 1800 }, { actionItems: [{ title: 'Add a canary', owner: 'alice', type: 'prevent' }] })];
      const a = await server.request('POST', '/api/v1/teams/search/incidents', { body: first });
      expect(a.status).toBe(201);
      expect(a.body).toEqual({ created: 1, updated: 0, actionItems: 1 });
      const b = await server.request('POST', '/api/v1/teams/search/incidents', { body: [{ ...first[0], title: 'Renamed' }] });
      expect(b.body).toEqual({ created: 0, updated: 1, actionItems: 1 });
      const list = await server.request('GET', '/api/v1/teams/search/incidents');
      expect(list.body.total).toBe(1);
      expect(list.body.items[0]).toMatchObject({ title: 'Renamed', externalId: 'INC-1', drill: false, kind: 'incident', ttd: 60, tta: 30, ttm: 600, ttr: 1800 });
      const items = await server.request('GET', `/api/v1/action-items?incidentId=${list.body.items[0].id}`);
      expect(items.body.items).toHaveLength(1);
    });

    it('imports CSV with a header row, statusUpdates separated by ";", and reports the line of a bad row', async () => {
      const csv = [
        'externalId,title,severity,service,startedAt,detectedAt,acknowledgedAt,resolvedAt,detectionSource,statusUpdates,rootCause',
        'CSV-1,Checkout down,SEV1,checkout,2026-06-01T10:00:00Z,2026-06-01T10:02:00Z,2026-06-01T10:03:00Z,2026-06-01T11:00:00Z,alert,2026-06-01T10:10:00Z;2026-06-01T10:40:00Z,Expired TLS certificate',
        'CSV-2,"Search slow, again",SEV3,search,2026-06-02T10:00:00Z,,,2026-06-02T10:30:00Z,customer,,',
      ].join('\n');
      const ok = await server.request('POST', '/api/v1/teams/search/incidents', { raw: csv, headers: { 'content-type': 'text/csv' } });
      expect(ok.status).toBe(201);
      expect(ok.body).toMatchObject({ created: 2, updated: 0 });
      const list = await server.request('GET', '/api/v1/teams/search/incidents?from=2026-06-01T00:00:00Z');
      const c1 = list.body.items.find((i: { externalId: string }) => i.externalId === 'CSV-1');
      expect(c1.statusUpdates).toEqual(['2026-06-01T10:10:00.000Z', '2026-06-01T10:40:00.000Z']);
      expect(list.body.items.find((i: { externalId: string }) => i.externalId === 'CSV-2').title).toBe('Search slow, again');

      const bad = 'externalId,title,severity,service,startedAt,resolvedAt\nCSV-3,ok,SEV2,a,2026-06-03T10:00:00Z,2026-06-03T11:00:00Z\nCSV-4,bad,SEV2,a,2026-06-03T10:00:00Z,2026-06-03T09:00:00Z\n';
      const res = await server.request('POST', '/api/v1/teams/search/incidents', { raw: bad, headers: { 'content-type': 'text/csv' } });
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([{ path: 'rows[1].resolvedAt', message: expect.stringMatching(/before startedAt/), line: 3 }]);
      expect((await server.request('GET', '/api/v1/teams/search/incidents')).body.total).toBe(3);
    });

    it('needs the facilitator role and the right team', async () => {
      const viewer = await server.request('POST', '/api/v1/tokens', { body: { name: 'v', role: 'viewer' } });
      const res = await server.request('POST', '/api/v1/teams/search/incidents', { body: [], token: viewer.body.secret ?? viewer.body.token });
      expect(res.status).toBe(403);
      expect((await server.request('POST', '/api/v1/teams/nope/incidents', { body: [incident('x', '2026-05-01T10:00:00Z', { ttd: 1, ack: 1, ttm: 2, ttr: 3 })] })).status).toBe(404);
    });
  });

  describe('metrics', () => {
    beforeAll(async () => {
      const rows = [
        incident('M-1', '2026-05-10T10:00:00Z', { ttd: 60, ack: 30, ttm: 600, ttr: 1800 }, { rootCause: 'Expired TLS certificate', postmortemPublishedAt: '2026-05-11T10:00:00Z' }),
        incident('M-2', '2026-06-10T10:00:00Z', { ttd: 120, ack: 30, ttm: 900, ttr: 3600 }, { rootCause: 'TLS certificate expired.' }),
        incident('M-3', '2026-07-10T10:00:00Z', { ttd: 180, ack: 60, ttm: 1200, ttr: 5400 }, { severity: 'SEV1', actionItems: [{ title: 'a', owner: 'o', type: 'prevent', status: 'done', completedAt: '2026-07-11T10:00:00Z' }, { title: 'b', owner: 'o', type: 'prevent' }, { title: 'c', owner: 'o', type: 'process', status: 'dropped' }] }),
        incident('M-4', '2026-08-10T10:00:00Z', { ttd: 240, ack: 60, ttm: 1500, ttr: 7200 }, { service: 'payments-api' }),
        incident('M-5', '2026-09-10T10:00:00Z', { ttd: 600, ack: 120, ttm: null, ttr: 9000 }, { service: 'payments-api' }),
      ];
      expect((await server.request('POST', '/api/v1/teams/payments/incidents', { body: rows })).status).toBe(201);
      const records = server.app.get(IncidentRecords, { strict: false });
      await records.upsertDrill({ runId: '6f1c1f4e-8a64-4d7b-9a57-1d1f7a4b0001', teamSlug: 'payments', kind: 'gameday', title: 'Pod kill', severity: 'SEV2', service: 'checkout', scenarioName: 'pod-kill', startedAt: new Date('2026-07-01T10:00:00Z') });
      // A later upsert of the same run fills in measured times without duplicating the row.
      await records.upsertDrill({ runId: '6f1c1f4e-8a64-4d7b-9a57-1d1f7a4b0001', teamSlug: 'payments', kind: 'gameday', title: 'Pod kill', severity: 'SEV2', service: 'checkout', scenarioName: 'pod-kill', startedAt: new Date('2026-07-01T10:00:00Z'), detectedAt: new Date('2026-07-01T10:00:30Z'), resolvedAt: new Date('2026-07-01T10:10:00Z') });
    });

    it('computes mean, median and p90 per measure for real incidents, by quarter, without drills', async () => {
      const res = await server.request('GET', '/api/v1/teams/payments/metrics?from=2026-04-01T00:00:00Z&to=2026-10-01T00:00:00Z&drill=false');
      expect(res.status).toBe(200);
      const m = res.body;
      expect(m.count).toBe(5);
      expect(m.mttd).toEqual({ mean: 240, median: 180, p90: 456, count: 5 });
      expect(m.mtta).toEqual({ mean: 60, median: 60, p90: 96, count: 5 });
      expect(m.mttm).toEqual({ mean: 1050, median: 1050, p90: 1410, count: 4 });
      expect(m.mttr).toEqual({ mean: 5400, median: 5400, p90: 8280, count: 5 });
      expect(m.countsBySeverity).toEqual({ SEV1: 1, SEV2: 4, SEV3: 0, SEV4: 0 });
      expect(m.countsByService).toEqual({ checkout: 3, 'payments-api': 2 });
      expect(m.repeatIncidents).toEqual([{ rootCauseKey: 'certificate expired tls', rootCause: expect.any(String), count: 2, incidentIds: expect.any(Array) }]);
      expect(m.postmortemCompletionRate).toBeCloseTo(1 / 5);
      expect(m.actionItemCompletionRate).toBeCloseTo(1 / 2);
      expect(m.quarters.map((q: { quarter: string; count: number; mttd: { median: number } }) => [q.quarter, q.count, q.mttd.median])).toEqual([
        ['2026-Q2', 2, 90],
        ['2026-Q3', 3, 240],
      ]);
    });

    it('shows real incidents and drills side by side without the drill filter', async () => {
      const res = await server.request('GET', '/api/v1/teams/payments/metrics?from=2026-04-01T00:00:00Z&to=2026-10-01T00:00:00Z');
      expect(res.body.real.count).toBe(5);
      expect(res.body.drill).toMatchObject({ count: 1, mttd: { mean: 30, median: 30, p90: 30, count: 1 }, mttr: { mean: 600, median: 600, p90: 600, count: 1 } });
      const drills = await server.request('GET', '/api/v1/teams/payments/incidents?drill=true');
      expect(drills.body.items).toEqual([expect.objectContaining({ runId: '6f1c1f4e-8a64-4d7b-9a57-1d1f7a4b0001', kind: 'gameday', drill: true, ttd: 30 })]);
    });

    it('rejects a bad query naming the field', async () => {
      const res = await server.request('GET', '/api/v1/teams/payments/metrics?from=last-week&drill=maybe');
      expect(res.status).toBe(422);
      expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['drill', 'from']);
    });
  });
});
