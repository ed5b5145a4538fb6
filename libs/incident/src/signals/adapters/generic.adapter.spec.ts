import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Delivery } from '../delivery.js';
import { MalformedDeliveryError, WebhookUnauthorizedError } from '../errors.js';
import { generateIntegrationToken, hashIntegrationToken, type Integration } from '../integration.js';
import { GenericAdapter } from './generic.adapter.js';

const token = generateIntegrationToken();
const integration: Integration = {
  id: 'i6',
  type: 'generic',
  team: null,
  name: 'deploy pipeline',
  options: {},
  tokenHash: hashIntegrationToken(token),
  secret: null,
  createdAt: new Date(),
};
const receivedAt = new Date('2025-11-20T10:30:00Z');
const delivery = (body: Buffer | string, headers: Record<string, string> = { authorization: `Bearer ${token}` }): Delivery => ({
  body: Buffer.isBuffer(body) ? body : Buffer.from(body),
  headers,
  query: {},
  receivedAt,
});

describe(GenericAdapter.name, () => {
  const adapter = new GenericAdapter();

  it('reads {kind, occurredAt, labels, note}', () => {
    const body = readFileSync(path.join(process.cwd(), 'e2e/fixtures/webhooks/generic/mitigated.json'));
    expect(adapter.parse(delivery(body))).toEqual([
      expect.objectContaining({
        kind: 'mitigated',
        occurredAt: new Date('2025-11-20T10:12:00Z'),
        timeSource: 'sender',
        labels: { namespace: 'shop', service: 'checkout', action: 'rollback' },
        summary: 'Rolled back checkout to v2025.11.19-3 from the deploy pipeline',
        dedupeKey: 'key:deploy-pipeline-88213',
      }),
    ]);
  });

  it('uses the arrival time without occurredAt and treats an identical body as a duplicate', () => {
    const [a] = adapter.parse(delivery('{"kind":"detected"}'));
    const [b] = adapter.parse(delivery('{"kind":"detected"}'));
    expect(a).toMatchObject({ occurredAt: receivedAt, timeSource: 'arrival', labels: {} });
    expect(a!.dedupeKey).toBe(b!.dedupeKey);
  });

  it('lists every bad field', () => {
    try {
      adapter.parse(delivery('{"kind":"exploded","occurredAt":"yesterday","extra":1}'));
      throw new Error('expected a MalformedDeliveryError');
    } catch (error) {
      expect(error).toBeInstanceOf(MalformedDeliveryError);
      expect((error as MalformedDeliveryError).errors.map((e) => e.path).sort()).toEqual(['(root)', 'kind', 'occurredAt']);
    }
  });

  it('needs the bearer token', () => {
    expect(() => adapter.authenticate(delivery('{}'), integration)).not.toThrow();
    expect(() => adapter.authenticate(delivery('{}', {}), integration)).toThrow(WebhookUnauthorizedError);
  });
});
