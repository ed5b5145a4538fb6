import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Delivery } from '../delivery.js';
import { WebhookUnauthorizedError } from '../errors.js';
import { generateIntegrationToken, hashIntegrationToken, type Integration } from '../integration.js';
import { hmacSha256Hex } from '../verify.js';
import { GrafanaAdapter } from './grafana.adapter.js';

const body = readFileSync(path.join(process.cwd(), 'e2e/fixtures/webhooks/grafana/firing.json'));
const token = generateIntegrationToken();
const secret = 'grafana-contact-point-secret';
const integration = (overrides: Partial<Integration> = {}): Integration => ({
  id: 'i2',
  type: 'grafana',
  team: 'payments',
  name: 'grafana',
  options: {},
  tokenHash: hashIntegrationToken(token),
  secret: null,
  createdAt: new Date(),
  ...overrides,
});
const delivery = (headers: Record<string, string>, raw: Buffer = body): Delivery => ({
  body: raw,
  headers,
  query: {},
  receivedAt: new Date('2025-11-20T09:05:00Z'),
});

describe(GrafanaAdapter.name, () => {
  const adapter = new GrafanaAdapter();

  it('reads the alerts of a Grafana alerting webhook like Alertmanager ones', () => {
    const [draft] = adapter.parse(delivery({}));
    expect(draft).toMatchObject({
      kind: 'detected',
      occurredAt: new Date('2025-11-20T09:03:10Z'),
      labels: { alertname: 'Checkout latency p99', namespace: 'shop', team: 'payments', grafana_folder: 'Shop' },
      summary: 'p99 latency of checkout above 800 ms',
    });
  });

  it('accepts the bearer token when no secret is configured', () => {
    expect(() => adapter.authenticate(delivery({ authorization: `Bearer ${token}` }), integration())).not.toThrow();
    expect(() => adapter.authenticate(delivery({}), integration())).toThrow(WebhookUnauthorizedError);
  });

  it('requires a valid HMAC in the default header when a secret is configured', () => {
    const withSecret = integration({ secret });
    expect(() => adapter.authenticate(delivery({ 'x-grafana-alerting-signature': hmacSha256Hex(secret, body) }), withSecret)).not.toThrow();
    const tampered = Buffer.from(body.toString().replace('0.912', '0.1'));
    expect(() =>
      adapter.authenticate(delivery({ 'x-grafana-alerting-signature': hmacSha256Hex(secret, body) }, tampered), withSecret),
    ).toThrow(WebhookUnauthorizedError);
    expect(() => adapter.authenticate(delivery({ 'x-grafana-alerting-signature': hmacSha256Hex('other', body) }), withSecret)).toThrow(
      /signature does not match/,
    );
  });

  it('uses the configured header names and signs `timestamp:body`', () => {
    const withTimestamp = integration({ secret, options: { signatureHeader: 'X-Signature', timestampHeader: 'X-Timestamp' } });
    const ts = '1763629390';
    const signature = hmacSha256Hex(secret, `${ts}:${body.toString()}`);
    expect(() => adapter.authenticate(delivery({ 'x-signature': signature, 'x-timestamp': ts }), withTimestamp)).not.toThrow();
    expect(() => adapter.authenticate(delivery({ 'x-signature': signature }), withTimestamp)).toThrow(/no X-Timestamp header/);
    expect(() => adapter.authenticate(delivery({ 'x-signature': signature, 'x-timestamp': '1763629391' }), withTimestamp)).toThrow(
      WebhookUnauthorizedError,
    );
  });
});
