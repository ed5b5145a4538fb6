import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Delivery } from './delivery.js';

export function hmacSha256Hex(secret: string, data: Buffer | string): string {
  return createHmac('sha256', secret).update(data).digest('hex');
}

/** Constant-time comparison of two hex digests; anything that is not 64 hex digits fails. */
export function hexDigestEquals(expected: string, presented: string): boolean {
  if (!/^[0-9a-fA-F]{64}$/.test(presented)) return false;
  const a = Buffer.from(expected, 'hex');
  const b = Buffer.from(presented.toLowerCase(), 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * PagerDuty v3: `X-PagerDuty-Signature: v1=<hex>[,v1=<hex>…]`, one signature
 * per active secret (several during a rotation). One valid v1 signature is enough.
 */
export function verifyPagerDutySignature(body: Buffer, header: string | undefined, secret: string): boolean {
  if (!header) return false;
  const expected = hmacSha256Hex(secret, body);
  let valid = false;
  for (const part of header.split(',')) {
    const [version, digest] = part.trim().split('=', 2);
    // Compare every candidate so the time taken does not reveal which one matched.
    if (version === 'v1' && digest !== undefined && hexDigestEquals(expected, digest)) valid = true;
  }
  return valid;
}

/**
 * Grafana alerting webhook HMAC: hex SHA-256 of the body, or of
 * `timestamp:body` when a timestamp header is configured.
 */
export function verifyGrafanaSignature(body: Buffer, signature: string | undefined, secret: string, timestamp?: string): boolean {
  if (!signature) return false;
  const signed = timestamp === undefined ? body : Buffer.concat([Buffer.from(`${timestamp}:`, 'utf8'), body]);
  return hexDigestEquals(hmacSha256Hex(secret, signed), signature.trim());
}

export interface TokenPlaces {
  /** `Authorization: Basic` with the token as the password (Alertmanager's basic_auth). */
  basic?: boolean;
  /** `X-Firedrill-Token: <token>` for senders that only add custom headers (Opsgenie). */
  header?: boolean;
  /** `?token=` for senders that cannot set headers at all (Statuspage subscribers). */
  query?: boolean;
}

/** The token a delivery presents, from the places its integration type allows. Bearer always counts. */
export function presentedToken(delivery: Delivery, places: TokenPlaces = {}): string | undefined {
  const auth = delivery.headers['authorization'];
  if (auth) {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    if (bearer) return bearer[1];
    const basic = /^Basic\s+(\S+)\s*$/i.exec(auth);
    if (basic && places.basic) {
      const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      return colon >= 0 ? decoded.slice(colon + 1) : undefined;
    }
  }
  if (places.header && delivery.headers['x-firedrill-token']) return delivery.headers['x-firedrill-token'];
  if (places.query && delivery.query['token']) return delivery.query['token'];
  return undefined;
}
