/**
 * A Signal is one normalised fact about the response to an incident or a
 * drill: "the alert fired", "someone acknowledged the page", "the status page
 * was updated". Every sender (Alertmanager, PagerDuty, a participant's mark,
 * the cluster) is reduced to this one shape, so response metrics are computed
 * from a single ordered list.
 */
export const SIGNAL_KINDS = ['detected', 'paged', 'acknowledged', 'declared', 'mitigated', 'resolved', 'communicated'] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

export const INTEGRATION_TYPES = ['alertmanager', 'grafana', 'pagerduty', 'opsgenie', 'statuspage', 'generic'] as const;
export type IntegrationType = (typeof INTEGRATION_TYPES)[number];

/** Where `occurredAt` came from: the sender's own timestamp (a field path) or the arrival time. */
export type TimeSource = 'sender' | 'arrival';

export interface Signal {
  id: string;
  /** The integration that delivered it; null for marks and cluster observations. */
  integrationId: string | null;
  /** The raw delivery that carried it, when it came from a webhook. */
  deliveryId: string | null;
  team: string | null;
  /** Sender type (`alertmanager`, `pagerduty`, …) or `mark`, `cluster`, `probe`. */
  source: string;
  kind: SignalKind;
  /** When it happened according to the sender (or the arrival time, see timeSource). */
  occurredAt: Date;
  receivedAt: Date;
  timeSource: TimeSource;
  labels: Record<string, string>;
  /** Short human text: alert name, incident title, note. */
  summary: string | null;
  /** The part of the delivery this signal was read from (one alert, one event). */
  raw: unknown;
  /** Equal keys from the same integration (or source) are the same signal. */
  dedupeKey: string;
  /** True once attached to a drill run; null while unknown. */
  drill: boolean | null;
}

/** What an adapter reads from a delivery, before it is stored. */
export interface SignalDraft {
  kind: SignalKind;
  occurredAt: Date;
  timeSource: TimeSource;
  /** Path of the field occurredAt was read from, e.g. `alerts[2].startsAt`; named in clock-skew errors. */
  timeField: string;
  labels: Record<string, string>;
  summary: string | null;
  raw: unknown;
  dedupeKey: string;
}

export function isSignalKind(value: unknown): value is SignalKind {
  return typeof value === 'string' && (SIGNAL_KINDS as readonly string[]).includes(value);
}

export function isIntegrationType(value: unknown): value is IntegrationType {
  return typeof value === 'string' && (INTEGRATION_TYPES as readonly string[]).includes(value);
}
