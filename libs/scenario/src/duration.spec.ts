import { describe, expect, it } from '@jest/globals';
import { formatDuration, InvalidDurationError, parseDuration, tryParseDuration } from './duration.js';

describe('parseDuration', () => {
  it.each([
    ['0s', 0],
    ['250ms', 250],
    ['30s', 30_000],
    ['5m', 300_000],
    ['2h', 7_200_000],
    ['1h30m', 5_400_000],
    ['1.5s', 1_500],
    ['1m30s500ms', 90_500],
  ])('reads %s as %d ms', (input, ms) => {
    expect(parseDuration(input)).toBe(ms);
  });

  it.each(['', '5', '5 minutes', '10mins', '-1s', '1d', 's', '1.s', ' 5s'])('refuses %j', (input) => {
    expect(tryParseDuration(input)).toBeUndefined();
    expect(() => parseDuration(input)).toThrow(InvalidDurationError);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [200, '200ms'],
    [1_500, '1s500ms'],
    [90_000, '1m30s'],
    [3_723_000, '1h2m3s'],
    [1_800_000, '30m'],
  ])('writes %d ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('round-trips through parseDuration', () => {
    for (const ms of [1, 999, 61_001, 86_400_000, 5_400_000]) expect(parseDuration(formatDuration(ms))).toBe(ms);
  });
});
