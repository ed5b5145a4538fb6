import { Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { requireTeamAccess, TeamRepository } from '#access';
import { NotFoundError, type FieldIssue } from '#contracts';
import { parseScenarioFile, planScenario, ScenarioStore, type StoredScenario } from '#scenario';
import { kindFrom, kindFromPath } from '../../scenarios/scenarios.dto.js';
import { StartRunCommand, StartRunUseCase } from '../../runs/use-cases/start-run.use-case.js';
import { formField, WebAuth } from '../web-auth.service.js';
import { WebErrorFilter } from '../web-error.filter.js';
import { numberedLines, planView } from './scenario.view.js';

const PAGE = 20;
const KINDS = [
  { value: '', text: 'All kinds' },
  { value: 'scenario', text: 'Scenarios' },
  { value: 'tabletop', text: 'Tabletops' },
  { value: 'schedule', text: 'Schedules' },
];

/** Scenarios by team and kind; one document with its YAML, plan, a change checker and the run buttons. */
@ApiExcludeController()
@UseFilters(WebErrorFilter)
@Controller('scenarios')
export class ScenarioPagesController {
  constructor(
    private readonly auth: WebAuth,
    private readonly store: ScenarioStore,
    private readonly teams: TeamRepository,
    private readonly startRun: StartRunUseCase,
  ) {}

  @Get()
  async list(
    @Req() req: Request,
    @Res() res: Response,
    @Query('kind') kindParam?: string,
    @Query('team') teamParam?: string,
    @Query('page') pageParam?: string,
  ) {
    const signedIn = await this.auth.user(req);
    const p = signedIn.principal;
    const page = Math.max(0, Number.parseInt(pageParam ?? '0', 10) || 0);
    const kind = kindParam ? kindFrom(kindParam) : undefined;
    const team = p.teamSlug ?? (teamParam || undefined);
    const [chrome, found, teams] = await Promise.all([
      this.auth.chrome(signedIn, 'scenarios'),
      this.store.list({ kind, team, limit: PAGE, offset: page * PAGE }),
      p.teamSlug ? Promise.resolve({ items: [] }) : this.teams.list({ limit: 200, offset: 0 }),
    ]);
    const query = (n: number) =>
      `/scenarios?${new URLSearchParams({ ...(kind ? { kind: kind.toLowerCase() } : {}), ...(team && !p.teamSlug ? { team } : {}), page: String(n) }).toString()}`;
    res.render('scenarios', {
      ...chrome,
      pageTitle: 'Scenarios',
      items: found.items.map((s) => ({
        kind: s.kind,
        path: s.kind.toLowerCase(),
        name: s.name,
        title: s.document.metadata.title,
        team: s.team,
        severity: 'severity' in s.document.metadata ? s.document.metadata.severity : null,
        version: s.version,
        source: s.source,
        updatedAt: s.createdAt.toISOString(),
      })),
      kinds: KINDS.map((k) => ({ ...k, selected: (kind?.toLowerCase() ?? '') === k.value })),
      teams: teams.items.map((t) => ({ slug: t.slug, name: t.name, selected: t.slug === team })),
      fixedTeam: p.teamSlug,
      pager: {
        prev: page > 0 ? query(page - 1) : null,
        next: (page + 1) * PAGE < found.total ? query(page + 1) : null,
        total: found.total,
        from: found.total ? page * PAGE + 1 : 0,
        to: Math.min(found.total, (page + 1) * PAGE),
      },
    });
  }

  @Get(':kind/:name')
  async show(@Req() req: Request, @Res() res: Response, @Param('kind') kindParam: string, @Param('name') name: string) {
    const signedIn = await this.auth.user(req);
    const stored = await this.find(signedIn.principal, kindParam, name);
    res.render('scenario', await this.context(signedIn, stored, null));
  }

  /** Runs the parser on an edited copy and shows its errors at their lines; nothing is saved. */
  @Post(':kind/:name/check')
  async check(@Req() req: Request, @Res() res: Response, @Param('kind') kindParam: string, @Param('name') name: string) {
    const signedIn = await this.auth.userForm(req);
    const stored = await this.find(signedIn.principal, kindParam, name);
    const text = formField(req, 'yaml') ?? '';
    const { errors, documents } = parseScenarioFile(text, { file: `${name}.yaml` });
    res
      .status(errors.length ? 422 : 200)
      .render('scenario', await this.context(signedIn, stored, { text, errors, documents: documents.length }));
  }

  @Post(':kind/:name/run')
  async run(@Req() req: Request, @Res() res: Response, @Param('kind') kindParam: string, @Param('name') name: string) {
    const { principal } = await this.auth.userForm(req, 'facilitator');
    kindFromPath(kindParam);
    const run = await this.startRun.execute(new StartRunCommand(name, principal, formField(req, 'dryRun') === 'true', 'api'));
    res.redirect(303, `/runs/${run.id}`);
  }

  private async find(principal: Parameters<typeof requireTeamAccess>[0], kindParam: string, name: string): Promise<StoredScenario> {
    const kind = kindFromPath(kindParam);
    const stored = await this.store.latest(kind, name);
    if (!stored) throw new NotFoundError(kind, name);
    requireTeamAccess(principal, stored.team);
    return stored;
  }

  private async context(
    signedIn: Awaited<ReturnType<WebAuth['user']>>,
    stored: StoredScenario,
    checked: { text: string; errors: FieldIssue[]; documents: number } | null,
  ) {
    const chrome = await this.auth.chrome(signedIn, 'scenarios');
    const doc = stored.document;
    const plan = doc.kind === 'Schedule' ? null : planView(await planScenario(doc));
    return {
      ...chrome,
      pageTitle: `${doc.metadata.title ?? stored.name}`,
      s: {
        kind: stored.kind,
        path: stored.kind.toLowerCase(),
        name: stored.name,
        title: doc.metadata.title,
        team: stored.team,
        version: stored.version,
        source: stored.source,
        file: stored.file,
        savedAt: stored.createdAt.toISOString(),
        severity: 'severity' in doc.metadata ? doc.metadata.severity : null,
        description: doc.metadata.description ?? null,
        runbook: /^https?:\/\//.test(doc.metadata.runbook ?? '') ? doc.metadata.runbook : null,
      },
      lines: numberedLines(stored.yaml, []),
      plan,
      runnable: stored.kind === 'Scenario',
      checked: checked
        ? {
            text: checked.text,
            ok: checked.errors.length === 0,
            documents: checked.documents,
            count: checked.errors.length,
            lines: numberedLines(checked.text, checked.errors),
            unplaced: checked.errors.filter((e) => !e.line),
          }
        : null,
      draft: checked?.text ?? stored.yaml,
    };
  }
}
