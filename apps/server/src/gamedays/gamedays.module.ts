import { Module } from '@nestjs/common';
import { SchedulerCoreModule } from '../scheduler/scheduler-core.module.js';
import { GamedaysController, TeamCalendarController } from './gamedays.controller.js';
import { GamedaysService } from './gamedays.service.js';

@Module({ imports: [SchedulerCoreModule], controllers: [GamedaysController, TeamCalendarController], providers: [GamedaysService], exports: [GamedaysService] })
export class GamedaysModule {}
