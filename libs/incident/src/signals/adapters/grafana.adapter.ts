import type { Delivery } from '../delivery.js';
import { WebhookUnauthorizedError } from '../errors.js';
import { integrationTokenMatches, type Integration } from '../integration.js';
import type { SignalDraft } from '../signal.js';
import { presentedToken, verifyGrafanaSignature } from '../verify.js';
import { alertGroupToDrafts, AlertGroupSchema } from './alertmanager.adapter.js';
import { parseJson, validate, type WebhookAdapter } from './adapter.js';

export const GRAFANA_SIGNATURE_HEADER = 'X-Grafana-Alerting-Signature';

/**
 * Grafana alerting webhook (version 1). With a secret configured the
 * delivery must carry a valid HMAC-SHA256 (hex) in the signature header —
 * over `timestamp:body` when a timestamp header is configured; without one,
 * the integration token (bearer) authenticates it.
 */
export class GrafanaAdapter implements WebhookAdapter {
  readonly type = 'grafana' as const;

  authenticate(delivery: Delivery, integration: Integration): void {
    if (integration.secret) {
      const header = (integration.options.signatureHeader ?? GRAFANA_SIGNATURE_HEADER).toLowerCase();
      const timestampHeader = integration.options.timestampHeader?.toLowerCase();
      const timestamp = timestampHeader ? delivery.headers[timestampHeader] : undefined;
      if (timestampHeader && timestamp === undefined) {
        throw new WebhookUnauthorizedError(`The Grafana delivery has no ${integration.options.timestampHeader} header`);
      }
      if (!verifyGrafanaSignature(delivery.body, delivery.headers[header], integration.secret, timestamp)) {
        throw new WebhookUnauthorizedError(
          `The Grafana delivery's ${integration.options.signatureHeader ?? GRAFANA_SIGNATURE_HEADER} signature does not match`,
        );
      }
      return;
    }
    if (!integrationTokenMatches(presentedToken(delivery, { basic: true }), integration.tokenHash)) {
      throw new WebhookUnauthorizedError(
        'Grafana deliveries need the integration token as a bearer token (or an HMAC secret configured on the integration)',
      );
    }
  }

  parse(delivery: Delivery): SignalDraft[] {
    const group = validate(AlertGroupSchema, parseJson(delivery), 'Grafana');
    return alertGroupToDrafts(group, delivery.receivedAt);
  }
}
