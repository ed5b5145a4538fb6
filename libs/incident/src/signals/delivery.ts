/** One HTTP request to `/api/v1/hooks/:id`, as the adapters see it. */
export interface Delivery {
  /** The exact bytes received; signatures are computed over them. */
  body: Buffer;
  /** Header names in lower case. */
  headers: Record<string, string | undefined>;
  query: Record<string, string | undefined>;
  receivedAt: Date;
}

/** Headers worth keeping with a dead letter or a stored delivery (never credentials). */
export const KEPT_HEADERS = [
  'content-type',
  'content-length',
  'user-agent',
  'x-request-id',
  'x-webhook-id',
  'x-webhook-subscription',
  'x-pagerduty-signature',
  'x-grafana-alerting-signature',
  'x-opsgenie-integration',
] as const;

export function keptHeaders(headers: Record<string, string | undefined>, extra: string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of [...KEPT_HEADERS, ...extra.map((h) => h.toLowerCase())]) {
    const value = headers[name];
    if (value !== undefined) out[name] = value;
  }
  return out;
}
