import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { ChaosGate, expandSeries, GameDayRepository, RunLauncher, type GameDay, type GameDayRun } from '#calendar';
import { LOGGER } from '../logging/logger.js';
import { REPLICA_ID } from '../scheduler/replica-id.js';
import { seriesOf } from './gameday.mapper.js';

/** An auto-started game day begins at most this late (e.g. after a restart); later it is left to the facilitator. */
export const GAMEDAY_START_TOLERANCE_MS = 15 * 60_000;

type Result = Pick<GameDayRun, 'outcome' | 'reason' | 'detail' | 'runId'>;

/**
 * Starts the scenarios of game days marked `autoStart` when an occurrence
 * begins, through the same gate as continuous chaos (halt, open real incident).
 * Each (occurrence, scenario) is claimed once across replicas in `gameday_runs`.
 */
@Injectable()
export class GameDayRunner {
  constructor(
    private readonly gamedays: GameDayRepository,
    private readonly launcher: RunLauncher,
    private readonly gate: ChaosGate,
    @Inject(REPLICA_ID) private readonly replica: string,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async startDue(now: Date): Promise<number> {
    let started = 0;
    for (const gameday of await this.gamedays.listAutoStart()) {
      if (gameday.scenarios.length === 0) continue;
      const due = expandSeries(seriesOf(gameday), { from: new Date(now.getTime() - GAMEDAY_START_TOLERANCE_MS), to: new Date(now.getTime() + 1), limit: 10 });
      for (const occurrence of due) {
        for (const scenario of gameday.scenarios) {
          if (!(await this.gamedays.claimRun({ gameDayId: gameday.id, occurrence, scenario, replica: this.replica, at: now }))) continue;
          const result = await this.start(gameday, occurrence, scenario);
          await this.gamedays.finishRun({ gameDayId: gameday.id, occurrence, scenario, ...result });
          const log = { component: 'gamedays', gamedayId: gameday.id, occurrence: occurrence.toISOString(), scenario, ...result };
          const message = `game day "${gameday.title}": ${scenario} ${result.outcome}${result.reason ? ` (${result.reason})` : ''}`;
          if (result.outcome === 'fired') this.logger.info(log, message);
          else this.logger.warn(log, message);
          started++;
        }
      }
    }
    return started;
  }

  private async start(gameday: GameDay, occurrence: Date, scenario: string): Promise<Result> {
    try {
      const halt = await this.gate.haltInForce();
      if (halt.halted) return { outcome: 'skipped', reason: 'halted', detail: halt.reason ?? 'a halt is in force', runId: null };
      const incident = await this.gate.openRealIncident(gameday.team);
      if (incident.open) return { outcome: 'skipped', reason: 'open-incident', detail: incident.reason ?? `team ${gameday.team} has an open real incident`, runId: null };
    } catch (err) {
      return { outcome: 'skipped', reason: 'gate-unavailable', detail: `could not check halt or incident state: ${(err as Error).message}`, runId: null };
    }
    try {
      const { runId } = await this.launcher.start({ scenario, team: gameday.team, trigger: 'gameday', occurrence });
      return { outcome: 'fired', reason: null, detail: null, runId };
    } catch (err) {
      return { outcome: 'failed', reason: 'launch-failed', detail: (err as Error).message, runId: null };
    }
  }
}
