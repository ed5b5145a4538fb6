import type { DataSource, Repository } from 'typeorm';
import { GameDayRepository, type GameDay, type GameDayChanges, type GameDayKind, type GameDayRun, type NewGameDay, type ReminderStatus } from '#calendar';
import { GamedayReminderEntity } from '../entities/gameday-reminder.entity.js';
import { GamedayRunEntity } from '../entities/gameday-run.entity.js';
import { GamedayEntity } from '../entities/gameday.entity.js';

const toGameDay = (e: GamedayEntity): GameDay => ({
  id: e.id,
  team: e.teamSlug,
  title: e.title,
  kind: e.kind as GameDayKind,
  scenarios: e.scenarios,
  startsAt: e.startsAt,
  timezone: e.timezone,
  durationMinutes: e.durationMinutes,
  facilitator: e.facilitator,
  participants: e.participants,
  recurrence: e.recurrence,
  exdates: e.exdates.map((d) => new Date(d)),
  reminders: e.reminders,
  autoStart: e.autoStart,
  sequence: e.sequence,
  createdAt: e.createdAt,
  updatedAt: e.updatedAt,
});

export class TypeOrmGameDayRepository extends GameDayRepository {
  constructor(private readonly dataSource: () => DataSource) {
    super();
  }

  private get repo(): Repository<GamedayEntity> {
    return this.dataSource().getRepository(GamedayEntity);
  }

  private get runs(): Repository<GamedayRunEntity> {
    return this.dataSource().getRepository(GamedayRunEntity);
  }

  private get reminders(): Repository<GamedayReminderEntity> {
    return this.dataSource().getRepository(GamedayReminderEntity);
  }

  async create(input: NewGameDay): Promise<GameDay> {
    const row = this.repo.create({
      teamSlug: input.team,
      title: input.title,
      kind: input.kind,
      scenarios: input.scenarios,
      startsAt: input.startsAt,
      timezone: input.timezone,
      durationMinutes: input.durationMinutes,
      facilitator: input.facilitator,
      participants: input.participants,
      recurrence: input.recurrence,
      exdates: [],
      reminders: input.reminders,
      autoStart: input.autoStart,
      sequence: 0,
    });
    return toGameDay(await this.repo.save(row));
  }

  async find(id: string): Promise<GameDay | null> {
    const row = await this.repo.findOneBy({ id });
    return row ? toGameDay(row) : null;
  }

  async listByTeam(team: string): Promise<GameDay[]> {
    return (await this.repo.find({ where: { teamSlug: team }, order: { startsAt: 'ASC', id: 'ASC' } })).map(toGameDay);
  }

  async listWithReminders(): Promise<GameDay[]> {
    const rows = await this.repo.createQueryBuilder('g').where('g.reminders IS NOT NULL').getMany();
    return rows.map(toGameDay);
  }

  async update(id: string, changes: GameDayChanges): Promise<GameDay | null> {
    const row = await this.repo.findOneBy({ id });
    if (!row) return null;
    if (changes.title !== undefined) row.title = changes.title;
    if (changes.kind !== undefined) row.kind = changes.kind;
    if (changes.scenarios !== undefined) row.scenarios = changes.scenarios;
    if (changes.startsAt !== undefined) row.startsAt = changes.startsAt;
    if (changes.timezone !== undefined) row.timezone = changes.timezone;
    if (changes.durationMinutes !== undefined) row.durationMinutes = changes.durationMinutes;
    if (changes.facilitator !== undefined) row.facilitator = changes.facilitator;
    if (changes.participants !== undefined) row.participants = changes.participants;
    if (changes.recurrence !== undefined) row.recurrence = changes.recurrence;
    if (changes.exdates !== undefined) row.exdates = changes.exdates.map((d) => d.toISOString());
    if (changes.reminders !== undefined) row.reminders = changes.reminders;
    if (changes.autoStart !== undefined) row.autoStart = changes.autoStart;
    row.sequence += 1;
    return toGameDay(await this.repo.save(row));
  }

  async delete(id: string): Promise<boolean> {
    return ((await this.repo.delete({ id })).affected ?? 0) > 0;
  }

  async claimReminder(input: { gameDayId: string; occurrence: Date; leadTime: string; claimedBy: string; status: 'sending' | 'skipped' }): Promise<boolean> {
    const result = await this.reminders
      .createQueryBuilder()
      .insert()
      .values({ gamedayId: input.gameDayId, occurrence: input.occurrence, leadTime: input.leadTime, claimedBy: input.claimedBy, status: input.status, attempts: 0 })
      .orIgnore()
      .returning(['gamedayId'])
      .execute();
    return result.raw.length > 0;
  }

  async finishReminder(input: { gameDayId: string; occurrence: Date; leadTime: string; status: 'sent' | 'failed'; attempts: number; error?: string }): Promise<void> {
    await this.reminders.update(
      { gamedayId: input.gameDayId, occurrence: input.occurrence, leadTime: input.leadTime },
      { status: input.status, attempts: input.attempts, lastError: input.error ?? null, finishedAt: new Date() },
    );
  }

  async listAutoStart(): Promise<GameDay[]> {
    return (await this.repo.find({ where: { autoStart: true } })).map(toGameDay);
  }

  async claimRun(input: { gameDayId: string; occurrence: Date; scenario: string; replica: string; at: Date }): Promise<boolean> {
    const result = await this.runs
      .createQueryBuilder()
      .insert()
      .values({ gamedayId: input.gameDayId, occurrence: input.occurrence, scenario: input.scenario, outcome: 'starting', replica: input.replica, decidedAt: input.at })
      .orIgnore()
      .returning(['gamedayId'])
      .execute();
    return result.raw.length > 0;
  }

  async finishRun(input: Pick<GameDayRun, 'gameDayId' | 'occurrence' | 'scenario' | 'outcome' | 'reason' | 'detail' | 'runId'>): Promise<void> {
    await this.runs.update(
      { gamedayId: input.gameDayId, occurrence: input.occurrence, scenario: input.scenario },
      { outcome: input.outcome, reason: input.reason, detail: input.detail, runId: input.runId },
    );
  }

  async listRuns(gameDayId: string, limit: number): Promise<GameDayRun[]> {
    const rows = await this.runs.find({ where: { gamedayId: gameDayId }, order: { occurrence: 'DESC', scenario: 'ASC' }, take: limit });
    return rows.map((r) => ({
      gameDayId: r.gamedayId,
      occurrence: r.occurrence,
      scenario: r.scenario,
      outcome: r.outcome as GameDayRun['outcome'],
      reason: r.reason,
      detail: r.detail,
      runId: r.runId,
      replica: r.replica,
      decidedAt: r.decidedAt,
    }));
  }

  async listReminders(gameDayId: string): Promise<{ occurrence: Date; leadTime: string; status: ReminderStatus; attempts: number; error: string | null }[]> {
    const rows = await this.reminders.find({ where: { gamedayId: gameDayId }, order: { occurrence: 'ASC', leadTime: 'ASC' } });
    return rows.map((r) => ({ occurrence: r.occurrence, leadTime: r.leadTime, status: r.status as ReminderStatus, attempts: r.attempts, error: r.lastError }));
  }
}
