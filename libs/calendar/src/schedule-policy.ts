import { ValidationError, type FieldIssue } from '#contracts';
import { parseCron } from './cron.js';
import { tryParseSpan } from './duration.js';
import { jitterFor } from './jitter.js';
import { isTimeZone, TIME_ZONE_HINT } from './timezone.js';
import { blackoutAt, checkWindow, inWindow, untilWindowCloses, windowNeverOpens, type AllowedWindow, type Blackout } from './window.js';

export const MISSED_POLICIES = ['skip', 'run-if-within-grace'] as const;
export type MissedPolicy = (typeof MISSED_POLICIES)[number];

export const DECISION_OUTCOMES = ['fired', 'skipped', 'failed'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

export const DECISION_REASONS = ['outside-window', 'blackout', 'halted', 'open-incident', 'missed', 'gate-unavailable', 'launch-failed'] as const;
export type DecisionReason = (typeof DECISION_REASONS)[number];

/** A continuous-chaos schedule as the scheduler evaluates it. */
export interface ScheduleRule {
  id: string;
  cron: string;
  timezone: string;
  window: AllowedWindow | null;
  jitterMs: number;
  blackouts: Blackout[];
  missedPolicy: MissedPolicy;
  graceMs: number;
}

/** Raw timing fields of a schedule, as written in the API or a `kind: Schedule` document. */
export interface ScheduleTimingInput {
  cron: string;
  timezone: string;
  window?: AllowedWindow | null;
  jitter?: string | null;
  blackouts?: { from: string; to: string; reason?: string }[];
  missedPolicy?: MissedPolicy;
  grace?: string | null;
}

export interface ScheduleTiming {
  cron: string;
  timezone: string;
  window: AllowedWindow | null;
  jitterMs: number;
  blackouts: Blackout[];
  missedPolicy: MissedPolicy;
  graceMs: number;
}

const MAX_JITTER_MS = 24 * 3_600_000;

/**
 * Checks the timing of a schedule as a whole and lists every problem: time
 * zone, cron syntax, window bounds, a window the cron can never hit, durations
 * and blackout ranges. `prefix` is prepended to field paths (`spec.` for YAML).
 */
export function checkScheduleTiming(input: ScheduleTimingInput, prefix = ''): ScheduleTiming {
  const issues: FieldIssue[] = [];
  const p = (s: string) => `${prefix}${s}`;
  const tzOk = isTimeZone(input.timezone);
  if (!tzOk) issues.push({ path: p('timezone'), message: `unknown time zone "${input.timezone}"; ${TIME_ZONE_HINT}` });
  let cron = null;
  try {
    cron = parseCron(input.cron, tzOk ? input.timezone : 'UTC', p('cron'));
  } catch (error) {
    issues.push(...(error as ValidationError).errors);
  }
  const window = input.window ?? null;
  if (window) {
    const windowIssues = checkWindow(window, p('window'));
    issues.push(...windowIssues);
    if (windowIssues.length === 0 && cron) {
      const never = windowNeverOpens(cron, window);
      if (never) issues.push({ path: p('window'), message: `the window never opens for this schedule: ${never}` });
    }
  }
  const span = (value: string | null | undefined, field: string, max: number): number => {
    if (value === undefined || value === null) return 0;
    const ms = tryParseSpan(value);
    if (ms === null) issues.push({ path: p(field), message: `"${value}" is not a duration such as 10m, 1h30m or 24h` });
    else if (ms > max) issues.push({ path: p(field), message: `"${value}" is longer than ${max / 3_600_000}h` });
    return ms ?? 0;
  };
  const jitterMs = span(input.jitter, 'jitter', MAX_JITTER_MS);
  const graceMs = span(input.grace, 'grace', 7 * MAX_JITTER_MS);
  const missedPolicy = input.missedPolicy ?? 'skip';
  if (missedPolicy === 'run-if-within-grace' && !input.grace) issues.push({ path: p('grace'), message: 'is required when missedPolicy is run-if-within-grace' });
  const blackouts: Blackout[] = [];
  (input.blackouts ?? []).forEach((b, i) => {
    const from = new Date(b.from);
    const to = new Date(b.to);
    const bad = (field: string, value: string) => issues.push({ path: p(`blackouts.${i}.${field}`), message: `"${value}" is not an ISO 8601 date-time with an offset` });
    if (Number.isNaN(from.getTime())) bad('from', b.from);
    if (Number.isNaN(to.getTime())) bad('to', b.to);
    if (!Number.isNaN(from.getTime()) && !Number.isNaN(to.getTime())) {
      if (to <= from) issues.push({ path: p(`blackouts.${i}.to`), message: `must be after from (${b.from})` });
      else blackouts.push({ from, to, ...(b.reason ? { reason: b.reason } : {}) });
    }
  });
  if (issues.length) throw new ValidationError(`The schedule is invalid (${issues.length} problem${issues.length === 1 ? '' : 's'})`, issues);
  return { cron: input.cron.trim(), timezone: input.timezone, window, jitterMs, blackouts, missedPolicy, graceMs };
}

/**
 * When an occurrence is planned to start: the cron instant plus a jitter that
 * is the same on every replica, shortened so the start stays inside the window.
 */
export function plannedStart(rule: ScheduleRule, occurrence: Date): Date {
  const room = untilWindowCloses(occurrence, rule.window, rule.timezone);
  const max = Math.min(rule.jitterMs, room === Infinity ? rule.jitterMs : Math.max(0, room - 60_000));
  return new Date(occurrence.getTime() + jitterFor(rule.id, occurrence, max));
}

export type Precheck =
  | { action: 'skip'; reason: DecisionReason; detail: string }
  | { action: 'proceed'; startAt: Date; late: boolean; detail?: string };

/**
 * The part of a decision that needs no outside state: a missed occurrence
 * (the scheduler was down past `toleranceMs`) follows the missed policy; then
 * the allowed window and blackouts are checked at the moment the run would start.
 */
export function precheckOccurrence(rule: ScheduleRule, occurrence: Date, fireAt: Date, now: Date, toleranceMs: number): Precheck {
  const lateBy = now.getTime() - fireAt.getTime();
  const late = lateBy > toleranceMs;
  if (late) {
    const minutes = Math.round(lateBy / 60_000);
    if (rule.missedPolicy === 'skip') return { action: 'skip', reason: 'missed', detail: `missed by ${minutes} min (scheduler was not running); missedPolicy is skip` };
    if (lateBy > rule.graceMs) return { action: 'skip', reason: 'missed', detail: `missed by ${minutes} min, beyond the grace period of ${Math.round(rule.graceMs / 60_000)} min` };
  }
  const startAt = late ? now : fireAt;
  if (!inWindow(startAt, rule.window, rule.timezone)) {
    const w = rule.window!;
    return { action: 'skip', reason: 'outside-window', detail: `${startAt.toISOString()} is outside the allowed window ${(w.days ?? []).join(',') || 'every day'} ${w.start}-${w.end} ${rule.timezone}` };
  }
  const freeze = blackoutAt(startAt, rule.blackouts);
  if (freeze) {
    return { action: 'skip', reason: 'blackout', detail: `blackout ${freeze.from.toISOString()} - ${freeze.to.toISOString()}${freeze.reason ? `: ${freeze.reason}` : ''}` };
  }
  return late ? { action: 'proceed', startAt, late, detail: `late by ${Math.round(lateBy / 60_000)} min, within the grace period` } : { action: 'proceed', startAt, late };
}
