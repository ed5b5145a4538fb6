import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Delivery } from '../delivery.js';
import { WebhookUnauthorizedError } from '../errors.js';
import { generateIntegrationToken, hashIntegrationToken, type Integration } from '../integration.js';
import { readEpoch } from './epoch.js';
import { OpsgenieAdapter } from './opsgenie.adapter.js';

const fixture = (name: string) => readFileSync(path.join(process.cwd(), 'e2e/fixtures/webhooks/opsgenie', `${name}.json`));
const token = generateIntegrationToken();
const integration: Integration = {
  id: 'i4',
  type: 'opsgenie',
  team: 'payments',
  name: 'opsgenie',
  options: {},
  tokenHash: hashIntegrationToken(token),
  secret: null,
  createdAt: new Date(),
};
const receivedAt = new Date('2025-11-20T10:40:00Z');
const delivery = (body: Buffer, headers: Record<string, string> = { 'x-firedrill-token': token }): Delivery => ({
  body,
  headers,
  query: {},
  receivedAt,
});

describe(OpsgenieAdapter.name, () => {
  const adapter = new OpsgenieAdapter();

  it('maps Create to paged at alert.createdAt (epoch milliseconds)', () => {
    const [draft] = adapter.parse(delivery(fixture('create')));
    expect(draft).toMatchObject({
      kind: 'paged',
      occurredAt: new Date('2025-11-20T10:04:05.117Z'),
      timeSource: 'sender',
      summary: 'CheckoutHighErrorRate: checkout 5xx ratio above 5%',
      labels: {
        occurred_at_source: 'alert.createdAt:ms',
        namespace: 'shop',
        service: 'checkout',
        alias: 'a91f03cc4e2d7b10',
        tags: 'checkout,firedrill',
      },
    });
  });

  it('maps Acknowledge and Close to the time of the action, alert.updatedAt (epoch nanoseconds)', () => {
    const [ack] = adapter.parse(delivery(fixture('acknowledge')));
    expect(ack).toMatchObject({
      kind: 'acknowledged',
      occurredAt: new Date('2025-11-20T10:06:50.402Z'),
      labels: { occurred_at_source: 'alert.updatedAt:ns' },
    });
    const [close] = adapter.parse(delivery(fixture('close')));
    expect(close).toMatchObject({ kind: 'resolved', occurredAt: new Date('2025-11-20T10:21:30.000Z') });
  });

  it('uses the arrival time, and says so, when the unit of the timestamp cannot be told', () => {
    const [ack] = adapter.parse(delivery(fixture('acknowledge-ambiguous-timestamp')));
    expect(ack).toMatchObject({
      kind: 'acknowledged',
      occurredAt: receivedAt,
      timeSource: 'arrival',
      labels: { occurred_at_source: 'arrival' },
    });
  });

  it('ignores actions that measure nothing', () => {
    const body = Buffer.from(fixture('acknowledge').toString().replace('"action": "Acknowledge"', '"action": "AddNote"'));
    expect(adapter.parse(delivery(body))).toEqual([]);
  });

  it('accepts the token as a bearer token or in X-Firedrill-Token', () => {
    expect(() => adapter.authenticate(delivery(fixture('create')), integration)).not.toThrow();
    expect(() => adapter.authenticate(delivery(fixture('create'), { authorization: `Bearer ${token}` }), integration)).not.toThrow();
    expect(() => adapter.authenticate(delivery(fixture('create'), { 'x-firedrill-token': 'fdi_wrong' }), integration)).toThrow(
      WebhookUnauthorizedError,
    );
  });
});

describe(readEpoch.name, () => {
  it('reads seconds, milliseconds, microseconds and nanoseconds by their number of digits', () => {
    const at = new Date('2025-11-20T10:04:05Z');
    expect(readEpoch(1763633045)).toEqual({ date: at, unit: 's' });
    expect(readEpoch(1763633045000)).toEqual({ date: at, unit: 'ms' });
    expect(readEpoch(1763633045000000)).toEqual({ date: at, unit: 'us' });
    expect(readEpoch(1763633045000000000)).toEqual({ date: at, unit: 'ns' });
    expect(readEpoch('1763633045000000000')).toEqual({ date: at, unit: 'ns' });
  });

  it('refuses values whose unit is ambiguous', () => {
    expect(readEpoch(17636330450)).toBeNull();
    expect(readEpoch(176363304500000)).toBeNull();
    expect(readEpoch(1763633045.5)).toBeNull();
    expect(readEpoch('2025-11-20T10:04:05Z')).toBeNull();
    expect(readEpoch(undefined)).toBeNull();
  });
});
