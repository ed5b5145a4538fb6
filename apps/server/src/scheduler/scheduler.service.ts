import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import type { Logger } from 'pino';
import { Clock, JobClaims } from '#calendar';
import { DatabaseService } from '../database/database.service.js';
import { GameDayRunner } from '../gamedays/gameday-runner.service.js';
import { ReminderService } from '../gamedays/reminder.service.js';
import { LOGGER } from '../logging/logger.js';
import { ScheduleRunner } from './schedule-runner.service.js';

/** Seconds between ticks; an occurrence is decided at most this late (plus the tick's own work). */
export const TICK_INTERVAL_MS = 5_000;
const INTERVAL_NAME = 'firedrill-scheduler-tick';
/** Claims are kept this long (far past any catch-up), then pruned about once an hour. */
const CLAIM_RETENTION_MS = 30 * 24 * 3_600_000;
const PRUNE_EVERY_MS = 3_600_000;

export interface TickSummary {
  at: string;
  decisions: number;
  gamedayRuns: number;
  reminders: number;
}

/**
 * One interval per replica evaluates everything that has come due: chaos
 * schedules, auto-started game days and game-day reminders. Which replica acts on an occurrence is
 * decided in PostgreSQL (job_claims / gameday_reminders), so every replica
 * can tick. Ticks in one process run one after another.
 */
@Injectable()
export class SchedulerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private queue: Promise<unknown> = Promise.resolve();
  private stopped = false;
  private lastPrune = 0;

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly clock: Clock,
    private readonly database: DatabaseService,
    private readonly runner: ScheduleRunner,
    private readonly reminders: ReminderService,
    private readonly gamedayRuns: GameDayRunner,
    private readonly claims: JobClaims,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    const handle = setInterval(() => {
      if (this.stopped || !this.database.isReady()) return;
      this.tick().catch((err: unknown) => this.logger.error({ err, component: 'scheduler' }, 'scheduler tick failed'));
    }, TICK_INTERVAL_MS);
    handle.unref();
    this.registry.addInterval(INTERVAL_NAME, handle);
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    if (this.registry.doesExist('interval', INTERVAL_NAME)) this.registry.deleteInterval(INTERVAL_NAME);
  }

  /** Evaluates everything due at `now` (default: the clock). Safe to call from tests and from several replicas. */
  tick(now: Date = this.clock.now()): Promise<TickSummary> {
    const run = this.queue.then(() => this.runTick(now));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async runTick(now: Date): Promise<TickSummary> {
    const decisions = await this.runner.evaluateAll(now);
    const gamedayRuns = await this.gamedayRuns.startDue(now);
    const reminders = await this.reminders.sendDue(now);
    if (now.getTime() - this.lastPrune >= PRUNE_EVERY_MS) {
      this.lastPrune = now.getTime();
      const pruned = await this.claims.prune(new Date(now.getTime() - CLAIM_RETENTION_MS));
      if (pruned) this.logger.debug({ component: 'scheduler', pruned }, 'pruned old job claims');
    }
    return { at: now.toISOString(), decisions, gamedayRuns, reminders };
  }
}
