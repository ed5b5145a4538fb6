import { startTestServer, type TestServer } from '../../test/test-server.js';

const DAY = 86_400_000;

describe('action items', () => {
  let server: TestServer;
  let sev1: string;
  let sev4: string;

  beforeAll(async () => {
    server = await startTestServer();
    await server.request('POST', '/api/v1/teams', { body: { slug: 'payments', name: 'Payments' } });
    await server.request('POST', '/api/v1/teams', { body: { slug: 'search', name: 'Search' } });
    const base = { service: 'checkout', startedAt: '2026-10-01T10:00:00Z', resolvedAt: '2026-10-01T11:00:00Z' };
    await server.request('POST', '/api/v1/teams/payments/incidents', { body: [{ ...base, externalId: 'A', title: 'A', severity: 'SEV1' }, { ...base, externalId: 'B', title: 'B', severity: 'SEV4' }] });
    await server.request('POST', '/api/v1/teams/search/incidents', { body: [{ ...base, externalId: 'C', title: 'C', severity: 'SEV2', actionItems: [{ title: 'Old', owner: 'x', type: 'process', dueAt: '2026-01-01T00:00:00Z' }] }] });
    const items = (await server.request('GET', '/api/v1/teams/payments/incidents')).body.items;
    sev1 = items.find((i: { externalId: string }) => i.externalId === 'A').id;
    sev4 = items.find((i: { externalId: string }) => i.externalId === 'B').id;
  });
  afterAll(() => server?.stop());

  it('defaults the due date by severity (SEV1 7 days, SEV4 60 days)', async () => {
    const before = Date.now();
    const a = await server.request('POST', '/api/v1/action-items', { body: { incidentId: sev1, title: 'Alert on pool saturation', owner: 'alice', type: 'prevent' } });
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({ status: 'open', completedAt: null, overdue: false, team: 'payments' });
    expect(Date.parse(a.body.dueAt) - before).toBeGreaterThanOrEqual(7 * DAY - 1000);
    expect(Date.parse(a.body.dueAt) - before).toBeLessThan(7 * DAY + 60_000);
    const b = await server.request('POST', '/api/v1/action-items', { body: { incidentId: sev4, title: 'Tidy dashboards', owner: 'bob', type: 'process' } });
    expect(Math.round((Date.parse(b.body.dueAt) - before) / DAY)).toBe(60);
  });

  it('sets completedAt when an item becomes done and clears it when reopened', async () => {
    const a = await server.request('POST', '/api/v1/action-items', { body: { incidentId: sev1, title: 'Raise pool size', owner: 'alice', type: 'mitigate' } });
    const done = await server.request('PATCH', `/api/v1/action-items/${a.body.id}`, { body: { status: 'done' } });
    expect(done.body.status).toBe('done');
    expect(Date.parse(done.body.completedAt)).toBeGreaterThan(Date.now() - 60_000);
    const again = await server.request('PATCH', `/api/v1/action-items/${a.body.id}`, { body: { owner: 'carol' } });
    expect(again.body.completedAt).toBe(done.body.completedAt);
    const reopened = await server.request('PATCH', `/api/v1/action-items/${a.body.id}`, { body: { status: 'open' } });
    expect(reopened.body.completedAt).toBeNull();
  });

  it('lists overdue items of a team only', async () => {
    const late = await server.request('POST', '/api/v1/action-items', { body: { incidentId: sev1, title: 'Runbook for failover', owner: 'dan', type: 'process', dueAt: '2026-02-01T00:00:00Z' } });
    const lateDone = await server.request('POST', '/api/v1/action-items', { body: { incidentId: sev1, title: 'Done late', owner: 'dan', type: 'process', dueAt: '2026-02-01T00:00:00Z' } });
    await server.request('PATCH', `/api/v1/action-items/${lateDone.body.id}`, { body: { status: 'done' } });
    const res = await server.request('GET', '/api/v1/action-items?overdue=true&team=payments');
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { id: string }) => i.id)).toEqual([late.body.id]);
    expect(res.body.items[0].overdue).toBe(true);
    const search = await server.request('GET', '/api/v1/action-items?overdue=true&team=search');
    expect(search.body.items.map((i: { title: string }) => i.title)).toEqual(['Old']);
  });

  it('validates input, answers 404 for unknown items and deletes', async () => {
    const bad = await server.request('POST', '/api/v1/action-items', { body: { incidentId: 'nope', title: '', type: 'fix' } });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['incidentId', 'owner', 'title', 'type']);
    expect((await server.request('GET', '/api/v1/action-items/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const a = await server.request('POST', '/api/v1/action-items', { body: { incidentId: sev4, title: 'Temp', owner: 'x', type: 'process' } });
    expect((await server.request('DELETE', `/api/v1/action-items/${a.body.id}`)).status).toBe(204);
    expect((await server.request('GET', `/api/v1/action-items/${a.body.id}`)).status).toBe(404);
  });
});
