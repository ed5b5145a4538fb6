import { ClockSkewError } from './errors.js';
import type { SignalDraft } from './signal.js';

/**
 * Rejects a delivery whose sender timestamps lie further in the future than
 * the tolerance: a clock that fast would make the team look quicker than it
 * was. Past timestamps are fine (senders retry and batch).
 */
export function checkClockSkew(drafts: readonly SignalDraft[], receivedAt: Date, toleranceMs: number): void {
  const limit = receivedAt.getTime() + toleranceMs;
  for (const draft of drafts) {
    if (draft.timeSource === 'sender' && draft.occurredAt.getTime() > limit) {
      throw new ClockSkewError(draft.timeField, draft.occurredAt, receivedAt, toleranceMs);
    }
  }
}
