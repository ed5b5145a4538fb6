import { z } from 'zod';
import type { Delivery } from '../delivery.js';
import { WebhookUnauthorizedError } from '../errors.js';
import type { Integration } from '../integration.js';
import type { SignalDraft, SignalKind } from '../signal.js';
import { verifyPagerDutySignature } from '../verify.js';
import { parseJson, validate, type WebhookAdapter } from './adapter.js';

const KIND_BY_EVENT: Record<string, SignalKind> = {
  'incident.triggered': 'paged',
  'incident.acknowledged': 'acknowledged',
  'incident.resolved': 'resolved',
  'incident.status_update_published': 'communicated',
};

const Reference = z.looseObject({ id: z.string(), summary: z.string().optional() });

const EventSchema = z.looseObject({
  event: z.looseObject({
    id: z.string(),
    event_type: z.string(),
    resource_type: z.string().optional(),
    occurred_at: z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'must be an ISO 8601 timestamp'),
    data: z.looseObject({
      id: z.string().optional(),
      type: z.string().optional(),
      number: z.number().optional(),
      title: z.string().optional(),
      urgency: z.string().optional(),
      status: z.string().optional(),
      message: z.string().optional(),
      service: Reference.optional(),
      priority: Reference.nullable().optional(),
      incident: Reference.optional(),
    }),
  }),
});

/**
 * PagerDuty webhooks v3 (one event per delivery). Signed with the
 * subscription's secret: `X-PagerDuty-Signature: v1=<hex>` over the raw body.
 * Retries carry the same `X-Webhook-Id`, which is the dedupe key.
 */
export class PagerDutyAdapter implements WebhookAdapter {
  readonly type = 'pagerduty' as const;

  authenticate(delivery: Delivery, integration: Integration): void {
    if (!integration.secret) throw new WebhookUnauthorizedError('This PagerDuty integration has no signing secret configured');
    if (!verifyPagerDutySignature(delivery.body, delivery.headers['x-pagerduty-signature'], integration.secret)) {
      throw new WebhookUnauthorizedError('The X-PagerDuty-Signature header is missing or no v1 signature matches the body');
    }
  }

  parse(delivery: Delivery): SignalDraft[] {
    const { event } = validate(EventSchema, parseJson(delivery), 'PagerDuty');
    const kind = KIND_BY_EVENT[event.event_type];
    if (!kind) return [];
    const data = event.data;
    const incident = data.type === 'incident' || data.incident === undefined ? { id: data.id, summary: data.title } : data.incident;
    const labels: Record<string, string> = { event_type: event.event_type };
    if (data.service) {
      labels['service_id'] = data.service.id;
      if (data.service.summary) labels['service_name'] = data.service.summary;
    }
    if (incident.id) labels['incident_id'] = incident.id;
    if (data.number !== undefined) labels['incident_number'] = String(data.number);
    if (data.urgency) labels['urgency'] = data.urgency;
    if (data.priority?.summary) labels['priority'] = data.priority.summary;
    const webhookId = delivery.headers['x-webhook-id'];
    return [
      {
        kind,
        occurredAt: new Date(event.occurred_at),
        timeSource: 'sender',
        timeField: 'event.occurred_at',
        labels,
        summary: (kind === 'communicated' ? data.message : undefined) ?? incident.summary ?? data.title ?? null,
        raw: event,
        dedupeKey: webhookId ? `webhook:${webhookId}` : `event:${event.id}`,
      },
    ];
  }
}
