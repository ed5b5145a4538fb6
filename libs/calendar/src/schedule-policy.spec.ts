import { DateTime } from 'luxon';
import { ValidationError } from '#contracts';
import { checkScheduleTiming, plannedStart, precheckOccurrence, type ScheduleRule } from './schedule-policy.js';

const berlin = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Berlin' }).toJSDate();
const rule = (over: Partial<ScheduleRule> = {}): ScheduleRule => ({
  id: 'sched-1',
  cron: '0 10 * * 1-5',
  timezone: 'Europe/Berlin',
  window: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '10:00', end: '16:00' },
  jitterMs: 10 * 60_000,
  blackouts: [],
  missedPolicy: 'skip',
  graceMs: 0,
  ...over,
});

function issues(input: Parameters<typeof checkScheduleTiming>[0]) {
  try {
    checkScheduleTiming(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).errors;
  }
  throw new Error('expected a ValidationError');
}

describe(checkScheduleTiming.name, () => {
  it('accepts a weekday schedule and normalises durations and blackouts', () => {
    const timing = checkScheduleTiming({
      cron: '0 10 * * 1-5',
      timezone: 'Europe/Berlin',
      window: { days: ['mon', 'fri'], start: '10:00', end: '16:00' },
      jitter: '10m',
      blackouts: [{ from: '2026-12-22T00:00:00+01:00', to: '2027-01-02T00:00:00+01:00', reason: 'freeze' }],
      missedPolicy: 'run-if-within-grace',
      grace: '15m',
    });
    expect(timing.jitterMs).toBe(600_000);
    expect(timing.graceMs).toBe(900_000);
    expect(timing.blackouts[0]!.from.toISOString()).toBe('2026-12-21T23:00:00.000Z');
  });

  it('names the time zone, cron field and durations that are wrong', () => {
    const found = issues({ cron: '0 25 * * *', timezone: 'Mars/Olympus', jitter: 'soon', blackouts: [{ from: 'x', to: '2026-01-01T00:00:00Z' }] });
    expect(found.map((i) => i.path).sort()).toEqual(['blackouts.0.from', 'cron', 'jitter', 'timezone']);
    expect(found.find((i) => i.path === 'cron')!.message).toMatch(/hour field "25"/);
    expect(found.find((i) => i.path === 'timezone')!.message).toMatch(/unknown time zone "Mars\/Olympus"/);
    expect(issues({ cron: '0 10 * *', timezone: 'UTC' })[0]!.message).toMatch(/must have five fields/);
  });

  it('rejects a window that never opens: Sunday-only cron with a weekday window, or start equal to end', () => {
    const sunday = issues({ cron: '0 10 * * 0', timezone: 'UTC', window: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '10:00', end: '16:00' } });
    expect(sunday).toEqual([{ path: 'window', message: expect.stringMatching(/never opens.*only on sun/) }]);
    const empty = issues({ cron: '0 10 * * *', timezone: 'UTC', window: { start: '10:00', end: '10:00' } });
    expect(empty).toEqual([{ path: 'window.end', message: expect.stringMatching(/never opens/) }]);
    const night = issues({ cron: '0 3 * * *', timezone: 'UTC', window: { start: '10:00', end: '16:00' } });
    expect(night[0]!.message).toMatch(/only at times outside 10:00-16:00/);
  });
});

describe(precheckOccurrence.name, () => {
  it('proceeds inside the window and plans the start within the jitter', () => {
    const occurrence = berlin('2026-03-30T10:00');
    const start = plannedStart(rule(), occurrence);
    expect(start.getTime() - occurrence.getTime()).toBeGreaterThanOrEqual(0);
    expect(start.getTime() - occurrence.getTime()).toBeLessThan(600_000);
    expect(plannedStart(rule(), occurrence)).toEqual(start);
    expect(precheckOccurrence(rule(), occurrence, start, start, 60_000)).toEqual({ action: 'proceed', startAt: start, late: false });
  });

  it('keeps the jittered start inside the window', () => {
    const late = rule({ cron: '55 15 * * 1-5', jitterMs: 3_600_000 });
    const occurrence = berlin('2026-03-30T15:55');
    expect(plannedStart(late, occurrence).getTime()).toBeLessThan(berlin('2026-03-30T16:00').getTime());
  });

  it('skips outside the window and inside a blackout, naming why', () => {
    const saturday = berlin('2026-03-28T10:00');
    expect(precheckOccurrence(rule({ jitterMs: 0 }), saturday, saturday, saturday, 60_000)).toMatchObject({ action: 'skip', reason: 'outside-window' });
    const monday = berlin('2026-12-28T10:00');
    const frozen = rule({ jitterMs: 0, blackouts: [{ from: berlin('2026-12-22T00:00'), to: berlin('2027-01-02T00:00'), reason: 'Year-end code freeze' }] });
    expect(precheckOccurrence(frozen, monday, monday, monday, 60_000)).toEqual({ action: 'skip', reason: 'blackout', detail: expect.stringContaining('Year-end code freeze') });
  });

  it('applies the missed policy after downtime', () => {
    const occurrence = berlin('2026-03-30T10:00');
    const now = berlin('2026-03-30T10:10');
    expect(precheckOccurrence(rule({ jitterMs: 0 }), occurrence, occurrence, now, 60_000)).toMatchObject({ action: 'skip', reason: 'missed' });
    const graceful = rule({ jitterMs: 0, missedPolicy: 'run-if-within-grace', graceMs: 15 * 60_000 });
    expect(precheckOccurrence(graceful, occurrence, occurrence, now, 60_000)).toMatchObject({ action: 'proceed', late: true, startAt: now });
    expect(precheckOccurrence(graceful, occurrence, occurrence, berlin('2026-03-30T10:20'), 60_000)).toMatchObject({ action: 'skip', reason: 'missed' });
  });
});
