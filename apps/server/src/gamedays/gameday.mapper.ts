import { DateTime } from 'luxon';
import { expandSeries, parseRecurrence, type GameDay, type GameDayRun, type Series } from '#calendar';
import type { GameDayDto, GameDayOccurrenceDto, OccurrenceDto } from '#contracts';

export function seriesOf(g: GameDay): Series {
  return { start: g.startsAt, timezone: g.timezone, rule: g.recurrence ? parseRecurrence(g.recurrence, g.timezone) : null, exdates: g.exdates };
}

const localIso = (d: Date, zone: string) => DateTime.fromJSDate(d, { zone }).toISO({ suppressMilliseconds: true })!;

export function toOccurrenceDto(start: Date, g: GameDay): OccurrenceDto {
  const end = new Date(start.getTime() + g.durationMinutes * 60_000);
  return { start: start.toISOString(), startLocal: localIso(start, g.timezone), end: end.toISOString(), endLocal: localIso(end, g.timezone), timezone: g.timezone };
}

export function toGameDayOccurrenceDto(start: Date, g: GameDay): GameDayOccurrenceDto {
  return { gamedayId: g.id, title: g.title, kind: g.kind, scenarios: g.scenarios, facilitator: g.facilitator, ...toOccurrenceDto(start, g) };
}

export function toGameDayDto(g: GameDay, now: Date, runs: GameDayRun[] = []): GameDayDto {
  const horizon = DateTime.fromJSDate(now).plus({ years: 5 }).toJSDate();
  const next = expandSeries(seriesOf(g), { from: now, to: horizon, limit: 5 });
  return {
    id: g.id,
    team: g.team,
    title: g.title,
    kind: g.kind,
    scenarios: g.scenarios,
    startsAt: g.startsAt.toISOString(),
    startsAtLocal: localIso(g.startsAt, g.timezone),
    timezone: g.timezone,
    durationMinutes: g.durationMinutes,
    facilitator: g.facilitator,
    participants: g.participants,
    recurrence: g.recurrence,
    exceptions: g.exdates.map((d) => d.toISOString()),
    reminders: g.reminders,
    autoStart: g.autoStart,
    runs: runs.map((r) => ({ occurrence: r.occurrence.toISOString(), scenario: r.scenario, outcome: r.outcome, reason: r.reason, detail: r.detail, runId: r.runId })),
    sequence: g.sequence,
    nextOccurrences: next.map((d) => toOccurrenceDto(d, g)),
    createdAt: g.createdAt.toISOString(),
    updatedAt: g.updatedAt.toISOString(),
  };
}
