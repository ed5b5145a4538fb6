import type { RunState } from './run-state.js';

export type RunTrigger = 'api' | 'cli' | 'schedule' | 'gameday' | 'ci';
export type StepStatus = 'pending' | 'started' | 'done' | 'failed' | 'skipped';

export interface RunStep {
  index: number;
  kind: string;
  /** Offset from the run start, in milliseconds. */
  atMs: number;
  status: StepStatus;
  startedAt: string | null;
  description: string | null;
  error: string | null;
  /** Pod kills: seconds until the owners had all replicas ready again. */
  selfHealSeconds?: number | null;
}

export interface Run {
  id: string;
  scenarioName: string;
  scenarioVersion: number | null;
  teamSlug: string | null;
  severity: string | null;
  state: RunState;
  dryRun: boolean;
  trigger: RunTrigger;
  /** The scenario as it was when the run started (later edits do not change a run). */
  document: Record<string, unknown>;
  createdBy: string;
  /** T0: the first fault applied. */
  t0: Date | null;
  startedAt: Date | null;
  endedAt: Date | null;
  abortReason: string | null;
  failureReason: string | null;
  /** Engine instance that drives the run, and until when its lease holds. */
  owner: string | null;
  leaseExpiresAt: Date | null;
  steps: RunStep[];
  impactReducedAt: Date | null;
  steadyStateBrokenAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface TimelineEvent {
  /** Monotonic id (a client that reconnects passes the last one it saw). */
  id: string;
  runId: string;
  at: Date;
  kind: string;
  title: string;
  data: Record<string, unknown>;
  actor: string | null;
}

export type NewRun = Pick<Run, 'scenarioName' | 'scenarioVersion' | 'teamSlug' | 'severity' | 'dryRun' | 'trigger' | 'document' | 'createdBy' | 'steps'>;

/** Port: runs (libs/persistence). */
export abstract class RunRepository {
  abstract create(run: NewRun): Promise<Run>;
  abstract get(id: string): Promise<Run | null>;
  /**
   * Moves the state only if the run is still in `from` (optimistic), with
   * the other changes in the same write. Returns null when it was not.
   */
  abstract transition(id: string, from: Run['state'], to: Run['state'], changes?: Partial<Run>): Promise<Run | null>;
  abstract update(id: string, changes: Partial<Omit<Run, 'id' | 'state' | 'createdAt'>>): Promise<Run>;
  /** Runs not in a final state. */
  abstract listActive(): Promise<Run[]>;
  abstract list(query: { team?: string; state?: Run['state']; limit: number; offset: number }): Promise<{ items: Run[]; total: number }>;
  /** Takes or renews the engine lease; false when another live owner holds it. */
  abstract claim(id: string, owner: string, leaseMs: number): Promise<boolean>;
  abstract release(id: string, owner: string): Promise<void>;
  /** Runs (active, or ended within `graceMs` of `at`) for signal correlation. */
  abstract candidatesAt(at: Date, graceMs: number): Promise<Run[]>;
}

/** Port: append-only run timeline. */
export abstract class TimelineRepository {
  abstract append(event: Omit<TimelineEvent, 'id'>): Promise<TimelineEvent>;
  abstract list(runId: string, options?: { afterId?: string; limit?: number }): Promise<TimelineEvent[]>;
}

export interface Halt {
  id: string;
  reason: string;
  createdBy: string;
  createdAt: Date;
  liftedAt: Date | null;
  liftedBy: string | null;
}

/** Port: the global halt (kill switch). */
export abstract class HaltRepository {
  abstract current(): Promise<Halt | null>;
  /** Creates a halt unless one is in force (then returns it). */
  abstract engage(reason: string, by: string): Promise<Halt>;
  abstract lift(by: string): Promise<Halt | null>;
}

export interface RoleAssignment {
  runId: string;
  role: string;
  person: string;
  assignedBy: string;
  assignedAt: Date;
}

export abstract class RoleRepository {
  abstract assign(assignment: RoleAssignment): Promise<void>;
  abstract list(runId: string): Promise<RoleAssignment[]>;
}

export interface ProbeResult {
  runId: string;
  probe: string;
  ok: boolean;
  value: number | null;
  detail: string;
  at: Date;
}

export abstract class ProbeResultRepository {
  abstract add(result: ProbeResult): Promise<void>;
  abstract list(runId: string, options?: { probe?: string; limit?: number }): Promise<ProbeResult[]>;
}
