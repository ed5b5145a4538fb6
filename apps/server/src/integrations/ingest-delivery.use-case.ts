import { Inject, Injectable } from '@nestjs/common';
import type { FiredrillConfig } from '#config';
import { NotFoundError, type DeliveryReceiptDto } from '#contracts';
import {
  checkClockSkew,
  ClockSkewError,
  DeadLetterStore,
  keptHeaders,
  MalformedDeliveryError,
  SignalStore,
  WEBHOOK_ADAPTERS,
  WebhookUnauthorizedError,
  type Delivery,
  type Integration,
  type SignalDraft,
} from '#incident';
import { CONFIG } from '../core/config.token.js';
import { DomainEvents } from '../core/domain-events.js';
import { IngestMetrics } from './ingest.metrics.js';
import { IntegrationCache } from './integration-cache.js';

/**
 * One webhook delivery: authenticate (401, nothing stored), read it
 * (400 or 422 and a dead letter), store its signals in one statement, answer.
 * Correlation to runs happens after the answer, on `signal.received`.
 */
@Injectable()
export class IngestDeliveryUseCase {
  constructor(
    @Inject(CONFIG) private readonly config: FiredrillConfig,
    private readonly integrations: IntegrationCache,
    private readonly signals: SignalStore,
    private readonly deadLetters: DeadLetterStore,
    private readonly events: DomainEvents,
    private readonly metrics: IngestMetrics,
  ) {}

  async execute(integrationId: string, delivery: Delivery): Promise<DeliveryReceiptDto & { ignored?: true }> {
    const integration = await this.integrations.find(integrationId);
    if (!integration) {
      this.metrics.count('unknown', 'not_found');
      throw new NotFoundError('integration', integrationId);
    }
    const adapter = WEBHOOK_ADAPTERS[integration.type];
    try {
      adapter.authenticate(delivery, integration);
    } catch (error) {
      if (error instanceof WebhookUnauthorizedError) this.metrics.count(integration.type, 'unauthorized');
      throw error;
    }
    const drafts = await this.read(integration, delivery);
    if (drafts.length === 0) {
      this.metrics.count(integration.type, 'ignored');
      return { duplicate: false, accepted: 0, duplicates: 0, signals: [], ignored: true };
    }
    const result = await this.signals.recordDelivery({
      integrationId: integration.id,
      team: integration.team,
      source: integration.type,
      delivery: {
        body: delivery.body,
        receivedAt: delivery.receivedAt,
        headers: keptHeaders(delivery.headers, this.signatureHeaders(integration)),
      },
      drafts,
    });
    for (const s of result.signals) this.events.emit('signal.received', { signalId: s.id, team: s.team, kind: s.kind, source: s.source });
    const duplicate = result.signals.length === 0;
    this.metrics.count(integration.type, duplicate ? 'duplicate' : 'accepted');
    return { duplicate, accepted: result.signals.length, duplicates: result.duplicates, signals: result.signals.map((s) => s.id) };
  }

  /** Parses and checks the sender's clock; a delivery refused here is kept as a dead letter. */
  private async read(integration: Integration, delivery: Delivery): Promise<SignalDraft[]> {
    try {
      const drafts = WEBHOOK_ADAPTERS[integration.type].parse(delivery, integration);
      checkClockSkew(drafts, delivery.receivedAt, this.config.clockSkewToleranceMs);
      return drafts;
    } catch (error) {
      if (error instanceof MalformedDeliveryError || error instanceof ClockSkewError) {
        const malformed = error instanceof MalformedDeliveryError;
        this.metrics.count(integration.type, malformed ? 'malformed' : 'rejected');
        const issues = malformed ? error.errors : (error.details['errors'] as { path: string; message: string }[]);
        await this.deadLetters.add({
          integrationId: integration.id,
          reason: [error.message, ...issues.map((i) => `${i.path}: ${i.message}`)].join('\n'),
          statusCode: malformed ? 400 : 422,
          raw: delivery.body,
          headers: keptHeaders(delivery.headers, this.signatureHeaders(integration)),
          receivedAt: delivery.receivedAt,
        });
      }
      throw error;
    }
  }

  private signatureHeaders(integration: Integration): string[] {
    return [integration.options.signatureHeader, integration.options.timestampHeader].filter((h): h is string => !!h);
  }
}
