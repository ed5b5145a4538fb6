/**
 * Domain errors carry a stable machine-readable `code`. Libraries throw them;
 * the server's single exception filter maps each code to an HTTP status and an
 * RFC 9457 problem document. Nothing outside `apps/` knows about HTTP.
 */
export const ErrorCodes = {
  validationFailed: 'validation_failed',
  notFound: 'not_found',
  conflict: 'conflict',
  unauthenticated: 'unauthenticated',
  forbidden: 'forbidden',
  scenarioInvalid: 'scenario_invalid',
  illegalTransition: 'illegal_transition',
  clusterForbidden: 'cluster_forbidden',
  clusterUnavailable: 'cluster_unavailable',
  namespaceNotAllowed: 'namespace_not_allowed',
  blastRadiusExceeded: 'blast_radius_exceeded',
  haltInForce: 'halt_in_force',
  databaseUnavailable: 'database_unavailable',
  payloadTooLarge: 'payload_too_large',
  malformedBody: 'malformed_body',
  routeNotFound: 'route_not_found',
  internal: 'internal_error',
  templateInvalid: 'template_invalid',
  runEngineUnavailable: 'run_engine_unavailable',
  clockSkewExceeded: 'clock_skew_exceeded',
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/** One problem with one field of the input (a JSON path or a YAML position). */
export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `spec.steps[2].at` or `slug`. */
  path: string;
  message: string;
  line?: number;
  column?: number;
  file?: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode | string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends DomainError {
  constructor(
    message: string,
    readonly errors: FieldIssue[],
  ) {
    super(ErrorCodes.validationFailed, message, { errors });
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, id: string) {
    super(ErrorCodes.notFound, `${what} '${id}' was not found`, { resource: what, id });
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(ErrorCodes.conflict, message, details);
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = 'A valid bearer token is required') {
    super(ErrorCodes.unauthenticated, message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(ErrorCodes.forbidden, message, details);
  }
}

export class IllegalTransitionError extends DomainError {
  constructor(machine: string, from: string, to: string) {
    super(ErrorCodes.illegalTransition, `${machine} cannot go from '${from}' to '${to}'`, { machine, from, to });
  }
}

export class TeamNotFound extends NotFoundError {
  constructor(slug: string) {
    super('team', slug);
  }
}
