import { DomainError, ErrorCodes } from '#contracts';

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 } as const;
type Unit = keyof typeof UNIT_MS;

/** Source of the JSON Schema pattern too, so the schema and the parser accept the same strings. */
export const DURATION_PATTERN = '^(?:[0-9]+(?:\\.[0-9]+)?(?:ms|s|m|h))+$';
const DURATION_RE = new RegExp(DURATION_PATTERN);
const PART_RE = /([0-9]+(?:\.[0-9]+)?)(ms|s|m|h)/g;

/** Longest duration a scenario may use; anything bigger is almost certainly a typo. */
export const MAX_DURATION_MS = 7 * 24 * 3_600_000;

export class InvalidDurationError extends DomainError {
  constructor(readonly input: string) {
    super(ErrorCodes.validationFailed, `"${input}" is not a duration: use a number and a unit (ms, s, m, h), e.g. 30s, 5m, 1h30m`, {
      input,
    });
  }
}

/** Parses `250ms`, `30s`, `5m`, `1.5h`, `1h30m` into milliseconds, or returns undefined. */
export function tryParseDuration(input: string): number | undefined {
  if (typeof input !== 'string' || !DURATION_RE.test(input)) return undefined;
  let total = 0;
  for (const match of input.matchAll(PART_RE)) {
    total += Number(match[1]) * UNIT_MS[match[2] as Unit];
  }
  return Number.isFinite(total) ? Math.round(total) : undefined;
}

/** Parses a duration string into milliseconds; throws InvalidDurationError when it is not one. */
export function parseDuration(input: string): number {
  const ms = tryParseDuration(input);
  if (ms === undefined) throw new InvalidDurationError(String(input));
  return ms;
}

/** Formats milliseconds as the shortest duration string that parses back to the same value: `1h30m`, `90s` → `1m30s`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) throw new RangeError(`cannot format ${ms} as a duration`);
  let rest = Math.round(Math.abs(ms));
  if (rest === 0) return '0s';
  const parts: string[] = [];
  for (const [unit, size] of [
    ['h', UNIT_MS.h],
    ['m', UNIT_MS.m],
    ['s', UNIT_MS.s],
    ['ms', UNIT_MS.ms],
  ] as const) {
    const count = Math.floor(rest / size);
    if (count > 0) {
      parts.push(`${count}${unit}`);
      rest -= count * size;
    }
  }
  return (ms < 0 ? '-' : '') + parts.join('');
}
