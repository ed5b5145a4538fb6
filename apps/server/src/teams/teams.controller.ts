import { Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Principal } from '#access';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators.js';
import { ApiZodBody, ValidBody, ValidQuery } from '../validation/zod-body.js';
import { CreateTeamSchema, PageSchema, UpdateTeamSchema, type CreateTeam, type Page, type UpdateTeam } from './teams.dto.js';
import { TeamsService } from './teams.service.js';

@ApiTags('teams')
@ApiBearerAuth()
@Controller('api/v1/teams')
export class TeamsController {
  constructor(private readonly teams: TeamsService) {}

  @Post()
  @RequireRole('facilitator')
  @ApiZodBody(CreateTeamSchema)
  create(@ValidBody(CreateTeamSchema) body: CreateTeam) {
    return this.teams.create(body);
  }

  @Get()
  list(@CurrentPrincipal() principal: Principal, @ValidQuery(PageSchema) page: Page) {
    return this.teams.list(principal, page);
  }

  @Get(':slug')
  get(@CurrentPrincipal() principal: Principal, @Param('slug') slug: string) {
    return this.teams.get(principal, slug);
  }

  @Patch(':slug')
  @RequireRole('facilitator')
  @ApiZodBody(UpdateTeamSchema)
  update(@CurrentPrincipal() principal: Principal, @Param('slug') slug: string, @ValidBody(UpdateTeamSchema) body: UpdateTeam) {
    return this.teams.update(principal, slug, body);
  }

  @Delete(':slug')
  @HttpCode(204)
  @RequireRole('facilitator')
  delete(@CurrentPrincipal() principal: Principal, @Param('slug') slug: string) {
    return this.teams.delete(principal, slug);
  }
}
