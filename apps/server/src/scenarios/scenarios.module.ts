import { Module } from '@nestjs/common';
import { TypeOrmScenarioStore } from '#persistence';
import { ScenarioStore } from '#scenario';
import { DatabaseService } from '../database/database.service.js';
import { SaveScenarioUseCase } from './save-scenario.use-case.js';
import { ScenarioLoaderService } from './scenario-loader.service.js';
import { ScenariosController } from './scenarios.controller.js';
import { ScenariosService } from './scenarios.service.js';

/** Scenario storage and its API; exports ScenarioStore for the run engine and the scheduler. */
@Module({
  controllers: [ScenariosController],
  providers: [
    { provide: ScenarioStore, inject: [DatabaseService], useFactory: (db: DatabaseService) => new TypeOrmScenarioStore(() => db.dataSource) },
    ScenariosService,
    SaveScenarioUseCase,
    ScenarioLoaderService,
  ],
  exports: [ScenarioStore],
})
export class ScenariosModule {}
