import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Principal } from '#access';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators.js';
import { ApiZodBody, ValidQuery } from '../validation/zod-body.js';
import { SaveScenarioCommand, SaveScenarioUseCase } from './save-scenario.use-case.js';
import { kindFromPath, ListScenariosSchema, SaveScenarioJsonSchema, VersionQuerySchema, type ListScenarios, type VersionQuery } from './scenarios.dto.js';
import { ScenariosService } from './scenarios.service.js';

@ApiTags('scenarios')
@ApiBearerAuth()
@Controller('api/v1/scenarios')
export class ScenariosController {
  constructor(
    private readonly scenarios: ScenariosService,
    private readonly saveScenario: SaveScenarioUseCase,
  ) {}

  /** 201 with the new version(s); 200 when the text equals the latest version. */
  @Post()
  @RequireRole('facilitator')
  @ApiConsumes('application/yaml', 'application/json')
  @ApiZodBody(SaveScenarioJsonSchema)
  async save(@CurrentPrincipal() principal: Principal, @Body() body: unknown, @Res({ passthrough: true }) res: Response) {
    const result = await this.saveScenario.execute(principal, SaveScenarioCommand.fromBody(body));
    res.status(result.status);
    return result.body;
  }

  @Get()
  list(@CurrentPrincipal() principal: Principal, @ValidQuery(ListScenariosSchema) query: ListScenarios) {
    return this.scenarios.list(principal, query);
  }

  @Get(':kind/:name')
  get(@CurrentPrincipal() principal: Principal, @Param('kind') kind: string, @Param('name') name: string, @ValidQuery(VersionQuerySchema) q: VersionQuery) {
    return this.scenarios.get(principal, kindFromPath(kind), name, q.version);
  }

  @Get(':kind/:name/versions')
  versions(@CurrentPrincipal() principal: Principal, @Param('kind') kind: string, @Param('name') name: string) {
    return this.scenarios.versions(principal, kindFromPath(kind), name);
  }

  @Get(':kind/:name/plan')
  plan(@CurrentPrincipal() principal: Principal, @Param('kind') kind: string, @Param('name') name: string, @ValidQuery(VersionQuerySchema) q: VersionQuery) {
    return this.scenarios.plan(principal, kindFromPath(kind), name, q.version);
  }
}
