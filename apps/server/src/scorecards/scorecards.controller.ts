import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Principal } from '#access';
import { CurrentPrincipal } from '../auth/auth.decorators.js';
import { ValidQuery } from '../validation/zod-body.js';
import { ScorecardQuerySchema, type ScorecardQuery } from './scorecards.dto.js';
import { ScorecardsService } from './scorecards.service.js';

@ApiTags('scorecards')
@ApiBearerAuth()
@Controller('api/v1/teams/:slug/scorecard')
export class ScorecardsController {
  constructor(private readonly scorecards: ScorecardsService) {}

  @Get()
  get(@CurrentPrincipal() p: Principal, @Param('slug') slug: string, @ValidQuery(ScorecardQuerySchema) q: ScorecardQuery) {
    return this.scorecards.scorecard(p, slug, q);
  }
}
