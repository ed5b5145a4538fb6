/**
 * The one record model for everything Firedrill measures: a real incident
 * (imported from history) or a drill (one game-day run, tabletop session or
 * continuous-chaos run). Real incidents and drills live in the same table and
 * are told apart by `drill`, so every figure is one query with a filter.
 */
export const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const INCIDENT_KINDS = ['incident', 'gameday', 'tabletop', 'continuous'] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];
export type DrillKind = Exclude<IncidentKind, 'incident'>;

export const DETECTION_SOURCES = ['alert', 'customer', 'internal'] as const;
export type DetectionSource = (typeof DETECTION_SOURCES)[number];

/** Response targets of a scenario, in seconds. */
export interface ResponseTargetSeconds {
  detect?: number;
  acknowledge?: number;
  mitigate?: number;
  resolve?: number;
}

/** Targets used when neither the scenario nor the record names one (seconds). */
export const DEFAULT_RESPONSE_TARGETS: Required<ResponseTargetSeconds> = {
  detect: 5 * 60,
  acknowledge: 5 * 60,
  mitigate: 30 * 60,
  resolve: 60 * 60,
};

/** The timestamps and flags measured for one incident or drill. */
export interface ResponseFacts {
  startedAt: Date;
  detectedAt: Date | null;
  acknowledgedAt: Date | null;
  mitigatedAt: Date | null;
  resolvedAt: Date | null;
  customerReportedAt: Date | null;
  firstCommunicatedAt: Date | null;
  /** Communication updates (status page, incident channel), in time order. */
  statusUpdates: Date[];
  detectionSource: DetectionSource | null;
  alertFired: boolean;
  incidentCommanderAssigned: boolean;
  runbookLinked: boolean;
  /** Steady state was restored before anybody acknowledged. */
  autoMitigated: boolean;
}

export interface IncidentRecord extends ResponseFacts {
  id: string;
  teamSlug: string;
  externalId: string | null;
  runId: string | null;
  drill: boolean;
  kind: IncidentKind;
  title: string;
  severity: Severity;
  service: string;
  scenarioName: string | null;
  rootCause: string | null;
  /** Normalised root cause: equal keys on two incidents make a repeat incident. */
  rootCauseKey: string | null;
  targets: ResponseTargetSeconds;
  postmortemPublishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** What the run engine (or the tabletop player) writes for one drill; keyed by runId. */
export interface DrillRecord extends Partial<Omit<ResponseFacts, 'startedAt'>> {
  runId: string;
  teamSlug: string;
  kind: DrillKind;
  title: string;
  severity: Severity;
  service: string;
  scenarioName: string | null;
  /** T0: the moment the first fault was applied (or the tabletop started). */
  startedAt: Date;
  rootCause?: string | null;
  targets?: ResponseTargetSeconds;
}

/** One row of an incident-history import, validated. */
export interface ImportedIncident {
  externalId: string;
  title: string;
  severity: Severity;
  service: string;
  startedAt: Date;
  detectedAt: Date | null;
  acknowledgedAt: Date | null;
  mitigatedAt: Date | null;
  resolvedAt: Date | null;
  customerReportedAt: Date | null;
  firstCommunicatedAt: Date | null;
  detectionSource: DetectionSource | null;
  rootCause: string | null;
  postmortemPublishedAt: Date | null;
  statusUpdates: Date[];
  incidentCommanderAssigned: boolean;
  runbookLinked: boolean;
  actionItems: ImportedActionItem[];
}

export interface ImportedActionItem {
  title: string;
  owner: string;
  type: 'mitigate' | 'prevent' | 'process';
  status: 'open' | 'done' | 'dropped';
  dueAt: Date | null;
  completedAt: Date | null;
}

export interface IncidentListQuery {
  teamSlug: string;
  drill?: boolean;
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
}

export interface ImportResult {
  created: number;
  updated: number;
  actionItems: number;
}

/**
 * Port: where incident and drill records are kept (libs/persistence).
 * The run engine calls `upsertDrill` whenever a run's measured facts change;
 * it is idempotent on `runId`.
 */
export abstract class IncidentRecords {
  /** Inserts or updates the drill row of `record.runId`; fields left undefined keep their stored value. */
  abstract upsertDrill(record: DrillRecord): Promise<void>;
  abstract findById(id: string): Promise<IncidentRecord | null>;
  abstract findByRunId(runId: string): Promise<IncidentRecord | null>;
  abstract list(query: IncidentListQuery): Promise<{ items: IncidentRecord[]; total: number }>;
  /** All-or-nothing import, idempotent on (team, externalId). */
  abstract importIncidents(teamSlug: string, rows: ImportedIncident[], defaultActionItemDue: (severity: Severity, from: Date) => Date): Promise<ImportResult>;
}

const STOP_WORDS = new Set(['a', 'an', 'the', 'of', 'in', 'on', 'to', 'for', 'and', 'or', 'was', 'were', 'is', 'by', 'with', 'due', 'at']);

/**
 * Normalises a root cause so that "Expired TLS certificate" and
 * "TLS certificate expired." count as the same cause: lower case, words only,
 * stop words dropped, words sorted.
 */
export function rootCauseKey(rootCause: string | null | undefined): string | null {
  if (!rootCause) return null;
  const words = rootCause
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9\s-]/g, ' ')
    .split(/[\s-]+/)
    .filter((w) => w.length > 0 && !STOP_WORDS.has(w))
    .map((w) => (w.length > 4 && w.endsWith('s') ? w.slice(0, -1) : w));
  if (words.length === 0) return null;
  return [...new Set(words)].sort().join(' ');
}

/** Seconds between two instants, or null when either is missing. */
export function secondsBetween(from: Date | null | undefined, to: Date | null | undefined): number | null {
  if (!from || !to) return null;
  return (to.getTime() - from.getTime()) / 1000;
}
