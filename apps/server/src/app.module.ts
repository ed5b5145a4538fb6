import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import type { Logger } from 'pino';
import type { FiredrillConfig } from '#config';
import { AuthGuard } from './auth/auth.guard.js';
import { BootstrapAdminService } from './auth/bootstrap-admin.service.js';
import { TokenAuthenticator } from './auth/token-authenticator.service.js';
import { TokensController } from './auth/tokens.controller.js';
import { CONFIG } from './core/config.token.js';
import { DatabaseModule } from './database/database.module.js';
import { ProblemFilter } from './errors/problem.filter.js';
import { HealthController } from './health/health.controller.js';
import { LOGGER } from './logging/logger.js';
import { MetricsController } from './metrics/metrics.controller.js';
import { MetricsService } from './metrics/metrics.service.js';
import { DomainEvents } from './core/domain-events.js';
import { FEATURE_MODULES } from './features.js';

/** Composition root: wiring only. */
@Module({})
export class AppModule {
  static register(config: FiredrillConfig, logger: Logger): DynamicModule {
    const core: DynamicModule = {
      module: CoreModule,
      global: true,
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        MetricsService,
        TokenAuthenticator,
        DomainEvents,
      ],
      exports: [CONFIG, LOGGER, MetricsService, TokenAuthenticator, DomainEvents],
    };
    return {
      module: AppModule,
      imports: [core, DatabaseModule, ...FEATURE_MODULES],
      controllers: [HealthController, MetricsController, TokensController],
      providers: [
        BootstrapAdminService,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
    };
  }
}

@Module({})
class CoreModule {}
