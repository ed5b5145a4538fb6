import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Delivery } from '../delivery.js';
import { WebhookUnauthorizedError } from '../errors.js';
import { generateIntegrationToken, hashIntegrationToken, type Integration } from '../integration.js';
import { StatuspageAdapter } from './statuspage.adapter.js';

const fixture = (name: string) => readFileSync(path.join(process.cwd(), 'e2e/fixtures/webhooks/statuspage', `${name}.json`));
const token = generateIntegrationToken();
const integration: Integration = {
  id: 'i5',
  type: 'statuspage',
  team: 'payments',
  name: 'status page',
  options: {},
  tokenHash: hashIntegrationToken(token),
  secret: null,
  createdAt: new Date(),
};
const delivery = (body: Buffer, headers: Record<string, string> = {}, query: Record<string, string> = { token }): Delivery => ({
  body,
  headers,
  query,
  receivedAt: new Date('2025-11-20T10:30:00Z'),
});

describe(StatuspageAdapter.name, () => {
  const adapter = new StatuspageAdapter();

  it('turns the first incident update into the first communication', () => {
    const drafts = adapter.parse(delivery(fixture('incident-investigating')));
    expect(drafts).toEqual([
      expect.objectContaining({
        kind: 'communicated',
        occurredAt: new Date('2025-11-20T10:08:02.000Z'),
        labels: {
          incident_id: 'lbkhbwn21v5q',
          incident_name: 'Elevated checkout errors',
          impact: 'major',
          page_id: 'j2mfxwj97wnj',
          update_status: 'investigating',
        },
        dedupeKey: 'lbkhbwn21v5q:drfcwbnpxnr6:communicated',
      }),
    ]);
  });

  it('marks mitigation at the update to monitoring and resolution at the update to resolved', () => {
    const drafts = adapter.parse(delivery(fixture('incident-resolved')));
    const byKind = (kind: string) => drafts.filter((d) => d.kind === kind).map((d) => d.occurredAt.toISOString());
    expect(byKind('communicated')).toEqual(['2025-11-20T10:08:02.000Z', '2025-11-20T10:15:40.000Z', '2025-11-20T10:24:05.000Z']);
    expect(byKind('mitigated')).toEqual(['2025-11-20T10:15:40.000Z']);
    expect(byKind('resolved')).toEqual(['2025-11-20T10:24:05.000Z']);
  });

  it('gives updates already delivered the same dedupe keys in later deliveries', () => {
    const first = adapter.parse(delivery(fixture('incident-monitoring'))).map((d) => d.dedupeKey);
    const later = adapter.parse(delivery(fixture('incident-resolved'))).map((d) => d.dedupeKey);
    expect(later).toEqual(expect.arrayContaining(first));
    expect(later.length - first.length).toBe(2);
  });

  it('accepts the token in the query string or as a bearer token', () => {
    const body = fixture('incident-investigating');
    expect(() => adapter.authenticate(delivery(body), integration)).not.toThrow();
    expect(() => adapter.authenticate(delivery(body, { authorization: `Bearer ${token}` }, {}), integration)).not.toThrow();
    expect(() => adapter.authenticate(delivery(body, {}, { token: 'fdi_wrong' }), integration)).toThrow(WebhookUnauthorizedError);
  });

  it('requires at least one incident update', () => {
    const body = Buffer.from(JSON.stringify({ incident: { id: 'x', incident_updates: [] } }));
    expect(() => adapter.parse(delivery(body))).toThrow(
      expect.objectContaining({ errors: [{ path: 'incident.incident_updates', message: expect.stringMatching(/at least one/) }] }),
    );
  });
});
