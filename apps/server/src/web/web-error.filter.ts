import { Catch, HttpException, Inject, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { DomainError, ValidationError } from '#contracts';
import { LOGGER } from '../logging/logger.js';
import { statusForCode } from '../errors/problem.filter.js';
import { CsrfRejected, JoinRequired, SignInRequired } from './web-errors.js';
import { ViewEngine } from './view-engine.js';

/** Pages answer with pages: a sign-in redirect, or an error page that says what to do next. */
@Catch()
export class WebErrorFilter implements ExceptionFilter {
  constructor(
    private readonly views: ViewEngine,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const req = host.switchToHttp().getRequest<Request>();
    if (error instanceof SignInRequired) return void res.redirect(303, `/login?next=${encodeURIComponent(error.next)}`);
    if (error instanceof JoinRequired) return void res.redirect(303, `/join`);
    let status = 500;
    let title = 'Something went wrong';
    let message = 'The server could not complete this. Try again; if it keeps failing, check the server log.';
    let issues: { path: string; message: string }[] = [];
    if (error instanceof CsrfRejected) {
      status = 403;
      title = 'Form rejected';
      message = error.message;
    } else if (error instanceof DomainError) {
      status = statusForCode(error.code);
      title = status === 404 ? 'Not found' : status === 403 ? 'Not allowed' : status === 409 ? 'Not possible right now' : 'Cannot do that';
      message = error.message;
      if (error instanceof ValidationError) issues = error.errors;
    } else if (error instanceof HttpException) {
      status = error.getStatus();
      title = status === 404 ? 'Not found' : 'Request failed';
      message = error.message;
    } else {
      this.logger.error({ err: error, url: req.originalUrl }, 'page failed');
    }
    const back = typeof req.headers.referer === 'string' && req.headers.referer.startsWith(`${req.protocol}://${req.get('host')}/`) ? req.headers.referer : '/';
    res.status(status).type('html').send(this.views.render('error', { title, status, message, issues, back, pageTitle: title }));
  }
}
