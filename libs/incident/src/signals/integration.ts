import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IntegrationType } from './signal.js';

/**
 * A configured sender. Its URL is `/api/v1/hooks/:id`; it authenticates with
 * its own token (only the SHA-256 is stored) or, for senders that sign with a
 * secret of their own (PagerDuty, Grafana), with that secret.
 */
export interface Integration {
  id: string;
  type: IntegrationType;
  team: string | null;
  name: string;
  /** Type-specific settings, never the secret. */
  options: IntegrationOptions;
  tokenHash: string;
  /** The sender's signing secret (PagerDuty, Grafana); never returned by the API. */
  secret: string | null;
  createdAt: Date;
}

export interface IntegrationOptions {
  /** Grafana: header carrying the HMAC (default X-Grafana-Alerting-Signature). */
  signatureHeader?: string;
  /** Grafana: header carrying the timestamp; when set the signed string is `timestamp:body`. */
  timestampHeader?: string;
}

/** Port: where integrations are kept. Implemented in libs/persistence. */
export abstract class IntegrationRepository {
  abstract create(input: Omit<Integration, 'id' | 'createdAt'>): Promise<Integration>;
  abstract find(id: string): Promise<Integration | null>;
  abstract list(options: { team?: string }): Promise<Integration[]>;
  abstract delete(id: string): Promise<boolean>;
}

const TOKEN_PREFIX = 'fdi_';

export function generateIntegrationToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

export function hashIntegrationToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Constant-time check of a presented token against the stored hash. */
export function integrationTokenMatches(presented: string | undefined, tokenHash: string): boolean {
  if (!presented) return false;
  const a = Buffer.from(hashIntegrationToken(presented), 'hex');
  const b = Buffer.from(tokenHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
