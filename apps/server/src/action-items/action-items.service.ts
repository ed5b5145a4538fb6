import { Inject, Injectable } from '@nestjs/common';
import { requireTeamAccess, type Principal } from '#access';
import { ForbiddenError, NotFoundError, type ActionItemDto } from '#contracts';
import { ActionItemRepository, applyStatus, defaultActionItemDueAt, type ActionItem } from '#debrief';
import { DEBRIEF_POLICY, type DebriefPolicy } from '../debriefs/debrief.config.js';
import { IncidentsService } from '../incidents/incidents.service.js';
import { toActionItemDto, type ActionItemList, type CreateActionItem, type UpdateActionItem } from './action-items.dto.js';

@Injectable()
export class ActionItemsService {
  constructor(
    private readonly items: ActionItemRepository,
    private readonly incidents: IncidentsService,
    @Inject(DEBRIEF_POLICY) private readonly policy: DebriefPolicy,
  ) {}

  private async accessible(principal: Principal, id: string): Promise<ActionItem> {
    const item = await this.items.find(id);
    if (!item) throw new NotFoundError('action item', id);
    requireTeamAccess(principal, item.teamSlug);
    return item;
  }

  /** Due by default after the severity's number of days (SEV1 7, SEV2 14, SEV3 30, SEV4 60). */
  async create(principal: Principal, body: CreateActionItem): Promise<ActionItemDto> {
    const incident = await this.incidents.accessible(principal, body.incidentId);
    const now = new Date();
    const item = await this.items.create({
      incidentId: incident.id,
      teamSlug: incident.teamSlug,
      title: body.title,
      owner: body.owner,
      type: body.type,
      dueAt: body.dueAt ? new Date(body.dueAt) : defaultActionItemDueAt(incident.severity, now, this.policy.actionItemDueDays),
      ...applyStatus({ status: 'open', completedAt: null }, body.status, now),
    });
    return toActionItemDto(item, now);
  }

  async get(principal: Principal, id: string): Promise<ActionItemDto> {
    return toActionItemDto(await this.accessible(principal, id), new Date());
  }

  async update(principal: Principal, id: string, body: UpdateActionItem): Promise<ActionItemDto> {
    const item = await this.accessible(principal, id);
    const now = new Date();
    const status = body.status ? applyStatus(item, body.status, now) : {};
    const updated = await this.items.update(id, { ...body, dueAt: body.dueAt ? new Date(body.dueAt) : undefined, ...status });
    if (!updated) throw new NotFoundError('action item', id);
    return toActionItemDto(updated, now);
  }

  async delete(principal: Principal, id: string): Promise<void> {
    await this.accessible(principal, id);
    await this.items.delete(id);
  }

  /** A team-scoped token only ever sees its own team's items. */
  async list(principal: Principal, q: ActionItemList) {
    if (principal.teamSlug && q.team && q.team !== principal.teamSlug) requireTeamAccess(principal, q.team);
    const team = q.team ?? principal.teamSlug ?? undefined;
    if (q.incidentId) await this.incidents.accessible(principal, q.incidentId);
    if (principal.teamSlug && !team) throw new ForbiddenError('A team-scoped token must list its own team');
    const now = new Date();
    const { items, total } = await this.items.list({ teamSlug: team, incidentId: q.incidentId, status: q.status, overdueAt: q.overdue ? now : undefined, limit: q.limit, offset: q.offset });
    const filtered = q.overdue === false ? items.filter((i) => !toActionItemDto(i, now).overdue) : items;
    return { items: filtered.map((i) => toActionItemDto(i, now)), total: q.overdue === false ? filtered.length : total, limit: q.limit, offset: q.offset };
  }
}
