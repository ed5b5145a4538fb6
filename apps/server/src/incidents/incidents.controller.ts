import { Body, Controller, Get, Headers, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Principal } from '#access';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators.js';
import { ValidQuery } from '../validation/zod-body.js';
import { ImportIncidentsCommand, ImportIncidentsUseCase } from './import-incidents.use-case.js';
import { IncidentListQuerySchema, MetricsQuerySchema, type IncidentListQueryDto, type MetricsQueryDto } from './incidents.dto.js';
import { IncidentsService } from './incidents.service.js';

@ApiTags('incidents')
@ApiBearerAuth()
@Controller('api/v1')
export class IncidentsController {
  constructor(
    private readonly incidents: IncidentsService,
    private readonly importer: ImportIncidentsUseCase,
  ) {}

  /** Imports incident history: a JSON array, or CSV with a header row (statusUpdates separated by ';'). */
  @Post('teams/:slug/incidents')
  @RequireRole('facilitator')
  @ApiConsumes('application/json', 'text/csv')
  @ApiBody({ description: 'JSON array of incidents, or text/csv with a header row naming the same fields' })
  import(@CurrentPrincipal() principal: Principal, @Param('slug') slug: string, @Headers('content-type') contentType: string | undefined, @Body() body: unknown) {
    return this.importer.execute(new ImportIncidentsCommand(principal, slug, contentType ?? '', body));
  }

  @Get('teams/:slug/incidents')
  list(@CurrentPrincipal() principal: Principal, @Param('slug') slug: string, @ValidQuery(IncidentListQuerySchema) query: IncidentListQueryDto) {
    return this.incidents.list(principal, slug, query);
  }

  @Get('teams/:slug/metrics')
  metrics(@CurrentPrincipal() principal: Principal, @Param('slug') slug: string, @ValidQuery(MetricsQuerySchema) query: MetricsQueryDto) {
    return this.incidents.metricsFor(principal, slug, query);
  }

  @Get('incidents/:id')
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.incidents.get(principal, id);
  }
}
