import { jest } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { ChaosGate, Clock, RunLauncher, type RunLaunchInput } from '#calendar';
import { startTestServer, type TestServer } from '../../test/test-server.js';
import { UnavailableRunLauncher } from '../scheduler/scheduler.ports.js';
import { SchedulerService } from '../scheduler/scheduler.service.js';
import { ScheduleFileLoader } from './schedule-file.loader.js';

const berlin = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Berlin' }).toJSDate();

/** Records what the scheduler launched and lets a test set the halt and incident state. */
class RecordingPorts {
  launches: RunLaunchInput[] = [];
  halted: string | null = null;
  incident: string | null = null;
  now = berlin('2026-03-30T09:00');

  bind(server: TestServer): void {
    const launcher = server.app.get(RunLauncher);
    const gate = server.app.get(ChaosGate);
    jest.spyOn(server.app.get(Clock), 'now').mockImplementation(() => this.now);
    jest.spyOn(launcher, 'start').mockImplementation(async (input) => {
      this.launches.push(input);
      return { runId: `run-${this.launches.length}` };
    });
    jest.spyOn(gate, 'haltInForce').mockImplementation(async () => (this.halted ? { halted: true, reason: this.halted } : { halted: false }));
    jest.spyOn(gate, 'openRealIncident').mockImplementation(async (team) => (this.incident ? { open: true, reason: `${team}: ${this.incident}` } : { open: false }));
  }
}

describe('Continuous chaos schedules (HTTP + scheduler)', () => {
  let server: TestServer;
  let scheduler: SchedulerService;
  const ports = new RecordingPorts();
  const scenariosDir = mkdtempSync(path.join(os.tmpdir(), 'firedrill-schedules-'));

  const weekdays = {
    name: 'weekday-payment-chaos',
    team: 'payments',
    scenario: 'payment-pod-kill',
    cron: '0 10 * * 1-5',
    timezone: 'Europe/Berlin',
    window: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '10:00', end: '16:00' },
    blackouts: [{ from: '2026-04-01T00:00:00+02:00', to: '2026-04-02T00:00:00+02:00', reason: 'Quarter-end change freeze' }],
  };

  beforeAll(async () => {
    writeFileSync(
      path.join(scenariosDir, 'nightly.yaml'),
      [
        'apiVersion: firedrill.dev/v1alpha1',
        'kind: Schedule',
        'metadata:',
        '  name: nightly-latency',
        '  team: payments',
        'spec:',
        '  scenario: payment-latency',
        '  cron: "30 11 * * 1-5"',
        '  timezone: Europe/Berlin',
        '  window: {days: [mon, tue, wed, thu, fri], start: "10:00", end: "16:00"}',
        '  jitter: 5m',
        '',
      ].join('\n'),
    );
    server = await startTestServer({ FIREDRILL_SCENARIOS_DIR: scenariosDir });
    expect((await server.request('POST', '/api/v1/teams', { body: { slug: 'payments', name: 'Payments' } })).status).toBe(201);
    ports.bind(server);
    scheduler = server.app.get(SchedulerService);
  });
  afterAll(async () => {
    await server?.stop();
  });

  const decisions = async (id: string) => (await server.request('GET', `/api/v1/schedules/${id}/decisions`)).body.items as { occurrence: string; outcome: string; reason: string | null; detail: string | null; runId: string | null }[];
  const tickAt = async (at: Date) => {
    ports.now = at;
    return scheduler.tick(at);
  };

  it('fires inside the window, and logs why it skips on a blackout, a halt, an open incident or a missed occurrence', async () => {
    const created = await server.request('POST', '/api/v1/schedules', { body: weekdays });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'weekday-payment-chaos', source: 'api', enabled: true, missedPolicy: 'skip' });
    // Wednesday 1 April is frozen, so it is not among the upcoming runs.
    expect(created.body.upcoming.slice(0, 3)).toEqual(['2026-03-30T08:00:00.000Z', '2026-03-31T08:00:00.000Z', '2026-04-02T08:00:00.000Z']);
    const id = created.body.id as string;

    await tickAt(berlin('2026-03-30T10:00:20')); // Monday
    ports.halted = 'halted by ops: payment provider outage';
    await tickAt(berlin('2026-03-31T10:00:20')); // Tuesday
    ports.halted = null;
    await tickAt(berlin('2026-04-01T10:00:20')); // Wednesday, blackout
    ports.incident = 'PagerDuty incident P123 acknowledged';
    await tickAt(berlin('2026-04-02T10:00:20')); // Thursday
    ports.incident = null;
    await tickAt(berlin('2026-04-06T10:00:20')); // Monday: Friday was missed while "down"

    const log = await decisions(id);
    const byDay = Object.fromEntries(log.map((d) => [d.occurrence, d]));
    expect(byDay['2026-03-30T08:00:00.000Z']).toMatchObject({ outcome: 'fired', runId: 'run-1' });
    expect(byDay['2026-03-31T08:00:00.000Z']).toMatchObject({ outcome: 'skipped', reason: 'halted', detail: 'halted by ops: payment provider outage' });
    expect(byDay['2026-04-01T08:00:00.000Z']).toMatchObject({ outcome: 'skipped', reason: 'blackout', detail: expect.stringContaining('Quarter-end change freeze') });
    expect(byDay['2026-04-02T08:00:00.000Z']).toMatchObject({ outcome: 'skipped', reason: 'open-incident', detail: expect.stringContaining('P123') });
    expect(byDay['2026-04-03T08:00:00.000Z']).toMatchObject({ outcome: 'skipped', reason: 'missed', detail: expect.stringContaining('missedPolicy is skip') });
    expect(byDay['2026-04-06T08:00:00.000Z']).toMatchObject({ outcome: 'fired', runId: 'run-2' });
    expect(log).toHaveLength(6);
    expect(ports.launches).toEqual([
      expect.objectContaining({ scenario: 'payment-pod-kill', team: 'payments', trigger: 'schedule', scheduleId: id, occurrence: new Date('2026-03-30T08:00:00.000Z') }),
      expect.objectContaining({ occurrence: new Date('2026-04-06T08:00:00.000Z') }),
    ]);

    // A second tick at the same moment decides nothing again.
    await tickAt(berlin('2026-04-06T10:00:40'));
    expect(await decisions(id)).toHaveLength(6);
    await server.request('DELETE', `/api/v1/schedules/${id}`);
  });

  it('runs a missed occurrence late when it is within the grace period', async () => {
    ports.now = berlin('2026-04-13T09:00');
    const created = await server.request('POST', '/api/v1/schedules', {
      body: { ...weekdays, name: 'graceful', blackouts: [], missedPolicy: 'run-if-within-grace', grace: '15m' },
    });
    expect(created.status).toBe(201);
    await tickAt(berlin('2026-04-13T10:12'));
    await tickAt(berlin('2026-04-14T10:20'));
    const log = await decisions(created.body.id);
    expect(log.find((d) => d.occurrence === '2026-04-13T08:00:00.000Z')).toMatchObject({ outcome: 'fired', detail: expect.stringMatching(/late by 12 min/) });
    expect(log.find((d) => d.occurrence === '2026-04-14T08:00:00.000Z')).toMatchObject({ outcome: 'skipped', reason: 'missed', detail: expect.stringMatching(/beyond the grace period/) });
    await server.request('DELETE', `/api/v1/schedules/${created.body.id}`);
  });

  it('records a failed fire when the run engine is not available', async () => {
    ports.now = berlin('2026-04-20T09:00');
    const created = await server.request('POST', '/api/v1/schedules', { body: { ...weekdays, name: 'no-engine', blackouts: [] } });
    // The default binding, as shipped until the run engine binds RunLauncher.
    (server.app.get(RunLauncher).start as jest.Mock<RunLauncher['start']>).mockImplementationOnce((input) => new UnavailableRunLauncher().start(input));
    await tickAt(berlin('2026-04-20T10:00:05'));
    expect(await decisions(created.body.id)).toEqual([expect.objectContaining({ outcome: 'failed', reason: 'launch-failed', detail: 'run engine not available' })]);
    await server.request('DELETE', `/api/v1/schedules/${created.body.id}`);
  });

  it('rejects bad input with 422 naming the field, an unknown team with 404 and a duplicate name with 409', async () => {
    const bad = await server.request('POST', '/api/v1/schedules', { body: { ...weekdays, name: 'bad', cron: '0 25 * * *', timezone: 'Moon/Base', jitter: 'a bit' } });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['cron', 'jitter', 'timezone']);

    const sundays = await server.request('POST', '/api/v1/schedules', { body: { ...weekdays, name: 'sundays', cron: '0 10 * * 0' } });
    expect(sundays.status).toBe(422);
    expect(sundays.body.errors).toEqual([{ path: 'window', message: expect.stringMatching(/never opens/) }]);

    const empty = await server.request('POST', '/api/v1/schedules', { body: { ...weekdays, name: 'empty', window: { start: '10:00', end: '10:00' } } });
    expect(empty.status).toBe(422);
    expect(empty.body.errors[0]).toMatchObject({ path: 'window.end', message: expect.stringMatching(/never opens/) });

    expect((await server.request('POST', '/api/v1/schedules', { body: { ...weekdays, name: 'ghost-team', team: 'ghosts' } })).status).toBe(404);
    const first = await server.request('POST', '/api/v1/schedules', { body: { ...weekdays, name: 'twice' } });
    expect(first.status).toBe(201);
    expect((await server.request('POST', '/api/v1/schedules', { body: { ...weekdays, name: 'twice' } })).status).toBe(409);
    const patched = await server.request('PATCH', `/api/v1/schedules/${first.body.id}`, { body: { cron: '0 10 * * 6' } });
    expect(patched.status).toBe(422);
    const paused = await server.request('PATCH', `/api/v1/schedules/${first.body.id}`, { body: { enabled: false, jitter: '10m' } });
    expect(paused.body).toMatchObject({ enabled: false, jitter: '10m', upcoming: [] });
    await server.request('DELETE', `/api/v1/schedules/${first.body.id}`);
  });

  it('loads kind: Schedule documents from the scenarios directory, upserting by name', async () => {
    const report = await server.app.get(ScheduleFileLoader).load();
    expect(report.loaded).toEqual(['nightly-latency']);
    const again = await server.app.get(ScheduleFileLoader).load();
    expect(again.loaded).toEqual(['nightly-latency']);
    const list = await server.request('GET', '/api/v1/schedules?team=payments');
    const loaded = list.body.items.filter((s: { name: string }) => s.name === 'nightly-latency');
    expect(loaded).toEqual([expect.objectContaining({ source: 'file', scenario: 'payment-latency', cron: '30 11 * * 1-5', jitter: '5m', timezone: 'Europe/Berlin' })]);
  });
});
