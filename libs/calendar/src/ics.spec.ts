import ical from 'node-ical';
import { DateTime } from 'luxon';
import { renderCalendar, vtimezone } from './ics.js';

describe(renderCalendar.name, () => {
  it('writes one VEVENT per series with RRULE, EXDATE, TZID, SEQUENCE and DTSTAMP that a real parser expands', () => {
    const start = DateTime.fromISO('2026-01-13T10:00', { zone: 'Europe/Berlin' }).toJSDate();
    const text = renderCalendar({
      name: 'payments',
      events: [
        {
          uid: 'gd-1@firedrill',
          summary: 'Quarterly game day',
          start,
          durationMinutes: 240,
          timezone: 'Europe/Berlin',
          rrule: 'FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU',
          exdates: [DateTime.fromISO('2026-04-14T10:00', { zone: 'Europe/Berlin' }).toJSDate()],
          sequence: 3,
          stamp: new Date('2026-01-02T08:00:00Z'),
        },
      ],
      now: new Date('2026-01-01T00:00:00Z'),
    });
    expect(text).toContain('RRULE:FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU');
    expect(text).toContain('EXDATE;TZID=Europe/Berlin:20260414T100000');
    expect(text).toContain('DTSTART;TZID=Europe/Berlin:20260113T100000');
    expect(text).toContain('SEQUENCE:3');
    expect(text).toContain('DTSTAMP:20260102T080000Z');
    const parsed = ical.sync.parseICS(text);
    const event = Object.values(parsed).find((c) => c?.type === 'VEVENT') as ical.VEvent;
    expect(event.uid).toBe('gd-1@firedrill');
    const starts = ical.expandRecurringEvent(event, { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-12-31T00:00:00Z') }).map((i) => i.start.toISOString());
    expect(starts).toEqual(['2026-01-13T09:00:00.000Z', '2026-07-14T08:00:00.000Z', '2026-10-13T08:00:00.000Z']);
  });
});

describe(vtimezone.name, () => {
  it('lists the real DST transitions of the zone', () => {
    const text = vtimezone('Europe/Berlin', 2026, 2026);
    expect(text).toContain('BEGIN:DAYLIGHT\r\nDTSTART:20260329T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200');
    expect(text).toContain('BEGIN:STANDARD\r\nDTSTART:20261025T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100');
    expect(vtimezone('UTC', 2026, 2027).match(/BEGIN:STANDARD/g)).toHaveLength(1);
  });
});
