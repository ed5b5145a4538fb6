import { Injectable } from '@nestjs/common';
import { requireTeamAccess, type Principal } from '#access';
import { InjectionRecordRepository, type InjectionRecord } from '#chaos';
import { NotFoundError } from '#contracts';
import { computeResponseMetrics, ProbeResultRepository, RoleRepository, RunRepository, SignalStore, type Run, type RunState } from '#incident';
import type { Scenario } from '#scenario';
import { responseTargetSeconds } from './engine/run-outcome.service.js';
import { TimelineService } from './timeline.service.js';

/** Reads of runs: state, records, measured response, timeline. */
@Injectable()
export class RunsService {
  constructor(
    private readonly runs: RunRepository,
    private readonly records: InjectionRecordRepository,
    private readonly signals: SignalStore,
    private readonly roles: RoleRepository,
    private readonly probes: ProbeResultRepository,
    private readonly timeline: TimelineService,
  ) {}

  async get(principal: Principal, id: string) {
    const run = await this.runs.get(id);
    if (!run) throw new NotFoundError('run', id);
    if (run.teamSlug) requireTeamAccess(principal, run.teamSlug);
    const [records, signals, roles, probes] = await Promise.all([
      this.records.listForRun(id),
      this.signals.listForRun(id),
      this.roles.list(id),
      this.probes.list(id, { limit: 200 }),
    ]);
    const scenario = run.document as unknown as Scenario;
    const metrics = computeResponseMetrics({ t0: run.t0, signals, impactReducedAt: run.impactReducedAt, targets: responseTargetSeconds(scenario) });
    return {
      ...summary(run),
      scenarioVersion: run.scenarioVersion,
      t0: run.t0?.toISOString() ?? null,
      steps: run.steps,
      records: records.map(recordView),
      metrics,
      roles: roles.map((r) => ({ role: r.role, person: r.person, assignedAt: r.assignedAt.toISOString() })),
      probes: probes.map((p) => ({ probe: p.probe, ok: p.ok, value: p.value, detail: p.detail, at: p.at.toISOString() })),
      signals: signals.map((s) => ({ id: s.id, kind: s.kind, source: s.source, occurredAt: s.occurredAt.toISOString(), receivedAt: s.receivedAt.toISOString(), summary: s.summary, labels: s.labels })),
      impactReducedAt: run.impactReducedAt?.toISOString() ?? null,
      steadyStateBrokenAt: run.steadyStateBrokenAt?.toISOString() ?? null,
      guardrails: scenario.spec?.guardrails ?? null,
      response: scenario.spec?.response ?? null,
      drill: true,
    };
  }

  async list(principal: Principal, query: { team?: string; state?: RunState; limit: number; offset: number }) {
    const team = principal.teamSlug ?? query.team;
    const { items, total } = await this.runs.list({ ...query, team });
    return { items: items.map(summary), total, limit: query.limit, offset: query.offset };
  }

  /** Every event in order: engine events plus the signals attached to the run. */
  async timelineOf(principal: Principal, id: string, afterId?: string) {
    const run = await this.runs.get(id);
    if (!run) throw new NotFoundError('run', id);
    if (run.teamSlug) requireTeamAccess(principal, run.teamSlug);
    const events = await this.timeline.list(id, afterId);
    const signals = afterId ? [] : await this.signals.listForRun(id);
    const items = [
      ...events.map((e) => ({ id: e.id, at: e.at.toISOString(), kind: e.kind, title: e.title, actor: e.actor, data: e.data })),
      ...signals
        .filter((s) => !events.some((e) => e.data.signalId === s.id))
        .map((s) => ({
          id: `signal:${s.id}`,
          at: s.occurredAt.toISOString(),
          kind: 'signal',
          title: `${s.kind} (${s.source})${s.summary ? `: ${s.summary}` : ''}`,
          actor: null,
          data: { signalId: s.id, kind: s.kind, source: s.source, receivedAt: s.receivedAt.toISOString(), labels: s.labels },
        })),
    ].sort((a, b) => a.at.localeCompare(b.at));
    return { runId: id, items };
  }
}

export function summary(run: Run) {
  return {
    id: run.id,
    scenario: run.scenarioName,
    team: run.teamSlug,
    severity: run.severity,
    state: run.state,
    dryRun: run.dryRun,
    trigger: run.trigger,
    createdBy: run.createdBy,
    createdAt: run.createdAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    endedAt: run.endedAt?.toISOString() ?? null,
    abortReason: run.abortReason,
    failureReason: run.failureReason,
  };
}

export function recordView(r: InjectionRecord) {
  return {
    id: r.id,
    step: r.stepIndex,
    kind: r.kind,
    target: r.target,
    phase: r.phase,
    attempts: r.attempts,
    lastError: r.lastError,
    expiresAt: r.expiresAt.toISOString(),
    injectedAt: r.injectedAt?.toISOString() ?? null,
    recoveredAt: r.recoveredAt?.toISOString() ?? null,
    outcome: r.outcome,
    notes: r.notes,
    dryRun: r.dryRun,
  };
}
