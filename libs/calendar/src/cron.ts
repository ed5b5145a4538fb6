import { CronExpressionParser, type CronExpression } from 'cron-parser';
import { ValidationError } from '#contracts';

const FIELD_NAMES = ['minute', 'hour', 'day of month', 'month', 'day of week'];

/** The parts of a five-field cron expression that the window check reasons about. */
export interface CronShape {
  minutes: number[];
  hours: number[];
  /** Weekdays (0 = Sunday … 6 = Saturday) when the day-of-week field is restricted. */
  daysOfWeek: number[] | null;
  /** True when the day-of-month field is restricted (then cron ORs it with the weekdays). */
  dayOfMonthRestricted: boolean;
}

function parse(expression: string, timezone: string, from?: Date): CronExpression {
  return CronExpressionParser.parse(expression, { tz: timezone, ...(from ? { currentDate: from } : {}) });
}

/**
 * Validates a five-field cron expression (minute hour day-of-month month
 * day-of-week), evaluated in `timezone`. Throws a 422 naming `path`.
 */
export function parseCron(expression: string, timezone: string, path = 'cron'): CronShape {
  const fields = typeof expression === 'string' ? expression.trim().split(/\s+/) : [];
  if (fields.length !== 5) {
    throw new ValidationError('The cron expression is invalid', [
      { path, message: `"${expression}" must have five fields (minute hour day-of-month month day-of-week), got ${fields.length}` },
    ]);
  }
  let parsed: CronExpression;
  try {
    parsed = parse(expression, timezone);
  } catch (error) {
    const permissive = ['0', '0', '*', '*', '*'];
    const which = fields.findIndex((_, i) => {
      try {
        parse(permissive.map((d, j) => (j === i ? fields[j] : d)).join(' '), timezone);
        return false;
      } catch {
        return true;
      }
    });
    const where = which >= 0 ? ` (${FIELD_NAMES[which]} field "${fields[which]}")` : '';
    throw new ValidationError('The cron expression is invalid', [{ path, message: `"${expression}" is not a valid cron expression${where}: ${(error as Error).message}` }]);
  }
  const f = parsed.fields;
  const dow = f.dayOfWeek.isWildcard ? null : [...new Set((f.dayOfWeek.values as (number | string)[]).filter((v): v is number => typeof v === 'number').map((v) => v % 7))];
  return {
    minutes: [...(f.minute.values as number[])],
    hours: [...(f.hour.values as number[])],
    daysOfWeek: dow,
    dayOfMonthRestricted: !f.dayOfMonth.isWildcard,
  };
}

/** Cron instants in (after, until], at most `limit`. */
export function cronOccurrences(expression: string, timezone: string, after: Date, until: Date, limit = 1000): Date[] {
  const out: Date[] = [];
  if (until.getTime() <= after.getTime()) return out;
  const it = parse(expression, timezone, after);
  while (out.length < limit) {
    const next = it.next().toDate();
    if (next.getTime() > until.getTime()) break;
    if (next.getTime() > after.getTime()) out.push(next);
  }
  return out;
}
