import { Module } from '@nestjs/common';
import { CorrelationCandidates, SignalStore } from '#incident';
import { TypeOrmSignalStore } from '#persistence';
import { DatabaseService } from '../database/database.service.js';
import { RunCorrelationCandidates } from '../runs/run-correlation.js';
import { SignalCorrelator } from './signal-correlator.service.js';
import { SignalsController } from './signals.controller.js';
import { SignalsService } from './signals.service.js';

/**
 * Stored signals, their correlation to runs and the signals API. Exports
 * SignalStore (record/attach/correct, for the run engine and marks).
 */
@Module({
  controllers: [SignalsController],
  providers: [
    { provide: SignalStore, inject: [DatabaseService], useFactory: (db: DatabaseService) => new TypeOrmSignalStore(() => db.dataSource) },
    // Runs come from the global RunStoreModule.
    { provide: CorrelationCandidates, useExisting: RunCorrelationCandidates },
    SignalCorrelator,
    SignalsService,
  ],
  exports: [SignalStore, CorrelationCandidates, SignalCorrelator],
})
export class SignalsModule {}
