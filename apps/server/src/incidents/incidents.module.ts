import { Module } from '@nestjs/common';
import { IncidentMetricsSource, IncidentRecords, RecordTimelineSource, TimelineSource } from '#incident';
import { TypeOrmIncidentMetrics, TypeOrmIncidentRecords } from '#persistence';
import { DatabaseService } from '../database/database.service.js';
import { ImportIncidentsUseCase } from './import-incidents.use-case.js';
import { IncidentsController } from './incidents.controller.js';
import { IncidentsService } from './incidents.service.js';

/**
 * Incident and drill records: history import, listing, metrics. Exports the
 * IncidentRecords port (the run engine calls upsertDrill) and the
 * TimelineSource (default: the record's own timestamps).
 */
@Module({
  controllers: [IncidentsController],
  providers: [
    { provide: IncidentRecords, inject: [DatabaseService], useFactory: (db: DatabaseService) => new TypeOrmIncidentRecords(() => db.dataSource) },
    { provide: IncidentMetricsSource, inject: [DatabaseService], useFactory: (db: DatabaseService) => new TypeOrmIncidentMetrics(() => db.dataSource) },
    { provide: TimelineSource, useClass: RecordTimelineSource },
    IncidentsService,
    ImportIncidentsUseCase,
  ],
  exports: [IncidentRecords, TimelineSource, IncidentsService],
})
export class IncidentsModule {}
