import { ValidationError } from '#contracts';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const WHOLE = /^(?:\d+(?:ms|s|m|h|d|w))+$/;
const PART = /(\d+)(ms|s|m|h|d|w)/g;

/** Parses `10m`, `1h30m`, `24h`, `2d` into milliseconds; null when it is not such a string. */
export function tryParseSpan(text: string): number | null {
  if (typeof text !== 'string' || !WHOLE.test(text)) return null;
  let total = 0;
  for (const m of text.matchAll(PART)) total += Number(m[1]) * UNIT_MS[m[2]!]!;
  return total;
}

/** As tryParseSpan, but throws a 422 naming the field. */
export function parseSpan(text: string, path: string): number {
  const ms = tryParseSpan(text);
  if (ms === null) throw new ValidationError(`${path} is not a duration`, [{ path, message: `"${text}" is not a duration such as 10m, 1h30m or 24h` }]);
  return ms;
}

/** `5400000` -> `1h30m`; the inverse of tryParseSpan for whole seconds. */
export function formatSpan(ms: number): string {
  if (ms === 0) return '0s';
  let rest = ms;
  let out = '';
  for (const unit of ['d', 'h', 'm', 's'] as const) {
    const size = UNIT_MS[unit]!;
    const n = Math.floor(rest / size);
    if (n > 0) out += `${n}${unit}`;
    rest -= n * size;
  }
  return rest > 0 ? `${out}${rest}ms` : out;
}
