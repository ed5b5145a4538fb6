import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { Histogram } from 'prom-client';
import type { Subscription } from 'rxjs';
import { computeResponseMetrics, RunRepository, RunStateMachine, SignalStore, TimelineRepository, type ResponseMetrics, type Run } from '#incident';
import type { Scenario } from '#scenario';
import { DomainEvents } from '../../core/domain-events.js';
import { LOGGER } from '../../logging/logger.js';
import { MetricsService } from '../../metrics/metrics.service.js';
import { responseTargetSeconds } from '../engine/run-outcome.service.js';

type Label = 'team' | 'scenario' | 'severity';

/** Game days last minutes to hours: 15 s … 2 h. */
export const RESPONSE_TIME_BUCKETS = [15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200];

const FIGURES = [
  ['firedrill_time_to_detect_seconds', 'Time from T0 (first fault applied) to the first detection signal, per ended drill run', 'ttdSeconds'],
  ['firedrill_time_to_acknowledge_seconds', 'Time from the first detection to the first acknowledgement, per ended drill run', 'ttaSeconds'],
  ['firedrill_time_to_mitigate_seconds', 'Time from T0 to impact reduced (a mitigation signal or the steady state back), per ended drill run', 'ttmSeconds'],
  ['firedrill_time_to_resolve_seconds', 'Time from T0 to the first resolved signal, per ended drill run', 'ttrSeconds'],
] as const satisfies readonly (readonly [string, string, keyof ResponseMetrics])[];

/**
 * Prometheus histograms of measured response times (TTD, TTA, TTM, TTR),
 * observed once per run when it ends, by the replica whose engine ended it
 * (the final `state` timeline event is appended there). A figure that was
 * not measured (no alert, no acknowledgement) is not observed.
 */
@Injectable()
export class ResponseTimeMetrics implements OnModuleInit, OnModuleDestroy {
  private readonly histograms: { figure: (typeof FIGURES)[number][2]; histogram: Histogram<Label> }[];
  private readonly observed = new Set<string>();
  private subscription: Subscription | null = null;

  constructor(
    metrics: MetricsService,
    private readonly events: DomainEvents,
    private readonly runs: RunRepository,
    private readonly timeline: TimelineRepository,
    private readonly signals: SignalStore,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.histograms = FIGURES.map(([name, help, figure]) => ({
      figure,
      histogram: new Histogram<Label>({ name, help, labelNames: ['team', 'scenario', 'severity'], buckets: RESPONSE_TIME_BUCKETS, registers: [metrics.registry] }),
    }));
  }

  onModuleInit(): void {
    this.subscription = this.events.on('run.timeline').subscribe(({ payload }) => {
      void this.onTimeline(payload.runId, payload.eventId).catch((error) =>
        this.logger.warn({ err: error, runId: payload.runId }, 'could not record the response-time metrics of a run'),
      );
    });
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }

  /** Observes the run's figures once; returns what was observed. */
  async observe(run: Run): Promise<Partial<Record<(typeof FIGURES)[number][2], number>>> {
    if (this.observed.has(run.id)) return {};
    this.observed.add(run.id);
    const scenario = run.document as unknown as Scenario;
    const signals = await this.signals.listForRun(run.id);
    const metrics = computeResponseMetrics({ t0: run.t0, signals, impactReducedAt: run.impactReducedAt, targets: responseTargetSeconds(scenario) });
    const labels = { team: run.teamSlug ?? '', scenario: run.scenarioName, severity: run.severity ?? scenario.metadata?.severity ?? '' };
    const out: Partial<Record<(typeof FIGURES)[number][2], number>> = {};
    for (const { figure, histogram } of this.histograms) {
      const value = metrics[figure];
      if (typeof value !== 'number') continue;
      histogram.observe(labels, Math.max(0, value));
      out[figure] = value;
    }
    return out;
  }

  private async onTimeline(runId: string, eventId: string): Promise<void> {
    if (this.observed.has(runId)) return;
    const [event] = await this.timeline.list(runId, { afterId: String(BigInt(eventId) - 1n), limit: 1 });
    if (event?.id !== eventId || event.kind !== 'state' || !RunStateMachine.isFinal(event.data.to as Run['state'])) return;
    const run = await this.runs.get(runId);
    if (run && !run.dryRun && RunStateMachine.isFinal(run.state)) await this.observe(run);
  }
}
