import { Controller, Get, UseFilters, Post, Query, Req, Res } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { TeamRepository } from '#access';
import { RunRepository } from '#incident';
import { ScenarioStore } from '#scenario';
import { ValidationError } from '#contracts';
import { GamedaysService } from '../../gamedays/gamedays.service.js';
import { summary } from '../../runs/runs.service.js';
import { HaltUseCase } from '../../runs/use-cases/halt.use-case.js';
import { TabletopsService } from '../../tabletops/tabletops.service.js';
import { formField, WebAuth } from '../web-auth.service.js';
import { WebErrorFilter } from '../web-error.filter.js';

const PAGE = 10;

@ApiExcludeController()
@UseFilters(WebErrorFilter)
@Controller()
export class DashboardPageController {
  constructor(
    private readonly auth: WebAuth,
    private readonly runs: RunRepository,
    private readonly tabletops: TabletopsService,
    private readonly scenarios: ScenarioStore,
    private readonly halt: HaltUseCase,
    private readonly moduleRef: ModuleRef,
    private readonly teams: TeamRepository,
  ) {}

  @Get()
  async dashboard(@Req() req: Request, @Res() res: Response, @Query('page') pageParam?: string) {
    const signedIn = await this.auth.user(req);
    const p = signedIn.principal;
    const page = Math.max(0, Number.parseInt(pageParam ?? '0', 10) || 0);
    const team = p.teamSlug ?? undefined;
    const [chrome, active, recent, open, scripts] = await Promise.all([
      this.auth.chrome(signedIn, 'dashboard'),
      this.runs.listActive(),
      this.runs.list({ team, limit: PAGE, offset: page * PAGE }),
      this.tabletops.open(p, PAGE),
      this.scenarios.list({ kind: 'Tabletop', team, limit: PAGE, offset: 0 }),
    ]);
    const now = Date.now();
    const activeRuns = active
      .filter((r) => !team || r.teamSlug === team)
      .slice(0, PAGE)
      .map((r) => ({ ...summary(r), elapsedMs: r.startedAt ? now - r.startedAt.getTime() : null }));
    res.render('dashboard', {
      ...chrome,
      pageTitle: 'Dashboard',
      activeRuns,
      recent: recent.items.map(summary),
      recentPage: { page, prev: page > 0 ? page - 1 : null, next: (page + 1) * PAGE < recent.total ? page + 1 : null, total: recent.total },
      tabletops: open.items,
      scripts: scripts.items.map((s) => ({ name: s.name, title: s.document.metadata.title, team: s.team })),
      gamedays: await this.upcomingGamedays(signedIn.principal, team),
    });
  }

  @Post('halt')
  async engage(@Req() req: Request, @Res() res: Response) {
    const { principal } = await this.auth.userForm(req, 'responder');
    const reason = (formField(req, 'reason') ?? '').trim();
    if (!reason) throw new ValidationError('Say why everything is halted', [{ path: 'reason', message: 'must not be empty' }]);
    await this.halt.engage(principal, reason);
    res.redirect(303, '/');
  }

  @Post('halt/lift')
  async lift(@Req() req: Request, @Res() res: Response) {
    const { principal } = await this.auth.userForm(req, 'facilitator');
    await this.halt.lift(principal);
    res.redirect(303, '/');
  }

  /**
   * The next game days and tabletops: of the token's team, or of every team
   * (the first 20) for an unscoped token. The dashboard works without the
   * scheduling module.
   */
  private async upcomingGamedays(principal: Parameters<GamedaysService['list']>[0], team: string | undefined) {
    try {
      const service = this.moduleRef.get(GamedaysService, { strict: false });
      const teams = team ? [team] : (await this.teams.list({ limit: 20, offset: 0 })).items.map((t) => t.slug);
      const series = (await Promise.all(teams.map((slug) => service.list(principal, { team: slug }).then((r) => r.items).catch(() => [])))).flat();
      const items = series
        .filter((g) => g.nextOccurrences.length > 0)
        .map((g) => ({ id: g.id, title: g.title, team: g.team, kind: g.kind, nextOccurrence: g.nextOccurrences[0]!.start }))
        .sort((a, b) => a.nextOccurrence.localeCompare(b.nextOccurrence))
        .slice(0, PAGE);
      return { needsTeam: false, items };
    } catch {
      return { needsTeam: false, items: [] };
    }
  }
}
