import { z } from 'zod';
import type { Delivery } from '../delivery.js';
import { WebhookUnauthorizedError } from '../errors.js';
import { integrationTokenMatches, type Integration } from '../integration.js';
import type { SignalDraft } from '../signal.js';
import { presentedToken } from '../verify.js';
import { isZeroTime, labelFingerprint, parseJson, stringLabels, validate, type WebhookAdapter } from './adapter.js';

const timestamp = z.string().refine((v) => isZeroTime(v) || !Number.isNaN(Date.parse(v)), 'must be an RFC 3339 timestamp');

const AlertSchema = z.looseObject({
  status: z.enum(['firing', 'resolved']),
  labels: z.record(z.string(), z.string()),
  annotations: z.record(z.string(), z.string()).optional(),
  startsAt: timestamp,
  endsAt: timestamp.optional(),
  fingerprint: z.string().optional(),
  generatorURL: z.string().optional(),
});

/** Alertmanager webhook version 4; Grafana's alerting webhook has the same alerts[] shape. */
export const AlertGroupSchema = z.looseObject({
  version: z.string().optional(),
  status: z.string().optional(),
  receiver: z.string().optional(),
  groupKey: z.string().optional(),
  commonLabels: z.record(z.string(), z.string()).optional(),
  alerts: z.array(AlertSchema),
});
export type AlertGroup = z.infer<typeof AlertGroupSchema>;

/**
 * Each alert of the group becomes one signal: firing -> detected at
 * startsAt; resolved -> resolved at endsAt. The dedupe key (fingerprint,
 * startsAt, status) makes Alertmanager's repeat notifications duplicates.
 */
export function alertGroupToDrafts(group: AlertGroup, receivedAt: Date): SignalDraft[] {
  return group.alerts.map((alert, i) => {
    const labels = stringLabels(group.commonLabels, alert.labels);
    const fingerprint = alert.fingerprint || labelFingerprint(labels);
    const firing = alert.status === 'firing';
    const field = firing ? 'startsAt' : 'endsAt';
    const value = firing ? alert.startsAt : alert.endsAt;
    const fromSender = value !== undefined && !isZeroTime(value);
    return {
      kind: firing ? 'detected' : 'resolved',
      occurredAt: fromSender ? new Date(value) : receivedAt,
      timeSource: fromSender ? 'sender' : 'arrival',
      timeField: `alerts[${i}].${field}`,
      labels,
      summary: alert.annotations?.['summary'] ?? labels['alertname'] ?? null,
      raw: alert,
      dedupeKey: `${fingerprint}:${alert.startsAt}:${alert.status}`,
    };
  });
}

export class AlertmanagerAdapter implements WebhookAdapter {
  readonly type = 'alertmanager' as const;

  authenticate(delivery: Delivery, integration: Integration): void {
    if (!integrationTokenMatches(presentedToken(delivery, { basic: true }), integration.tokenHash)) {
      throw new WebhookUnauthorizedError(
        'Alertmanager deliveries need the integration token as a bearer token or as the basic-auth password',
      );
    }
  }

  parse(delivery: Delivery): SignalDraft[] {
    const group = validate(AlertGroupSchema, parseJson(delivery), 'Alertmanager');
    return alertGroupToDrafts(group, delivery.receivedAt);
  }
}
