import { Module } from '@nestjs/common';
import { DeadLetterStore, IntegrationRepository } from '#incident';
import { TypeOrmDeadLetterStore, TypeOrmIntegrationRepository } from '#persistence';
import { DatabaseService } from '../database/database.service.js';
import { SignalsModule } from '../signals/signals.module.js';
import { HooksController } from './hooks.controller.js';
import { IngestDeliveryUseCase } from './ingest-delivery.use-case.js';
import { IngestMetrics } from './ingest.metrics.js';
import { IntegrationCache } from './integration-cache.js';
import { IntegrationsController } from './integrations.controller.js';
import { IntegrationsService } from './integrations.service.js';

/** Integration intake: configured senders, their webhook endpoint and dead letters. Signals live in SignalsModule. */
@Module({
  imports: [SignalsModule],
  controllers: [IntegrationsController, HooksController],
  providers: [
    {
      provide: IntegrationRepository,
      inject: [DatabaseService],
      useFactory: (db: DatabaseService) => new TypeOrmIntegrationRepository(() => db.dataSource),
    },
    {
      provide: DeadLetterStore,
      inject: [DatabaseService],
      useFactory: (db: DatabaseService) => new TypeOrmDeadLetterStore(() => db.dataSource),
    },
    IntegrationsService,
    IngestDeliveryUseCase,
    IngestMetrics,
    IntegrationCache,
  ],
  exports: [SignalsModule],
})
export class IntegrationsModule {}
