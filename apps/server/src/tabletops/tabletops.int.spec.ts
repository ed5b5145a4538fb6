import { readFileSync } from 'node:fs';
import { startTestServer, type TestServer } from '../../test/test-server.js';

describe('tabletops API', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
    await server.request('POST', '/api/v1/teams', { body: { slug: 'payments', name: 'Payments' } });
    const yaml = readFileSync('scenarios/db-primary-down.yaml', 'utf8');
    expect((await server.request('POST', '/api/v1/scenarios', { raw: yaml, headers: { 'content-type': 'application/yaml' } })).status).toBeLessThan(300);
  });
  afterAll(() => server.stop());

  it('runs a session: create, join by code, release, tick, decide, end with a summary and a drill record', async () => {
    const created = await server.request('POST', '/api/v1/tabletops', { body: { script: 'db-primary-down' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ state: 'created', joinCode: expect.stringMatching(/^[A-Z0-9]{6}$/) });
    const id = created.body.id as string;

    const joined = await server.request('POST', '/api/v1/tabletops/join', { token: null, body: { code: created.body.joinCode.toLowerCase(), name: 'Ada', role: 'incident-commander' } });
    expect(joined.status).toBe(201);
    const participant = { 'x-participant-token': joined.body.token as string };
    expect(joined.headers.get('set-cookie')).toMatch(/fd_participant=.*HttpOnly.*SameSite=Strict/i);

    expect((await server.request('POST', `/api/v1/tabletops/${id}/release`, { body: {} })).body).toMatchObject({ code: 'illegal_transition' });
    expect((await server.request('POST', `/api/v1/tabletops/${id}/start`, { body: {} })).body).toMatchObject({ state: 'running' });
    const released = await server.request('POST', `/api/v1/tabletops/${id}/release`, { body: {} });
    expect(released.body.released).toMatchObject([{ id: 'first-alert', text: 'payments error rate above 20%; connections to orders-primary refused.' }]);
    expect(released.body.next).toMatchObject({ id: 'customers' });

    const seen = await server.request('GET', `/api/v1/tabletops/${id}`, { token: null, headers: participant });
    expect(seen.body).toMatchObject({ viewer: { kind: 'participant', role: 'incident-commander' }, next: null, upcoming: [] });

    const done = await server.request('POST', `/api/v1/tabletops/${id}/expectations/declare/done`, { token: null, headers: participant });
    expect(done.status).toBe(200);
    expect(done.body.expectations).toMatchObject([{ id: 'declare', status: 'met', metBy: 'Ada (incident-commander)' }]);
    expect((await server.request('POST', `/api/v1/tabletops/${id}/decisions`, { token: null, headers: participant, body: { text: '' } })).status).toBe(422);
    expect((await server.request('POST', `/api/v1/tabletops/${id}/decisions`, { token: null, headers: participant, body: { text: 'Fail over' } })).status).toBe(201);
    expect((await server.request('POST', `/api/v1/tabletops/${id}/decisions`, { token: null, body: { text: 'x' } })).status).toBe(401);
    expect((await server.request('POST', `/api/v1/tabletops/${id}/start`, { token: null, headers: participant, body: {} })).status).toBe(401);

    const ended = await server.request('POST', `/api/v1/tabletops/${id}/end`, { body: {} });
    expect(ended.body).toMatchObject({ state: 'ended', joinCode: null, summary: { met: [{ expectationId: 'declare' }], missed: [], notReleased: [{ expectationId: 'status-page' }] } });
    expect(ended.body.timeline.map((e: { kind: string }) => e.kind)).toEqual(['created', 'participant.joined', 'started', 'inject.released', 'expectation.met', 'decision', 'ended']);

    expect((await server.request('POST', '/api/v1/tabletops/join', { token: null, body: { code: created.body.joinCode, name: 'Late', role: 'scribe' } })).status).toBe(404);
    const drill = await server.database.dataSource.query(`SELECT kind, team_slug FROM incidents WHERE run_id = $1`, [id]);
    expect(drill).toEqual([{ kind: 'tabletop', team_slug: 'payments' }]);
  });

  it('releases injects at their offsets in timer mode and lists every bad field', async () => {
    const bad = await server.request('POST', '/api/v1/tabletops', { body: { script: 'Not A Name', mode: 'auto' } });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['mode', 'script']);
    const created = await server.request('POST', '/api/v1/tabletops', { body: { script: 'db-primary-down', mode: 'timer' } });
    const started = await server.request('POST', `/api/v1/tabletops/${created.body.id}/start`, { body: {} });
    // `first-alert` is at 0m: released by the clock the moment the exercise starts.
    expect(started.body.released.map((r: { id: string }) => r.id)).toEqual(['first-alert']);
    const manual = await server.request('POST', `/api/v1/tabletops/${created.body.id}/mode`, { body: { mode: 'manual' } });
    expect(manual.body.mode).toBe('manual');
  });

  it('renders the facilitator and participant pages', async () => {
    const created = await server.request('POST', '/api/v1/tabletops', { body: { script: 'db-primary-down' } });
    const login = await fetch(server.url + '/login');
    const pre = /fd_csrf=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')![1]!;
    const signIn = await fetch(server.url + '/login', {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `fd_csrf=${pre}` },
      body: new URLSearchParams({ _csrf: pre, token: server.adminToken, next: `/tabletops/${created.body.id}` }),
    });
    expect(signIn.status).toBe(303);
    const cookie = /fd_session=[^;]+/.exec(signIn.headers.get('set-cookie') ?? '')![0];
    const page = await fetch(server.url + `/tabletops/${created.body.id}`, { headers: { cookie } });
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain(created.body.joinCode);
    expect(html).toContain('Start exercise');
  });
});
