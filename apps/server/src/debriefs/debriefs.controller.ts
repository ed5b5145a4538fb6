import { Controller, Delete, Get, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Principal } from '#access';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators.js';
import { ApiZodBody, ValidBody, ValidQuery } from '../validation/zod-body.js';
import { DraftQuerySchema, PostmortemEditSchema, TemplateSchema, type DraftQuery, type PostmortemEdit, type TemplateBody } from './debriefs.dto.js';
import { DebriefsService } from './debriefs.service.js';
import { SavePostmortemUseCase } from './save-postmortem.use-case.js';
import { TemplatesService } from './templates.service.js';

@ApiTags('debriefs')
@ApiBearerAuth()
@Controller('api/v1')
export class DebriefsController {
  constructor(
    private readonly debriefs: DebriefsService,
    private readonly savePostmortem: SavePostmortemUseCase,
    private readonly templates: TemplatesService,
  ) {}

  /** The postmortem draft of an incident, rendered with a template. */
  @Get('incidents/:id/postmortem')
  @ApiProduces('text/markdown', 'text/html')
  async incidentDraft(@CurrentPrincipal() p: Principal, @Param('id') id: string, @ValidQuery(DraftQuerySchema) q: DraftQuery, @Res({ passthrough: true }) res: Response) {
    return send(res, await this.debriefs.draft(p, { incidentId: id }, q));
  }

  /** The postmortem draft of a run (its drill record). */
  @Get('runs/:id/postmortem')
  @ApiProduces('text/markdown', 'text/html')
  async runDraft(@CurrentPrincipal() p: Principal, @Param('id') id: string, @ValidQuery(DraftQuerySchema) q: DraftQuery, @Res({ passthrough: true }) res: Response) {
    return send(res, await this.debriefs.draft(p, { runId: id }, q));
  }

  @Get('incidents/:id/postmortem/record')
  incidentRecord(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.debriefs.record(p, { incidentId: id });
  }

  @Get('runs/:id/postmortem/record')
  runRecord(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.debriefs.record(p, { runId: id });
  }

  @Put('incidents/:id/postmortem')
  @RequireRole('responder')
  @ApiZodBody(PostmortemEditSchema)
  saveIncident(@CurrentPrincipal() p: Principal, @Param('id') id: string, @ValidBody(PostmortemEditSchema) body: PostmortemEdit) {
    return this.savePostmortem.execute(p, { incidentId: id }, body);
  }

  @Put('runs/:id/postmortem')
  @RequireRole('responder')
  @ApiZodBody(PostmortemEditSchema)
  saveRun(@CurrentPrincipal() p: Principal, @Param('id') id: string, @ValidBody(PostmortemEditSchema) body: PostmortemEdit) {
    return this.savePostmortem.execute(p, { runId: id }, body);
  }

  @Post('teams/:slug/templates')
  @RequireRole('facilitator')
  @ApiZodBody(TemplateSchema)
  saveTemplate(@CurrentPrincipal() p: Principal, @Param('slug') slug: string, @ValidBody(TemplateSchema) body: TemplateBody) {
    return this.templates.save(p, slug, body);
  }

  @Get('teams/:slug/templates')
  listTemplates(@CurrentPrincipal() p: Principal, @Param('slug') slug: string) {
    return this.templates.list(p, slug);
  }

  @Get('teams/:slug/templates/:name')
  getTemplate(@CurrentPrincipal() p: Principal, @Param('slug') slug: string, @Param('name') name: string) {
    return this.templates.get(p, slug, name);
  }

  @Delete('teams/:slug/templates/:name')
  @HttpCode(204)
  @RequireRole('facilitator')
  deleteTemplate(@CurrentPrincipal() p: Principal, @Param('slug') slug: string, @Param('name') name: string) {
    return this.templates.delete(p, slug, name);
  }
}

function send(res: Response, draft: { contentType: string; body: string }): string {
  res.type(draft.contentType);
  return draft.body;
}
