import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Principal } from '#access';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators.js';
import { ApiZodBody, ValidBody, ValidQuery } from '../validation/zod-body.js';
import {
  AttachSignalSchema,
  CorrectSignalSchema,
  ListSignalsSchema,
  type AttachSignal,
  type CorrectSignal,
  type ListSignals,
} from './signals.dto.js';
import { SignalsService } from './signals.service.js';

@ApiTags('signals')
@ApiBearerAuth()
@Controller('api/v1/signals')
export class SignalsController {
  constructor(private readonly signals: SignalsService) {}

  /** Newest first; `unmatched=true` lists signals attached to no run. */
  @Get()
  list(@CurrentPrincipal() principal: Principal, @ValidQuery(ListSignalsSchema) query: ListSignals) {
    return this.signals.list(principal, query);
  }

  /** One signal with its raw fragment, the runs it is attached to and its corrections. */
  @Get(':id')
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.signals.get(principal, id);
  }

  @Post(':id/attach')
  @HttpCode(200)
  @RequireRole('facilitator')
  @ApiZodBody(AttachSignalSchema)
  attach(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @ValidBody(AttachSignalSchema) body: AttachSignal) {
    return this.signals.attach(principal, id, body.runId);
  }

  /** Moves occurredAt (a sender with a wrong clock); the old value and the reason are kept. */
  @Post(':id/corrections')
  @HttpCode(200)
  @RequireRole('facilitator')
  @ApiZodBody(CorrectSignalSchema)
  correct(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @ValidBody(CorrectSignalSchema) body: CorrectSignal) {
    return this.signals.correct(principal, id, body);
  }
}
