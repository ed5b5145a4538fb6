import ical from 'node-ical';
import { DateTime } from 'luxon';
import { startTestServer, type TestServer } from '../../test/test-server.js';

const berlin = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Berlin' }).toUTC().toISO();

describe('Game-day calendar (HTTP)', () => {
  let server: TestServer;

  const quarterly = {
    team: 'payments',
    title: 'Quarterly payments game day',
    scenarios: ['payment-pod-kill', 'payment-latency'],
    kind: 'gameday',
    startsAt: '2026-01-13T10:00',
    timezone: 'Europe/Berlin',
    durationMinutes: 180,
    facilitator: 'Dana',
    participants: [{ name: 'Lee', role: 'incident commander' }],
    recurrence: 'FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU',
  };

  beforeAll(async () => {
    server = await startTestServer();
    for (const slug of ['payments', 'search']) expect((await server.request('POST', '/api/v1/teams', { body: { slug, name: slug } })).status).toBe(201);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('creates a recurring game day and lists its occurrences in local and UTC time across DST', async () => {
    const created = await server.request('POST', '/api/v1/gamedays', { body: quarterly });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ team: 'payments', startsAt: '2026-01-13T09:00:00.000Z', startsAtLocal: '2026-01-13T10:00:00+01:00', sequence: 0, recurrence: 'FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU' });

    const list = await server.request('GET', '/api/v1/teams/payments/gamedays?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z');
    expect(list.status).toBe(200);
    expect(list.body.items.map((o: { startLocal: string }) => o.startLocal)).toEqual([
      '2026-01-13T10:00:00+01:00',
      '2026-04-14T10:00:00+02:00',
      '2026-07-14T10:00:00+02:00',
      '2026-10-13T10:00:00+02:00',
    ]);
    expect(list.body.items[1]).toMatchObject({ start: '2026-04-14T08:00:00.000Z', end: '2026-04-14T11:00:00.000Z', gamedayId: created.body.id, title: quarterly.title });
    await server.request('DELETE', `/api/v1/gamedays/${created.body.id}`);
  });

  it('serves an ICS feed that a real iCalendar parser expands to the same occurrences, cancelled ones left out', async () => {
    const created = await server.request('POST', '/api/v1/gamedays', { body: quarterly });
    const monthly = await server.request('POST', '/api/v1/gamedays', {
      body: { ...quarterly, title: 'Monthly tabletop', kind: 'tabletop', scenarios: [], startsAt: '2026-01-30T14:00', durationMinutes: 60, recurrence: 'FREQ=MONTHLY;BYDAY=-1FR;COUNT=6' },
    });
    expect(monthly.status).toBe(201);
    const cancel = await server.request('POST', `/api/v1/gamedays/${created.body.id}/exceptions`, { body: { occurrence: berlin('2026-07-14T10:00') } });
    expect(cancel.status).toBe(200);
    expect(cancel.body.sequence).toBe(1);
    expect(cancel.body.exceptions).toEqual(['2026-07-14T08:00:00.000Z']);

    const token = await server.request('POST', '/api/v1/tokens', { body: { name: 'calendar', role: 'viewer', team: 'payments' } });
    const feed = await server.request('GET', `/api/v1/teams/payments/calendar.ics?token=${token.body.token}`, { token: null });
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toContain('text/calendar');

    const parsed = ical.sync.parseICS(feed.text);
    expect(Object.values(parsed).some((c) => c?.type === 'VTIMEZONE')).toBe(true);
    const events = Object.values(parsed).filter((c): c is ical.VEvent => c?.type === 'VEVENT');
    expect(events).toHaveLength(2);
    const gameday = events.find((e) => e.uid === `${created.body.id}@firedrill`)!;
    expect(Number(gameday.sequence)).toBe(1);
    expect(gameday.rrule?.toString()).toMatch(/FREQ=MONTHLY;INTERVAL=3;BYDAY=\+?2TU/);
    const window = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2027-01-01T00:00:00Z') };
    const fromFeed = events
      .flatMap((e) => ical.expandRecurringEvent(e, window).map((i) => i.start.toISOString()))
      .sort();
    const fromApi = (await server.request('GET', '/api/v1/teams/payments/gamedays?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z')).body.items.map(
      (o: { start: string }) => o.start,
    );
    expect(fromFeed).toEqual(fromApi);
    expect(fromFeed).toHaveLength(3 + 6);
    expect(fromFeed).not.toContain('2026-07-14T08:00:00.000Z');
  });

  it('bumps SEQUENCE on edit and keeps the UID', async () => {
    const created = await server.request('POST', '/api/v1/gamedays', { body: { ...quarterly, team: 'search', recurrence: null } });
    const series = await server.request('GET', '/api/v1/gamedays?team=search');
    expect(series.body.items.map((g: { id: string }) => g.id)).toEqual([created.body.id]);
    expect((await server.request('GET', '/api/v1/gamedays')).status).toBe(422);
    const patched = await server.request('PATCH', `/api/v1/gamedays/${created.body.id}`, { body: { title: 'Search game day', durationMinutes: 90 } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ title: 'Search game day', durationMinutes: 90, sequence: 1 });
    const feed = await server.request('GET', `/api/v1/teams/search/calendar.ics?token=${server.adminToken}`, { token: null });
    expect(feed.text).toContain(`UID:${created.body.id}@firedrill`);
    expect(feed.text).toContain('SEQUENCE:1');
    expect(feed.text).not.toContain('RRULE');
  });

  it('authenticates the feed with the token in the URL and only for teams the token may see', async () => {
    const other = await server.request('POST', '/api/v1/tokens', { body: { name: 'search only', role: 'viewer', team: 'search' } });
    expect((await server.request('GET', '/api/v1/teams/payments/calendar.ics', { token: null })).status).toBe(401);
    expect((await server.request('GET', '/api/v1/teams/payments/calendar.ics?token=wrong-token-value', { token: null })).status).toBe(401);
    expect((await server.request('GET', `/api/v1/teams/payments/calendar.ics?token=${other.body.token}`, { token: null })).status).toBe(403);
    expect((await server.request('GET', `/api/v1/teams/nope/calendar.ics?token=${server.adminToken}`, { token: null })).status).toBe(404);
  });

  it('answers 422 naming the field for a bad RRULE, time zone or start, and 404 for an unknown team', async () => {
    const bad = await server.request('POST', '/api/v1/gamedays', {
      body: { ...quarterly, timezone: 'Europe/Atlantis', startsAt: 'next tuesday', recurrence: 'FREQ=FORTNIGHTLY;BYDAY=9TU' },
    });
    expect(bad.status).toBe(422);
    const paths = bad.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['timezone', 'startsAt', 'recurrence']));
    expect(bad.body.errors.find((e: { path: string }) => e.path === 'recurrence').message).toMatch(/FREQ=FORTNIGHTLY/);

    const never = await server.request('POST', '/api/v1/gamedays', { body: { ...quarterly, recurrence: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30' } });
    expect(never.status).toBe(422);
    expect(never.body.errors[0]).toMatchObject({ path: 'recurrence', message: expect.stringMatching(/no occurrence/) });

    const unknown = await server.request('POST', '/api/v1/gamedays', { body: { ...quarterly, team: 'ghosts' } });
    expect(unknown.status).toBe(404);

    const created = await server.request('POST', '/api/v1/gamedays', { body: quarterly });
    const notAnOccurrence = await server.request('POST', `/api/v1/gamedays/${created.body.id}/exceptions`, { body: { occurrence: '2026-02-10T09:00:00Z' } });
    expect(notAnOccurrence.status).toBe(422);
    expect(notAnOccurrence.body.errors[0].path).toBe('occurrence');
    expect((await server.request('GET', '/api/v1/gamedays/00000000-0000-0000-0000-000000000000')).status).toBe(404);
  });

  it('needs the facilitator role to schedule', async () => {
    const viewer = await server.request('POST', '/api/v1/tokens', { body: { name: 'viewer', role: 'viewer' } });
    expect((await server.request('POST', '/api/v1/gamedays', { body: quarterly, token: viewer.body.token })).status).toBe(403);
  });
});
