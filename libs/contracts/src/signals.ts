/** A normalised signal as the API returns it. */
export interface SignalDto {
  id: string;
  integrationId: string | null;
  team: string | null;
  source: string;
  kind: string;
  occurredAt: string;
  receivedAt: string;
  /** `sender`: occurredAt is the sender's timestamp; `arrival`: the sender's was missing or ambiguous. */
  timeSource: string;
  labels: Record<string, string>;
  summary: string | null;
  dedupeKey: string;
  drill: boolean | null;
  raw?: unknown;
}

export interface IntegrationDto {
  id: string;
  type: string;
  team: string | null;
  name: string;
  /** Type-specific settings; the signing secret is never returned. */
  options: Record<string, unknown>;
  hasSecret: boolean;
  /** Path of the webhook endpoint, `/api/v1/hooks/<id>`. */
  url: string;
  createdAt: string;
}

/** Returned once, when the integration is created. */
export interface CreatedIntegrationDto extends IntegrationDto {
  token: string;
}

/** Answer to a webhook delivery. */
export interface DeliveryReceiptDto {
  /** True when every signal of the delivery had been stored before. */
  duplicate: boolean;
  accepted: number;
  duplicates: number;
  signals: string[];
}
