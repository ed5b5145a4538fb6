import { z } from 'zod';
import type { Delivery } from '../delivery.js';
import { WebhookUnauthorizedError } from '../errors.js';
import { integrationTokenMatches, type Integration } from '../integration.js';
import type { SignalDraft } from '../signal.js';
import { presentedToken } from '../verify.js';
import { parseJson, validate, type WebhookAdapter } from './adapter.js';

const timestamp = z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'must be an ISO 8601 timestamp');

const IncidentSchema = z.looseObject({
  page: z.looseObject({ id: z.string() }).optional(),
  incident: z.looseObject({
    id: z.string(),
    name: z.string().optional(),
    status: z.string().optional(),
    impact: z.string().optional(),
    shortlink: z.string().optional(),
    incident_updates: z
      .array(
        z.looseObject({
          id: z.string(),
          status: z.string(),
          body: z.string().optional(),
          created_at: timestamp,
        }),
      )
      .min(1, 'must list at least one incident update'),
  }),
});

/**
 * Atlassian Statuspage incident webhook. Subscribers cannot set headers, so
 * besides a bearer token the token may come as `?token=` in the URL.
 * Every incident update is a communication (the first one is the first
 * public communication); an update to `monitoring` marks mitigation and one
 * to `resolved` the resolution. Statuspage resends the whole update list
 * each time; the update id in the dedupe key keeps old updates from counting twice.
 */
export class StatuspageAdapter implements WebhookAdapter {
  readonly type = 'statuspage' as const;

  authenticate(delivery: Delivery, integration: Integration): void {
    if (!integrationTokenMatches(presentedToken(delivery, { query: true }), integration.tokenHash)) {
      throw new WebhookUnauthorizedError('Statuspage deliveries need the integration token as a bearer token or as ?token= in the URL');
    }
  }

  parse(delivery: Delivery): SignalDraft[] {
    const { incident, page } = validate(IncidentSchema, parseJson(delivery), 'Statuspage');
    const updates = incident.incident_updates
      .map((u, i) => ({ u, i }))
      .sort((a, b) => Date.parse(a.u.created_at) - Date.parse(b.u.created_at));
    const labels: Record<string, string> = { incident_id: incident.id };
    if (incident.name) labels['incident_name'] = incident.name;
    if (incident.impact) labels['impact'] = incident.impact;
    if (page?.id) labels['page_id'] = page.id;
    const drafts: SignalDraft[] = [];
    for (const { u, i } of updates) {
      const base = {
        occurredAt: new Date(u.created_at),
        timeSource: 'sender' as const,
        timeField: `incident.incident_updates[${i}].created_at`,
        labels: { ...labels, update_status: u.status },
        summary: u.body ?? incident.name ?? null,
        raw: u,
      };
      drafts.push({ ...base, kind: 'communicated', dedupeKey: `${incident.id}:${u.id}:communicated` });
      if (u.status === 'monitoring') drafts.push({ ...base, kind: 'mitigated', dedupeKey: `${incident.id}:${u.id}:mitigated` });
      if (u.status === 'resolved') drafts.push({ ...base, kind: 'resolved', dedupeKey: `${incident.id}:${u.id}:resolved` });
    }
    return drafts;
  }
}
