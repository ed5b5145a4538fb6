import { Controller, Get, Param, Req, Res, UseFilters } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { TeamRepository } from '#access';
import { DEFAULT_WINDOW_DAYS } from '#scoring';
import { IncidentsService } from '../../incidents/incidents.service.js';
import { ScorecardsService } from '../../scorecards/scorecards.service.js';
import { WebAuth } from '../web-auth.service.js';
import { WebErrorFilter } from '../web-error.filter.js';
import { maturityGrid, trendCharts } from './scorecard.view.js';

/** A team's maturity scorecard and its response trends; `/scorecard` picks the team. */
@ApiExcludeController()
@UseFilters(WebErrorFilter)
@Controller()
export class ScorecardPageController {
  constructor(
    private readonly auth: WebAuth,
    private readonly teams: TeamRepository,
    private readonly moduleRef: ModuleRef,
  ) {}

  @Get('scorecard')
  async pick(@Req() req: Request, @Res() res: Response) {
    const signedIn = await this.auth.user(req);
    if (signedIn.principal.teamSlug) return res.redirect(303, `/teams/${signedIn.principal.teamSlug}/scorecard`);
    const [chrome, teams] = await Promise.all([this.auth.chrome(signedIn, 'scorecard'), this.teams.list({ limit: 200, offset: 0 })]);
    res.render('scorecard-pick', { ...chrome, pageTitle: 'Scorecard', teams: teams.items });
  }

  @Get('teams/:slug/scorecard')
  async scorecard(@Req() req: Request, @Res() res: Response, @Param('slug') slug: string) {
    const signedIn = await this.auth.user(req);
    // Both live in the history module; resolved lazily so the web module depends only on what it renders.
    const scorecards = this.moduleRef.get(ScorecardsService, { strict: false });
    const incidents = this.moduleRef.get(IncidentsService, { strict: false });
    const [chrome, card, metrics] = await Promise.all([
      this.auth.chrome(signedIn, 'scorecard'),
      scorecards.scorecard(signedIn.principal, slug, { windowDays: DEFAULT_WINDOW_DAYS }),
      incidents.metricsFor(signedIn.principal, slug, {}),
    ]);
    const both = metrics as unknown as Parameters<typeof trendCharts>[0];
    res.render('scorecard', {
      ...chrome,
      pageTitle: `Scorecard: ${slug}`,
      team: slug,
      card,
      grid: maturityGrid(card),
      trends: trendCharts(both),
      counts: { real: both.real.count, drill: both.drill.count },
    });
  }
}
