import { DomainError, ErrorCodes, type FieldIssue } from '#contracts';
import { formatIssue } from './format.js';

/** A scenario file failed to parse or validate; `errors` holds every problem with its position. */
export class ScenarioInvalidError extends DomainError {
  constructor(
    readonly errors: FieldIssue[],
    file?: string,
  ) {
    const head = `${file ?? 'scenario'} is invalid (${errors.length} ${errors.length === 1 ? 'error' : 'errors'})`;
    super(ErrorCodes.scenarioInvalid, errors.length ? `${head}: ${formatIssue(errors[0]!)}` : head, { errors, file });
  }
}
