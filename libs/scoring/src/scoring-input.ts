import type { IncidentRecord } from '#incident';

export const DIMENSIONS = ['detection', 'response', 'communication', 'learning'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export type Level = 1 | 2 | 3 | 4 | 5;

/** The per-record facts the rules read (one row per incident or drill). */
export interface ScoringRecord
  extends Pick<
    IncidentRecord,
    | 'id'
    | 'runId'
    | 'kind'
    | 'drill'
    | 'severity'
    | 'scenarioName'
    | 'startedAt'
    | 'detectedAt'
    | 'acknowledgedAt'
    | 'mitigatedAt'
    | 'resolvedAt'
    | 'customerReportedAt'
    | 'firstCommunicatedAt'
    | 'statusUpdates'
    | 'detectionSource'
    | 'alertFired'
    | 'incidentCommanderAssigned'
    | 'runbookLinked'
    | 'autoMitigated'
    | 'rootCauseKey'
    | 'targets'
    | 'postmortemPublishedAt'
  > {
  postmortem: ScoringPostmortem;
}

export interface ScoringPostmortem {
  /** A postmortem record exists (or the import says one was published). */
  exists: boolean;
  status: 'draft' | 'in_review' | 'published' | null;
  publishedAt: Date | null;
  /** When it is due; null while the incident is not resolved. */
  dueAt: Date | null;
  /** Blameless-check findings cached on the last save. */
  findings: number;
}

export interface ScoringActionItem {
  id: string;
  incidentId: string;
  status: 'open' | 'done' | 'dropped';
  dueAt: Date;
  completedAt: Date | null;
}

export interface ScoringWindow {
  from: Date;
  to: Date;
}

/** Everything the evaluator needs; the server loads it with a bounded number of queries. */
export interface ScoringInput {
  asOf: Date;
  window: ScoringWindow;
  records: ScoringRecord[];
  actionItems: ScoringActionItem[];
  /** Status updates are posted automatically (a status page integration is configured). */
  automatedStatusUpdates: boolean;
}

/** Evidence always names the incident (and run) it came from. */
export interface Evidence {
  incidentId: string;
  runId?: string;
  text: string;
}

export interface RuleOutcome {
  met: boolean;
  /** One line on the measured figure, e.g. "92% of 25 faults detected by monitoring". */
  summary: string;
  evidence: Evidence[];
  /** What to do next when not met. */
  missing: string[];
}

/** One maturity criterion. A level holds when all its rules and every lower level's hold. */
export interface MaturityRule {
  id: string;
  dimension: Dimension;
  level: Exclude<Level, 1>;
  title: string;
  evaluate(input: ScoringInput): RuleOutcome;
}

export interface DimensionScore {
  level: Level;
  evidence: Evidence[];
  missing: Array<{ level: Level; rule: string; text: string }>;
  rules: Array<{ id: string; level: Level; title: string; met: boolean; summary: string }>;
}

export interface Scorecard {
  dimensions: Record<Dimension, DimensionScore>;
  /** The lowest dimension level. */
  overall: Level;
  /** Mean of the dimension levels, shown beside `overall`. */
  mean: number;
  rulesVersion: string;
  window: { from: string; to: string };
  asOf: string;
  counts: { records: number; incidents: number; drills: number };
}

/** Port: loads the records and action items of a team's window (libs/persistence). */
export abstract class ScoringInputSource {
  abstract load(teamSlug: string, window: ScoringWindow): Promise<Pick<ScoringInput, 'records' | 'actionItems'>>;
}

/** Port: whether a team's status updates are posted automatically (a status page integration). */
export abstract class StatusAutomation {
  abstract automatedStatusUpdates(teamSlug: string): Promise<boolean>;
}
