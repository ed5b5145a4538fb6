import { Inject, Injectable } from '@nestjs/common';
import { ApiTokenRepository, hashToken, tokensEqual, type Principal } from '#access';
import type { FiredrillConfig } from '#config';
import { UnauthenticatedError } from '#contracts';
import { CONFIG } from '../core/config.token.js';

/** Turns a bearer secret into a Principal, or throws 401. Shared by HTTP and socket.io. */
@Injectable()
export class TokenAuthenticator {
  constructor(
    @Inject(CONFIG) private readonly config: FiredrillConfig,
    private readonly tokens: ApiTokenRepository,
  ) {}

  async authenticate(secret: string | undefined): Promise<Principal> {
    if (!secret) throw new UnauthenticatedError('Missing bearer token: send "Authorization: Bearer <token>"');
    if (this.config.adminToken && tokensEqual(secret, this.config.adminToken)) {
      return { tokenId: null, name: 'FIREDRILL_ADMIN_TOKEN', role: 'admin', teamSlug: null };
    }
    const token = await this.tokens.findByHash(hashToken(secret));
    if (!token) throw new UnauthenticatedError('The bearer token is not valid or has been revoked');
    // Best effort: a failed bookkeeping write must not fail the request.
    void this.tokens.touch(token.id, new Date()).catch(() => undefined);
    return { tokenId: token.id, name: token.name, role: token.role, teamSlug: token.teamSlug };
  }
}

export function bearerFrom(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}
