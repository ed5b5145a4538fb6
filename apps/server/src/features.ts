import type { Type } from '@nestjs/common';
import { TeamsModule } from './teams/teams.module.js';

/**
 * Every feature module of the server. A feature adds one line here; the
 * core (config, logger, database, auth, metrics, domain events) is global.
 */
export const FEATURE_MODULES: Type<unknown>[] = [TeamsModule];
