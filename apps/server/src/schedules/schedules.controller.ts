import { Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Principal } from '#access';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators.js';
import { ApiZodBody, ValidBody, ValidQuery } from '../validation/zod-body.js';
import {
  CreateScheduleSchema,
  DecisionPageSchema,
  ScheduleListSchema,
  UpdateScheduleSchema,
  type CreateSchedule,
  type DecisionPage,
  type ScheduleList,
  type UpdateSchedule,
} from './schedules.dto.js';
import { SchedulesService } from './schedules.service.js';

@ApiTags('schedules')
@ApiBearerAuth()
@Controller('api/v1/schedules')
export class SchedulesController {
  constructor(private readonly schedules: SchedulesService) {}

  @Post()
  @RequireRole('facilitator')
  @ApiZodBody(CreateScheduleSchema)
  create(@CurrentPrincipal() principal: Principal, @ValidBody(CreateScheduleSchema) body: CreateSchedule) {
    return this.schedules.create(principal, body);
  }

  @Get()
  list(@CurrentPrincipal() principal: Principal, @ValidQuery(ScheduleListSchema) query: ScheduleList) {
    return this.schedules.list(principal, query);
  }

  @Get(':id')
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.schedules.get(principal, id);
  }

  @Patch(':id')
  @RequireRole('facilitator')
  @ApiZodBody(UpdateScheduleSchema)
  update(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @ValidBody(UpdateScheduleSchema) body: UpdateSchedule) {
    return this.schedules.update(principal, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequireRole('facilitator')
  delete(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.schedules.delete(principal, id);
  }

  @Get(':id/decisions')
  decisions(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @ValidQuery(DecisionPageSchema) page: DecisionPage) {
    return this.schedules.decisions(principal, id, page);
  }
}
