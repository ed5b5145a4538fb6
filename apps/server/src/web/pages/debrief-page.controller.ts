import { Controller, Get, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ValidationError } from '#contracts';
import { ACTION_ITEM_TYPES, POSTMORTEM_STATUSES } from '#debrief';
import { CreateActionItemSchema } from '../../action-items/action-items.dto.js';
import { ActionItemsService } from '../../action-items/action-items.service.js';
import { PostmortemEditSchema } from '../../debriefs/debriefs.dto.js';
import { DebriefsService, type Subject } from '../../debriefs/debriefs.service.js';
import { SavePostmortemUseCase } from '../../debriefs/save-postmortem.use-case.js';
import { ZodPipe } from '../../validation/zod-body.js';
import { formField, WebAuth } from '../web-auth.service.js';
import { WebErrorFilter } from '../web-error.filter.js';
import { htmlBody, sectionForm, sectionsFromForm } from './debrief.view.js';

type SubjectKind = 'runs' | 'incidents';
const subjectOf = (kind: SubjectKind, id: string): Subject => (kind === 'runs' ? { runId: id } : { incidentId: id });
const kindOf = (req: Request): SubjectKind => (req.path.startsWith('/runs/') ? 'runs' : 'incidents');
const NEXT_STATUS = {
  draft: { status: 'in_review', text: 'Send for review' },
  in_review: { status: 'published', text: 'Publish' },
  published: null,
} as const;

/** The debrief of a run or an incident: the drafted postmortem, its sections, blameless findings, action items, publishing. */
@ApiExcludeController()
@UseFilters(WebErrorFilter)
@Controller()
export class DebriefPageController {
  constructor(
    private readonly auth: WebAuth,
    private readonly debriefs: DebriefsService,
    private readonly moduleRef: ModuleRef,
  ) {}

  /** Saving and action items live in the history modules; resolved lazily. */
  private get save(): SavePostmortemUseCase {
    return this.moduleRef.get(SavePostmortemUseCase, { strict: false });
  }
  private get items(): ActionItemsService {
    return this.moduleRef.get(ActionItemsService, { strict: false });
  }

  @Get(['runs/:id/debrief', 'incidents/:id/debrief'])
  async page(@Req() req: Request, @Res() res: Response, @Param('id') id: string) {
    const signedIn = await this.auth.user(req);
    const p = signedIn.principal;
    const kind = kindOf(req);
    const subject = subjectOf(kind, id);
    const chrome = await this.auth.chrome(signedIn, 'debrief');
    const incident = await this.debriefs.subject(p, subject).catch((error: unknown) => {
      if (kind === 'runs' && error instanceof Error && 'code' in error && error.code === 'not_found') return null;
      throw error;
    });
    if (!incident) return res.status(404).render('debrief-missing', { ...chrome, pageTitle: 'Debrief', runId: id });
    const [record, draft, items] = await Promise.all([
      this.debriefs.record(p, subject),
      this.debriefs.draft(p, subject, { template: 'google', format: 'html' }),
      this.items.list(p, { incidentId: incident.id, limit: 200, offset: 0 }),
    ]);
    const base = `/${kind}/${id}/debrief`;
    res.render('debrief', {
      ...chrome,
      pageTitle: `Debrief: ${incident.title}`,
      base,
      incident: {
        id: incident.id,
        title: incident.title,
        severity: incident.severity,
        service: incident.service,
        drill: incident.drill,
        runId: incident.runId,
        startedAt: incident.startedAt.toISOString(),
        resolvedAt: incident.resolvedAt?.toISOString() ?? null,
      },
      record,
      next: NEXT_STATUS[record.status],
      canReopen: record.status === 'in_review',
      editable: record.status !== 'published',
      html: htmlBody(draft.body),
      fields: sectionForm(record.sections, record.findings),
      findingCount: record.findings.length,
      items: items.items.map((i) => ({ ...i, done: i.status === 'done' })),
      types: ACTION_ITEM_TYPES,
    });
  }

  @Post(['runs/:id/debrief/sections', 'incidents/:id/debrief/sections'])
  async sections(@Req() req: Request, @Res() res: Response, @Param('id') id: string) {
    const { principal } = await this.auth.userForm(req, 'responder');
    const kind = kindOf(req);
    const edit = new ZodPipe(PostmortemEditSchema, 'form').transform({ sections: sectionsFromForm((name) => formField(req, name)) });
    await this.save.execute(principal, subjectOf(kind, id), edit);
    res.redirect(303, `/${kind}/${id}/debrief#sections`);
  }

  @Post(['runs/:id/debrief/status', 'incidents/:id/debrief/status'])
  async status(@Req() req: Request, @Res() res: Response, @Param('id') id: string) {
    const { principal } = await this.auth.userForm(req, 'responder');
    const kind = kindOf(req);
    const status = formField(req, 'status');
    if (!POSTMORTEM_STATUSES.includes(status as never))
      throw new ValidationError('Pick a status', [{ path: 'status', message: POSTMORTEM_STATUSES.join(', ') }]);
    await this.save.execute(principal, subjectOf(kind, id), { status: status as (typeof POSTMORTEM_STATUSES)[number] });
    res.redirect(303, `/${kind}/${id}/debrief`);
  }

  @Post(['runs/:id/debrief/action-items', 'incidents/:id/debrief/action-items'])
  async addItem(@Req() req: Request, @Res() res: Response, @Param('id') id: string) {
    const { principal } = await this.auth.userForm(req, 'responder');
    const kind = kindOf(req);
    const incident = await this.debriefs.subject(principal, subjectOf(kind, id));
    const due = formField(req, 'dueAt');
    const body = new ZodPipe(CreateActionItemSchema, 'form').transform({
      incidentId: incident.id,
      title: formField(req, 'title') ?? '',
      owner: formField(req, 'owner') ?? '',
      type: formField(req, 'type'),
      // A date field: due at the end of that day, UTC.
      ...(due ? { dueAt: /^\d{4}-\d{2}-\d{2}$/.test(due) ? `${due}T23:59:59Z` : due } : {}),
    });
    await this.items.create(principal, body);
    res.redirect(303, `/${kind}/${id}/debrief#items`);
  }

  @Post(['runs/:id/debrief/action-items/:item/done', 'incidents/:id/debrief/action-items/:item/done'])
  async completeItem(@Req() req: Request, @Res() res: Response, @Param('id') id: string, @Param('item') item: string) {
    const { principal } = await this.auth.userForm(req, 'responder');
    const kind = kindOf(req);
    await this.items.update(principal, item, { status: formField(req, 'status') === 'open' ? 'open' : 'done' });
    res.redirect(303, `/${kind}/${id}/debrief#items`);
  }
}
