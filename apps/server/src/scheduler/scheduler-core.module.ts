import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { ChaosGate, Clock, GameDayRepository, JobClaims, RunLauncher, ScheduleRepository } from '#calendar';
import { TypeOrmGameDayRepository, TypeOrmJobClaims, TypeOrmScheduleRepository } from '#persistence';
import { DatabaseService } from '../database/database.service.js';
import { RunsModule } from '../runs/runs.module.js';
import { GameDayRunner } from '../gamedays/gameday-runner.service.js';
import { ReminderService } from '../gamedays/reminder.service.js';
import { newReplicaId, REPLICA_ID } from './replica-id.js';
import { ScheduleRunner } from './schedule-runner.service.js';
import { SchedulerService } from './scheduler.service.js';
import { SCHEDULER_PORT_PROVIDERS } from './scheduler.ports.js';

const exported = [REPLICA_ID, Clock, RunLauncher, ChaosGate, JobClaims, ScheduleRepository, GameDayRepository, SchedulerService, ScheduleRunner, ReminderService, GameDayRunner];

/** Repositories, ports and the tick loop shared by the game-day and schedule features. */
@Module({
  imports: [ScheduleModule.forRoot(), RunsModule],
  providers: [
    ...SCHEDULER_PORT_PROVIDERS,
    { provide: REPLICA_ID, useFactory: newReplicaId },
    { provide: JobClaims, inject: [DatabaseService], useFactory: (db: DatabaseService) => new TypeOrmJobClaims(() => db.dataSource) },
    { provide: ScheduleRepository, inject: [DatabaseService], useFactory: (db: DatabaseService) => new TypeOrmScheduleRepository(() => db.dataSource) },
    { provide: GameDayRepository, inject: [DatabaseService], useFactory: (db: DatabaseService) => new TypeOrmGameDayRepository(() => db.dataSource) },
    ScheduleRunner,
    ReminderService,
    GameDayRunner,
    SchedulerService,
  ],
  exports: exported,
})
export class SchedulerCoreModule {}
