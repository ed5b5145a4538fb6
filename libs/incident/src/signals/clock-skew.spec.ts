import { checkClockSkew } from './clock-skew.js';
import { ClockSkewError } from './errors.js';
import type { SignalDraft } from './signal.js';

const receivedAt = new Date('2025-11-20T10:00:00Z');
const draft = (occurredAt: string, timeSource: SignalDraft['timeSource'] = 'sender'): SignalDraft => ({
  kind: 'detected',
  occurredAt: new Date(occurredAt),
  timeSource,
  timeField: 'alerts[1].startsAt',
  labels: {},
  summary: null,
  raw: {},
  dedupeKey: 'k',
});

describe(checkClockSkew.name, () => {
  it('accepts past timestamps and future ones within the tolerance', () => {
    expect(() => checkClockSkew([draft('2025-11-19T10:00:00Z'), draft('2025-11-20T10:02:00Z')], receivedAt, 120_000)).not.toThrow();
  });

  it('rejects a timestamp beyond the tolerance, naming the field and the tolerance', () => {
    const attempt = () => checkClockSkew([draft('2025-11-20T10:00:00Z'), draft('2025-11-20T10:02:00.001Z')], receivedAt, 120_000);
    expect(attempt).toThrow(ClockSkewError);
    expect(attempt).toThrow(/alerts\[1\]\.startsAt .* beyond the clock-skew tolerance of 120000 ms/);
  });
});
