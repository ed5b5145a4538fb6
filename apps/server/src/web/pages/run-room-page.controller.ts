import { Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { ZodType } from 'zod';
import { ValidationError } from '#contracts';
import { RunRepository } from '#incident';
import type { Scenario } from '#scenario';
import { AbortSchema, MarkSchema, NoteSchema, RoleSchema } from '../../runs/runs.dto.js';
import { RunsService } from '../../runs/runs.service.js';
import { RunActionsUseCase } from '../../runs/use-cases/run-actions.use-case.js';
import { ZodPipe } from '../../validation/zod-body.js';
import { formField, WebAuth } from '../web-auth.service.js';
import { WebErrorFilter } from '../web-error.filter.js';
import {
  currentRoles,
  faultRows,
  isOpen,
  lastEventId,
  MARK_BUTTONS,
  nextUpdateDue,
  probeSeries,
  responseClock,
  ROLE_CHOICES,
  STATUS_TEMPLATES,
  timelineView,
} from './run-room.view.js';

const form = <T>(schema: ZodType<T>, value: unknown): T => new ZodPipe(schema, 'form').transform(value);

/** The live run room: state, faults, probes, the response clock, marks, roles, notes, status updates, Abort. */
@ApiExcludeController()
@UseFilters(WebErrorFilter)
@Controller('runs')
export class RunRoomPageController {
  constructor(
    private readonly auth: WebAuth,
    private readonly runs: RunsService,
    private readonly runStore: RunRepository,
    private readonly moduleRef: ModuleRef,
  ) {}

  /** Run actions live in the runs module; resolved lazily so the web module only depends on its exports. */
  private get actions(): RunActionsUseCase {
    return this.moduleRef.get(RunActionsUseCase, { strict: false });
  }

  @Get(':id')
  async room(@Req() req: Request, @Res() res: Response, @Param('id') id: string, @Query('partial') partial?: string) {
    const signedIn = await this.auth.user(req);
    const [run, timeline, chrome, stored] = await Promise.all([
      this.runs.get(signedIn.principal, id),
      this.runs.timelineOf(signedIn.principal, id),
      this.auth.chrome(signedIn, 'runs'),
      this.runStore.get(id),
    ]);
    const scenario = stored?.document as unknown as Scenario | undefined;
    const communicatedAt = run.signals.filter((s) => s.kind === 'communicated').map((s) => s.occurredAt);
    const due = nextUpdateDue({ severity: run.severity, communicatedAt, detectedAt: run.metrics.sources.detected?.at ?? null, t0: run.t0 });
    const open = isOpen(run.state);
    const title = scenario?.metadata?.title ?? run.scenario;
    const ctx = {
      ...chrome,
      pageTitle: `Run: ${title}`,
      run,
      title,
      open,
      clock: responseClock(run),
      faults: faultRows(run),
      probes: probeSeries(run.probes),
      roles: currentRoles(run.roles),
      roleChoices: ROLE_CHOICES,
      marks: MARK_BUTTONS,
      templates: Object.entries(STATUS_TEMPLATES).map(([name, text]) => ({ name, text: text.replace('{minutes}', String(due.minutes)) })),
      updates: { ...due, count: communicatedAt.length, last: communicatedAt.sort().at(-1) ?? null },
      timeline: timelineView(timeline.items),
      lastEventId: lastEventId(timeline.items),
      elapsedMs: run.startedAt ? (run.endedAt ? Date.parse(run.endedAt) : Date.now()) - Date.parse(run.startedAt) : null,
    };
    if (partial) return res.render('partials/run-room-live', { ...ctx, layout: false });
    res.render('run-room', ctx);
  }

  @Post(':id/marks')
  async mark(@Req() req: Request, @Res() res: Response, @Param('id') id: string) {
    const { principal } = await this.auth.userForm(req, 'responder');
    const body = form(MarkSchema, { kind: formField(req, 'kind'), ...(formField(req, 'note') ? { note: formField(req, 'note') } : {}) });
    await this.actions.mark(principal, id, body);
    res.redirect(303, `/runs/${id}`);
  }

  /** A status update: a `communicated` mark carrying the text people were told. */
  @Post(':id/status-update')
  async statusUpdate(@Req() req: Request, @Res() res: Response, @Param('id') id: string) {
    const { principal } = await this.auth.userForm(req, 'responder');
    const template = formField(req, 'template') ?? '';
    const text = (formField(req, 'text') ?? '').trim() || (STATUS_TEMPLATES[template] ?? '');
    if (!text)
      throw new ValidationError('Write the update people will read, or pick a template', [{ path: 'text', message: 'must not be empty' }]);
    const body = form(MarkSchema, { kind: 'communicated', note: text });
    await this.actions.mark(principal, id, body);
    res.redirect(303, `/runs/${id}`);
  }

  @Post(':id/roles')
  async role(@Req() req: Request, @Res() res: Response, @Param('id') id: string) {
    const { principal } = await this.auth.userForm(req, 'responder');
    const body = form(RoleSchema, { role: formField(req, 'role'), person: formField(req, 'person') ?? '' });
    await this.actions.assignRole(principal, id, body);
    res.redirect(303, `/runs/${id}`);
  }

  @Post(':id/notes')
  async note(@Req() req: Request, @Res() res: Response, @Param('id') id: string) {
    const { principal } = await this.auth.userForm(req, 'responder');
    const body = form(NoteSchema, { text: formField(req, 'text') ?? '' });
    await this.actions.note(principal, id, body.text);
    res.redirect(303, `/runs/${id}`);
  }

  @Post(':id/abort')
  async abort(@Req() req: Request, @Res() res: Response, @Param('id') id: string) {
    const { principal } = await this.auth.userForm(req, 'facilitator');
    const body = form(AbortSchema, formField(req, 'reason') ? { reason: formField(req, 'reason') } : {});
    await this.actions.abort(principal, id, body.reason);
    res.redirect(303, `/runs/${id}`);
  }
}
