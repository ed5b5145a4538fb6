import { createHash } from 'node:crypto';

/**
 * A random-looking delay in [0, max) that every replica computes alike for the
 * same job and occurrence, so the planned start does not depend on who claims it.
 */
export function jitterFor(key: string, occurrence: Date, maxMs: number): number {
  if (maxMs <= 0) return 0;
  const digest = createHash('sha256').update(`${key}@${occurrence.toISOString()}`).digest();
  const fraction = digest.readUInt32BE(0) / 0x1_0000_0000;
  return Math.floor(fraction * maxMs);
}
