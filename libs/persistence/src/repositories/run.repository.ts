import { In, IsNull, Not, type DataSource } from 'typeorm';
import {
  HaltRepository,
  ProbeResultRepository,
  RoleRepository,
  RunRepository,
  TimelineRepository,
  type Halt,
  type NewRun,
  type ProbeResult,
  type RoleAssignment,
  type Run,
  type RunState,
  type TimelineEvent,
} from '#incident';
import { InjectionRecordRepository, type InjectionRecord, type NewInjectionRecord } from '#chaos';
import { NotFoundError } from '#contracts';
import { HaltEntity, InjectionRecordEntity, ProbeResultEntity, RunEntity, RunRoleEntity, TimelineEventEntity } from '../entities/run.entity.js';

const FINAL = ['completed', 'aborted', 'failed'];

const toRun = (e: RunEntity): Run => ({
  id: e.id,
  scenarioName: e.scenarioName,
  scenarioVersion: e.scenarioVersion,
  teamSlug: e.teamSlug,
  severity: e.severity,
  state: e.state as RunState,
  dryRun: e.dryRun,
  trigger: e.trigger as Run['trigger'],
  document: e.document,
  createdBy: e.createdBy,
  t0: e.t0,
  startedAt: e.startedAt,
  endedAt: e.endedAt,
  abortReason: e.abortReason,
  failureReason: e.failureReason,
  owner: e.owner,
  leaseExpiresAt: e.leaseExpiresAt,
  steps: e.steps as Run['steps'],
  impactReducedAt: e.impactReducedAt,
  steadyStateBrokenAt: e.steadyStateBrokenAt,
  createdAt: e.createdAt,
  updatedAt: e.updatedAt,
});

export class TypeOrmRunRepository extends RunRepository {
  constructor(private readonly ds: () => DataSource) {
    super();
  }

  private get repo() {
    return this.ds().getRepository(RunEntity);
  }

  async create(run: NewRun): Promise<Run> {
    const saved = await this.repo.save(this.repo.create({ ...run, state: 'scheduled' }));
    return toRun((await this.repo.findOneBy({ id: saved.id }))!);
  }

  async get(id: string): Promise<Run | null> {
    if (!isUuid(id)) return null;
    const row = await this.repo.findOneBy({ id });
    return row ? toRun(row) : null;
  }

  async transition(id: string, from: RunState, to: RunState, changes: Partial<Run> = {}): Promise<Run | null> {
    const result = await this.repo.update({ id, state: from }, { ...(changes as object), state: to, updatedAt: new Date() } as never);
    if ((result.affected ?? 0) === 0) return null;
    return this.get(id);
  }

  async update(id: string, changes: Partial<Omit<Run, 'id' | 'state' | 'createdAt'>>): Promise<Run> {
    await this.repo.update({ id }, { ...(changes as object), updatedAt: new Date() } as never);
    const run = await this.get(id);
    if (!run) throw new NotFoundError('run', id);
    return run;
  }

  async listActive(): Promise<Run[]> {
    return (await this.repo.find({ where: { state: Not(In(FINAL)) }, order: { createdAt: 'ASC' } })).map(toRun);
  }

  async list(query: { team?: string; state?: RunState; limit: number; offset: number }): Promise<{ items: Run[]; total: number }> {
    const where: Record<string, unknown> = {};
    if (query.team) where.teamSlug = query.team;
    if (query.state) where.state = query.state;
    const [rows, total] = await this.repo.findAndCount({ where, order: { createdAt: 'DESC' }, take: query.limit, skip: query.offset });
    return { items: rows.map(toRun), total };
  }

  async claim(id: string, owner: string, leaseMs: number): Promise<boolean> {
    const rows: unknown[] = await this.ds().query(
      `UPDATE runs SET owner = $2, lease_expires_at = now() + ($3 || ' milliseconds')::interval
         WHERE id = $1 AND (owner IS NULL OR owner = $2 OR lease_expires_at < now()) RETURNING id`,
      [id, owner, String(leaseMs)],
    );
    return rowCount(rows) > 0;
  }

  async release(id: string, owner: string): Promise<void> {
    await this.ds().query(`UPDATE runs SET owner = NULL, lease_expires_at = NULL WHERE id = $1 AND owner = $2`, [id, owner]);
  }

  async candidatesAt(at: Date, graceMs: number): Promise<Run[]> {
    const rows: RunEntity[] = await this.repo
      .createQueryBuilder('r')
      .where('r.t0 IS NOT NULL')
      .andWhere('r.t0 <= :at', { at: new Date(at.getTime() + 60_000) })
      .andWhere('(r.ended_at IS NULL OR r.ended_at >= :since)', { since: new Date(at.getTime() - graceMs) })
      .getMany();
    return rows.map(toRun);
  }
}

/** pg returns [rows, count] for UPDATE … RETURNING through TypeORM's query(). */
function rowCount(result: unknown[]): number {
  if (Array.isArray(result[0])) return (result[0] as unknown[]).length;
  return result.length;
}

function isUuid(id: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
}

const toRecord = (e: InjectionRecordEntity): InjectionRecord => ({
  id: e.id,
  runId: e.runId,
  stepIndex: e.stepIndex,
  kind: e.kind as InjectionRecord['kind'],
  target: e.target as unknown as InjectionRecord['target'],
  spec: e.spec,
  phase: e.phase as InjectionRecord['phase'],
  undo: e.undo,
  attempts: e.attempts,
  lastError: e.lastError,
  expiresAt: e.expiresAt,
  injectedAt: e.injectedAt,
  recoveredAt: e.recoveredAt,
  outcome: e.outcome as InjectionRecord['outcome'],
  notes: e.notes,
  dryRun: e.dryRun,
  createdAt: e.createdAt,
  updatedAt: e.updatedAt,
});

/** Maps a RETURNING row (column names) to the entity shape. */
function fromRaw(r: Record<string, unknown>): InjectionRecordEntity {
  return {
    id: r.id,
    runId: r.run_id,
    stepIndex: r.step_index,
    kind: r.kind,
    target: r.target,
    spec: r.spec,
    phase: r.phase,
    undo: r.undo,
    attempts: r.attempts,
    lastError: r.last_error,
    expiresAt: r.expires_at,
    injectedAt: r.injected_at,
    recoveredAt: r.recovered_at,
    outcome: r.outcome,
    notes: r.notes,
    dryRun: r.dry_run,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  } as InjectionRecordEntity;
}

export class TypeOrmInjectionRecordRepository extends InjectionRecordRepository {
  constructor(private readonly ds: () => DataSource) {
    super();
  }

  private get repo() {
    return this.ds().getRepository(InjectionRecordEntity);
  }

  async createMany(records: NewInjectionRecord[]): Promise<InjectionRecord[]> {
    if (records.length === 0) return [];
    const rows = await this.repo.save(
      records.map((r) =>
        this.repo.create({
          ...r,
          target: r.target as unknown as Record<string, unknown>,
          phase: r.dryRun ? 'recovered' : 'pending',
          outcome: r.dryRun ? 'never-injected' : null,
          notes: r.dryRun ? { dryRun: true } : {},
        }),
      ),
    );
    return (await this.repo.findBy({ id: In(rows.map((r) => r.id)) })).map(toRecord).sort((a, b) => a.target.name.localeCompare(b.target.name));
  }

  /** One round trip: UPDATE … RETURNING (records are written around every cluster call). */
  async update(id: string, changes: Partial<Omit<InjectionRecord, 'id' | 'runId' | 'createdAt'>>): Promise<InjectionRecord> {
    const row: Record<string, unknown> = { ...changes, updatedAt: new Date() };
    if (changes.target) row.target = changes.target as unknown as Record<string, unknown>;
    const result = await this.repo.createQueryBuilder().update().set(row as never).where('id = :id', { id }).returning('*').execute();
    const raw = (result.raw as Record<string, unknown>[])[0];
    if (!raw) throw new NotFoundError('injection record', id);
    return toRecord(fromRaw(raw));
  }

  async get(id: string): Promise<InjectionRecord | null> {
    const row = await this.repo.findOneBy({ id });
    return row ? toRecord(row) : null;
  }

  async listForRun(runId: string): Promise<InjectionRecord[]> {
    return (await this.repo.find({ where: { runId }, order: { stepIndex: 'ASC', createdAt: 'ASC' } })).map(toRecord);
  }

  async listUnsettled(): Promise<InjectionRecord[]> {
    const rows = await this.repo
      .createQueryBuilder('r')
      .where(`r.phase IN ('pending','injecting','injected','recovering')`)
      .orWhere(`r.phase = 'failed' AND r.notes->>'failedDuring' = 'recover'`)
      .orderBy('r.created_at', 'ASC')
      .getMany();
    return rows.map(toRecord);
  }
}

export class TypeOrmTimelineRepository extends TimelineRepository {
  constructor(private readonly ds: () => DataSource) {
    super();
  }

  async append(event: Omit<TimelineEvent, 'id'>): Promise<TimelineEvent> {
    const repo = this.ds().getRepository(TimelineEventEntity);
    const row = await repo.save(repo.create(event));
    return { ...event, id: String(row.id) };
  }

  async list(runId: string, options: { afterId?: string; limit?: number } = {}): Promise<TimelineEvent[]> {
    const qb = this.ds().getRepository(TimelineEventEntity).createQueryBuilder('e').where('e.run_id = :runId', { runId });
    if (options.afterId) qb.andWhere('e.id > :after', { after: options.afterId });
    const rows = await qb.orderBy('e.id', 'ASC').limit(options.limit ?? 5000).getMany();
    return rows.map((r) => ({ id: String(r.id), runId: r.runId, at: r.at, kind: r.kind, title: r.title, data: r.data, actor: r.actor }));
  }
}

export class TypeOrmHaltRepository extends HaltRepository {
  constructor(private readonly ds: () => DataSource) {
    super();
  }

  async current(): Promise<Halt | null> {
    return this.ds().getRepository(HaltEntity).findOne({ where: { liftedAt: IsNull() }, order: { createdAt: 'DESC' } });
  }

  async engage(reason: string, by: string): Promise<Halt> {
    await this.ds().query(`INSERT INTO halts (reason, created_by) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [reason, by]);
    return (await this.current())!;
  }

  async lift(by: string): Promise<Halt | null> {
    const current = await this.current();
    if (!current) return null;
    await this.ds().getRepository(HaltEntity).update({ id: current.id }, { liftedAt: new Date(), liftedBy: by });
    return { ...current, liftedAt: new Date(), liftedBy: by };
  }
}

export class TypeOrmRoleRepository extends RoleRepository {
  constructor(private readonly ds: () => DataSource) {
    super();
  }

  async assign(a: RoleAssignment): Promise<void> {
    await this.ds().getRepository(RunRoleEntity).upsert({ ...a }, ['runId', 'role']);
  }

  async list(runId: string): Promise<RoleAssignment[]> {
    return this.ds().getRepository(RunRoleEntity).find({ where: { runId }, order: { assignedAt: 'ASC' } });
  }
}

export class TypeOrmProbeResultRepository extends ProbeResultRepository {
  constructor(private readonly ds: () => DataSource) {
    super();
  }

  async add(result: ProbeResult): Promise<void> {
    await this.ds().getRepository(ProbeResultEntity).insert({ ...result });
  }

  async list(runId: string, options: { probe?: string; limit?: number } = {}): Promise<ProbeResult[]> {
    const rows = await this.ds()
      .getRepository(ProbeResultEntity)
      .find({ where: { runId, ...(options.probe ? { probe: options.probe } : {}) }, order: { at: 'DESC' }, take: options.limit ?? 500 });
    return rows.reverse().map((r) => ({ runId: r.runId, probe: r.probe, ok: r.ok, value: r.value, detail: r.detail, at: r.at }));
  }
}
