import { createHash } from 'node:crypto';
import type { ZodError, ZodType } from 'zod';
import type { FieldIssue } from '#contracts';
import type { Delivery } from '../delivery.js';
import { MalformedDeliveryError } from '../errors.js';
import type { Integration } from '../integration.js';
import type { IntegrationType, SignalDraft } from '../signal.js';

/**
 * One per sender type: check who sent the delivery, then read it into signal
 * drafts. Both are pure; storing and correlating happen elsewhere.
 */
export interface WebhookAdapter {
  readonly type: IntegrationType;
  /** Throws WebhookUnauthorizedError when the token or signature is wrong or missing. */
  authenticate(delivery: Delivery, integration: Integration): void;
  /**
   * Throws MalformedDeliveryError when the body cannot be read. An empty list
   * means the delivery is valid but carries nothing we measure (a test ping,
   * an annotation).
   */
  parse(delivery: Delivery, integration: Integration): SignalDraft[];
}

export function parseJson(delivery: Delivery): unknown {
  if (delivery.body.length === 0) throw new MalformedDeliveryError('The delivery has an empty body; a JSON document was expected');
  try {
    return JSON.parse(delivery.body.toString('utf8'));
  } catch (error) {
    throw new MalformedDeliveryError(`The delivery is not valid JSON: ${(error as Error).message}`);
  }
}

export function issuesOf(error: ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path) || '(root)', message: issue.message }));
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '');
}

/** Validates the parsed JSON; every bad field is listed in the 400 answer. */
export function validate<T>(schema: ZodType<T>, value: unknown, sender: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const errors = issuesOf(result.error);
  throw new MalformedDeliveryError(
    `The ${sender} delivery is missing or has invalid fields (${errors.length} problem${errors.length === 1 ? '' : 's'})`,
    errors,
  );
}

/** Go's zero time, which Alertmanager and Grafana send for "not set". */
export function isZeroTime(value: string): boolean {
  return value.startsWith('0001-01-01');
}

export function stringLabels(...sources: (Record<string, unknown> | null | undefined)[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const source of sources) {
    if (!source) continue;
    for (const [key, value] of Object.entries(source)) {
      if (typeof value === 'string') out[key] = value;
      else if (typeof value === 'number' || typeof value === 'boolean') out[key] = String(value);
    }
  }
  return out;
}

/** Stable fingerprint of a label set (used when a sender gives none). */
export function labelFingerprint(labels: Record<string, string>): string {
  const canonical = Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join('\u0000');
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
