import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { Counter } from 'prom-client';
import {
  ChaosGate,
  cronOccurrences,
  JobClaims,
  plannedStart,
  precheckOccurrence,
  RunLauncher,
  ScheduleRepository,
  type ChaosSchedule,
  type DecisionOutcome,
  type DecisionReason,
} from '#calendar';
import { LOGGER } from '../logging/logger.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { REPLICA_ID } from './replica-id.js';

/** An occurrence decided within this long after its planned start is on time; later ones follow the missed policy. */
export const ON_TIME_TOLERANCE_MS = 60_000;
/** After longer downtime, older occurrences are not replayed one by one. */
export const MAX_CATCH_UP_MS = 7 * 24 * 3_600_000;
const MAX_PER_TICK = 500;

interface Outcome {
  outcome: DecisionOutcome;
  reason: DecisionReason | null;
  detail: string | null;
  runId: string | null;
}

/** Decides each due cron occurrence of each enabled schedule exactly once across replicas. */
@Injectable()
export class ScheduleRunner {
  private readonly decisionsTotal: Counter<'outcome' | 'reason'>;

  constructor(
    private readonly schedules: ScheduleRepository,
    private readonly claims: JobClaims,
    private readonly launcher: RunLauncher,
    private readonly gate: ChaosGate,
    metrics: MetricsService,
    @Inject(REPLICA_ID) private readonly replica: string,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.decisionsTotal = new Counter({
      name: 'firedrill_schedule_decisions_total',
      help: 'Decisions taken for scheduled chaos occurrences, by outcome and reason',
      labelNames: ['outcome', 'reason'],
      registers: [metrics.registry],
    });
  }

  /** Returns how many decisions this replica recorded. */
  async evaluateAll(now: Date): Promise<number> {
    let count = 0;
    for (const schedule of await this.schedules.listEnabled()) {
      try {
        count += await this.evaluate(schedule, now);
      } catch (err) {
        this.logger.error({ err, schedule: schedule.name, component: 'scheduler' }, 'could not evaluate schedule');
      }
    }
    return count;
  }

  async evaluate(schedule: ChaosSchedule, now: Date): Promise<number> {
    const oldest = new Date(now.getTime() - MAX_CATCH_UP_MS);
    let from = schedule.evaluatedUntil;
    if (from < oldest) {
      this.logger.warn(
        { schedule: schedule.name, since: from.toISOString(), component: 'scheduler' },
        `schedule ${schedule.name}: occurrences older than 7 days are not replayed`,
      );
      from = oldest;
    }
    let cursor = from;
    let recorded = 0;
    for (const occurrence of cronOccurrences(schedule.cron, schedule.timezone, from, now, MAX_PER_TICK)) {
      const planned = plannedStart(schedule, occurrence);
      if (planned > now) break; // jitter: not due yet, and neither is anything after it
      cursor = occurrence;
      if (!(await this.claims.claim(`schedule:${schedule.id}`, occurrence, this.replica))) continue;
      const result = await this.decide(schedule, occurrence, planned, now);
      await this.schedules.recordDecision({ scheduleId: schedule.id, occurrence, plannedAt: planned, decidedAt: now, replica: this.replica, ...result });
      this.decisionsTotal.inc({ outcome: result.outcome, reason: result.reason ?? '' });
      const log = { component: 'scheduler', schedule: schedule.name, scheduleId: schedule.id, occurrence: occurrence.toISOString(), ...result };
      const message = `schedule ${schedule.name}: ${result.outcome}${result.reason ? ` (${result.reason})` : ''}`;
      if (result.outcome === 'failed') this.logger.error(log, message);
      else if (result.outcome === 'skipped') this.logger.warn(log, message);
      else this.logger.info(log, message);
      recorded++;
    }
    if (cursor > schedule.evaluatedUntil) await this.schedules.advanceCursor(schedule.id, cursor);
    return recorded;
  }

  private async decide(schedule: ChaosSchedule, occurrence: Date, planned: Date, now: Date): Promise<Outcome> {
    const pre = precheckOccurrence(schedule, occurrence, planned, now, ON_TIME_TOLERANCE_MS);
    if (pre.action === 'skip') return { outcome: 'skipped', reason: pre.reason, detail: pre.detail, runId: null };
    try {
      const halt = await this.gate.haltInForce();
      if (halt.halted) return { outcome: 'skipped', reason: 'halted', detail: halt.reason ?? 'a halt is in force', runId: null };
      const incident = await this.gate.openRealIncident(schedule.team);
      if (incident.open) return { outcome: 'skipped', reason: 'open-incident', detail: incident.reason ?? `team ${schedule.team} has an open real incident`, runId: null };
    } catch (err) {
      // Not knowing whether chaos is allowed is a reason not to run it.
      return { outcome: 'skipped', reason: 'gate-unavailable', detail: `could not check halt or incident state: ${(err as Error).message}`, runId: null };
    }
    try {
      const { runId } = await this.launcher.start({ scenario: schedule.scenario, team: schedule.team, trigger: 'schedule', scheduleId: schedule.id, occurrence });
      return { outcome: 'fired', reason: null, detail: pre.detail ?? null, runId };
    } catch (err) {
      return { outcome: 'failed', reason: 'launch-failed', detail: (err as Error).message, runId: null };
    }
  }
}
