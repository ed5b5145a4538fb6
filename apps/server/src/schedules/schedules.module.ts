import { Module } from '@nestjs/common';
import { SchedulerCoreModule } from '../scheduler/scheduler-core.module.js';
import { ScheduleFileLoader } from './schedule-file.loader.js';
import { SchedulesController } from './schedules.controller.js';
import { SchedulesService } from './schedules.service.js';

@Module({ imports: [SchedulerCoreModule], controllers: [SchedulesController], providers: [SchedulesService, ScheduleFileLoader], exports: [SchedulesService, ScheduleFileLoader] })
export class SchedulesModule {}
