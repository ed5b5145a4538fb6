import { z } from 'zod';
import type { Delivery } from '../delivery.js';
import { WebhookUnauthorizedError } from '../errors.js';
import { integrationTokenMatches, type Integration } from '../integration.js';
import { SIGNAL_KINDS, type SignalDraft } from '../signal.js';
import { presentedToken } from '../verify.js';
import { parseJson, sha256Hex, validate, type WebhookAdapter } from './adapter.js';

const GenericSchema = z.strictObject({
  kind: z.enum(SIGNAL_KINDS),
  occurredAt: z
    .string()
    .refine((v) => !Number.isNaN(Date.parse(v)), 'must be an ISO 8601 timestamp')
    .optional(),
  labels: z.record(z.string(), z.string()).default({}),
  note: z.string().max(2000).optional(),
  /** Sender's own id for the event; resending the same id is a duplicate. */
  dedupeKey: z.string().min(1).max(200).optional(),
});

/**
 * Anything that can send JSON `{kind, occurredAt, labels, note}` with a
 * bearer token. Without `occurredAt` the arrival time is used; without
 * `dedupeKey` an identical body is a duplicate.
 */
export class GenericAdapter implements WebhookAdapter {
  readonly type = 'generic' as const;

  authenticate(delivery: Delivery, integration: Integration): void {
    if (!integrationTokenMatches(presentedToken(delivery), integration.tokenHash)) {
      throw new WebhookUnauthorizedError('Generic deliveries need the integration token as a bearer token');
    }
  }

  parse(delivery: Delivery): SignalDraft[] {
    const body = validate(GenericSchema, parseJson(delivery), 'generic');
    return [
      {
        kind: body.kind,
        occurredAt: body.occurredAt ? new Date(body.occurredAt) : delivery.receivedAt,
        timeSource: body.occurredAt ? 'sender' : 'arrival',
        timeField: 'occurredAt',
        labels: body.labels,
        summary: body.note ?? null,
        raw: body,
        dedupeKey: body.dedupeKey ? `key:${body.dedupeKey}` : `body:${sha256Hex(delivery.body)}`,
      },
    ];
  }
}
