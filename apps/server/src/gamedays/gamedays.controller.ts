import { Controller, Delete, Get, Header, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Principal } from '#access';
import { CurrentPrincipal, PublicRoute, RequireRole } from '../auth/auth.decorators.js';
import { ApiZodBody, ValidBody, ValidQuery } from '../validation/zod-body.js';
import {
  CreateGameDaySchema,
  ExceptionSchema,
  GameDayListSchema,
  OccurrenceRangeSchema,
  UpdateGameDaySchema,
  type CreateGameDay,
  type GameDayException,
  type GameDayList,
  type OccurrenceRange,
  type UpdateGameDay,
} from './gamedays.dto.js';
import { GamedaysService } from './gamedays.service.js';

@ApiTags('gamedays')
@ApiBearerAuth()
@Controller('api/v1/gamedays')
export class GamedaysController {
  constructor(private readonly gamedays: GamedaysService) {}

  @Post()
  @RequireRole('facilitator')
  @ApiZodBody(CreateGameDaySchema)
  create(@CurrentPrincipal() principal: Principal, @ValidBody(CreateGameDaySchema) body: CreateGameDay) {
    return this.gamedays.create(principal, body);
  }

  @Get()
  list(@CurrentPrincipal() principal: Principal, @ValidQuery(GameDayListSchema) query: GameDayList) {
    return this.gamedays.list(principal, query);
  }

  @Get(':id')
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.gamedays.get(principal, id);
  }

  @Patch(':id')
  @RequireRole('facilitator')
  @ApiZodBody(UpdateGameDaySchema)
  update(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @ValidBody(UpdateGameDaySchema) body: UpdateGameDay) {
    return this.gamedays.update(principal, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequireRole('facilitator')
  delete(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.gamedays.delete(principal, id);
  }

  @Post(':id/exceptions')
  @HttpCode(200)
  @RequireRole('facilitator')
  @ApiZodBody(ExceptionSchema)
  cancelOccurrence(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @ValidBody(ExceptionSchema) body: GameDayException) {
    return this.gamedays.cancelOccurrence(principal, id, body);
  }
}

@ApiTags('gamedays')
@Controller('api/v1/teams')
export class TeamCalendarController {
  constructor(private readonly gamedays: GamedaysService) {}

  @Get(':slug/gamedays')
  @ApiBearerAuth()
  occurrences(@CurrentPrincipal() principal: Principal, @Param('slug') slug: string, @ValidQuery(OccurrenceRangeSchema) range: OccurrenceRange) {
    return this.gamedays.occurrences(principal, slug, range);
  }

  /** Read-only feed for calendar apps, which cannot send headers: the token is a query parameter. */
  @Get(':slug/calendar.ics')
  @PublicRoute()
  @ApiQuery({ name: 'token', required: true, description: 'API token whose scope allows this team' })
  @Header('content-type', 'text/calendar; charset=utf-8')
  @Header('cache-control', 'private, max-age=300')
  calendar(@Param('slug') slug: string, @Query('token') token: string | undefined, @Req() req: Request) {
    return this.gamedays.calendar(slug, typeof token === 'string' ? token : undefined, `${req.protocol}://${req.get('host')}${req.path}`);
  }
}
