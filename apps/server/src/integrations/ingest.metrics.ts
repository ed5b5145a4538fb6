import { Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import { MetricsService } from '../metrics/metrics.service.js';

export type DeliveryOutcome = 'accepted' | 'duplicate' | 'ignored' | 'unauthorized' | 'malformed' | 'rejected' | 'not_found';

/** Webhook deliveries per integration type and outcome, on the shared registry. */
@Injectable()
export class IngestMetrics {
  private readonly deliveries: Counter<'type' | 'outcome'>;

  constructor(metrics: MetricsService) {
    this.deliveries = new Counter({
      name: 'firedrill_webhook_deliveries_total',
      help: 'Webhook deliveries received, by integration type and outcome (accepted, duplicate, ignored, unauthorized, malformed, rejected, not_found)',
      labelNames: ['type', 'outcome'],
      registers: [metrics.registry],
    });
  }

  count(type: string, outcome: DeliveryOutcome): void {
    this.deliveries.inc({ type, outcome });
  }
}
