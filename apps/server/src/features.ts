import type { Type } from '@nestjs/common';
import { RunStoreModule } from './runs/run-store.module.js';
import { RunsModule } from './runs/runs.module.js';
import { TeamsModule } from './teams/teams.module.js';
import { ScenariosModule } from './scenarios/scenarios.module.js';
import { IntegrationsModule } from './integrations/integrations.module.js';
import { SchedulerModule } from './scheduler/scheduler.module.js';
import { IncidentHistoryModule } from './incidents/incident-history.module.js';
import { LiveModule } from './live/live.module.js';
import { RunMetricsModule } from './runs/metrics/run-metrics.module.js';
import { TabletopsModule } from './tabletops/tabletops.module.js';
import { WebModule } from './web/web.module.js';

/**
 * Every feature module of the server. A feature adds one line here; the
 * core (config, logger, database, auth, metrics, domain events) is global.
 */
export const FEATURE_MODULES: Type<unknown>[] = [RunStoreModule, RunsModule, TeamsModule, ScenariosModule, IntegrationsModule, SchedulerModule, IncidentHistoryModule, LiveModule, RunMetricsModule, TabletopsModule, WebModule];
