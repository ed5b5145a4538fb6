import { DomainError, ErrorCodes } from '#contracts';

/** The service account lacks a permission; names the verb and resource. */
export class ClusterForbiddenError extends DomainError {
  constructor(
    readonly verb: string,
    readonly resource: string,
    readonly namespace: string | undefined,
    detail: string,
  ) {
    super(
      ErrorCodes.clusterForbidden,
      `Missing permission: cannot ${verb} ${resource}${namespace ? ` in namespace '${namespace}'` : ''} (${detail})`,
      { verb, resource, namespace },
    );
  }
}

export class ClusterUnavailableError extends DomainError {
  constructor(message: string) {
    super(ErrorCodes.clusterUnavailable, message);
  }
}

/** Optimistic concurrency: the object changed since it was read. */
export class ClusterConflictError extends DomainError {
  constructor(what: string) {
    super(ErrorCodes.conflict, `${what} changed while Firedrill was updating it`);
  }
}

export class NamespaceNotAllowedError extends DomainError {
  constructor(namespace: string, reason: string) {
    super(ErrorCodes.namespaceNotAllowed, `Namespace '${namespace}' cannot be targeted: ${reason}`, { namespace });
  }
}

export class BlastRadiusExceededError extends DomainError {
  constructor(message: string, details: Record<string, unknown>) {
    super(ErrorCodes.blastRadiusExceeded, message, details);
  }
}

export class HaltInForceError extends DomainError {
  constructor(reason: string) {
    super(ErrorCodes.haltInForce, `A halt is in force (${reason}); lift it with DELETE /api/v1/halt before starting runs`, { reason });
  }
}

/** Another active fault already holds the object. */
export class TargetBusyError extends DomainError {
  constructor(what: string, holder: string) {
    super(ErrorCodes.conflict, `${what} is already changed by another active fault (record ${holder})`, { holder });
  }
}

/** The object a fault should change does not exist (not worth retrying). */
export class TargetNotFoundError extends DomainError {
  constructor(what: string) {
    super(ErrorCodes.notFound, `${what} does not exist`);
  }
}
