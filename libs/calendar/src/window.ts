import { DateTime } from 'luxon';
import type { FieldIssue } from '#contracts';
import type { CronShape } from './cron.js';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** When scheduled chaos may start: local days and `HH:MM` bounds in the schedule's time zone, end exclusive. */
export interface AllowedWindow {
  days?: Weekday[];
  start: string;
  end: string;
}

/** A change freeze: no scheduled run starts in [from, to). */
export interface Blackout {
  from: Date;
  to: Date;
  reason?: string;
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes after local midnight for `HH:MM` (`24:00` allowed as an end). */
export function minutesOf(text: string, allowEndOfDay = false): number | null {
  if (allowEndOfDay && text === '24:00') return 24 * 60;
  const m = HHMM.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** Problems with a window on its own (bad times, start not before end). */
export function checkWindow(window: AllowedWindow, path = 'window'): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const start = minutesOf(window.start);
  const end = minutesOf(window.end, true);
  if (start === null) issues.push({ path: `${path}.start`, message: `"${window.start}" must be a local time HH:MM such as 10:00` });
  if (end === null) issues.push({ path: `${path}.end`, message: `"${window.end}" must be a local time HH:MM such as 16:00 (24:00 for midnight)` });
  if (start !== null && end !== null && start >= end)
    issues.push({ path: `${path}.end`, message: `must be after window.start (${window.start}); the window never opens (windows do not cross midnight)` });
  if (window.days && window.days.length === 0) issues.push({ path: `${path}.days`, message: 'must name at least one day; the window never opens' });
  return issues;
}

/** True when the instant falls inside the window, read in `timezone`. */
export function inWindow(at: Date, window: AllowedWindow | null | undefined, timezone: string): boolean {
  if (!window) return true;
  const local = DateTime.fromJSDate(at, { zone: timezone });
  const day = WEEKDAYS[local.weekday - 1]!;
  if (window.days && !window.days.includes(day)) return false;
  const minute = local.hour * 60 + local.minute + local.second / 60;
  return minute >= minutesOf(window.start)! && minute < minutesOf(window.end, true)!;
}

/** Milliseconds from `at` until the window closes that day (Infinity without a window). */
export function untilWindowCloses(at: Date, window: AllowedWindow | null | undefined, timezone: string): number {
  if (!window) return Infinity;
  const local = DateTime.fromJSDate(at, { zone: timezone });
  const end = minutesOf(window.end, true)!;
  const close = local.startOf('day').plus({ minutes: end });
  return Math.max(0, close.toMillis() - at.getTime());
}

/** The blackout covering the instant, if any. */
export function blackoutAt(at: Date, blackouts: readonly Blackout[]): Blackout | undefined {
  const t = at.getTime();
  return blackouts.find((b) => t >= b.from.getTime() && t < b.to.getTime());
}

/**
 * Whether a cron schedule can ever fire inside the window: some time of day the
 * cron produces must fall between start and end, and on some allowed day.
 * Returns the reason it cannot, or null.
 */
export function windowNeverOpens(cron: CronShape, window: AllowedWindow): string | null {
  const start = minutesOf(window.start);
  const end = minutesOf(window.end, true);
  if (start === null || end === null) return null;
  if (start >= end) return `the window ${window.start}-${window.end} is empty`;
  const times = cron.hours.flatMap((h) => cron.minutes.map((m) => h * 60 + m));
  if (!times.some((t) => t >= start && t < end)) {
    return `the cron expression fires only at times outside ${window.start}-${window.end}`;
  }
  const allowed = (window.days ?? WEEKDAYS).map((d) => (WEEKDAYS.indexOf(d) + 1) % 7);
  // With a restricted day-of-month, cron fires on those dates too, which fall on every weekday over the years.
  if (cron.daysOfWeek && !cron.dayOfMonthRestricted && !cron.daysOfWeek.some((d) => allowed.includes(d))) {
    const names = (d: number) => WEEKDAYS[(d + 6) % 7];
    return `the cron expression fires only on ${cron.daysOfWeek.map(names).join(', ')}, but the window allows only ${(window.days ?? WEEKDAYS).join(', ')}`;
  }
  return null;
}
