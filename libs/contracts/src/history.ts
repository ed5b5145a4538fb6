/** Wire shapes of incident history, postmortems, action items and scorecards (timestamps are ISO 8601). */
export interface IncidentDto {
  id: string;
  team: string;
  externalId: string | null;
  runId: string | null;
  drill: boolean;
  kind: 'incident' | 'gameday' | 'tabletop' | 'continuous';
  title: string;
  severity: 'SEV1' | 'SEV2' | 'SEV3' | 'SEV4';
  service: string;
  scenarioName: string | null;
  startedAt: string;
  detectedAt: string | null;
  acknowledgedAt: string | null;
  mitigatedAt: string | null;
  resolvedAt: string | null;
  customerReportedAt: string | null;
  firstCommunicatedAt: string | null;
  statusUpdates: string[];
  detectionSource: 'alert' | 'customer' | 'internal' | null;
  alertFired: boolean;
  incidentCommanderAssigned: boolean;
  runbookLinked: boolean;
  autoMitigated: boolean;
  rootCause: string | null;
  targets: { detect?: number; acknowledge?: number; mitigate?: number; resolve?: number };
  /** Seconds: detected-started, acknowledged-detected, mitigated-started, resolved-started. */
  ttd: number | null;
  tta: number | null;
  ttm: number | null;
  ttr: number | null;
  postmortemPublishedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ImportIncidentsResultDto {
  created: number;
  updated: number;
  actionItems: number;
}

export interface ActionItemDto {
  id: string;
  incidentId: string;
  team: string;
  title: string;
  owner: string;
  type: 'mitigate' | 'prevent' | 'process';
  status: 'open' | 'done' | 'dropped';
  dueAt: string;
  completedAt: string | null;
  overdue: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface BlamelessFindingDto {
  field: string;
  sentence: string;
  phrase: string;
  rule: string;
  suggestion: string;
}

export interface PostmortemRecordDto {
  /** null until the first save. */
  id: string | null;
  incidentId: string;
  runId: string | null;
  team: string;
  status: 'draft' | 'in_review' | 'published';
  sections: Record<string, unknown>;
  findings: BlamelessFindingDto[];
  dueAt: string | null;
  overdue: boolean;
  publishedAt: string | null;
  createdAt: string | null;
  updatedAt: string | null;
}

export interface PostmortemTemplateDto {
  name: string;
  builtIn: boolean;
  team: string | null;
  source?: string;
  updatedAt: string | null;
}
