import type { Signal } from './signal.js';

/** A run that a signal could belong to, as the run engine describes it. */
export interface RunCandidate {
  runId: string;
  team: string | null;
  /** T0: when the first fault was applied. */
  startedAt: Date;
  /** Null while the run is still going. */
  endedAt: Date | null;
  /** `response.expectedAlerts` of the scenario: every label listed must be equal on the signal. */
  expectedAlerts: Record<string, string>[];
  /** `response.pagerduty.serviceId` of the scenario. */
  pagerdutyServiceId?: string;
  /** Namespaces the run injects faults into. */
  namespaces: string[];
}

/**
 * Port: the runs active or recently ended at a moment. The run engine
 * implements it; until then the server binds one that returns no runs.
 */
export abstract class CorrelationCandidates {
  abstract candidatesAt(at: Date): Promise<RunCandidate[]>;
}

export type CorrelationReason = 'expected_alert' | 'pagerduty_service' | 'namespace';

export interface CorrelationMatch {
  runId: string;
  reason: CorrelationReason;
}

export interface CorrelationWindow {
  /** How long before T0 a signal may still belong to the run (sender clocks differ). */
  slackBeforeMs: number;
  /** How long after the run ended a signal still counts (resolution, late status updates). */
  graceAfterMs: number;
}

export const DEFAULT_CORRELATION_WINDOW: CorrelationWindow = { slackBeforeMs: 60_000, graceAfterMs: 30 * 60_000 };

/** Labels that name the Kubernetes namespace of an alert (Prometheus relabels it on kube-state-metrics). */
const NAMESPACE_LABELS = ['namespace', 'exported_namespace'] as const;

/**
 * The runs a signal belongs to: inside the run's window, same team when both
 * are known, and expected by the run — an expected alert's labels all match,
 * the PagerDuty service is the scenario's, or the alert's namespace is one
 * the run injects into. The first matching rule gives the reason.
 */
export function correlate(
  signal: Pick<Signal, 'team' | 'occurredAt' | 'labels'>,
  candidates: readonly RunCandidate[],
  window: CorrelationWindow = DEFAULT_CORRELATION_WINDOW,
): CorrelationMatch[] {
  const at = signal.occurredAt.getTime();
  const matches: CorrelationMatch[] = [];
  for (const run of candidates) {
    if (at < run.startedAt.getTime() - window.slackBeforeMs) continue;
    if (run.endedAt && at > run.endedAt.getTime() + window.graceAfterMs) continue;
    if (signal.team !== null && run.team !== null && signal.team !== run.team) continue;
    const reason = matchReason(signal.labels, run);
    if (reason) matches.push({ runId: run.runId, reason });
  }
  return matches;
}

function matchReason(labels: Record<string, string>, run: RunCandidate): CorrelationReason | null {
  const expected = run.expectedAlerts.some((e) => {
    const entries = Object.entries(e);
    return entries.length > 0 && entries.every(([k, v]) => labels[k] === v);
  });
  if (expected) return 'expected_alert';
  if (run.pagerdutyServiceId && labels['service_id'] === run.pagerdutyServiceId) return 'pagerduty_service';
  if (NAMESPACE_LABELS.some((k) => labels[k] !== undefined && run.namespaces.includes(labels[k]))) return 'namespace';
  return null;
}
