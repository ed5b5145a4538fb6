import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import type { Request } from 'express';
import { ApiTokenRepository, hashToken, type Principal } from '#access';
import type { FiredrillConfig } from '#config';
import type { TypeOrmWebSessionRepository, WebSession } from '#persistence';
import { CONFIG } from '../../core/config.token.js';
import { TokenAuthenticator } from '../../auth/token-authenticator.service.js';
import { readCookie } from '../../tabletops/participant-token.js';

export const WEB_SESSION_COOKIE = 'fd_session';
export const WEB_SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/** DI token for the web session repository (a concrete persistence class, not a domain port). */
export const WEB_SESSIONS = Symbol('WEB_SESSIONS');

export interface SignedIn {
  session: WebSession;
  principal: Principal;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * Browser sign-in: the user pastes an API token once; the browser keeps only
 * a random session secret in an HttpOnly cookie. The session refers to the
 * token by its hash, so revoking the token ends the session too.
 */
@Injectable()
export class WebSessionService {
  constructor(
    @Inject(WEB_SESSIONS) private readonly sessions: TypeOrmWebSessionRepository,
    @Inject(CONFIG) private readonly config: FiredrillConfig,
    private readonly authenticator: TokenAuthenticator,
    private readonly tokens: ApiTokenRepository,
  ) {}

  async signIn(token: string, now = new Date()): Promise<{ secret: string; signedIn: SignedIn }> {
    const principal = await this.authenticator.authenticate(token.trim());
    const secret = randomBytes(32).toString('base64url');
    const session = await this.sessions.create({
      secretHash: sha256(secret),
      tokenHash: hashToken(token.trim()),
      csrfToken: randomBytes(24).toString('base64url'),
      expiresAt: new Date(now.getTime() + WEB_SESSION_TTL_MS),
    });
    void this.sessions.deleteExpired(now).catch(() => undefined);
    return { secret, signedIn: { session, principal } };
  }

  async fromCookieHeader(req: Pick<Request, 'headers'>, now = new Date()): Promise<SignedIn | null> {
    const secret = readCookie(req, WEB_SESSION_COOKIE);
    if (!secret) return null;
    const session = await this.sessions.findBySecretHash(sha256(secret), now);
    if (!session) return null;
    const principal = await this.principalOf(session.tokenHash);
    return principal ? { session, principal } : null;
  }

  signOut(session: WebSession): Promise<void> {
    return this.sessions.delete(session.id);
  }

  private async principalOf(tokenHash: string): Promise<Principal | null> {
    if (this.config.adminToken && hashToken(this.config.adminToken) === tokenHash) {
      return { tokenId: null, name: 'FIREDRILL_ADMIN_TOKEN', role: 'admin', teamSlug: null };
    }
    const token = await this.tokens.findByHash(tokenHash);
    return token ? { tokenId: token.id, name: token.name, role: token.role, teamSlug: token.teamSlug } : null;
  }
}
