import type { Delivery } from './delivery.js';
import { hmacSha256Hex, presentedToken, verifyGrafanaSignature, verifyPagerDutySignature } from './verify.js';

const body = Buffer.from('{"event":{"id":"01DEN3ZK2AQ3YHNJ0QXW4M5T6V","event_type":"incident.triggered"}}');
const secret = 'kGs3Zx8nPd1Q4vR7tY0wE2uI5oA9sD6f';

const delivery = (headers: Record<string, string>, query: Record<string, string> = {}): Delivery => ({
  body,
  headers,
  query,
  receivedAt: new Date(),
});

describe('webhook signature verification', () => {
  describe(verifyPagerDutySignature.name, () => {
    it('accepts the v1 HMAC-SHA256 of the exact body', () => {
      expect(verifyPagerDutySignature(body, `v1=${hmacSha256Hex(secret, body)}`, secret)).toBe(true);
    });

    it('rejects a tampered body', () => {
      const signature = `v1=${hmacSha256Hex(secret, body)}`;
      const tampered = Buffer.from(body.toString().replace('triggered', 'resolved'));
      expect(verifyPagerDutySignature(tampered, signature, secret)).toBe(false);
    });

    it('accepts a header with several signatures when one of them is valid (secret rotation)', () => {
      const header = `v1=${hmacSha256Hex('the-old-secret', body)}, v1=${hmacSha256Hex(secret, body)}`;
      expect(verifyPagerDutySignature(body, header, secret)).toBe(true);
    });

    it('rejects a signature made with another secret, a missing header and other versions', () => {
      expect(verifyPagerDutySignature(body, `v1=${hmacSha256Hex('wrong-secret', body)}`, secret)).toBe(false);
      expect(verifyPagerDutySignature(body, undefined, secret)).toBe(false);
      expect(verifyPagerDutySignature(body, `v0=${hmacSha256Hex(secret, body)}`, secret)).toBe(false);
      expect(verifyPagerDutySignature(body, 'v1=not-hex', secret)).toBe(false);
    });
  });

  describe(verifyGrafanaSignature.name, () => {
    it('checks the hex HMAC of the body', () => {
      expect(verifyGrafanaSignature(body, hmacSha256Hex(secret, body), secret)).toBe(true);
      expect(verifyGrafanaSignature(body, hmacSha256Hex('wrong', body), secret)).toBe(false);
    });

    it('signs `timestamp:body` when a timestamp header is configured', () => {
      const ts = '1763633045';
      const signature = hmacSha256Hex(secret, `${ts}:${body.toString()}`);
      expect(verifyGrafanaSignature(body, signature, secret, ts)).toBe(true);
      expect(verifyGrafanaSignature(body, signature, secret, '1763633046')).toBe(false);
      expect(verifyGrafanaSignature(body, hmacSha256Hex(secret, body), secret, ts)).toBe(false);
    });
  });

  describe(presentedToken.name, () => {
    it('reads a bearer token everywhere', () => {
      expect(presentedToken(delivery({ authorization: 'Bearer fdi_abc' }))).toBe('fdi_abc');
    });

    it('reads the basic-auth password, the X-Firedrill-Token header and ?token= only where allowed', () => {
      const basic = delivery({ authorization: `Basic ${Buffer.from('alertmanager:fdi_abc').toString('base64')}` });
      expect(presentedToken(basic, { basic: true })).toBe('fdi_abc');
      expect(presentedToken(basic)).toBeUndefined();
      expect(presentedToken(delivery({ 'x-firedrill-token': 'fdi_abc' }), { header: true })).toBe('fdi_abc');
      expect(presentedToken(delivery({ 'x-firedrill-token': 'fdi_abc' }))).toBeUndefined();
      expect(presentedToken(delivery({}, { token: 'fdi_abc' }), { query: true })).toBe('fdi_abc');
      expect(presentedToken(delivery({}, { token: 'fdi_abc' }))).toBeUndefined();
    });
  });
});
