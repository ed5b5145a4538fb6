import { Writable } from 'node:stream';
import { DateTime } from 'luxon';
import { pino } from 'pino';
import { ChaosGate, JobClaims, plannedStart, RunLauncher, ScheduleRepository, type ChaosSchedule, type RunLaunchInput, type ScheduleDecision } from '#calendar';
import { MetricsService } from '../metrics/metrics.service.js';
import { ScheduleRunner } from './schedule-runner.service.js';

const berlin = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Berlin' }).toJSDate();

class MemorySchedules extends ScheduleRepository {
  decisions: Omit<ScheduleDecision, 'id'>[] = [];
  constructor(readonly items: ChaosSchedule[]) {
    super();
  }
  async listEnabled() {
    return this.items.filter((s) => s.enabled);
  }
  async advanceCursor(id: string, to: Date) {
    const s = this.items.find((x) => x.id === id)!;
    if (to > s.evaluatedUntil) s.evaluatedUntil = to;
  }
  async recordDecision(d: Omit<ScheduleDecision, 'id'>) {
    this.decisions.push(d);
    return true;
  }
  create = async () => null;
  upsertByName = async (): Promise<ChaosSchedule> => {
    throw new Error('not used');
  };
  find = async () => null;
  list = async () => this.items;
  update = async () => null;
  delete = async () => false;
  listDecisions = async () => ({ items: [], total: 0 });
}

class MemoryClaims extends JobClaims {
  readonly keys = new Set<string>();
  async claim(jobKey: string, occurrence: Date) {
    const key = `${jobKey}@${occurrence.toISOString()}`;
    if (this.keys.has(key)) return false;
    this.keys.add(key);
    return true;
  }
  async prune() {
    return 0;
  }
}

class RecordingLauncher extends RunLauncher {
  readonly calls: RunLaunchInput[] = [];
  async start(input: RunLaunchInput) {
    this.calls.push(input);
    return { runId: `run-${this.calls.length}` };
  }
}

class SettableGate extends ChaosGate {
  halt: string | null = null;
  asked: string[] = [];
  async haltInForce() {
    this.asked.push('halt');
    return this.halt ? { halted: true, reason: this.halt } : { halted: false };
  }
  async openRealIncident(team: string) {
    this.asked.push(`incident:${team}`);
    return { open: false };
  }
}

function schedule(over: Partial<ChaosSchedule> = {}): ChaosSchedule {
  return {
    id: '6a1b8f8e-0000-4000-8000-000000000001',
    name: 'weekday-payment-chaos',
    team: 'payments',
    scenario: 'payment-pod-kill',
    cron: '0 10 * * 1-5',
    timezone: 'Europe/Berlin',
    window: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '10:00', end: '16:00' },
    jitterMs: 0,
    blackouts: [{ from: berlin('2026-04-01T00:00'), to: berlin('2026-04-02T00:00'), reason: 'Quarter-end change freeze' }],
    missedPolicy: 'skip',
    graceMs: 0,
    enabled: true,
    source: 'api',
    evaluatedUntil: berlin('2026-03-30T09:00'),
    createdAt: new Date(),
    updatedAt: new Date(),
    ...over,
  };
}

function setup(items: ChaosSchedule[], claims = new MemoryClaims()) {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const repo = new MemorySchedules(items);
  const launcher = new RecordingLauncher();
  const gate = new SettableGate();
  const runner = new ScheduleRunner(repo, claims, launcher, gate, new MetricsService(), 'replica-1', pino({ level: 'info' }, sink));
  return { runner, repo, launcher, gate, lines };
}

describe(ScheduleRunner.name, () => {
  it('logs a halt as the reason a due run was skipped, and does not launch', async () => {
    const { runner, repo, launcher, gate, lines } = setup([schedule()]);
    gate.halt = 'halted by ops';
    await runner.evaluateAll(berlin('2026-03-30T10:00:10'));
    expect(launcher.calls).toEqual([]);
    expect(repo.decisions).toEqual([expect.objectContaining({ outcome: 'skipped', reason: 'halted', detail: 'halted by ops' })]);
    expect(lines).toContainEqual(expect.objectContaining({ level: 40, msg: 'schedule weekday-payment-chaos: skipped (halted)', detail: 'halted by ops' }));
  });

  it('logs a blackout without asking the gate, then fires the next day', async () => {
    const { runner, repo, launcher, gate, lines } = setup([schedule({ evaluatedUntil: berlin('2026-04-01T09:00') })]);
    await runner.evaluateAll(berlin('2026-04-01T10:00:10'));
    expect(gate.asked).toEqual([]);
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'schedule weekday-payment-chaos: skipped (blackout)', detail: expect.stringContaining('Quarter-end change freeze') }));
    await runner.evaluateAll(berlin('2026-04-02T10:00:10'));
    expect(gate.asked).toEqual(['halt', 'incident:payments']);
    expect(launcher.calls).toEqual([expect.objectContaining({ trigger: 'schedule', occurrence: berlin('2026-04-02T10:00') })]);
    expect(repo.decisions.map((d) => d.outcome)).toEqual(['skipped', 'fired']);
  });

  it('lets only the replica that claims an occurrence launch it', async () => {
    const claims = new MemoryClaims();
    const one = setup([schedule()], claims);
    const two = setup([schedule()], claims);
    const now = berlin('2026-03-30T10:00:10');
    await Promise.all([one.runner.evaluateAll(now), two.runner.evaluateAll(now)]);
    expect(one.launcher.calls.length + two.launcher.calls.length).toBe(1);
  });

  it('does not decide an occurrence whose jittered start has not come yet', async () => {
    const jittered = schedule({ jitterMs: 10 * 60_000 });
    const { runner, repo } = setup([jittered]);
    const planned = plannedStart(jittered, berlin('2026-03-30T10:00'));
    expect(planned.getTime()).toBeGreaterThan(berlin('2026-03-30T10:00').getTime());
    await runner.evaluateAll(new Date(planned.getTime() - 1000));
    expect(repo.decisions).toHaveLength(0);
    await runner.evaluateAll(new Date(planned.getTime() + 1000));
    expect(repo.decisions).toEqual([expect.objectContaining({ outcome: 'fired' })]);
  });
});
