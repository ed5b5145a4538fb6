import { Inject, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Logger } from 'pino';
import { computeResponseMetrics, IncidentRecords, RoleRepository, SignalStore, type DrillRecord, type Run, type Severity } from '#incident';
import { parseDuration, type Scenario } from '#scenario';
import { LOGGER } from '../../logging/logger.js';

const ALERT_SOURCES = ['alertmanager', 'grafana', 'pagerduty', 'opsgenie', 'generic'];

/**
 * Turns a finished (or progressing) run into its drill record, the evidence
 * the scorecard and team metrics read. Optional: without the history module
 * the engine still runs.
 */
@Injectable()
export class RunOutcomeService {
  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly signals: SignalStore,
    private readonly roles: RoleRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async runEnded(run: Run): Promise<void> {
    const records = this.records();
    if (!records || !run.teamSlug || run.dryRun) return;
    await records.upsertDrill(await this.drillRecord(run));
  }

  async drillRecord(run: Run): Promise<DrillRecord> {
    const scenario = run.document as unknown as Scenario;
    const signals = await this.signals.listForRun(run.id);
    const targets = responseTargetSeconds(scenario);
    const metrics = computeResponseMetrics({ t0: run.t0, signals, impactReducedAt: run.impactReducedAt, targets });
    const roles = await this.roles.list(run.id);
    const at = (iso: string | undefined | null) => (iso ? new Date(iso) : null);
    const detected = metrics.sources.detected;
    const communications = signals.filter((s) => s.kind === 'communicated').map((s) => s.occurredAt);
    const acknowledgedAt = at(metrics.sources.acknowledged?.at);
    return {
      runId: run.id,
      teamSlug: run.teamSlug!,
      kind: run.trigger === 'schedule' || run.trigger === 'ci' ? 'continuous' : 'gameday',
      title: scenario.metadata?.title ?? run.scenarioName,
      severity: (scenario.metadata?.severity ?? 'SEV3') as Severity,
      service: serviceOf(scenario),
      scenarioName: run.scenarioName,
      startedAt: run.t0 ?? run.startedAt ?? run.createdAt,
      detectedAt: at(detected?.at),
      acknowledgedAt,
      mitigatedAt: at(metrics.sources.mitigated?.at),
      resolvedAt: at(metrics.sources.resolved?.at) ?? (run.state === 'completed' ? run.endedAt : null),
      firstCommunicatedAt: communications[0] ?? null,
      statusUpdates: communications,
      detectionSource: detected ? (ALERT_SOURCES.includes(detected.source) ? 'alert' : 'internal') : null,
      alertFired: signals.some((s) => s.kind === 'detected' && ALERT_SOURCES.includes(s.source)),
      incidentCommanderAssigned: roles.some((r) => r.role === 'incident-commander'),
      runbookLinked: Boolean(scenario.metadata?.runbook),
      autoMitigated: Boolean(run.impactReducedAt && (!acknowledgedAt || run.impactReducedAt < acknowledgedAt)),
      targets,
    };
  }

  private records(): IncidentRecords | null {
    try {
      return this.moduleRef.get(IncidentRecords, { strict: false });
    } catch {
      this.logger.debug('incident history is not wired; drill outcome not recorded');
      return null;
    }
  }
}

export function responseTargetSeconds(scenario: Scenario): { detect?: number; acknowledge?: number; mitigate?: number; resolve?: number } {
  const t = scenario.spec?.response?.targets ?? {};
  const s = (d?: string) => (d ? parseDuration(d) / 1000 : undefined);
  return { detect: s(t.detect), acknowledge: s(t.acknowledge), mitigate: s(t.mitigate), resolve: s(t.resolve) };
}

function serviceOf(scenario: Scenario): string {
  const probe = scenario.spec?.hypothesis?.steadyState?.find((p) => p.kubernetes)?.kubernetes?.deployment;
  if (probe) return probe;
  const target = Object.values(scenario.spec?.targets ?? {})[0];
  return target?.selector.matchLabels?.app ?? scenario.metadata?.name ?? 'unknown';
}
