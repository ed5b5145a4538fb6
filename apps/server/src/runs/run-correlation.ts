import { Injectable } from '@nestjs/common';
import { CorrelationCandidates, RunRepository, type RunCandidate } from '#incident';
import type { Scenario } from '#scenario';
import { namespacesOf } from './engine/run-engine.service.js';

const GRACE_MS = 30 * 60_000;

/** The runs a webhook signal may belong to: active, or ended within the grace period. */
@Injectable()
export class RunCorrelationCandidates extends CorrelationCandidates {
  constructor(private readonly runs: RunRepository) {
    super();
  }

  async candidatesAt(at: Date): Promise<RunCandidate[]> {
    const runs = await this.runs.candidatesAt(at, GRACE_MS);
    return runs
      .filter((r) => !r.dryRun)
      .map((run) => {
        const scenario = run.document as unknown as Scenario;
        return {
          runId: run.id,
          team: run.teamSlug,
          startedAt: run.t0!,
          endedAt: run.endedAt,
          expectedAlerts: (scenario.spec?.response?.expectedAlerts ?? []).map((a) => ({ alertname: a.alertname, ...(a.labels ?? {}) })),
          pagerdutyServiceId: scenario.spec?.response?.pagerduty?.serviceId,
          namespaces: namespacesOf(scenario),
        };
      });
  }
}
