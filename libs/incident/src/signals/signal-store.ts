import type { Delivery } from './delivery.js';
import type { Signal, SignalDraft, SignalKind, TimeSource } from './signal.js';

/** One signal to store (a participant's mark, a cluster observation, one webhook signal). */
export interface RecordSignalInput {
  integrationId?: string | null;
  team: string | null;
  source: string;
  kind: SignalKind;
  occurredAt: Date;
  /** Defaults to now. */
  receivedAt?: Date;
  /** Defaults to `sender`. */
  timeSource?: TimeSource;
  labels?: Record<string, string>;
  summary?: string | null;
  raw?: unknown;
  /** Equal keys within one integration (or, without one, one source) are one signal. */
  dedupeKey: string;
  drill?: boolean | null;
}

export interface RecordDeliveryInput {
  integrationId: string;
  team: string | null;
  source: string;
  delivery: Pick<Delivery, 'body' | 'receivedAt'> & { headers: Record<string, string> };
  drafts: readonly SignalDraft[];
}

export type AttachedBy = 'auto' | 'manual';

export interface SignalCorrection {
  signalId: string;
  correctedBy: string;
  oldOccurredAt: Date;
  newOccurredAt: Date;
  reason: string;
  at: Date;
}

export interface SignalListQuery {
  team?: string;
  /** Only signals attached to no run. */
  unmatched?: boolean;
  limit: number;
  offset: number;
}

/**
 * Port: durable signals. Implemented in libs/persistence; used by the
 * webhook intake, the run engine and participants' marks. Storing emits
 * nothing: the caller publishes `signal.received` once the write committed.
 */
export abstract class SignalStore {
  /** Stores one signal; a repeated dedupe key returns the stored one with `duplicate: true`. */
  abstract record(input: RecordSignalInput): Promise<{ signal: Signal; duplicate: boolean }>;
  /** Keeps the raw delivery once and stores its signals in one statement; duplicates are skipped. */
  abstract recordDelivery(input: RecordDeliveryInput): Promise<{ deliveryId: string; signals: Signal[]; duplicates: number }>;
  abstract get(id: string): Promise<Signal | null>;
  abstract getMany(ids: readonly string[]): Promise<Signal[]>;
  abstract list(query: SignalListQuery): Promise<{ items: Signal[]; total: number }>;
  /** Signals attached to a run, by occurredAt. */
  abstract listForRun(runId: string): Promise<Signal[]>;
  /** Run ids a signal is attached to. */
  abstract runsOf(signalId: string): Promise<{ runId: string; attachedBy: AttachedBy; attachedAt: Date }[]>;
  /** Idempotent; marks the signal as drill data. Throws NotFoundError for an unknown signal. */
  abstract attach(signalId: string, runId: string, by: AttachedBy): Promise<void>;
  /**
   * Moves occurredAt and keeps an audit row. A blank reason is a
   * ValidationError; an unknown signal a NotFoundError.
   */
  abstract correct(signalId: string, correction: { occurredAt: Date; reason: string; by: string }): Promise<{ old: Signal; new: Signal }>;
  abstract corrections(signalId: string): Promise<SignalCorrection[]>;
}

/** Dead letters: deliveries that could not be read, kept for a human to look at. */
export interface DeadLetter {
  id: string;
  integrationId: string | null;
  reason: string;
  statusCode: number;
  raw: Buffer;
  headers: Record<string, string>;
  receivedAt: Date;
}

/** Port: where dead letters are kept. Implemented in libs/persistence. */
export abstract class DeadLetterStore {
  abstract add(letter: Omit<DeadLetter, 'id'>): Promise<DeadLetter>;
  abstract list(options: { integrationId?: string; limit: number; offset: number }): Promise<{ items: DeadLetter[]; total: number }>;
}
