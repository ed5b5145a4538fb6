import { Controller, Get, UseFilters, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DomainError } from '#contracts';
import { WebSessionService } from '../session/web-session.service.js';
import { formField, WebAuth } from '../web-auth.service.js';
import { WebErrorFilter } from '../web-error.filter.js';

/** Only same-site paths: `next` must never send someone elsewhere after sign-in. */
export const safeNext = (next: unknown) => (typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/');

@ApiExcludeController()
@UseFilters(WebErrorFilter)
@Controller()
export class AuthPagesController {
  constructor(
    private readonly auth: WebAuth,
    private readonly sessions: WebSessionService,
  ) {}

  @Get('login')
  login(@Req() req: Request, @Res() res: Response, @Query('next') next?: string) {
    res.render('login', { pageTitle: 'Sign in', csrf: this.auth.anonymousCsrf(req, res), next: safeNext(next), bare: true });
  }

  @Post('login')
  async signIn(@Req() req: Request, @Res() res: Response) {
    this.auth.checkAnonymousCsrf(req);
    const next = safeNext(formField(req, 'next'));
    try {
      const { secret } = await this.sessions.signIn(formField(req, 'token') ?? '');
      this.auth.setSessionCookie(req, res, secret);
      res.redirect(303, next);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      res.status(401).render('login', { pageTitle: 'Sign in', csrf: this.auth.anonymousCsrf(req, res), next, error: 'That token is not valid or has been revoked. Paste the whole token.', bare: true });
    }
  }

  @Post('logout')
  async logout(@Req() req: Request, @Res() res: Response) {
    const signedIn = await this.auth.userForm(req);
    await this.sessions.signOut(signedIn.session);
    this.auth.clearSessionCookie(req, res);
    res.redirect(303, '/login');
  }
}
