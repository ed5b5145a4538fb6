import { blackoutAt, cronOccurrences, formatSpan, inWindow, plannedStart, type ChaosSchedule, type ScheduleDecision } from '#calendar';
import type { ScheduleDecisionDto, ScheduleDto } from '#contracts';

/** Planned starts of the next occurrences that the window and blackouts allow (within 60 days). */
export function upcoming(s: ChaosSchedule, now: Date, count = 5): string[] {
  const horizon = new Date(now.getTime() + 60 * 86_400_000);
  return cronOccurrences(s.cron, s.timezone, now, horizon, 2000)
    .map((occurrence) => plannedStart(s, occurrence))
    .filter((at) => inWindow(at, s.window, s.timezone) && !blackoutAt(at, s.blackouts))
    .slice(0, count)
    .map((d) => d.toISOString());
}

export function toScheduleDto(s: ChaosSchedule, now: Date): ScheduleDto {
  return {
    id: s.id,
    name: s.name,
    team: s.team,
    scenario: s.scenario,
    cron: s.cron,
    timezone: s.timezone,
    window: s.window,
    jitter: s.jitterMs ? formatSpan(s.jitterMs) : null,
    blackouts: s.blackouts.map((b) => ({ from: b.from.toISOString(), to: b.to.toISOString(), ...(b.reason ? { reason: b.reason } : {}) })),
    missedPolicy: s.missedPolicy,
    grace: s.graceMs ? formatSpan(s.graceMs) : null,
    enabled: s.enabled,
    source: s.source,
    upcoming: s.enabled ? upcoming(s, now) : [],
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}

export function toDecisionDto(d: ScheduleDecision): ScheduleDecisionDto {
  return {
    id: d.id,
    occurrence: d.occurrence.toISOString(),
    plannedAt: d.plannedAt.toISOString(),
    decidedAt: d.decidedAt.toISOString(),
    outcome: d.outcome,
    reason: d.reason,
    detail: d.detail,
    runId: d.runId,
    replica: d.replica,
  };
}
