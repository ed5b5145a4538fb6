import { DomainError, ErrorCodes, UnauthenticatedError, type FieldIssue } from '#contracts';

/** Wrong or missing token/signature on a webhook delivery (401). Nothing is stored. */
export class WebhookUnauthorizedError extends UnauthenticatedError {
  constructor(message: string) {
    super(message);
  }
}

/** A delivery that cannot be read (400); it is kept in the dead-letter table. */
export class MalformedDeliveryError extends DomainError {
  constructor(
    message: string,
    readonly errors: FieldIssue[] = [],
  ) {
    super(ErrorCodes.malformedBody, message, { errors });
  }
}

/** A sender timestamp too far in the future to be trusted (422); the delivery is dead-lettered. */
export class ClockSkewError extends DomainError {
  constructor(
    readonly field: string,
    occurredAt: Date,
    receivedAt: Date,
    readonly toleranceMs: number,
  ) {
    const aheadMs = occurredAt.getTime() - receivedAt.getTime();
    super(
      ErrorCodes.clockSkewExceeded,
      `${field} (${occurredAt.toISOString()}) lies ${Math.round(aheadMs / 1000)} s in the future, beyond the clock-skew tolerance of ${toleranceMs} ms (FIREDRILL_CLOCK_SKEW_TOLERANCE)`,
      {
        errors: [{ path: field, message: `is ${aheadMs} ms ahead of the arrival time; the tolerance is ${toleranceMs} ms` }],
        field,
        toleranceMs,
        occurredAt: occurredAt.toISOString(),
        receivedAt: receivedAt.toISOString(),
      },
    );
  }
}
