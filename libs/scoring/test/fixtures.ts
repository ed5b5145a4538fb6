import type { ScoringActionItem, ScoringInput, ScoringRecord } from '../src/scoring-input.js';

export const AS_OF = new Date('2026-11-28T00:00:00Z');
export const DAY = 86_400_000;
export const daysAgo = (d: number, base = AS_OF) => new Date(base.getTime() - d * DAY);
export const plus = (d: Date, seconds: number) => new Date(d.getTime() + seconds * 1000);

let seq = 0;
/** A healthy SEV2 incident: alert after 60 s, ack 60 s later, mitigated at 10 min, resolved at 30 min, updates every 15 min. */
export function record(overrides: Partial<ScoringRecord> & { ago?: number } = {}): ScoringRecord {
  const { ago = 10, ...rest } = overrides;
  const startedAt = rest.startedAt ?? daysAgo(ago);
  seq += 1;
  return {
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    runId: null,
    kind: 'incident',
    drill: false,
    severity: 'SEV2',
    scenarioName: null,
    startedAt,
    detectedAt: plus(startedAt, 60),
    acknowledgedAt: plus(startedAt, 120),
    mitigatedAt: plus(startedAt, 600),
    resolvedAt: plus(startedAt, 1800),
    customerReportedAt: null,
    firstCommunicatedAt: plus(startedAt, 300),
    statusUpdates: [plus(startedAt, 1200)],
    detectionSource: 'alert',
    alertFired: true,
    incidentCommanderAssigned: true,
    runbookLinked: true,
    autoMitigated: false,
    rootCauseKey: null,
    targets: {},
    postmortemPublishedAt: null,
    postmortem: { exists: false, status: null, publishedAt: null, dueAt: plus(startedAt, 1800 + 72 * 3600), findings: 0 },
    ...rest,
  };
}

export const drill = (kind: 'gameday' | 'tabletop' | 'continuous', overrides: Partial<ScoringRecord> & { ago?: number } = {}) =>
  record({ kind, drill: true, runId: `10000000-0000-4000-8000-${String(seq + 1).padStart(12, '0')}`, scenarioName: 'pod-kill', ...overrides });

export const times = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));

export function input(records: ScoringRecord[], actionItems: ScoringActionItem[] = [], extra: Partial<ScoringInput> = {}): ScoringInput {
  return { asOf: AS_OF, window: { from: daysAgo(180), to: AS_OF }, records, actionItems, automatedStatusUpdates: false, ...extra };
}
