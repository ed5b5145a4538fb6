/**
 * Names and payloads of in-process domain events. Add a line per event;
 * keep payloads small (ids), consumers read details from the database.
 */
export interface DomainEventMap {
  /** A normalised signal was stored (from a webhook, a mark or the cluster). */
  'signal.received': { signalId: string; team: string | null; kind: string; source: string };
  /** A signal was attached to a run (by correlation or by hand). */
  'signal.attached': { signalId: string; runId: string; by: 'auto' | 'manual' };
  /** A timeline event was appended to a run. */
  'run.timeline': {
    runId: string;
    eventId: string;
    /** The event itself, so live listeners need not read it back. */
    event?: { id: string; runId: string; at: Date; kind: string; title: string; data: Record<string, unknown>; actor: string | null };
  };
  /** A tabletop session changed (state, inject, expectation, participant, decision). */
  'tabletop.changed': { sessionId: string; lastEventId: string };
}
