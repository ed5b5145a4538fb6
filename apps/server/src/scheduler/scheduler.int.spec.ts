import { jest } from '@jest/globals';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { pino } from 'pino';
import { Clock, RunLauncher, type RunLaunchInput } from '#calendar';
import { loadConfig } from '#config';
import { createTestDatabase, type TestDatabase } from '#testing';
import { startServer, type RunningServer } from '../bootstrap.js';
import { SchedulerService } from './scheduler.service.js';

const ADMIN = 'replica-test-admin-token';

/** Two server processes' worth of wiring (separate Nest apps, pools and schedulers) on one database. */
async function startReplica(db: TestDatabase, name: string): Promise<RunningServer> {
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: db.url,
    FIREDRILL_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), `firedrill-${name}-`)),
    FIREDRILL_ADMIN_TOKEN: ADMIN,
    FIREDRILL_SCENARIOS_DIR: mkdtempSync(path.join(os.tmpdir(), `firedrill-${name}-scenarios-`)),
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
  });
  const server = await startServer(config, pino({ level: 'silent' }));
  await server.database.whenReady();
  return server;
}

async function api(server: RunningServer, method: string, p: string, body?: unknown) {
  const res = await fetch(server.url + p, {
    method,
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json().catch(() => undefined)) as any };
}

describe('Scheduler with two replicas on one PostgreSQL', () => {
  let db: TestDatabase;
  let a: RunningServer;
  let b: RunningServer;
  let sql: pg.Client;
  const launches: { replica: string; input: RunLaunchInput }[] = [];
  let now = new Date('2026-05-04T07:59:30Z');

  const bind = (server: RunningServer, replica: string) => {
    jest.spyOn(server.app.get(Clock), 'now').mockImplementation(() => now);
    jest.spyOn(server.app.get(RunLauncher), 'start').mockImplementation(async (input) => {
      launches.push({ replica, input });
      return { runId: `${replica}-${launches.length}` };
    });
  };

  beforeAll(async () => {
    db = await createTestDatabase('replicas');
    a = await startReplica(db, 'a');
    b = await startReplica(db, 'b');
    bind(a, 'a');
    bind(b, 'b');
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    expect((await api(a, 'POST', '/api/v1/teams', { slug: 'payments', name: 'Payments' })).status).toBe(201);
  });
  afterAll(async () => {
    await sql?.end();
    await a?.close();
    await b?.close();
    await db?.drop();
  });

  it('fires each occurrence on exactly one replica when both tick at the same moments', async () => {
    const created = await api(a, 'POST', '/api/v1/schedules', {
      name: 'every-minute',
      team: 'payments',
      scenario: 'payment-pod-kill',
      cron: '* * * * *',
      timezone: 'UTC',
    });
    expect(created.status).toBe(201);
    const ticks = [1, 2, 3, 4, 5].map((m) => new Date(Date.parse('2026-05-04T08:00:00Z') + (m - 1) * 60_000 + 10_000));
    for (const at of ticks) {
      now = at;
      // Both replicas race for the same occurrences, as two pods would.
      await Promise.all([a.app.get(SchedulerService).tick(at), b.app.get(SchedulerService).tick(at), a.app.get(SchedulerService).tick(at)]);
    }
    const decisions = await sql.query(`SELECT occurrence, outcome, replica FROM schedule_decisions WHERE schedule_id = $1 ORDER BY occurrence`, [created.body.id]);
    expect(decisions.rows.map((r) => [r.occurrence.toISOString(), r.outcome])).toEqual([
      ['2026-05-04T08:00:00.000Z', 'fired'],
      ['2026-05-04T08:01:00.000Z', 'fired'],
      ['2026-05-04T08:02:00.000Z', 'fired'],
      ['2026-05-04T08:03:00.000Z', 'fired'],
      ['2026-05-04T08:04:00.000Z', 'fired'],
    ]);
    const claims = await sql.query(`SELECT count(*)::int AS n FROM job_claims WHERE job_key = $1`, [`schedule:${created.body.id}`]);
    expect(claims.rows[0].n).toBe(5);
    expect(launches).toHaveLength(5);
    expect(new Set(launches.map((l) => l.input.occurrence.toISOString())).size).toBe(5);
    // Either replica may see the decisions.
    expect((await api(b, 'GET', `/api/v1/schedules/${created.body.id}/decisions`)).body.total).toBe(5);
  });

  it('sends a reminder once per occurrence and lead time, retrying a failing webhook', async () => {
    const received: { path: string; body: any }[] = [];
    let failFirst = true;
    const receiver = http.createServer((req, res) => {
      let data = '';
      req.on('data', (c) => (data += c));
      req.on('end', () => {
        if (req.url === '/hook' && failFirst) {
          failFirst = false;
          res.writeHead(503).end();
          return;
        }
        received.push({ path: req.url ?? '', body: JSON.parse(data) });
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    try {
      now = new Date('2026-06-01T08:00:00Z');
      const created = await api(a, 'POST', '/api/v1/gamedays', {
        team: 'payments',
        title: 'Payments game day',
        kind: 'gameday',
        startsAt: '2026-06-09T10:00',
        timezone: 'Europe/Berlin',
        facilitator: 'Dana',
        recurrence: 'FREQ=WEEKLY;COUNT=2',
        reminders: { leadTimes: ['24h', '1h'], slackWebhookUrl: `${base}/slack`, webhookUrl: `${base}/hook` },
      });
      expect(created.status).toBe(201);
      // 24h before the first occurrence (08:00 UTC on 9 June), then 1h before it; both replicas tick each time.
      for (const at of ['2026-06-08T08:00:30Z', '2026-06-08T09:00:00Z', '2026-06-09T07:00:10Z', '2026-06-09T07:30:00Z']) {
        now = new Date(at);
        await Promise.all([a.app.get(SchedulerService).tick(now), b.app.get(SchedulerService).tick(now)]);
      }
      const slack = received.filter((r) => r.path === '/slack');
      expect(slack.map((r) => r.body.text)).toEqual([
        'Game day "Payments game day" starts in 1d: Tue 9 Jun 2026 10:00 (GMT+2). Facilitator: Dana.',
        expect.stringMatching(/starts in 1h: /),
      ]);
      const hooks = received.filter((r) => r.path === '/hook');
      expect(hooks.map((r) => r.body.leadTime)).toEqual(['24h', '1h']);
      expect(hooks[0]!.body).toMatchObject({ event: 'gameday.reminder', gameday: { id: created.body.id, title: 'Payments game day' }, occurrence: { start: '2026-06-09T08:00:00.000Z' } });
      expect(JSON.stringify(hooks[0]!.body)).not.toContain('/slack');
      const rows = await sql.query(`SELECT lead_time, status, attempts FROM gameday_reminders WHERE gameday_id = $1 ORDER BY lead_time`, [created.body.id]);
      expect(rows.rows).toEqual([
        { lead_time: '1h', status: 'sent', attempts: 2 },
        { lead_time: '24h', status: 'sent', attempts: 3 },
      ]);
    } finally {
      receiver.close();
    }
  });

  it('records a reminder that keeps failing as failed, without resending it', async () => {
    now = new Date('2026-07-01T08:00:00Z');
    const created = await api(a, 'POST', '/api/v1/gamedays', {
      team: 'payments',
      title: 'Tabletop',
      kind: 'tabletop',
      startsAt: '2026-07-01T10:30:00Z',
      timezone: 'UTC',
      facilitator: 'Dana',
      reminders: { leadTimes: ['1h'], webhookUrl: 'http://127.0.0.1:9/closed' },
    });
    for (const at of ['2026-07-01T09:30:10Z', '2026-07-01T09:31:00Z']) {
      now = new Date(at);
      await Promise.all([a.app.get(SchedulerService).tick(now), b.app.get(SchedulerService).tick(now)]);
    }
    const rows = await sql.query(`SELECT status, attempts, last_error FROM gameday_reminders WHERE gameday_id = $1`, [created.body.id]);
    expect(rows.rows).toEqual([{ status: 'failed', attempts: 3, last_error: expect.stringContaining('webhook:') }]);
  });

  it('starts the scenarios of an auto-started game day once per occurrence, with trigger gameday', async () => {
    now = new Date('2026-08-01T08:00:00Z');
    const created = await api(a, 'POST', '/api/v1/gamedays', {
      team: 'payments',
      title: 'Auto game day',
      kind: 'gameday',
      scenarios: ['payment-pod-kill', 'payment-latency'],
      startsAt: '2026-08-03T10:00',
      timezone: 'Europe/Berlin',
      facilitator: 'Dana',
      autoStart: true,
    });
    expect(created.status).toBe(201);
    launches.length = 0;
    for (const at of ['2026-08-03T07:59:50Z', '2026-08-03T08:00:05Z', '2026-08-03T08:00:10Z']) {
      now = new Date(at);
      await Promise.all([a.app.get(SchedulerService).tick(now), b.app.get(SchedulerService).tick(now)]);
    }
    expect(launches.map((l) => [l.input.scenario, l.input.trigger, l.input.team, l.input.occurrence.toISOString()]).sort()).toEqual([
      ['payment-latency', 'gameday', 'payments', '2026-08-03T08:00:00.000Z'],
      ['payment-pod-kill', 'gameday', 'payments', '2026-08-03T08:00:00.000Z'],
    ]);
    const detail = await api(b, 'GET', `/api/v1/gamedays/${created.body.id}`);
    expect(detail.body.runs).toEqual([
      expect.objectContaining({ scenario: 'payment-latency', outcome: 'fired', runId: expect.any(String) }),
      expect.objectContaining({ scenario: 'payment-pod-kill', outcome: 'fired', runId: expect.any(String) }),
    ]);
  });
});
