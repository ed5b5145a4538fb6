import { Injectable } from '@nestjs/common';
import { CorrelationCandidates, RunRepository, type Run, type RunCandidate } from '#incident';
import type { Scenario } from '#scenario';
import { namespacesOf } from './engine/run-engine.service.js';

const GRACE_MS = 30 * 60_000;
/** Recent candidates are read once per second, not once per signal (a webhook carries many). */
const CACHE_MS = 1000;
/** How far back the cached list reaches; older signal times query the database. */
const CACHE_REACH_MS = 60 * 60_000;

/** The runs a webhook signal may belong to: active, or ended within the grace period. */
@Injectable()
export class RunCorrelationCandidates extends CorrelationCandidates {
  private cache: { at: number; runs: Run[] } | null = null;

  constructor(private readonly runs: RunRepository) {
    super();
  }

  async candidatesAt(at: Date): Promise<RunCandidate[]> {
    const now = Date.now();
    let runs: Run[];
    if (at.getTime() >= now - CACHE_REACH_MS) {
      if (!this.cache || now - this.cache.at > CACHE_MS) {
        this.cache = { at: now, runs: await this.runs.candidatesAt(new Date(now), GRACE_MS + CACHE_REACH_MS) };
      }
      const t = at.getTime();
      runs = this.cache.runs.filter((r) => r.t0 && r.t0.getTime() <= t + 60_000 && (!r.endedAt || r.endedAt.getTime() >= t - GRACE_MS));
    } else {
      runs = await this.runs.candidatesAt(at, GRACE_MS);
    }
    return runs.filter((r) => !r.dryRun).map(toCandidate);
  }
}

function toCandidate(run: Run): RunCandidate {
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
}
