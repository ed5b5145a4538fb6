import { DateTime } from 'luxon';
import { ValidationError, type FieldIssue } from '#contracts';

/**
 * The RFC 5545 RRULE subset Firedrill accepts: FREQ (DAILY, WEEKLY, MONTHLY,
 * YEARLY), INTERVAL, BYDAY (with ordinals such as 2TU or -1FR for MONTHLY and
 * YEARLY), BYMONTHDAY (negative counts from the month's end), BYMONTH, COUNT
 * and UNTIL. Expansion happens in local wall time of the series' time zone,
 * so 10:00 Europe/Berlin stays 10:00 local on both sides of a DST change.
 */
export const FREQUENCIES = ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export const RRULE_DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type RRuleDay = (typeof RRULE_DAYS)[number];

export interface ByDay {
  /** 0 = Monday … 6 = Sunday. */
  weekday: number;
  /** 2 in `2TU`, -1 in `-1FR`; absent for every such weekday. */
  ordinal?: number;
}

export interface Recurrence {
  freq: Frequency;
  interval: number;
  byDay?: ByDay[];
  byMonthDay?: number[];
  byMonth?: number[];
  count?: number;
  /** Inclusive end, as an instant. */
  until?: Date;
}

const SUPPORTED = ['FREQ', 'INTERVAL', 'BYDAY', 'BYMONTHDAY', 'BYMONTH', 'COUNT', 'UNTIL', 'WKST'];
const BYDAY_ITEM = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/;
const UNTIL_UTC = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
const UNTIL_DATE = /^(\d{4})(\d{2})(\d{2})$/;
const MAX_COUNT = 10_000;
const MAX_INTERVAL = 1000;

/**
 * Parses an RRULE value (with or without the `RRULE:` prefix). Every problem is
 * reported against `path` with the part that is wrong; dates given without a
 * time (`UNTIL=20261231`) end at the close of that day in `timezone`.
 */
export function parseRecurrence(text: string, timezone: string, path = 'recurrence'): Recurrence {
  const issues: FieldIssue[] = [];
  const report = (message: string) => issues.push({ path, message });
  const body = text.trim().replace(/^RRULE:/i, '');
  if (!body) throw new ValidationError('The recurrence is invalid', [{ path, message: 'must not be empty' }]);
  const parts = new Map<string, string>();
  for (const raw of body.split(';')) {
    if (!raw) continue;
    const eq = raw.indexOf('=');
    if (eq <= 0) {
      report(`"${raw}" is not a NAME=VALUE part`);
      continue;
    }
    const key = raw.slice(0, eq).toUpperCase();
    const value = raw.slice(eq + 1).toUpperCase();
    if (!SUPPORTED.includes(key)) {
      report(`${key} is not supported; use ${SUPPORTED.filter((k) => k !== 'WKST').join(', ')}`);
      continue;
    }
    if (parts.has(key)) report(`${key} is given twice`);
    parts.set(key, value);
  }

  const freqText = parts.get('FREQ');
  let freq: Frequency = 'DAILY';
  if (freqText === undefined) report('FREQ is required (DAILY, WEEKLY, MONTHLY or YEARLY)');
  else if (!(FREQUENCIES as readonly string[]).includes(freqText)) report(`FREQ=${freqText} is not supported; use DAILY, WEEKLY, MONTHLY or YEARLY`);
  else freq = freqText as Frequency;

  const rule: Recurrence = { freq, interval: 1 };
  const int = (key: string, min: number, max: number): number | undefined => {
    const v = parts.get(key);
    if (v === undefined) return undefined;
    if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
      report(`${key}=${v} must be a whole number from ${min} to ${max}`);
      return undefined;
    }
    return Number(v);
  };
  rule.interval = int('INTERVAL', 1, MAX_INTERVAL) ?? 1;
  const count = int('COUNT', 1, MAX_COUNT);
  if (count !== undefined) rule.count = count;

  const wkst = parts.get('WKST');
  if (wkst !== undefined && wkst !== 'MO') report(`WKST=${wkst} is not supported; weeks start on Monday (WKST=MO)`);

  const byDay = parts.get('BYDAY');
  if (byDay !== undefined) {
    const items: ByDay[] = [];
    for (const item of byDay.split(',')) {
      const m = BYDAY_ITEM.exec(item);
      if (!m) {
        report(`BYDAY item "${item}" is not a weekday (MO…SU, optionally with an ordinal such as 2TU or -1FR)`);
        continue;
      }
      const weekday = RRULE_DAYS.indexOf(m[2] as RRuleDay);
      if (m[1] === undefined) {
        items.push({ weekday });
        continue;
      }
      const ordinal = Number(m[1]);
      if (freq !== 'MONTHLY' && freq !== 'YEARLY') report(`BYDAY ordinal "${item}" is only allowed with FREQ=MONTHLY or FREQ=YEARLY`);
      else if (ordinal === 0 || Math.abs(ordinal) > (freq === 'MONTHLY' || parts.has('BYMONTH') ? 5 : 53))
        report(`BYDAY ordinal in "${item}" is out of range (1 to ${freq === 'MONTHLY' || parts.has('BYMONTH') ? 5 : 53}, or negative from the end)`);
      else items.push({ weekday, ordinal });
    }
    rule.byDay = items;
  }

  const byMonthDay = parts.get('BYMONTHDAY');
  if (byMonthDay !== undefined) {
    if (freq === 'WEEKLY') report('BYMONTHDAY is not allowed with FREQ=WEEKLY');
    const days: number[] = [];
    for (const item of byMonthDay.split(',')) {
      const n = /^[+-]?\d{1,2}$/.test(item) ? Number(item) : NaN;
      if (!Number.isInteger(n) || n === 0 || Math.abs(n) > 31) report(`BYMONTHDAY item "${item}" must be 1 to 31 or -1 to -31 (-1 is the last day)`);
      else days.push(n);
    }
    rule.byMonthDay = days;
  }

  const byMonth = parts.get('BYMONTH');
  if (byMonth !== undefined) {
    const months: number[] = [];
    for (const item of byMonth.split(',')) {
      const n = /^\d{1,2}$/.test(item) ? Number(item) : NaN;
      if (!(n >= 1 && n <= 12)) report(`BYMONTH item "${item}" must be a month number from 1 to 12`);
      else months.push(n);
    }
    rule.byMonth = months;
  }

  const until = parts.get('UNTIL');
  if (until !== undefined) {
    if (count !== undefined) report('COUNT and UNTIL cannot both be given');
    const utc = UNTIL_UTC.exec(until);
    const day = UNTIL_DATE.exec(until);
    let at: DateTime | null = null;
    if (utc) at = DateTime.fromObject({ year: +utc[1]!, month: +utc[2]!, day: +utc[3]!, hour: +utc[4]!, minute: +utc[5]!, second: +utc[6]! }, { zone: 'utc' });
    else if (day) at = DateTime.fromObject({ year: +day[1]!, month: +day[2]!, day: +day[3]! }, { zone: timezone }).endOf('day');
    if (!at || !at.isValid) report(`UNTIL=${until} must be a UTC date-time such as 20261231T235959Z or a date such as 20261231`);
    else rule.until = at.toJSDate();
  }

  if (issues.length) throw new ValidationError(`The recurrence "${text}" is invalid`, issues);
  return rule;
}

/** The canonical RRULE value (no `RRULE:` prefix), as written into ICS feeds. */
export function formatRecurrence(rule: Recurrence): string {
  const out = [`FREQ=${rule.freq}`];
  if (rule.interval !== 1) out.push(`INTERVAL=${rule.interval}`);
  if (rule.byMonth?.length) out.push(`BYMONTH=${rule.byMonth.join(',')}`);
  if (rule.byMonthDay?.length) out.push(`BYMONTHDAY=${rule.byMonthDay.join(',')}`);
  if (rule.byDay?.length) out.push(`BYDAY=${rule.byDay.map((d) => `${d.ordinal ?? ''}${RRULE_DAYS[d.weekday]}`).join(',')}`);
  if (rule.count !== undefined) out.push(`COUNT=${rule.count}`);
  if (rule.until) out.push(`UNTIL=${DateTime.fromJSDate(rule.until, { zone: 'utc' }).toFormat("yyyyMMdd'T'HHmmss'Z'")}`);
  return out.join(';');
}

export interface Series {
  /** First occurrence (DTSTART) as an instant; its local time of day in `timezone` is kept for every occurrence. */
  start: Date;
  timezone: string;
  rule?: Recurrence | null;
  /** Cancelled occurrences (EXDATE), matched by instant. */
  exdates?: Date[];
}

export interface ExpandOptions {
  /** Inclusive lower bound. */
  from: Date;
  /** Exclusive upper bound. */
  to: Date;
  /** Stop after this many occurrences (default 1000). */
  limit?: number;
}

// ---------- calendar arithmetic on civil dates (no time zone involved) ----------

const DAY_MS = 86_400_000;
const dayNumber = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / DAY_MS;
const civil = (n: number) => {
  const d = new Date(n * DAY_MS);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() };
};
/** 0 = Monday … 6 = Sunday. */
const weekdayOf = (n: number) => (new Date(n * DAY_MS).getUTCDay() + 6) % 7;
const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** Day numbers of `weekday` inside [first, last], picked by ordinal (or all). */
function weekdaysIn(first: number, last: number, spec: ByDay): number[] {
  const offset = (spec.weekday - weekdayOf(first) + 7) % 7;
  const all: number[] = [];
  for (let n = first + offset; n <= last; n += 7) all.push(n);
  if (spec.ordinal === undefined) return all;
  const pick = spec.ordinal > 0 ? all[spec.ordinal - 1] : all[all.length + spec.ordinal];
  return pick === undefined ? [] : [pick];
}

function resolveMonthDays(y: number, m: number, days: number[]): number[] {
  const len = daysInMonth(y, m);
  const out: number[] = [];
  for (const d of days) {
    const day = d > 0 ? d : len + d + 1;
    // A day the month does not have (31 in April, 30 in February) is skipped, as RFC 5545 says.
    if (day >= 1 && day <= len) out.push(dayNumber(y, m, day));
  }
  return out;
}

/** Candidate days of one month for MONTHLY and YEARLY-with-months rules. */
function monthCandidates(y: number, m: number, rule: Recurrence, startDay: number): number[] {
  const first = dayNumber(y, m, 1);
  const last = dayNumber(y, m, daysInMonth(y, m));
  let days: number[];
  if (rule.byMonthDay?.length) {
    days = resolveMonthDays(y, m, rule.byMonthDay);
    if (rule.byDay?.length) {
      const allowed = new Set(rule.byDay.flatMap((spec) => weekdaysIn(first, last, spec)));
      days = days.filter((n) => allowed.has(n));
    }
  } else if (rule.byDay?.length) {
    days = rule.byDay.flatMap((spec) => weekdaysIn(first, last, spec));
  } else {
    days = startDay <= daysInMonth(y, m) ? [dayNumber(y, m, startDay)] : [];
  }
  return days;
}

function periodCandidates(rule: Recurrence, start: { y: number; m: number; d: number }, period: number): { days: number[]; firstDay: number } {
  const startDay = dayNumber(start.y, start.m, start.d);
  switch (rule.freq) {
    case 'DAILY': {
      const n = startDay + period * rule.interval;
      const c = civil(n);
      const ok =
        (!rule.byMonth?.length || rule.byMonth.includes(c.m)) &&
        (!rule.byMonthDay?.length || resolveMonthDays(c.y, c.m, rule.byMonthDay).includes(n)) &&
        (!rule.byDay?.length || rule.byDay.some((b) => b.weekday === weekdayOf(n)));
      return { days: ok ? [n] : [], firstDay: n };
    }
    case 'WEEKLY': {
      const monday = startDay - weekdayOf(startDay) + period * rule.interval * 7;
      const weekdays = rule.byDay?.length ? [...new Set(rule.byDay.map((b) => b.weekday))] : [weekdayOf(startDay)];
      const days = weekdays.map((w) => monday + w).filter((n) => !rule.byMonth?.length || rule.byMonth.includes(civil(n).m));
      return { days, firstDay: monday };
    }
    case 'MONTHLY': {
      const index = start.y * 12 + (start.m - 1) + period * rule.interval;
      const y = Math.floor(index / 12);
      const m = (index % 12) + 1;
      const days = rule.byMonth?.length && !rule.byMonth.includes(m) ? [] : monthCandidates(y, m, rule, start.d);
      return { days, firstDay: dayNumber(y, m, 1) };
    }
    case 'YEARLY': {
      const y = start.y + period * rule.interval;
      const firstDay = dayNumber(y, 1, 1);
      const yearScopedByDay = !rule.byMonth?.length && rule.byDay?.some((b) => b.ordinal !== undefined);
      if (yearScopedByDay) {
        // `20MO` without BYMONTH: the 20th Monday of the year.
        let days = rule.byDay!.flatMap((spec) => weekdaysIn(firstDay, dayNumber(y, 12, 31), spec));
        if (rule.byMonthDay?.length) {
          const allowed = new Set(Array.from({ length: 12 }, (_, i) => resolveMonthDays(y, i + 1, rule.byMonthDay!)).flat());
          days = days.filter((n) => allowed.has(n));
        }
        return { days, firstDay };
      }
      const months = rule.byMonth?.length ? rule.byMonth : rule.byMonthDay?.length || rule.byDay?.length ? [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] : [start.m];
      return { days: months.flatMap((m) => monthCandidates(y, m, rule, start.d)), firstDay };
    }
  }
}

/**
 * Occurrences of a series within [from, to), as instants. Each is the series'
 * local time of day on the chosen civil date in its zone: a time that does not
 * exist that day (spring-forward gap) moves forward by the gap.
 */
export function expandSeries(series: Series, options: ExpandOptions): Date[] {
  const limit = options.limit ?? 1000;
  const from = options.from.getTime();
  const to = options.to.getTime();
  const startMs = series.start.getTime();
  const excluded = new Set((series.exdates ?? []).map((d) => d.getTime()));
  if (!series.rule) {
    return startMs >= from && startMs < to && !excluded.has(startMs) ? [new Date(startMs)] : [];
  }
  const rule = series.rule;
  const local = DateTime.fromJSDate(series.start, { zone: series.timezone });
  const start = { y: local.year, m: local.month, d: local.day };
  const time = { hour: local.hour, minute: local.minute, second: local.second };
  const startDay = dayNumber(start.y, start.m, start.d);
  const untilMs = rule.until?.getTime() ?? Infinity;
  const out: Date[] = [];
  let produced = 0;
  let emptyPeriods = 0;
  for (let period = 0; ; period++) {
    const { days, firstDay } = periodCandidates(rule, start, period);
    // The period begins after the range (a day of slack for zone offsets): nothing later can match.
    if ((firstDay - 1) * DAY_MS > Math.min(to, untilMs)) break;
    const sorted = [...new Set(days)].filter((n) => n >= startDay).sort((a, b) => a - b);
    if (sorted.length === 0) {
      // A rule that can never match (BYMONTH=2;BYMONTHDAY=30) must not loop for ever.
      if (++emptyPeriods > 3400) break;
      continue;
    }
    emptyPeriods = 0;
    for (const n of sorted) {
      const c = civil(n);
      const at = DateTime.fromObject({ year: c.y, month: c.m, day: c.d, ...time }, { zone: series.timezone }).toMillis();
      if (at < startMs) continue;
      if (at > untilMs) return out;
      produced++;
      if (rule.count !== undefined && produced > rule.count) return out;
      if (at >= to) return out;
      if (at >= from && !excluded.has(at)) {
        out.push(new Date(at));
        if (out.length >= limit) return out;
      }
    }
  }
  return out;
}

/** True when `at` is one of the series' occurrences (ignoring cancellations). */
export function isOccurrence(series: Series, at: Date): boolean {
  const hits = expandSeries({ ...series, exdates: [] }, { from: at, to: new Date(at.getTime() + 1), limit: 1 });
  return hits.length === 1;
}

/** The first occurrence at or after `from`, or null when the series has ended. */
export function nextOccurrence(series: Series, from: Date, horizonYears = 30): Date | null {
  const to = DateTime.fromJSDate(from).plus({ years: horizonYears }).toJSDate();
  return expandSeries(series, { from, to, limit: 1 })[0] ?? null;
}
