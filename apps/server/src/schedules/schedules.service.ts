import { Injectable } from '@nestjs/common';
import { requireTeamAccess, TeamRepository, type Principal } from '#access';
import { checkScheduleTiming, Clock, formatSpan, ScheduleRepository, type ChaosSchedule, type ScheduleTimingInput } from '#calendar';
import { ConflictError, NotFoundError, TeamNotFound, type ScheduleDecisionDto, type ScheduleDto } from '#contracts';
import type { CreateSchedule, DecisionPage, ScheduleList, UpdateSchedule } from './schedules.dto.js';
import { toDecisionDto, toScheduleDto } from './schedule.mapper.js';

/** Continuous-chaos schedules: validated as a whole (cron, zone, window, blackouts) before they are stored. */
@Injectable()
export class SchedulesService {
  constructor(
    private readonly schedules: ScheduleRepository,
    private readonly teams: TeamRepository,
    private readonly clock: Clock,
  ) {}

  async create(principal: Principal, body: CreateSchedule): Promise<ScheduleDto> {
    requireTeamAccess(principal, body.team);
    const timing = checkScheduleTiming(body);
    if (!(await this.teams.find(body.team))) throw new TeamNotFound(body.team);
    const now = this.clock.now();
    const created = await this.schedules.create({
      name: body.name,
      team: body.team,
      scenario: body.scenario,
      enabled: body.enabled,
      source: 'api',
      evaluatedUntil: now,
      ...timing,
    });
    if (!created) throw new ConflictError(`A schedule named '${body.name}' already exists`, { name: body.name });
    return toScheduleDto(created, now);
  }

  async list(principal: Principal, query: ScheduleList): Promise<{ items: ScheduleDto[] }> {
    if (query.team) requireTeamAccess(principal, query.team);
    const team = query.team ?? principal.teamSlug ?? undefined;
    const now = this.clock.now();
    return { items: (await this.schedules.list({ team })).map((s) => toScheduleDto(s, now)) };
  }

  async get(principal: Principal, id: string): Promise<ScheduleDto> {
    return toScheduleDto(await this.load(principal, id), this.clock.now());
  }

  async update(principal: Principal, id: string, body: UpdateSchedule): Promise<ScheduleDto> {
    const current = await this.load(principal, id);
    const merged: ScheduleTimingInput = {
      cron: body.cron ?? current.cron,
      timezone: body.timezone ?? current.timezone,
      window: body.window !== undefined ? body.window : current.window,
      jitter: body.jitter !== undefined ? body.jitter : current.jitterMs ? formatSpan(current.jitterMs) : null,
      blackouts: body.blackouts ?? current.blackouts.map((b) => ({ from: b.from.toISOString(), to: b.to.toISOString(), ...(b.reason ? { reason: b.reason } : {}) })),
      missedPolicy: body.missedPolicy ?? current.missedPolicy,
      grace: body.grace !== undefined ? body.grace : current.graceMs ? formatSpan(current.graceMs) : null,
    };
    const timing = checkScheduleTiming(merged);
    const now = this.clock.now();
    const updated = await this.schedules.update(
      id,
      { ...timing, ...(body.scenario !== undefined ? { scenario: body.scenario } : {}), ...(body.enabled !== undefined ? { enabled: body.enabled } : {}) },
      now,
    );
    if (!updated) throw new NotFoundError('schedule', id);
    return toScheduleDto(updated, now);
  }

  async delete(principal: Principal, id: string): Promise<void> {
    await this.load(principal, id);
    await this.schedules.delete(id);
  }

  async decisions(principal: Principal, id: string, page: DecisionPage): Promise<{ items: ScheduleDecisionDto[]; total: number; limit: number; offset: number }> {
    await this.load(principal, id);
    const { items, total } = await this.schedules.listDecisions(id, page);
    return { items: items.map(toDecisionDto), total, limit: page.limit, offset: page.offset };
  }

  private async load(principal: Principal, id: string): Promise<ChaosSchedule> {
    const found = /^[0-9a-f-]{36}$/i.test(id) ? await this.schedules.find(id) : null;
    if (!found) throw new NotFoundError('schedule', id);
    requireTeamAccess(principal, found.team);
    return found;
  }
}
