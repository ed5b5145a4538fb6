/**
 * Live run events over socket.io, namespace `/runs`, one room per run.
 *
 * Connect with the same API token as the REST API (`auth: { token }` or an
 * `Authorization: Bearer` header); a missing or bad token fails the
 * connection with `connect_error` whose message says why.
 *
 * Resuming: `join` with the last timeline id the client saw; the ack carries
 * every event after it, in id order, then `timeline` pushes follow. An event
 * appended while the join is being answered can arrive both as a push and in
 * the ack: clients keep the highest id they have and ignore ids at or below it.
 */

export const LIVE_RUNS_NAMESPACE = '/runs';

/** One entry of a run's timeline, as pushed live and as returned by the join ack. */
export interface LiveTimelineEvent {
  /** Increasing per run; pass the last one seen as `lastEventId` when rejoining. */
  id: string;
  runId: string;
  at: string;
  kind: string;
  title: string;
  data: Record<string, unknown>;
  actor: string | null;
}

/** The run's summary, pushed when its state changes (same shape as GET /api/v1/runs items). */
export interface LiveRunSummary {
  id: string;
  scenario: string;
  team: string | null;
  severity: string | null;
  state: string;
  dryRun: boolean;
  trigger: string;
  createdBy: string;
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
  abortReason: string | null;
  failureReason: string | null;
}

export interface LiveJoinRequest {
  runId: string;
  /** The last timeline id the client has; omitted on the first join (then the whole timeline comes back). */
  lastEventId?: string;
}

export interface LiveError {
  /** A stable code from ErrorCodes (not_found, forbidden, validation_failed, …). */
  code: string;
  message: string;
}

export type LiveJoinAck = { ok: true; run: LiveRunSummary; events: LiveTimelineEvent[] } | { ok: false; error: LiveError };
export type LiveLeaveAck = { ok: true } | { ok: false; error: LiveError };

/** Events the server emits to clients of `/runs`. */
export interface LiveServerToClientEvents {
  timeline: (event: LiveTimelineEvent) => void;
  run: (run: LiveRunSummary) => void;
}

/** Events clients emit to the server on `/runs` (each answers through its ack). */
export interface LiveClientToServerEvents {
  join: (request: LiveJoinRequest, ack: (reply: LiveJoinAck) => void) => void;
  leave: (request: { runId: string }, ack: (reply: LiveLeaveAck) => void) => void;
}
