import { Module } from '@nestjs/common';
import { IncidentMetricsSource, IncidentRecords, TimelineSource } from '#incident';
import { RunTimelineSource } from '../runs/run-timeline-source.js';
import { TypeOrmIncidentMetrics, TypeOrmIncidentRecords } from '#persistence';
import { DatabaseService } from '../database/database.service.js';
import { SignalsModule } from '../signals/signals.module.js';
import { ImportIncidentsUseCase } from './import-incidents.use-case.js';
import { IncidentsController } from './incidents.controller.js';
import { IncidentsService } from './incidents.service.js';

/**
 * Incident and drill records: history import, listing, metrics. Exports the
 * IncidentRecords port (the run engine calls upsertDrill) and the
 * TimelineSource (a drill's run timeline, or the record's own timestamps).
 */
@Module({
  imports: [SignalsModule],
  controllers: [IncidentsController],
  providers: [
    { provide: IncidentRecords, inject: [DatabaseService], useFactory: (db: DatabaseService) => new TypeOrmIncidentRecords(() => db.dataSource) },
    { provide: IncidentMetricsSource, inject: [DatabaseService], useFactory: (db: DatabaseService) => new TypeOrmIncidentMetrics(() => db.dataSource) },
    { provide: TimelineSource, useClass: RunTimelineSource },
    IncidentsService,
    ImportIncidentsUseCase,
  ],
  exports: [IncidentRecords, TimelineSource, IncidentsService],
})
export class IncidentsModule {}
