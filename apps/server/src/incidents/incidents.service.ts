import { Injectable } from '@nestjs/common';
import { requireTeamAccess, TeamRepository, type Principal } from '#access';
import { NotFoundError, TeamNotFound, ValidationError } from '#contracts';
import { IncidentMetricsSource, IncidentRecords, type IncidentRecord } from '#incident';
import { toIncidentDto, type IncidentListQueryDto, type MetricsQueryDto } from './incidents.dto.js';

/** Default metrics window when `from` is not given. */
const DEFAULT_METRICS_DAYS = 365;

@Injectable()
export class IncidentsService {
  constructor(
    private readonly records: IncidentRecords,
    private readonly metrics: IncidentMetricsSource,
    private readonly teams: TeamRepository,
  ) {}

  async requireTeam(principal: Principal, slug: string): Promise<void> {
    requireTeamAccess(principal, slug);
    if (!(await this.teams.find(slug))) throw new TeamNotFound(slug);
  }

  /** The record, if it exists and the caller's token may see its team. */
  async accessible(principal: Principal, id: string): Promise<IncidentRecord> {
    const record = await this.records.findById(id);
    if (!record) throw new NotFoundError('incident', id);
    requireTeamAccess(principal, record.teamSlug);
    return record;
  }

  /** The drill row of a run; 404 until the run engine has written it. */
  async accessibleRun(principal: Principal, runId: string): Promise<IncidentRecord> {
    const record = await this.records.findByRunId(runId);
    if (!record) throw new NotFoundError('run record', runId);
    requireTeamAccess(principal, record.teamSlug);
    return record;
  }

  async get(principal: Principal, id: string) {
    return toIncidentDto(await this.accessible(principal, id));
  }

  async list(principal: Principal, slug: string, q: IncidentListQueryDto) {
    await this.requireTeam(principal, slug);
    const { items, total } = await this.records.list({
      teamSlug: slug,
      drill: q.drill,
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to) : undefined,
      limit: q.limit,
      offset: q.offset,
    });
    return { items: items.map(toIncidentDto), total, limit: q.limit, offset: q.offset };
  }

  /** Both real and drill figures side by side, or one of them when `drill` is given. */
  async metricsFor(principal: Principal, slug: string, q: MetricsQueryDto) {
    await this.requireTeam(principal, slug);
    const to = q.to ? new Date(q.to) : new Date();
    const from = q.from ? new Date(q.from) : new Date(to.getTime() - DEFAULT_METRICS_DAYS * 86_400_000);
    if (from >= to) throw new ValidationError('The metrics window is empty', [{ path: 'from', message: 'must be before to' }]);
    const both = await this.metrics.compute({ teamSlug: slug, from, to });
    const window = { from: from.toISOString(), to: to.toISOString() };
    if (q.drill === undefined) return { window, real: both.real, drill: both.drill };
    return { window, drill: q.drill, ...(q.drill ? both.drill : both.real) };
  }
}
