import { DateTime } from 'luxon';
import { ValidationError } from '#contracts';
import { expandSeries, formatRecurrence, isOccurrence, nextOccurrence, parseRecurrence } from './recurrence.js';

const local = (dates: Date[], zone: string) => dates.map((d) => DateTime.fromJSDate(d, { zone }).toFormat("yyyy-MM-dd'T'HH:mm ccc"));
const at = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toJSDate();
const range = (from: string, to: string) => ({ from: new Date(from), to: new Date(to) });

function issuesOf(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).errors;
  }
  throw new Error('expected a ValidationError');
}

describe(parseRecurrence.name, () => {
  it('reads the quarterly game day rule and writes it back canonically', () => {
    const rule = parseRecurrence('RRULE:FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU', 'Europe/Berlin');
    expect(rule).toEqual({ freq: 'MONTHLY', interval: 3, byDay: [{ weekday: 1, ordinal: 2 }] });
    expect(formatRecurrence(rule)).toBe('FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU');
  });

  it('reads a date-only UNTIL as the end of that day in the series time zone', () => {
    const rule = parseRecurrence('FREQ=WEEKLY;BYDAY=MO;UNTIL=20260330', 'Europe/Berlin');
    expect(rule.until!.toISOString()).toBe('2026-03-30T21:59:59.999Z');
  });

  it('names every wrong part of an invalid rule', () => {
    const issues = issuesOf(() => parseRecurrence('FREQ=HOURLY;INTERVAL=0;BYDAY=2XX;BYMONTHDAY=32;BYMONTH=13;BYHOUR=5', 'UTC'));
    expect(issues.every((i) => i.path === 'recurrence')).toBe(true);
    const text = issues.map((i) => i.message).join('\n');
    expect(text).toMatch(/FREQ=HOURLY is not supported/);
    expect(text).toMatch(/INTERVAL=0 must be a whole number/);
    expect(text).toMatch(/BYDAY item "2XX"/);
    expect(text).toMatch(/BYMONTHDAY item "32"/);
    expect(text).toMatch(/BYMONTH item "13"/);
    expect(text).toMatch(/BYHOUR is not supported/);
  });

  it('rejects COUNT with UNTIL, a missing FREQ and ordinals on weekly rules', () => {
    expect(issuesOf(() => parseRecurrence('FREQ=DAILY;COUNT=3;UNTIL=20260101T000000Z', 'UTC'))[0]!.message).toMatch(/COUNT and UNTIL/);
    expect(issuesOf(() => parseRecurrence('INTERVAL=2', 'UTC'))[0]!.message).toMatch(/FREQ is required/);
    expect(issuesOf(() => parseRecurrence('FREQ=WEEKLY;BYDAY=2TU', 'UTC'))[0]!.message).toMatch(/only allowed with FREQ=MONTHLY or FREQ=YEARLY/);
  });
});

describe(expandSeries.name, () => {
  it('keeps 10:00 Europe/Berlin at 10:00 local across both DST changes', () => {
    const series = { start: at('2026-03-23T10:00', 'Europe/Berlin'), timezone: 'Europe/Berlin', rule: parseRecurrence('FREQ=WEEKLY;BYDAY=MO', 'Europe/Berlin') };
    const spring = expandSeries(series, range('2026-03-20T00:00Z', '2026-04-07T00:00Z'));
    expect(local(spring, 'Europe/Berlin')).toEqual(['2026-03-23T10:00 Mon', '2026-03-30T10:00 Mon', '2026-04-06T10:00 Mon']);
    // The UTC instant moves by an hour when summer time starts on 29 March.
    expect(spring.map((d) => d.toISOString())).toEqual(['2026-03-23T09:00:00.000Z', '2026-03-30T08:00:00.000Z', '2026-04-06T08:00:00.000Z']);
    const autumn = expandSeries(series, range('2026-10-19T00:00Z', '2026-11-03T00:00Z'));
    expect(autumn.map((d) => d.toISOString())).toEqual(['2026-10-19T08:00:00.000Z', '2026-10-26T09:00:00.000Z', '2026-11-02T09:00:00.000Z']);
  });

  it('keeps local time in a southern-hemisphere zone too', () => {
    const series = { start: at('2026-03-30T09:30', 'Australia/Sydney'), timezone: 'Australia/Sydney', rule: parseRecurrence('FREQ=DAILY', 'UTC') };
    const days = expandSeries(series, range('2026-04-03T00:00Z', '2026-04-07T00:00Z'));
    expect(local(days, 'Australia/Sydney').map((s) => s.slice(11, 16))).toEqual(['09:30', '09:30', '09:30', '09:30']);
    expect(new Set(days.map((d) => d.getUTCHours())).size).toBe(2);
  });

  it('moves a time that does not exist on the DST day forward by the gap', () => {
    const series = { start: at('2026-03-28T02:30', 'Europe/Berlin'), timezone: 'Europe/Berlin', rule: parseRecurrence('FREQ=DAILY;COUNT=3', 'UTC') };
    expect(local(expandSeries(series, range('2026-03-01T00:00Z', '2026-04-01T00:00Z')), 'Europe/Berlin')).toEqual([
      '2026-03-28T02:30 Sat',
      '2026-03-29T03:30 Sun',
      '2026-03-30T02:30 Mon',
    ]);
  });

  it('picks the last day of every month with BYMONTHDAY=-1', () => {
    const series = { start: at('2026-01-31T15:00', 'UTC'), timezone: 'UTC', rule: parseRecurrence('FREQ=MONTHLY;BYMONTHDAY=-1', 'UTC') };
    expect(local(expandSeries(series, range('2026-01-01T00:00Z', '2026-05-01T00:00Z')), 'UTC').map((s) => s.slice(0, 10))).toEqual([
      '2026-01-31',
      '2026-02-28',
      '2026-03-31',
      '2026-04-30',
    ]);
    const leap = expandSeries(series, range('2028-02-01T00:00Z', '2028-03-01T00:00Z'));
    expect(local(leap, 'UTC')[0]!.slice(0, 10)).toBe('2028-02-29');
  });

  it('skips months without a 31st for BYMONTHDAY=31, as RFC 5545 says', () => {
    const series = { start: at('2026-01-31T10:00', 'Europe/Berlin'), timezone: 'Europe/Berlin', rule: parseRecurrence('FREQ=MONTHLY;BYMONTHDAY=31', 'UTC') };
    expect(local(expandSeries(series, range('2026-01-01T00:00Z', '2026-08-01T00:00Z')), 'Europe/Berlin').map((s) => s.slice(0, 10))).toEqual([
      '2026-01-31',
      '2026-03-31',
      '2026-05-31',
      '2026-07-31',
    ]);
  });

  it('expands ordinal weekdays: the 2nd Tuesday every quarter and the last Friday of each month', () => {
    const quarterly = { start: at('2026-01-13T10:00', 'Europe/Berlin'), timezone: 'Europe/Berlin', rule: parseRecurrence('FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU', 'UTC') };
    expect(local(expandSeries(quarterly, range('2026-01-01T00:00Z', '2027-01-01T00:00Z')), 'Europe/Berlin')).toEqual([
      '2026-01-13T10:00 Tue',
      '2026-04-14T10:00 Tue',
      '2026-07-14T10:00 Tue',
      '2026-10-13T10:00 Tue',
    ]);
    const lastFriday = { start: at('2026-01-30T14:00', 'America/New_York'), timezone: 'America/New_York', rule: parseRecurrence('FREQ=MONTHLY;BYDAY=-1FR;COUNT=3', 'UTC') };
    expect(local(expandSeries(lastFriday, range('2026-01-01T00:00Z', '2027-01-01T00:00Z')), 'America/New_York')).toEqual([
      '2026-01-30T14:00 Fri',
      '2026-02-27T14:00 Fri',
      '2026-03-27T14:00 Fri',
    ]);
  });

  it('expands yearly rules with BYMONTH and several weekdays per week', () => {
    const yearly = { start: at('2026-06-01T09:00', 'UTC'), timezone: 'UTC', rule: parseRecurrence('FREQ=YEARLY;BYMONTH=6,12;BYDAY=1MO', 'UTC') };
    expect(local(expandSeries(yearly, range('2026-01-01T00:00Z', '2028-01-01T00:00Z')), 'UTC').map((s) => s.slice(0, 10))).toEqual([
      '2026-06-01',
      '2026-12-07',
      '2027-06-07',
      '2027-12-06',
    ]);
    const biweekly = { start: at('2026-03-02T09:00', 'UTC'), timezone: 'UTC', rule: parseRecurrence('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH', 'UTC') };
    expect(local(expandSeries(biweekly, range('2026-03-01T00:00Z', '2026-03-31T00:00Z')), 'UTC').map((s) => s.slice(0, 10))).toEqual([
      '2026-03-02',
      '2026-03-05',
      '2026-03-16',
      '2026-03-19',
      '2026-03-30',
    ]);
  });

  it('honours COUNT from the first occurrence, UNTIL inclusively, and cancelled occurrences', () => {
    const start = at('2026-01-05T10:00', 'UTC');
    const counted = { start, timezone: 'UTC', rule: parseRecurrence('FREQ=DAILY;COUNT=5', 'UTC'), exdates: [at('2026-01-07T10:00', 'UTC')] };
    // The cancelled 7 January does not make room for a sixth day.
    expect(local(expandSeries(counted, range('2026-01-06T00:00Z', '2026-02-01T00:00Z')), 'UTC').map((s) => s.slice(0, 10))).toEqual(['2026-01-06', '2026-01-08', '2026-01-09']);
    const until = { start, timezone: 'UTC', rule: parseRecurrence('FREQ=DAILY;UNTIL=20260107T100000Z', 'UTC') };
    expect(expandSeries(until, range('2026-01-01T00:00Z', '2026-02-01T00:00Z'))).toHaveLength(3);
  });

  it('ends a rule that never matches instead of looping', () => {
    const never = { start: at('2026-01-01T10:00', 'UTC'), timezone: 'UTC', rule: parseRecurrence('FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30', 'UTC') };
    expect(nextOccurrence(never, new Date('2026-01-01T00:00Z'))).toBeNull();
  });

  it('tells whether an instant is an occurrence of the series', () => {
    const series = { start: at('2026-01-13T10:00', 'Europe/Berlin'), timezone: 'Europe/Berlin', rule: parseRecurrence('FREQ=MONTHLY;BYDAY=2TU', 'UTC') };
    expect(isOccurrence(series, at('2026-07-14T10:00', 'Europe/Berlin'))).toBe(true);
    expect(isOccurrence(series, at('2026-07-14T11:00', 'Europe/Berlin'))).toBe(false);
  });
});
