import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Role } from '#contracts';

export interface ApiToken {
  id: string;
  name: string;
  role: Role;
  /** Team slug the token is limited to; null = every team. */
  teamSlug: string | null;
  /** SHA-256 of the secret; the secret itself is never stored. */
  hash: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** Who is calling, as established by the bearer token. */
export interface Principal {
  tokenId: string | null;
  name: string;
  role: Role;
  teamSlug: string | null;
}

const PREFIX = 'fdt_';

/**
 * Tokens are 256 random bits, so a fast hash is enough: there is nothing to
 * brute-force, and a lookup by hash keeps authentication O(1).
 */
export function generateTokenSecret(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

export function hashToken(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function tokensEqual(a: string, b: string): boolean {
  const ha = Buffer.from(hashToken(a), 'hex');
  const hb = Buffer.from(hashToken(b), 'hex');
  return timingSafeEqual(ha, hb);
}

/** Port: where API tokens are kept. Implemented in libs/persistence. */
export abstract class ApiTokenRepository {
  abstract findByHash(hash: string): Promise<ApiToken | null>;
  abstract findByName(name: string): Promise<ApiToken | null>;
  abstract create(token: Omit<ApiToken, 'id' | 'createdAt' | 'lastUsedAt' | 'revokedAt'>): Promise<ApiToken>;
  abstract list(): Promise<ApiToken[]>;
  abstract revoke(id: string): Promise<boolean>;
  abstract touch(id: string, at: Date): Promise<void>;
}
