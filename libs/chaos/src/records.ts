import type { TargetRef } from './kube-object.js';

export const RECORD_PHASES = ['pending', 'injecting', 'injected', 'recovering', 'recovered', 'failed'] as const;
export type RecordPhase = (typeof RECORD_PHASES)[number];

export type FaultKindName = 'podKill' | 'configChange' | 'latency' | 'httpFault';

/** How a recovery ended. */
export type RecoveryOutcome = 'restored' | 'kept-team-change' | 'already-gone' | 'nothing-to-undo' | 'never-injected';

/**
 * One fault on one target. Written before the cluster is touched and after
 * every call, so a crash never loses track of what was changed.
 */
export interface InjectionRecord {
  id: string;
  runId: string;
  stepIndex: number;
  kind: FaultKindName;
  target: TargetRef;
  /** The step's fault spec (what to do). */
  spec: Record<string, unknown>;
  phase: RecordPhase;
  /** What recover needs; also stored on the object as an annotation. */
  undo: Record<string, unknown> | null;
  attempts: number;
  lastError: string | null;
  expiresAt: Date;
  injectedAt: Date | null;
  recoveredAt: Date | null;
  outcome: RecoveryOutcome | null;
  /** Extra facts for the timeline (e.g. the team's change seen at recover). */
  notes: Record<string, unknown>;
  dryRun: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export type NewInjectionRecord = Pick<InjectionRecord, 'runId' | 'stepIndex' | 'kind' | 'target' | 'spec' | 'expiresAt' | 'dryRun'>;

/** Port: durable injection records (libs/persistence). */
export abstract class InjectionRecordRepository {
  abstract createMany(records: NewInjectionRecord[]): Promise<InjectionRecord[]>;
  abstract update(id: string, changes: Partial<Omit<InjectionRecord, 'id' | 'runId' | 'createdAt'>>): Promise<InjectionRecord>;
  abstract get(id: string): Promise<InjectionRecord | null>;
  abstract listForRun(runId: string): Promise<InjectionRecord[]>;
  /** Every record not yet in a final phase (recovered, or failed without cluster changes), across runs. */
  abstract listUnsettled(): Promise<InjectionRecord[]>;
}
