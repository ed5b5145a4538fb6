import type { NewTabletopSession, TabletopEvent, TabletopSession, TabletopState } from './tabletop-session.js';

export interface StoredTabletopEvent extends TabletopEvent {
  /** Monotonic per database; clients resume from the last id they saw. */
  id: string;
  sessionId: string;
}

export interface TabletopParticipant {
  id: string;
  sessionId: string;
  name: string;
  role: string;
  /** SHA-256 (hex) of the participant token; the token itself is never stored. */
  tokenHash: string;
  /** Synchronizer token for the participant's forms. */
  csrfToken: string;
  joinedAt: Date;
}

export interface TabletopListQuery {
  team?: string;
  states?: TabletopState[];
  limit: number;
  offset: number;
}

/** The outcome of one locked change: the saved session and its appended events. */
export interface TabletopChange<T> {
  session: TabletopSession;
  events: StoredTabletopEvent[];
  result: T;
}

/** Port: where tabletop sessions, their participants and timelines are kept (libs/persistence). */
export abstract class TabletopRepository {
  /** Inserts a session and its first event; null when the join code is taken. */
  abstract create(session: NewTabletopSession, event: TabletopEvent): Promise<TabletopSession | null>;
  abstract get(id: string): Promise<TabletopSession | null>;
  /** The session a join code opens, unless it has ended. */
  abstract findOpenByJoinCode(code: string): Promise<TabletopSession | null>;
  /** Sessions the clock must look at (running). */
  abstract listRunning(): Promise<TabletopSession[]>;
  abstract list(query: TabletopListQuery): Promise<{ items: TabletopSession[]; total: number }>;
  /**
   * Locks the session row, applies `fn` to it, saves the result and appends
   * the events in one transaction, so two replicas never both release an inject.
   */
  abstract change<T>(id: string, fn: (session: TabletopSession) => { session: TabletopSession; events: TabletopEvent[]; result: T }): Promise<TabletopChange<T>>;
  abstract timeline(id: string, options?: { afterId?: string; limit?: number }): Promise<StoredTabletopEvent[]>;
  /** Adds a participant and appends its join event in one transaction. */
  abstract addParticipant(participant: Omit<TabletopParticipant, 'id' | 'joinedAt'>, event: TabletopEvent): Promise<{ participant: TabletopParticipant; event: StoredTabletopEvent }>;
  abstract participantByTokenHash(hash: string): Promise<TabletopParticipant | null>;
  abstract participants(sessionId: string): Promise<TabletopParticipant[]>;
}
