import type { ResponseFacts } from './incident-record.js';

/** First communication within this long after detection (seconds). */
export const FIRST_COMMUNICATION_TARGET = 15 * 60;
/** Longest accepted gap between communication updates while an incident is open (seconds). */
export const UPDATE_INTERVAL_TARGET = 30 * 60;

/** First status communication: the explicit one, or the first update. */
export function firstCommunication(r: Pick<ResponseFacts, 'firstCommunicatedAt' | 'statusUpdates'>): Date | null {
  const all = [r.firstCommunicatedAt, ...r.statusUpdates].filter((d): d is Date => !!d);
  return all.length ? new Date(Math.min(...all.map((d) => d.getTime()))) : null;
}

/** The longest silence while the incident was open: from the first communication, through every update, to resolution. */
export function longestUpdateGap(r: Pick<ResponseFacts, 'firstCommunicatedAt' | 'statusUpdates' | 'resolvedAt'>): number | null {
  const points = [r.firstCommunicatedAt, ...r.statusUpdates].filter((d): d is Date => !!d).map((d) => d.getTime());
  if (points.length === 0) return null;
  const sorted = [...new Set(points)].sort((a, b) => a - b);
  const end = r.resolvedAt?.getTime();
  if (end !== undefined && end > sorted[sorted.length - 1]!) sorted.push(end);
  let gap = 0;
  for (let i = 1; i < sorted.length; i++) gap = Math.max(gap, (sorted[i]! - sorted[i - 1]!) / 1000);
  return gap;
}
