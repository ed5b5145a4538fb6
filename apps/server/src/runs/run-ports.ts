import { Injectable } from '@nestjs/common';
import { ChaosGate, RunLauncher, type RunLaunchInput } from '#calendar';
import { HaltRepository, SignalStore } from '#incident';
import { StartRunCommand, StartRunUseCase } from './use-cases/start-run.use-case.js';

/** Lets the scheduler and game days start runs through the same use case as the API. */
@Injectable()
export class EngineRunLauncher extends RunLauncher {
  constructor(private readonly startRun: StartRunUseCase) {
    super();
  }

  async start(input: RunLaunchInput): Promise<{ runId: string }> {
    const run = await this.startRun.execute(
      new StartRunCommand(input.scenario, { tokenId: null, name: `scheduler (${input.trigger})`, role: 'admin', teamSlug: null }, input.dryRun ?? false, input.trigger),
    );
    return { runId: run.id };
  }
}

const PAGING_SOURCES = ['pagerduty', 'opsgenie'];

/**
 * Continuous chaos never runs during a halt or while the team has a real
 * incident open: a page (PagerDuty/Opsgenie) that is not a drill and has no
 * later resolution.
 */
@Injectable()
export class EngineChaosGate extends ChaosGate {
  constructor(
    private readonly halts: HaltRepository,
    private readonly signals: SignalStore,
  ) {
    super();
  }

  async haltInForce(): Promise<{ halted: boolean; reason?: string }> {
    const halt = await this.halts.current();
    return halt ? { halted: true, reason: halt.reason } : { halted: false };
  }

  async openRealIncident(team: string): Promise<{ open: boolean; reason?: string }> {
    const { items } = await this.signals.list({ team, limit: 500, offset: 0 });
    const incidents = new Map<string, { paged: Date | null; resolved: Date | null; summary: string | null }>();
    for (const s of items) {
      if (!PAGING_SOURCES.includes(s.source) || s.drill === true) continue;
      const key = `${s.source}:${s.labels.incident_id ?? s.labels.alert_id ?? s.dedupeKey}`;
      const entry = incidents.get(key) ?? { paged: null, resolved: null, summary: s.summary };
      if (['paged', 'acknowledged'].includes(s.kind) && (!entry.paged || s.occurredAt > entry.paged)) entry.paged = s.occurredAt;
      if (s.kind === 'resolved' && (!entry.resolved || s.occurredAt > entry.resolved)) entry.resolved = s.occurredAt;
      incidents.set(key, entry);
    }
    for (const [key, e] of incidents) {
      if (e.paged && (!e.resolved || e.resolved < e.paged)) return { open: true, reason: `real incident open: ${e.summary ?? key}` };
    }
    return { open: false };
  }
}
