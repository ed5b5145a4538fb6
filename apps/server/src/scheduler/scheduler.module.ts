import { Module } from '@nestjs/common';
import { GamedaysModule } from '../gamedays/gamedays.module.js';
import { SchedulesModule } from '../schedules/schedules.module.js';
import { SchedulerCoreModule } from './scheduler-core.module.js';

/** Scheduling feature: game-day calendar, continuous-chaos schedules and the replica-safe tick. */
@Module({ imports: [SchedulerCoreModule, GamedaysModule, SchedulesModule], exports: [SchedulerCoreModule] })
export class SchedulerModule {}
