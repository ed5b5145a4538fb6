import { Module } from '@nestjs/common';
import { ScenariosModule } from '../scenarios/scenarios.module.js';
import { SignalsModule } from '../signals/signals.module.js';
import { ClusterAccess } from './cluster-access.service.js';
import { FaultEngineFactory } from './engine/fault-engine.factory.js';
import { RecoverySweeper } from './engine/recovery-sweeper.service.js';
import { RunEngine } from './engine/run-engine.service.js';
import { RunOutcomeService } from './engine/run-outcome.service.js';
import { HaltController, RunsController } from './runs.controller.js';
import { EngineChaosGate, EngineRunLauncher } from './run-ports.js';
import { RunsService } from './runs.service.js';
import { SignalTimelineListener } from './signal-timeline.listener.js';
import { TimelineService } from './timeline.service.js';
import { HaltUseCase } from './use-cases/halt.use-case.js';
import { RunActionsUseCase } from './use-cases/run-actions.use-case.js';
import { StartRunUseCase } from './use-cases/start-run.use-case.js';

/** Runs, the fault engine, the recovery sweeper and the halt switch. */
@Module({
  imports: [ScenariosModule, SignalsModule],
  controllers: [RunsController, HaltController],
  providers: [
    ClusterAccess,
    FaultEngineFactory,
    RunEngine,
    RecoverySweeper,
    RunOutcomeService,
    TimelineService,
    RunsService,
    StartRunUseCase,
    RunActionsUseCase,
    HaltUseCase,
    EngineRunLauncher,
    EngineChaosGate,
    SignalTimelineListener,
  ],
  exports: [EngineRunLauncher, EngineChaosGate, RunEngine, RecoverySweeper, TimelineService, ClusterAccess, StartRunUseCase, HaltUseCase, RunsService],
})
export class RunsModule {}
