import { Catch, HttpException, HttpStatus, Inject, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { DomainError, ErrorCodes, PROBLEM_CONTENT_TYPE, ValidationError, type ProblemDocument } from '#contracts';
import { LOGGER } from '../logging/logger.js';

const STATUS_BY_CODE: Record<string, number> = {
  [ErrorCodes.validationFailed]: 422,
  [ErrorCodes.scenarioInvalid]: 422,
  [ErrorCodes.notFound]: 404,
  [ErrorCodes.routeNotFound]: 404,
  [ErrorCodes.conflict]: 409,
  [ErrorCodes.haltInForce]: 409,
  [ErrorCodes.illegalTransition]: 409,
  [ErrorCodes.unauthenticated]: 401,
  [ErrorCodes.forbidden]: 403,
  [ErrorCodes.clusterForbidden]: 403,
  [ErrorCodes.namespaceNotAllowed]: 422,
  [ErrorCodes.blastRadiusExceeded]: 422,
  [ErrorCodes.clusterUnavailable]: 503,
  [ErrorCodes.databaseUnavailable]: 503,
  [ErrorCodes.payloadTooLarge]: 413,
  [ErrorCodes.malformedBody]: 400,
  [ErrorCodes.templateInvalid]: 422,
  [ErrorCodes.runEngineUnavailable]: 503,
  [ErrorCodes.clockSkewExceeded]: 422,
};

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Maps a domain code to its HTTP status; unknown codes are client errors. */
export function statusForCode(code: string): number {
  return STATUS_BY_CODE[code] ?? 400;
}

/** Body-parser errors (http-errors) carry `type` and `status`. */
interface HttpParserError {
  type?: string;
  status?: number;
  message: string;
}

/**
 * The one exception filter: domain errors become RFC 9457 problem documents
 * with a stable `code`; anything unexpected is logged with the request id and
 * answered as a bare 500 that leaks nothing.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return;
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request & { id?: unknown }>();
    const res = ctx.getResponse<Response>();
    const problem = this.toProblem(exception, req);
    if (res.headersSent) return;
    if (problem.status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="firedrill"');
    res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }

  toProblem(exception: unknown, req: Request & { id?: unknown }): ProblemDocument {
    const base = { instance: req.originalUrl ?? req.url, requestId: req.id ? String(req.id) : undefined };
    if (exception instanceof DomainError) {
      const status = statusForCode(exception.code);
      const extra = exception instanceof ValidationError ? { errors: exception.errors } : exception.details;
      return {
        type: `https://firedrill.dev/problems/${exception.code.replace(/_/g, '-')}`,
        title: TITLES[status] ?? 'Error',
        status,
        detail: exception.message,
        code: exception.code,
        ...extra,
        ...base,
      };
    }
    const parser = exception as HttpParserError;
    if (parser && typeof parser === 'object' && typeof parser.type === 'string' && typeof parser.status === 'number') {
      if (parser.type === 'entity.too.large') {
        return this.simple(413, ErrorCodes.payloadTooLarge, 'The request body is larger than the configured limit (FIREDRILL_BODY_LIMIT)', base);
      }
      if (parser.type === 'entity.parse.failed') {
        return this.simple(400, ErrorCodes.malformedBody, `The request body is not valid JSON: ${parser.message}`, base);
      }
      return this.simple(parser.status, ErrorCodes.malformedBody, parser.message, base);
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status === HttpStatus.NOT_FOUND) {
        return this.simple(404, ErrorCodes.routeNotFound, `No route for ${req.method} ${req.path}`, base);
      }
      const body = exception.getResponse();
      const detail = typeof body === 'string' ? body : String((body as { message?: unknown }).message ?? exception.message);
      return this.simple(status, status === 413 ? ErrorCodes.payloadTooLarge : `http_${status}`, detail, base);
    }
    this.logger.error({ err: exception, requestId: base.requestId, path: req.originalUrl }, 'unhandled error');
    return this.simple(500, ErrorCodes.internal, 'An unexpected error occurred. The request id identifies it in the server log.', base);
  }

  private simple(status: number, code: string, detail: string, base: { instance?: string; requestId?: string }): ProblemDocument {
    return {
      type: `https://firedrill.dev/problems/${code.replace(/_/g, '-')}`,
      title: TITLES[status] ?? 'Error',
      status,
      detail,
      code,
      ...base,
    };
  }
}
