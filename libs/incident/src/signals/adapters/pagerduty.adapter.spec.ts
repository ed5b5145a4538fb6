import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Delivery } from '../delivery.js';
import { WebhookUnauthorizedError } from '../errors.js';
import { hashIntegrationToken, type Integration } from '../integration.js';
import { hmacSha256Hex } from '../verify.js';
import { PagerDutyAdapter } from './pagerduty.adapter.js';

const fixture = (name: string) => readFileSync(path.join(process.cwd(), 'e2e/fixtures/webhooks/pagerduty', `${name}.json`));
const secret = 'ChGz1vR0s4r6cVvH2HqkcW8y0kBnY7T3pT+0ZLSxqVxk4gTc0cZ1m1XKHfGCZsz9';
const integration: Integration = {
  id: 'i3',
  type: 'pagerduty',
  team: 'payments',
  name: 'pagerduty',
  options: {},
  tokenHash: hashIntegrationToken('unused'),
  secret,
  createdAt: new Date(),
};
const signed = (body: Buffer, headers: Record<string, string> = {}): Delivery => ({
  body,
  headers: {
    'x-pagerduty-signature': `v1=${hmacSha256Hex(secret, body)}`,
    'x-webhook-id': 'b9c2e0a4-57a1-4d8e-9a3c-0f7e1d2c3b4a',
    ...headers,
  },
  query: {},
  receivedAt: new Date('2025-11-20T10:30:00Z'),
});

describe(PagerDutyAdapter.name, () => {
  const adapter = new PagerDutyAdapter();

  it.each([
    ['incident-triggered', 'paged', '2025-11-20T10:04:02.117Z'],
    ['incident-acknowledged', 'acknowledged', '2025-11-20T10:06:41.530Z'],
    ['incident-resolved', 'resolved', '2025-11-20T10:21:09.004Z'],
  ])('maps %s to a %s signal at event.occurred_at with the service and incident labels', (name, kind, at) => {
    const [draft] = adapter.parse(signed(fixture(name)));
    expect(draft).toMatchObject({
      kind,
      occurredAt: new Date(at),
      timeField: 'event.occurred_at',
      summary: '[FIRING:1] CheckoutHighErrorRate shop',
      labels: {
        event_type: `incident.${name.slice('incident-'.length)}`,
        service_id: 'PF9KMXH',
        service_name: 'Checkout',
        incident_id: 'Q2K7TMLGJ4HD6P',
        incident_number: '4711',
        urgency: 'high',
        priority: 'P1',
      },
    });
  });

  it('maps a published status update to a communicated signal carrying its message', () => {
    const [draft] = adapter.parse(signed(fixture('incident-status-update-published')));
    expect(draft).toMatchObject({
      kind: 'communicated',
      occurredAt: new Date('2025-11-20T10:09:30.250Z'),
      labels: { incident_id: 'Q2K7TMLGJ4HD6P' },
    });
    expect(draft!.summary).toMatch(/rolled back the last deploy/);
  });

  it('ignores event types that measure nothing', () => {
    expect(adapter.parse(signed(fixture('incident-annotated')))).toEqual([]);
  });

  it('dedupes on X-Webhook-Id, falling back to the event id', () => {
    const body = fixture('incident-triggered');
    expect(adapter.parse(signed(body))[0]!.dedupeKey).toBe('webhook:b9c2e0a4-57a1-4d8e-9a3c-0f7e1d2c3b4a');
    const withoutId = signed(body);
    delete withoutId.headers['x-webhook-id'];
    expect(adapter.parse(withoutId)[0]!.dedupeKey).toBe('event:01DEN3ZK2AQ3YHNJ0QXW4M5T6V');
  });

  it('verifies the signature over the exact bytes', () => {
    const body = fixture('incident-triggered');
    expect(() => adapter.authenticate(signed(body), integration)).not.toThrow();
    const tampered = { ...signed(body), body: Buffer.from(body.toString().replace('"urgency": "high"', '"urgency": "low"')) };
    expect(() => adapter.authenticate(tampered, integration)).toThrow(WebhookUnauthorizedError);
    const rotated = signed(body, {
      'x-pagerduty-signature': `v1=${hmacSha256Hex('previous-secret', body)},v1=${hmacSha256Hex(secret, body)}`,
    });
    expect(() => adapter.authenticate(rotated, integration)).not.toThrow();
    const wrongSecret = signed(body, { 'x-pagerduty-signature': `v1=${hmacSha256Hex('not-the-secret', body)}` });
    expect(() => adapter.authenticate(wrongSecret, integration)).toThrow(/no v1 signature matches/);
  });

  it('names the missing fields of an event it cannot read', () => {
    const body = Buffer.from(JSON.stringify({ event: { id: 'x', event_type: 'incident.triggered', data: {} } }));
    expect(() => adapter.parse(signed(body))).toThrow(
      expect.objectContaining({ errors: [{ path: 'event.occurred_at', message: expect.any(String) }] }),
    );
  });
});
