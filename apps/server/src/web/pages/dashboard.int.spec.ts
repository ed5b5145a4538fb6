import { startTestServer, type TestServer } from '../../../test/test-server.js';

async function signIn(server: TestServer): Promise<string> {
  const login = await fetch(server.url + '/login');
  const csrf = /fd_csrf=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')![1]!;
  const res = await fetch(server.url + '/login', {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `fd_csrf=${csrf}` },
    body: new URLSearchParams({ _csrf: csrf, token: server.adminToken, next: '/' }),
  });
  return /fd_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')![0];
}

describe('dashboard', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ FIREDRILL_SCENARIOS_DIR: '/nonexistent' });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('lists the next game days of every team for an unscoped token, soonest first', async () => {
    for (const slug of ['payments', 'search']) await server.request('POST', '/api/v1/teams', { body: { slug, name: slug } });
    const year = new Date().getUTCFullYear() + 1;
    const gameday = (team: string, title: string, month: string) =>
      server.request('POST', '/api/v1/gamedays', {
        body: { team, title, scenarios: ['payment-pod-kill'], kind: 'gameday', startsAt: `${year}-${month}-10T10:00`, timezone: 'Europe/Berlin', facilitator: 'Dana', participants: [] },
      });
    expect((await gameday('search', 'Search game day', '05')).status).toBe(201);
    expect((await gameday('payments', 'Payments game day', '03')).status).toBe(201);
    const html = await (await fetch(server.url + '/', { headers: { cookie: await signIn(server) } })).text();
    const payments = html.indexOf('Payments game day');
    const search = html.indexOf('Search game day');
    expect(payments).toBeGreaterThan(-1);
    expect(search).toBeGreaterThan(payments);
    expect(html).toContain(`${year}-03-10T09:00:00.000Z`);
  });
});
