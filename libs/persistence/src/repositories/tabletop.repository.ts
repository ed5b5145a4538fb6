import type { DataSource, EntityManager } from 'typeorm';
import {
  TabletopRepository,
  type NewTabletopSession,
  type StoredTabletopEvent,
  type TabletopChange,
  type TabletopEvent,
  type TabletopListQuery,
  type TabletopParticipant,
  type TabletopSession,
} from '#incident';
import { NotFoundError } from '#contracts';
import type { Tabletop } from '#scenario';
import { TabletopParticipantEntity, TabletopSessionEntity, TabletopTimelineEventEntity } from '../entities/tabletop.entity.js';
import { inTransaction } from '../transaction.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const dates = <T extends object>(rows: unknown[], keys: (keyof T)[]): T[] =>
  (rows as Record<string, unknown>[]).map((r) => {
    const out: Record<string, unknown> = { ...r };
    for (const k of keys) if (out[k as string] != null) out[k as string] = new Date(out[k as string] as string);
    return out as T;
  });

function toSession(e: TabletopSessionEntity): TabletopSession {
  return {
    id: e.id,
    script: e.script,
    scriptVersion: e.scriptVersion,
    teamSlug: e.teamSlug,
    title: e.title,
    severity: e.severity as TabletopSession['severity'],
    document: e.document as unknown as Tabletop,
    joinCode: e.joinCode,
    state: e.state as TabletopSession['state'],
    mode: e.mode as TabletopSession['mode'],
    createdBy: e.createdBy,
    createdAt: e.createdAt,
    startedAt: e.startedAt,
    pausedAt: e.pausedAt,
    pausedMs: Number(e.pausedMs),
    endedAt: e.endedAt,
    released: dates(e.released, ['releasedAt']),
    skipped: dates(e.skipped, ['skippedAt']),
    expectations: dates(e.expectations, ['releasedAt', 'metAt', 'missedAt', 'doneLateAt']),
  };
}

function toColumns(s: NewTabletopSession): Partial<TabletopSessionEntity> {
  return {
    script: s.script,
    scriptVersion: s.scriptVersion,
    teamSlug: s.teamSlug,
    title: s.title,
    severity: s.severity,
    document: s.document as unknown as Record<string, unknown>,
    joinCode: s.joinCode,
    state: s.state,
    mode: s.mode,
    createdBy: s.createdBy,
    createdAt: s.createdAt,
    startedAt: s.startedAt,
    pausedAt: s.pausedAt,
    pausedMs: s.pausedMs,
    endedAt: s.endedAt,
    released: s.released,
    skipped: s.skipped,
    expectations: s.expectations,
  };
}

const toEvent = (e: TabletopTimelineEventEntity): StoredTabletopEvent => ({
  id: String(e.id),
  sessionId: e.sessionId,
  at: e.at,
  kind: e.kind as StoredTabletopEvent['kind'],
  title: e.title,
  data: e.data,
  actor: e.actor,
});

const toParticipant = (e: TabletopParticipantEntity): TabletopParticipant => ({
  id: e.id,
  sessionId: e.sessionId,
  name: e.name,
  role: e.role,
  tokenHash: e.tokenHash,
  csrfToken: e.csrfToken,
  joinedAt: e.joinedAt,
});

export class TypeOrmTabletopRepository extends TabletopRepository {
  constructor(private readonly dataSource: () => DataSource) {
    super();
  }

  private get sessions() {
    return this.dataSource().getRepository(TabletopSessionEntity);
  }

  async create(session: NewTabletopSession, event: TabletopEvent): Promise<TabletopSession | null> {
    try {
      return await inTransaction(this.dataSource(), async (m) => {
        const saved = await m.getRepository(TabletopSessionEntity).save(m.getRepository(TabletopSessionEntity).create(toColumns(session)));
        await this.append(m, saved.id, [event]);
        return toSession(saved);
      });
    } catch (error) {
      if ((error as { code?: string }).code === '23505') return null;
      throw error;
    }
  }

  async get(id: string): Promise<TabletopSession | null> {
    if (!UUID.test(id)) return null;
    const row = await this.sessions.findOneBy({ id });
    return row ? toSession(row) : null;
  }

  async findOpenByJoinCode(code: string): Promise<TabletopSession | null> {
    const row = await this.sessions.createQueryBuilder('s').where('s.join_code = :code', { code }).andWhere(`s.state <> 'ended'`).getOne();
    return row ? toSession(row) : null;
  }

  async listRunning(): Promise<TabletopSession[]> {
    return (await this.sessions.findBy({ state: 'running' })).map(toSession);
  }

  async list(query: TabletopListQuery): Promise<{ items: TabletopSession[]; total: number }> {
    const qb = this.sessions.createQueryBuilder('s').orderBy('s.created_at', 'DESC').take(query.limit).skip(query.offset);
    if (query.team) qb.andWhere('s.team_slug = :team', { team: query.team });
    if (query.states?.length) qb.andWhere('s.state IN (:...states)', { states: query.states });
    const [rows, total] = await qb.getManyAndCount();
    return { items: rows.map(toSession), total };
  }

  async change<T>(id: string, fn: (session: TabletopSession) => { session: TabletopSession; events: TabletopEvent[]; result: T }): Promise<TabletopChange<T>> {
    if (!UUID.test(id)) throw new NotFoundError('tabletop session', id);
    return inTransaction(this.dataSource(), async (m) => {
      const repo = m.getRepository(TabletopSessionEntity);
      const row = await repo.createQueryBuilder('s').setLock('pessimistic_write').where('s.id = :id', { id }).getOne();
      if (!row) throw new NotFoundError('tabletop session', id);
      const { session, events, result } = fn(toSession(row));
      if (events.length === 0) return { session: toSession(row), events: [], result };
      // jsonb columns are whole values here: update, never a deep merge.
      await repo.update({ id }, { ...toColumns(session), updatedAt: new Date() } as Parameters<typeof repo.update>[1]);
      const stored = await this.append(m, id, events);
      return { session, events: stored, result };
    });
  }

  async timeline(id: string, options: { afterId?: string; limit?: number } = {}): Promise<StoredTabletopEvent[]> {
    if (!UUID.test(id)) return [];
    const qb = this.dataSource()
      .getRepository(TabletopTimelineEventEntity)
      .createQueryBuilder('e')
      .where('e.session_id = :id', { id })
      .orderBy('e.id', 'ASC')
      .take(options.limit ?? 500);
    if (options.afterId) qb.andWhere('e.id > :after', { after: options.afterId });
    return (await qb.getMany()).map(toEvent);
  }

  async addParticipant(participant: Omit<TabletopParticipant, 'id' | 'joinedAt'>, event: TabletopEvent) {
    return inTransaction(this.dataSource(), async (m) => {
      const repo = m.getRepository(TabletopParticipantEntity);
      const saved = await repo.save(repo.create(participant));
      const [stored] = await this.append(m, participant.sessionId, [event]);
      return { participant: toParticipant(saved), event: stored! };
    });
  }

  async participantByTokenHash(hash: string): Promise<TabletopParticipant | null> {
    const row = await this.dataSource().getRepository(TabletopParticipantEntity).findOneBy({ tokenHash: hash });
    return row ? toParticipant(row) : null;
  }

  async participants(sessionId: string): Promise<TabletopParticipant[]> {
    if (!UUID.test(sessionId)) return [];
    return (await this.dataSource().getRepository(TabletopParticipantEntity).find({ where: { sessionId }, order: { joinedAt: 'ASC' } })).map(toParticipant);
  }

  private async append(m: EntityManager, sessionId: string, events: TabletopEvent[]): Promise<StoredTabletopEvent[]> {
    const repo = m.getRepository(TabletopTimelineEventEntity);
    const rows = await repo.save(events.map((e) => repo.create({ sessionId, at: e.at, kind: e.kind, title: e.title, data: e.data, actor: e.actor })));
    return rows.map(toEvent);
  }
}
