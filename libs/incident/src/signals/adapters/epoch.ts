/**
 * Opsgenie's alert action payload mixes units: `createdAt` is epoch
 * milliseconds, `updatedAt` epoch nanoseconds, and other senders relaying it
 * use seconds. The unit is read from the number of digits; when it does not
 * match exactly one unit the value is ambiguous and the arrival time is used.
 */
export type EpochUnit = 's' | 'ms' | 'us' | 'ns';

const DIGITS: Record<number, EpochUnit> = { 10: 's', 13: 'ms', 16: 'us', 19: 'ns' };
const TO_MS: Record<EpochUnit, number> = { s: 1000, ms: 1, us: 1e-3, ns: 1e-6 };

export interface EpochReading {
  date: Date;
  unit: EpochUnit;
}

/** The date an epoch number denotes, or null when its unit cannot be told. */
export function readEpoch(value: unknown): EpochReading | null {
  let digits: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value <= 0 || !Number.isInteger(value)) return null;
    digits = BigInt(value).toString();
  } else if (typeof value === 'string' && /^[1-9]\d*$/.test(value)) {
    digits = value;
  } else {
    return null;
  }
  const unit = DIGITS[digits.length];
  if (!unit) return null;
  return { date: new Date(Math.round(Number(digits) * TO_MS[unit])), unit };
}
