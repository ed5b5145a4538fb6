import ical from 'ical-generator';
import { DateTime } from 'luxon';

export interface CalendarEvent {
  /** Stable per series, so calendar apps update the event instead of adding one. */
  uid: string;
  summary: string;
  description?: string;
  start: Date;
  durationMinutes: number;
  timezone: string;
  /** RRULE value without the `RRULE:` prefix. */
  rrule?: string | null;
  exdates?: Date[];
  /** Bumped on every edit (RFC 5545 SEQUENCE). */
  sequence: number;
  /** DTSTAMP: when the series last changed. */
  stamp: Date;
  organizer?: string;
  categories?: string[];
}

const fmtLocal = (d: DateTime) => d.toFormat("yyyyMMdd'T'HHmmss");
const fmtOffset = (minutes: number) => {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
};

/**
 * A VTIMEZONE with the zone's real transitions over [fromYear, toYear], one
 * STANDARD or DAYLIGHT block per transition, taken from the runtime's tz data.
 */
export function vtimezone(zone: string, fromYear: number, toYear: number): string {
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
  const start = DateTime.fromObject({ year: fromYear, month: 1, day: 1 }, { zone: 'utc' });
  const end = DateTime.fromObject({ year: toYear + 1, month: 1, day: 1 }, { zone: 'utc' });
  const offsetAt = (ms: number) => DateTime.fromMillis(ms, { zone }).offset;
  const block = (atMs: number, from: number, to: number) => {
    const at = DateTime.fromMillis(atMs, { zone });
    const daylight = at.isInDST;
    const kind = daylight ? 'DAYLIGHT' : 'STANDARD';
    // DTSTART of a transition is written in the local time that was in force before it.
    const local = DateTime.fromMillis(atMs, { zone: 'utc' }).plus({ minutes: from });
    lines.push(`BEGIN:${kind}`, `DTSTART:${fmtLocal(local)}`, `TZOFFSETFROM:${fmtOffset(from)}`, `TZOFFSETTO:${fmtOffset(to)}`);
    const name = at.offsetNameShort;
    if (name && !/^GMT[+-]/.test(name) && !/^UTC[+-]/.test(name)) lines.push(`TZNAME:${name}`);
    lines.push(`END:${kind}`);
  };
  const first = start.toMillis();
  let offset = offsetAt(first);
  block(first, offset, offset);
  const step = 6 * 3_600_000;
  for (let next = first + step; next <= end.toMillis(); next += step) {
    const o = offsetAt(next);
    if (o !== offset) {
      // Narrow the change down to the minute.
      let lo = next - step;
      let hi = next;
      while (hi - lo > 60_000) {
        const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
        if (offsetAt(mid) === offset) lo = mid;
        else hi = mid;
      }
      block(hi, offset, o);
      offset = o;
    }
  }
  lines.push('END:VTIMEZONE');
  return lines.join('\r\n');
}

/**
 * Renders a subscribable iCalendar feed: one VEVENT per series with its RRULE
 * (not expanded), EXDATEs and TZID, plus a VTIMEZONE for each zone used.
 */
export function renderCalendar(options: { name: string; events: CalendarEvent[]; url?: string; now?: Date }): string {
  const years = options.events.map((e) => e.start.getUTCFullYear());
  const now = (options.now ?? new Date()).getUTCFullYear();
  const fromYear = Math.min(now, ...years) - 1;
  const toYear = Math.max(now, ...years) + 10;
  const calendar = ical({
    name: options.name,
    prodId: { company: 'firedrill', product: 'calendar', language: 'EN' },
    timezone: { name: null, generator: (zone: string) => vtimezone(zone, fromYear, toYear) },
    ...(options.url ? { url: options.url } : {}),
  });
  for (const e of options.events) {
    const start = DateTime.fromJSDate(e.start, { zone: e.timezone });
    const exdates = (e.exdates ?? []).map((d) => fmtLocal(DateTime.fromJSDate(d, { zone: e.timezone })));
    const repeating = e.rrule ? [`RRULE:${e.rrule}`, ...(exdates.length ? [`EXDATE;TZID=${e.timezone}:${exdates.join(',')}`] : [])].join('\r\n') : null;
    calendar.createEvent({
      id: e.uid,
      summary: e.summary,
      ...(e.description ? { description: e.description } : {}),
      start,
      end: start.plus({ minutes: e.durationMinutes }),
      timezone: e.timezone,
      sequence: e.sequence,
      stamp: e.stamp,
      repeating,
      ...(e.categories?.length ? { categories: e.categories.map((name) => ({ name })) } : {}),
    });
  }
  return calendar.toString();
}
