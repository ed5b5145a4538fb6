import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Namespace, Socket } from 'socket.io';
import type { Subscription } from 'rxjs';
import { hashToken, requireTeamAccess, type Principal } from '#access';
import { DomainError, NotFoundError } from '#contracts';
import { TabletopRepository, type TabletopParticipant } from '#incident';
import { bearerFrom, TokenAuthenticator } from '../auth/token-authenticator.service.js';
import { DomainEvents } from '../core/domain-events.js';
import { WebSessionService } from '../web/session/web-session.service.js';
import { PARTICIPANT_COOKIE, readCookie } from './participant-token.js';

export const TABLETOPS_NAMESPACE = '/tabletops';

/** Sent to a session's room after every change; clients re-read what they show. */
export interface TabletopChangedEvent {
  sessionId: string;
  lastEventId: string;
}
export type TabletopJoinAck = { ok: true; sessionId: string } | { ok: false; error: string };

type Who = { principal: Principal } | { participant: TabletopParticipant };
const room = (id: string) => `tabletop:${id}`;

@Injectable()
export class TabletopLiveService implements OnModuleDestroy {
  private subscription: Subscription | null = null;

  constructor(
    private readonly authenticator: TokenAuthenticator,
    private readonly webSessions: WebSessionService,
    private readonly sessions: TabletopRepository,
    private readonly events: DomainEvents,
  ) {}

  attach(nsp: Namespace): void {
    this.subscription?.unsubscribe();
    this.subscription = this.events.on('tabletop.changed').subscribe(({ payload }) => {
      nsp.to(room(payload.sessionId)).emit('changed', payload satisfies TabletopChangedEvent);
    });
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }

  /** API token, participant token, or the browser's own cookies (web sign-in or participant). */
  async authenticate(socket: Socket): Promise<void> {
    const auth = (socket.handshake.auth ?? {}) as { token?: unknown; participantToken?: unknown };
    const req = { headers: socket.handshake.headers };
    const bearer = typeof auth.token === 'string' && auth.token ? auth.token : bearerFrom(socket.handshake.headers.authorization);
    let who: Who | null = null;
    if (bearer) who = { principal: await this.authenticator.authenticate(bearer) };
    const participantToken = typeof auth.participantToken === 'string' ? auth.participantToken : readCookie(req, PARTICIPANT_COOKIE);
    if (!who && participantToken) {
      const participant = await this.sessions.participantByTokenHash(hashToken(participantToken));
      if (participant) who = { participant };
    }
    if (!who) {
      const signedIn = await this.webSessions.fromCookieHeader(req);
      if (signedIn) who = { principal: signedIn.principal };
    }
    // A page may hold both cookies (a facilitator who also joined); keep the participant as a second identity.
    const cookieParticipant = readCookie(req, PARTICIPANT_COOKIE);
    const extra = cookieParticipant && who && 'principal' in who ? await this.sessions.participantByTokenHash(hashToken(cookieParticipant)) : null;
    if (!who) throw new Error('Sign in or join the session first');
    socket.data.who = who;
    socket.data.participant = 'participant' in who ? who.participant : extra;
  }

  async join(socket: Socket, body: unknown): Promise<TabletopJoinAck> {
    const sessionId = typeof body === 'object' && body && typeof (body as { sessionId?: unknown }).sessionId === 'string' ? (body as { sessionId: string }).sessionId : '';
    try {
      const session = await this.sessions.get(sessionId);
      if (!session) throw new NotFoundError('tabletop session', sessionId);
      const who = socket.data.who as Who;
      const participant = socket.data.participant as TabletopParticipant | null;
      if (participant?.sessionId === sessionId) {
        // A participant of this very session.
      } else if ('principal' in who) {
        if (session.teamSlug) requireTeamAccess(who.principal, session.teamSlug);
      } else {
        throw new NotFoundError('tabletop session', sessionId);
      }
      await socket.join(room(sessionId));
      return { ok: true, sessionId };
    } catch (error) {
      return { ok: false, error: error instanceof DomainError ? error.message : 'cannot join' };
    }
  }
}
