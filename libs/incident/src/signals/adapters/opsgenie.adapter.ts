import { z } from 'zod';
import type { Delivery } from '../delivery.js';
import { WebhookUnauthorizedError } from '../errors.js';
import { integrationTokenMatches, type Integration } from '../integration.js';
import type { SignalDraft, SignalKind } from '../signal.js';
import { presentedToken } from '../verify.js';
import { parseJson, sha256Hex, stringLabels, validate, type WebhookAdapter } from './adapter.js';
import { readEpoch } from './epoch.js';

const KIND_BY_ACTION: Record<string, SignalKind> = { Create: 'paged', Acknowledge: 'acknowledged', Close: 'resolved' };

const epoch = z.union([z.number(), z.string()]).optional();

const ActionSchema = z.looseObject({
  action: z.string(),
  integrationName: z.string().optional(),
  alert: z.looseObject({
    alertId: z.string(),
    message: z.string().optional(),
    alias: z.string().optional(),
    tinyId: z.string().optional(),
    entity: z.string().optional(),
    source: z.string().optional(),
    priority: z.string().optional(),
    tags: z.array(z.string()).optional(),
    teams: z.array(z.string()).optional(),
    details: z.record(z.string(), z.unknown()).optional(),
    createdAt: epoch,
    updatedAt: epoch,
  }),
});

/**
 * Opsgenie outgoing webhook (alert actions). Opsgenie cannot sign; it adds
 * custom headers, so the token comes as `Authorization: Bearer <token>` or
 * `X-Firedrill-Token: <token>`.
 *
 * Time: Create is read from `alert.createdAt` (epoch ms), Acknowledge and
 * Close from `alert.updatedAt` (epoch ns: the time of the action). When the
 * unit of that number cannot be told, the arrival time is used. The label
 * `occurred_at_source` says which one was used, e.g. `alert.updatedAt:ns` or
 * `arrival`.
 */
export class OpsgenieAdapter implements WebhookAdapter {
  readonly type = 'opsgenie' as const;

  authenticate(delivery: Delivery, integration: Integration): void {
    if (!integrationTokenMatches(presentedToken(delivery, { header: true }), integration.tokenHash)) {
      throw new WebhookUnauthorizedError(
        'Opsgenie deliveries need the integration token in "Authorization: Bearer <token>" or "X-Firedrill-Token: <token>"',
      );
    }
  }

  parse(delivery: Delivery): SignalDraft[] {
    const payload = validate(ActionSchema, parseJson(delivery), 'Opsgenie');
    const kind = KIND_BY_ACTION[payload.action];
    if (!kind) return [];
    const alert = payload.alert;
    const field = kind === 'paged' ? 'createdAt' : 'updatedAt';
    const reading = readEpoch(alert[field]);
    const labels: Record<string, string> = stringLabels(alert.details, {
      alert_id: alert.alertId,
      alias: alert.alias,
      tiny_id: alert.tinyId,
      entity: alert.entity || undefined,
      alert_source: alert.source,
      priority: alert.priority,
      integration_name: payload.integrationName,
    });
    if (alert.tags?.length) labels['tags'] = alert.tags.join(',');
    if (alert.teams?.length) labels['teams'] = alert.teams.join(',');
    labels['occurred_at_source'] = reading ? `alert.${field}:${reading.unit}` : 'arrival';
    const stamp = alert.updatedAt ?? alert.createdAt;
    return [
      {
        kind,
        occurredAt: reading?.date ?? delivery.receivedAt,
        timeSource: reading ? 'sender' : 'arrival',
        timeField: `alert.${field}`,
        labels,
        summary: alert.message ?? null,
        raw: payload,
        dedupeKey: stamp !== undefined ? `${alert.alertId}:${payload.action}:${String(stamp)}` : `body:${sha256Hex(delivery.body)}`,
      },
    ];
  }
}
