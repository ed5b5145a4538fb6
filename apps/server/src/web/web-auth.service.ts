import { Injectable } from '@nestjs/common';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import { requireRole, type Principal } from '#access';
import type { Role } from '#contracts';
import { HaltRepository, RunRepository } from '#incident';
import { InjectionRecordRepository, needsRecovery } from '#chaos';
import { PARTICIPANT_COOKIE, readCookie } from '../tabletops/participant-token.js';
import { TabletopCommandsUseCase } from '../tabletops/use-cases/tabletop-commands.use-case.js';
import { WEB_SESSION_COOKIE, WEB_SESSION_TTL_MS, WebSessionService, type SignedIn } from './session/web-session.service.js';
import { CsrfRejected, JoinRequired, SignInRequired } from './web-errors.js';

export const PRE_CSRF_COOKIE = 'fd_csrf';

const same = (a: string | undefined, b: string | undefined) => {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** Sign-in, CSRF and the page chrome every page shares (who is signed in, the halt state). */
@Injectable()
export class WebAuth {
  constructor(
    private readonly sessions: WebSessionService,
    private readonly commands: TabletopCommandsUseCase,
    private readonly halts: HaltRepository,
    private readonly runs: RunRepository,
    private readonly records: InjectionRecordRepository,
  ) {}

  async user(req: Request, role: Role = 'viewer'): Promise<SignedIn> {
    const signedIn = await this.sessions.fromCookieHeader(req);
    if (!signedIn) throw new SignInRequired(req.originalUrl);
    requireRole(signedIn.principal, role);
    return signedIn;
  }

  /** Checks the synchronizer token of a signed-in form POST. */
  async userForm(req: Request, role: Role = 'viewer'): Promise<SignedIn> {
    const signedIn = await this.user(req, role);
    if (!same(formField(req, '_csrf'), signedIn.session.csrfToken)) throw new CsrfRejected();
    return signedIn;
  }

  async participant(req: Request, sessionId: string) {
    const participant = await this.commands.participantFromToken(readCookie(req, PARTICIPANT_COOKIE));
    if (!participant || participant.sessionId !== sessionId) throw new JoinRequired(sessionId);
    return participant;
  }

  async participantForm(req: Request, sessionId: string) {
    const participant = await this.participant(req, sessionId);
    if (!same(formField(req, '_csrf'), participant.csrfToken)) throw new CsrfRejected();
    return participant;
  }

  /** Forms shown before anyone is known (sign-in, join): a double-submit token in a SameSite=Strict cookie. */
  anonymousCsrf(req: Request, res: Response): string {
    const existing = readCookie(req, PRE_CSRF_COOKIE);
    if (existing && /^[\w-]{20,64}$/.test(existing)) return existing;
    const token = randomBytes(24).toString('base64url');
    res.cookie(PRE_CSRF_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/' });
    return token;
  }

  checkAnonymousCsrf(req: Request): void {
    if (!same(formField(req, '_csrf'), readCookie(req, PRE_CSRF_COOKIE))) throw new CsrfRejected();
  }

  setSessionCookie(req: Request, res: Response, secret: string): void {
    res.cookie(WEB_SESSION_COOKIE, secret, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/', maxAge: WEB_SESSION_TTL_MS });
  }

  clearSessionCookie(req: Request, res: Response): void {
    res.clearCookie(WEB_SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/' });
  }

  /** What the header of every signed-in page shows. */
  async chrome(signedIn: SignedIn, current: string) {
    const [halt, active, unsettled] = await Promise.all([this.halts.current(), this.runs.listActive(), this.records.listUnsettled()]);
    const visible = (teamSlug: string | null) => !signedIn.principal.teamSlug || teamSlug === signedIn.principal.teamSlug;
    const injected = unsettled.filter(needsRecovery).length;
    const activeRuns = active.filter((r) => visible(r.teamSlug)).length;
    return {
      user: principalView(signedIn.principal),
      csrf: signedIn.session.csrfToken,
      halt: halt ? { reason: halt.reason, by: halt.createdBy, since: halt.createdAt.toISOString() } : null,
      injected,
      activeRuns,
      // Shown while anything is (or may be about to be) injected.
      showHalt: !halt && (injected > 0 || active.length > 0),
      nav: [
        { href: '/', text: 'Dashboard', current: current === 'dashboard' },
        { href: '/scenarios', text: 'Scenarios', current: current === 'scenarios' },
        { href: signedIn.principal.teamSlug ? `/teams/${signedIn.principal.teamSlug}/scorecard` : '/scorecard', text: 'Scorecard', current: current === 'scorecard' },
      ],
      canFacilitate: rank(signedIn.principal.role) >= rank('facilitator'),
      canRespond: rank(signedIn.principal.role) >= rank('responder'),
    };
  }
}

export function principalView(p: Principal) {
  return { name: p.name, role: p.role, team: p.teamSlug };
}

const ORDER: Role[] = ['viewer', 'responder', 'facilitator', 'admin'];
const rank = (r: Role) => ORDER.indexOf(r);

export function formField(req: Request, name: string): string | undefined {
  const body = req.body as Record<string, unknown> | undefined;
  const value = body && typeof body === 'object' && !Buffer.isBuffer(body) ? body[name] : undefined;
  return typeof value === 'string' ? value : undefined;
}
