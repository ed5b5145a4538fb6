import { expandSeries, type Series } from './recurrence.js';

export interface DueReminder {
  occurrence: Date;
  /** The lead time as configured, e.g. `24h`; the key that makes a reminder unique per occurrence. */
  leadTime: string;
  leadMs: number;
  /** A shorter lead time of the same occurrence is due too: record it, do not send it (one message, not a burst). */
  superseded: boolean;
}

/**
 * Reminders whose moment (occurrence minus lead time) has come while the
 * occurrence itself has not started yet. After downtime a late reminder is
 * still sent as long as the game day lies ahead; recording it once per
 * occurrence and lead time is the caller's job.
 */
export function dueReminders(series: Series, leadTimes: { text: string; ms: number }[], now: Date): DueReminder[] {
  if (leadTimes.length === 0) return [];
  const longest = Math.max(...leadTimes.map((l) => l.ms));
  const upcoming = expandSeries(series, { from: new Date(now.getTime() + 1), to: new Date(now.getTime() + longest + 1), limit: 100 });
  const due: DueReminder[] = [];
  for (const occurrence of upcoming) {
    const reached = leadTimes.filter((lead) => occurrence.getTime() - lead.ms <= now.getTime());
    const shortest = Math.min(...reached.map((l) => l.ms));
    for (const lead of reached) due.push({ occurrence, leadTime: lead.text, leadMs: lead.ms, superseded: lead.ms !== shortest });
  }
  return due;
}
