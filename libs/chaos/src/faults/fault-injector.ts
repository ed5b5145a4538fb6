import type { ClusterPort } from '../cluster.port.js';
import type { FaultKindName, InjectionRecord, RecoveryOutcome } from '../records.js';

export interface InjectorContext {
  cluster: ClusterPort;
  record: InjectionRecord;
  now: Date;
}

export interface RecoverResult {
  outcome: RecoveryOutcome;
  notes?: Record<string, unknown>;
}

export interface Permission {
  verb: string;
  resource: string;
  group?: string;
  namespace: string;
}

/**
 * One fault kind, one target. Both operations are idempotent: inject twice
 * changes nothing the second time, recover of something already gone is a
 * success. Selection, retries and the blast radius live in the reconciler.
 */
export interface FaultInjector {
  readonly kind: FaultKindName;
  /** Verbs the fault needs on its target, checked before anything is touched. */
  permissions(record: InjectionRecord): Permission[];
  /** Read-only: what recover will need (persisted before inject runs). */
  prepare(ctx: InjectorContext): Promise<object | null>;
  inject(ctx: InjectorContext, undo: object | null): Promise<{ notes?: Record<string, unknown> }>;
  recover(ctx: InjectorContext): Promise<RecoverResult>;
}
