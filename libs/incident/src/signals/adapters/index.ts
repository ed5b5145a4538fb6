import type { IntegrationType } from '../signal.js';
import type { WebhookAdapter } from './adapter.js';
import { AlertmanagerAdapter } from './alertmanager.adapter.js';
import { GenericAdapter } from './generic.adapter.js';
import { GrafanaAdapter } from './grafana.adapter.js';
import { OpsgenieAdapter } from './opsgenie.adapter.js';
import { PagerDutyAdapter } from './pagerduty.adapter.js';
import { StatuspageAdapter } from './statuspage.adapter.js';

export * from './adapter.js';
export * from './alertmanager.adapter.js';
export * from './grafana.adapter.js';
export * from './pagerduty.adapter.js';
export * from './opsgenie.adapter.js';
export * from './statuspage.adapter.js';
export * from './generic.adapter.js';
export * from './epoch.js';

/** The adapter for each integration type. */
export const WEBHOOK_ADAPTERS: Record<IntegrationType, WebhookAdapter> = {
  alertmanager: new AlertmanagerAdapter(),
  grafana: new GrafanaAdapter(),
  pagerduty: new PagerDutyAdapter(),
  opsgenie: new OpsgenieAdapter(),
  statuspage: new StatuspageAdapter(),
  generic: new GenericAdapter(),
};
