import type { DataSource, Repository } from 'typeorm';
import {
  ScheduleRepository,
  type AllowedWindow,
  type ChaosSchedule,
  type ChaosScheduleChanges,
  type DecisionOutcome,
  type DecisionReason,
  type MissedPolicy,
  type NewChaosSchedule,
  type ScheduleDecision,
} from '#calendar';
import { ScheduleDecisionEntity } from '../entities/schedule-decision.entity.js';
import { ScheduleEntity } from '../entities/schedule.entity.js';

const toSchedule = (e: ScheduleEntity): ChaosSchedule => ({
  id: e.id,
  name: e.name,
  team: e.teamSlug,
  scenario: e.scenario,
  cron: e.cron,
  timezone: e.timezone,
  window: e.allowedWindow as AllowedWindow | null,
  jitterMs: e.jitterMs,
  blackouts: e.blackouts.map((b) => ({ from: new Date(b.from), to: new Date(b.to), ...(b.reason ? { reason: b.reason } : {}) })),
  missedPolicy: e.missedPolicy as MissedPolicy,
  graceMs: e.graceMs,
  enabled: e.enabled,
  source: e.source as 'api' | 'file',
  evaluatedUntil: e.evaluatedUntil,
  createdAt: e.createdAt,
  updatedAt: e.updatedAt,
});

const toDecision = (e: ScheduleDecisionEntity): ScheduleDecision => ({
  id: e.id,
  scheduleId: e.scheduleId,
  occurrence: e.occurrence,
  plannedAt: e.plannedAt,
  decidedAt: e.decidedAt,
  outcome: e.outcome as DecisionOutcome,
  reason: e.reason as DecisionReason | null,
  detail: e.detail,
  runId: e.runId,
  replica: e.replica,
});

type Row = Omit<ScheduleEntity, 'id' | 'createdAt' | 'updatedAt'>;

function toRow(input: NewChaosSchedule): Row {
  return {
    name: input.name,
    teamSlug: input.team,
    scenario: input.scenario,
    cron: input.cron,
    timezone: input.timezone,
    allowedWindow: input.window,
    jitterMs: input.jitterMs,
    blackouts: input.blackouts.map((b) => ({ from: b.from.toISOString(), to: b.to.toISOString(), ...(b.reason ? { reason: b.reason } : {}) })),
    missedPolicy: input.missedPolicy,
    graceMs: input.graceMs,
    enabled: input.enabled,
    source: input.source,
    evaluatedUntil: input.evaluatedUntil,
  };
}

export class TypeOrmScheduleRepository extends ScheduleRepository {
  constructor(private readonly dataSource: () => DataSource) {
    super();
  }

  private get repo(): Repository<ScheduleEntity> {
    return this.dataSource().getRepository(ScheduleEntity);
  }

  private get decisions(): Repository<ScheduleDecisionEntity> {
    return this.dataSource().getRepository(ScheduleDecisionEntity);
  }

  async create(input: NewChaosSchedule): Promise<ChaosSchedule | null> {
    const result = await this.repo.createQueryBuilder().insert().values(toRow(input)).orIgnore().returning(['id']).execute();
    if (result.raw.length === 0) return null;
    return this.find(result.raw[0].id as string);
  }

  async upsertByName(input: NewChaosSchedule): Promise<ChaosSchedule> {
    // The cursor is kept on update: reloading a file must not replay or skip occurrences.
    const row = toRow(input);
    await this.repo
      .createQueryBuilder()
      .insert()
      .values(row)
      .orUpdate(['team_slug', 'scenario', 'cron', 'timezone', 'allowed_window', 'jitter_ms', 'blackouts', 'missed_policy', 'grace_ms', 'enabled', 'source', 'updated_at'], ['name'])
      .execute();
    return toSchedule((await this.repo.findOneBy({ name: input.name }))!);
  }

  async find(id: string): Promise<ChaosSchedule | null> {
    const row = await this.repo.findOneBy({ id });
    return row ? toSchedule(row) : null;
  }

  async list(options: { team?: string }): Promise<ChaosSchedule[]> {
    const rows = await this.repo.find({ where: options.team ? { teamSlug: options.team } : {}, order: { name: 'ASC' } });
    return rows.map(toSchedule);
  }

  async listEnabled(): Promise<ChaosSchedule[]> {
    return (await this.repo.find({ where: { enabled: true }, order: { name: 'ASC' } })).map(toSchedule);
  }

  async update(id: string, changes: ChaosScheduleChanges, now: Date): Promise<ChaosSchedule | null> {
    const row = await this.repo.findOneBy({ id });
    if (!row) return null;
    const merged = { ...toSchedule(row), ...changes };
    const next = toRow({ ...merged, evaluatedUntil: row.evaluatedUntil > now ? row.evaluatedUntil : now });
    Object.assign(row, next);
    return toSchedule(await this.repo.save(row));
  }

  async delete(id: string): Promise<boolean> {
    return ((await this.repo.delete({ id })).affected ?? 0) > 0;
  }

  async advanceCursor(id: string, to: Date): Promise<void> {
    await this.dataSource().query(`UPDATE schedules SET evaluated_until = GREATEST(evaluated_until, $2) WHERE id = $1`, [id, to]);
  }

  async recordDecision(decision: Omit<ScheduleDecision, 'id'>): Promise<boolean> {
    const result = await this.decisions.createQueryBuilder().insert().values(decision).orIgnore().returning(['id']).execute();
    return result.raw.length > 0;
  }

  async listDecisions(scheduleId: string, page: { limit: number; offset: number }): Promise<{ items: ScheduleDecision[]; total: number }> {
    const [rows, total] = await this.decisions.findAndCount({ where: { scheduleId }, order: { occurrence: 'DESC' }, take: page.limit, skip: page.offset });
    return { items: rows.map(toDecision), total };
  }
}

// The scheduling repositories are exported together through this file.
export { TypeOrmGameDayRepository } from './gameday.repository.js';
export { TypeOrmJobClaims } from './job-claim.repository.js';
