import type { Severity } from './incident-record.js';

/** Summary of one duration, in seconds; null figures when count is 0. */
export interface DurationStats {
  mean: number | null;
  median: number | null;
  p90: number | null;
  count: number;
}

export interface ResponseStats {
  /** detected - started */
  mttd: DurationStats;
  /** acknowledged - detected */
  mtta: DurationStats;
  /** mitigated - started */
  mttm: DurationStats;
  /** resolved - started */
  mttr: DurationStats;
}

export interface QuarterMetrics extends ResponseStats {
  /** e.g. "2026-Q3" */
  quarter: string;
  count: number;
}

export interface RepeatIncident {
  rootCauseKey: string;
  rootCause: string;
  count: number;
  incidentIds: string[];
}

export interface IncidentMetrics extends ResponseStats {
  count: number;
  countsBySeverity: Record<Severity, number>;
  countsByService: Record<string, number>;
  repeatIncidents: RepeatIncident[];
  /** Resolved records whose postmortem is published, over resolved records; null without any. */
  postmortemCompletionRate: number | null;
  /** Done action items over action items not dropped; null without any. */
  actionItemCompletionRate: number | null;
  quarters: QuarterMetrics[];
}

export interface MetricsQuery {
  teamSlug: string;
  from: Date;
  to: Date;
}

/** Port: response metrics computed by the database (aggregates, not rows). */
export abstract class IncidentMetricsSource {
  /** Metrics of real incidents and of drills, side by side. */
  abstract compute(query: MetricsQuery): Promise<{ real: IncidentMetrics; drill: IncidentMetrics }>;
}
