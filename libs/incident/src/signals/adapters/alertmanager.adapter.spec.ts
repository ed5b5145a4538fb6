import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Delivery } from '../delivery.js';
import { MalformedDeliveryError, WebhookUnauthorizedError } from '../errors.js';
import { generateIntegrationToken, hashIntegrationToken, type Integration } from '../integration.js';
import { AlertmanagerAdapter } from './alertmanager.adapter.js';

const fixture = (name: string) => readFileSync(path.join(process.cwd(), 'e2e/fixtures/webhooks/alertmanager', name));
const token = generateIntegrationToken();
const integration: Integration = {
  id: 'i1',
  type: 'alertmanager',
  team: 'payments',
  name: 'staging alertmanager',
  options: {},
  tokenHash: hashIntegrationToken(token),
  secret: null,
  createdAt: new Date(),
};
const receivedAt = new Date('2025-11-20T10:03:00Z');
const delivery = (body: Buffer | string, headers: Record<string, string> = { authorization: `Bearer ${token}` }): Delivery => ({
  body: Buffer.isBuffer(body) ? body : Buffer.from(body),
  headers,
  query: {},
  receivedAt,
});

describe(AlertmanagerAdapter.name, () => {
  const adapter = new AlertmanagerAdapter();

  it('turns each firing alert of a group into a detected signal at startsAt', () => {
    const drafts = adapter.parse(delivery(fixture('firing.json')));
    expect(drafts).toHaveLength(2);
    expect(drafts[0]).toMatchObject({
      kind: 'detected',
      occurredAt: new Date('2025-11-20T10:02:31.412Z'),
      timeSource: 'sender',
      timeField: 'alerts[0].startsAt',
      summary: 'Pod is crash looping.',
      dedupeKey: '5b1c2d6e7f809a1b:2025-11-20T10:02:31.412Z:firing',
    });
    expect(drafts[0]!.labels).toEqual({
      alertname: 'KubePodCrashLooping',
      container: 'checkout',
      namespace: 'shop',
      pod: 'checkout-7d9f8b6c5-x2kqp',
      severity: 'warning',
      cluster: 'staging-eu1',
    });
    expect(drafts[1]!.labels['alertname']).toBe('CheckoutHighErrorRate');
  });

  it('turns a resolved alert into a resolved signal at endsAt, distinct from its firing one', () => {
    const [resolved] = adapter.parse(delivery(fixture('resolved.json')));
    expect(resolved).toMatchObject({ kind: 'resolved', occurredAt: new Date('2025-11-20T10:14:15.000Z'), timeField: 'alerts[0].endsAt' });
    const [, firing] = adapter.parse(delivery(fixture('firing.json')));
    expect(resolved!.dedupeKey).not.toBe(firing!.dedupeKey);
    expect(resolved!.dedupeKey.startsWith('a91f03cc4e2d7b10:2025-11-20T10:02:45.000Z')).toBe(true);
  });

  it('gives a repeated notification of the same alert the same dedupe key', () => {
    const a = adapter.parse(delivery(fixture('firing.json')));
    const b = adapter.parse(delivery(fixture('firing.json')));
    expect(a.map((d) => d.dedupeKey)).toEqual(b.map((d) => d.dedupeKey));
  });

  it('lists every missing or invalid field of a malformed group', () => {
    const body = JSON.stringify({ version: '4', alerts: [{ status: 'pending', labels: { a: 'b' } }] });
    try {
      adapter.parse(delivery(body));
      throw new Error('expected a MalformedDeliveryError');
    } catch (error) {
      expect(error).toBeInstanceOf(MalformedDeliveryError);
      expect((error as MalformedDeliveryError).errors.map((e) => e.path).sort()).toEqual(['alerts[0].startsAt', 'alerts[0].status']);
    }
  });

  it('rejects a body that is not JSON', () => {
    expect(() => adapter.parse(delivery('{"alerts": ['))).toThrow(/not valid JSON/);
    expect(() => adapter.parse(delivery(''))).toThrow(/empty body/);
  });

  it('authenticates with the bearer token or the basic-auth password', () => {
    expect(() => adapter.authenticate(delivery('{}'), integration)).not.toThrow();
    const basic = `Basic ${Buffer.from(`alertmanager:${token}`).toString('base64')}`;
    expect(() => adapter.authenticate(delivery('{}', { authorization: basic }), integration)).not.toThrow();
    expect(() => adapter.authenticate(delivery('{}', { authorization: `Bearer ${generateIntegrationToken()}` }), integration)).toThrow(
      WebhookUnauthorizedError,
    );
    expect(() => adapter.authenticate(delivery('{}', {}), integration)).toThrow(WebhookUnauthorizedError);
  });
});
