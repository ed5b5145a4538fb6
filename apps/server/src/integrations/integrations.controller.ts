import { Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Principal } from '#access';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators.js';
import { ApiZodBody, ValidBody, ValidQuery } from '../validation/zod-body.js';
import { CreateIntegrationSchema, DeadLetterPageSchema, type CreateIntegration, type DeadLetterPage } from './integrations.dto.js';
import { IntegrationsService } from './integrations.service.js';

@ApiTags('integrations')
@ApiBearerAuth()
@Controller('api/v1/integrations')
export class IntegrationsController {
  constructor(private readonly integrations: IntegrationsService) {}

  /** Returns the webhook URL and the token, once. */
  @Post()
  @RequireRole('facilitator')
  @ApiZodBody(CreateIntegrationSchema)
  create(@CurrentPrincipal() principal: Principal, @ValidBody(CreateIntegrationSchema) body: CreateIntegration) {
    return this.integrations.create(principal, body);
  }

  @Get()
  list(@CurrentPrincipal() principal: Principal) {
    return this.integrations.list(principal);
  }

  @Get(':id')
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.integrations.get(principal, id);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequireRole('facilitator')
  delete(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.integrations.delete(principal, id);
  }

  @Get(':id/dead-letters')
  @RequireRole('facilitator')
  deadLetters(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @ValidQuery(DeadLetterPageSchema) page: DeadLetterPage) {
    return this.integrations.deadLetters(principal, id, page);
  }
}
