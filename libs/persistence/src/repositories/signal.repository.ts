import type { DataSource, EntityManager } from 'typeorm';
import { NotFoundError, ValidationError } from '#contracts';
import {
  SignalStore,
  type AttachedBy,
  type RecordDeliveryInput,
  type RecordSignalInput,
  type Signal,
  type SignalCorrection,
  type SignalKind,
  type SignalListQuery,
  type TimeSource,
} from '#incident';
import { inTransaction } from '../transaction.js';
import { isUuid } from './integration.repository.js';

interface SignalRow {
  id: string;
  integration_id: string | null;
  delivery_id: string | null;
  team_slug: string | null;
  source: string;
  kind: string;
  occurred_at: Date;
  received_at: Date;
  time_source: string;
  labels: Record<string, string>;
  summary: string | null;
  raw: unknown;
  dedupe_key: string;
  drill: boolean | null;
}

const COLUMNS = `id, integration_id, delivery_id, team_slug, source, kind, occurred_at, received_at, time_source, labels, summary, raw, dedupe_key, drill`;

const toSignal = (r: SignalRow): Signal => ({
  id: r.id,
  integrationId: r.integration_id,
  deliveryId: r.delivery_id,
  team: r.team_slug,
  source: r.source,
  kind: r.kind as SignalKind,
  occurredAt: r.occurred_at,
  receivedAt: r.received_at,
  timeSource: r.time_source as TimeSource,
  labels: r.labels,
  summary: r.summary,
  raw: r.raw,
  dedupeKey: r.dedupe_key,
  drill: r.drill,
});

/**
 * Signals in PostgreSQL. A webhook delivery is one statement: the raw body
 * goes to `deliveries` and all its signals are inserted with
 * ON CONFLICT DO NOTHING on (dedupe_scope, dedupe_key), so a retry or a
 * repeated notification stores nothing new.
 */
export class TypeOrmSignalStore extends SignalStore {
  constructor(private readonly dataSource: () => DataSource) {
    super();
  }

  private query<T>(sql: string, params: unknown[] = [], manager?: EntityManager): Promise<T[]> {
    return (manager ?? this.dataSource().manager).query(sql, params) as Promise<T[]>;
  }

  /** TypeORM answers an UPDATE … RETURNING with `[rows, affected]` instead of the rows. */
  private async update<T>(sql: string, params: unknown[], manager: EntityManager): Promise<T[]> {
    const result = (await manager.query(sql, params)) as [T[], number];
    return result[0];
  }

  async record(input: RecordSignalInput): Promise<{ signal: Signal; duplicate: boolean }> {
    const scope = input.integrationId ?? input.source;
    const inserted = await this.query<SignalRow>(
      `INSERT INTO signals (integration_id, team_slug, source, kind, occurred_at, received_at, time_source, labels, summary, raw, dedupe_scope, dedupe_key, drill)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT DO NOTHING RETURNING ${COLUMNS}`,
      [
        input.integrationId ?? null,
        input.team,
        input.source,
        input.kind,
        input.occurredAt,
        input.receivedAt ?? new Date(),
        input.timeSource ?? 'sender',
        JSON.stringify(input.labels ?? {}),
        input.summary ?? null,
        input.raw === undefined ? null : JSON.stringify(input.raw),
        scope,
        input.dedupeKey,
        input.drill ?? null,
      ],
    );
    if (inserted[0]) return { signal: toSignal(inserted[0]), duplicate: false };
    const [existing] = await this.query<SignalRow>(`SELECT ${COLUMNS} FROM signals WHERE dedupe_scope = $1 AND dedupe_key = $2`, [
      scope,
      input.dedupeKey,
    ]);
    return { signal: toSignal(existing!), duplicate: true };
  }

  async recordDelivery(input: RecordDeliveryInput): Promise<{ deliveryId: string; signals: Signal[]; duplicates: number }> {
    const { delivery, drafts } = input;
    const rows = drafts.map((d) => ({
      kind: d.kind,
      occurred_at: d.occurredAt.toISOString(),
      time_source: d.timeSource,
      labels: d.labels,
      summary: d.summary,
      raw: d.raw ?? null,
      dedupe_key: d.dedupeKey,
    }));
    const result = await this.query<{ delivery_id: string; id: string | null; dedupe_key: string | null }>(
      `WITH d AS (
         INSERT INTO deliveries (integration_id, body, headers, received_at) VALUES ($1, $2, $3, $4) RETURNING id
       ), s AS (
         INSERT INTO signals (integration_id, delivery_id, team_slug, source, kind, occurred_at, received_at, time_source, labels, summary, raw, dedupe_scope, dedupe_key)
         SELECT $1, d.id, $5, $6, x.kind, x.occurred_at, $4, x.time_source, x.labels, x.summary, x.raw, $1::text, x.dedupe_key
         FROM d, jsonb_to_recordset($7::jsonb) AS x(kind varchar, occurred_at timestamptz, time_source varchar, labels jsonb, summary text, raw jsonb, dedupe_key varchar)
         ON CONFLICT DO NOTHING
         RETURNING id, dedupe_key
       )
       SELECT d.id AS delivery_id, s.id, s.dedupe_key FROM d LEFT JOIN s ON true`,
      [
        input.integrationId,
        delivery.body,
        JSON.stringify(delivery.headers),
        delivery.receivedAt,
        input.team,
        input.source,
        JSON.stringify(rows),
      ],
    );
    const idByKey = new Map(result.filter((r) => r.id).map((r) => [r.dedupe_key!, r.id!]));
    const signals: Signal[] = [];
    const seen = new Set<string>();
    for (const d of drafts) {
      const id = idByKey.get(d.dedupeKey);
      // A key repeated inside one delivery is stored once.
      if (!id || seen.has(d.dedupeKey)) continue;
      seen.add(d.dedupeKey);
      signals.push({
        id,
        integrationId: input.integrationId,
        deliveryId: result[0]!.delivery_id,
        team: input.team,
        source: input.source,
        kind: d.kind,
        occurredAt: d.occurredAt,
        receivedAt: delivery.receivedAt,
        timeSource: d.timeSource,
        labels: d.labels,
        summary: d.summary,
        raw: d.raw,
        dedupeKey: d.dedupeKey,
        drill: null,
      });
    }
    return { deliveryId: result[0]!.delivery_id, signals, duplicates: drafts.length - signals.length };
  }

  async get(id: string): Promise<Signal | null> {
    if (!isUuid(id)) return null;
    const [row] = await this.query<SignalRow>(`SELECT ${COLUMNS} FROM signals WHERE id = $1`, [id]);
    return row ? toSignal(row) : null;
  }

  async getMany(ids: readonly string[]): Promise<Signal[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    const rows = await this.query<SignalRow>(`SELECT ${COLUMNS} FROM signals WHERE id = ANY($1::uuid[])`, [valid]);
    return rows.map(toSignal);
  }

  async list(q: SignalListQuery): Promise<{ items: Signal[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.team) {
      params.push(q.team);
      where.push(`s.team_slug = $${params.length}`);
    }
    if (q.unmatched) where.push(`NOT EXISTS (SELECT 1 FROM signal_runs r WHERE r.signal_id = s.id)`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = (await this.query<{ total: string }>(`SELECT count(*) AS total FROM signals s ${clause}`, params)) as [
      { total: string },
    ];
    const rows = await this.query<SignalRow>(
      `SELECT ${COLUMNS.split(', ')
        .map((c) => `s.${c}`)
        .join(
          ', ',
        )} FROM signals s ${clause} ORDER BY s.received_at DESC, s.occurred_at DESC, s.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, q.limit, q.offset],
    );
    return { items: rows.map(toSignal), total: Number(total) };
  }

  async listForRun(runId: string): Promise<Signal[]> {
    const rows = await this.query<SignalRow>(
      `SELECT ${COLUMNS.split(', ')
        .map((c) => `s.${c}`)
        .join(', ')} FROM signals s JOIN signal_runs r ON r.signal_id = s.id WHERE r.run_id = $1 ORDER BY s.occurred_at, s.id`,
      [runId],
    );
    return rows.map(toSignal);
  }

  async runsOf(signalId: string): Promise<{ runId: string; attachedBy: AttachedBy; attachedAt: Date }[]> {
    if (!isUuid(signalId)) return [];
    const rows = await this.query<{ run_id: string; attached_by: AttachedBy; attached_at: Date }>(
      `SELECT run_id, attached_by, attached_at FROM signal_runs WHERE signal_id = $1 ORDER BY attached_at, run_id`,
      [signalId],
    );
    return rows.map((r) => ({ runId: r.run_id, attachedBy: r.attached_by, attachedAt: r.attached_at }));
  }

  async attach(signalId: string, runId: string, by: AttachedBy): Promise<void> {
    if (!isUuid(signalId)) throw new NotFoundError('signal', signalId);
    await inTransaction(this.dataSource(), async (m) => {
      const updated = await this.update<{ id: string }>(`UPDATE signals SET drill = true WHERE id = $1 RETURNING id`, [signalId], m);
      if (updated.length === 0) throw new NotFoundError('signal', signalId);
      await this.query(
        `INSERT INTO signal_runs (signal_id, run_id, attached_by) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
        [signalId, runId, by],
        m,
      );
    });
  }

  async correct(signalId: string, correction: { occurredAt: Date; reason: string; by: string }): Promise<{ old: Signal; new: Signal }> {
    const reason = correction.reason?.trim() ?? '';
    const issues = [];
    if (!reason) issues.push({ path: 'reason', message: 'a correction needs a reason (it is kept in the audit trail)' });
    if (!(correction.occurredAt instanceof Date) || Number.isNaN(correction.occurredAt.getTime()))
      issues.push({ path: 'occurredAt', message: 'must be a valid time' });
    if (issues.length) throw new ValidationError('The correction is invalid', issues);
    if (!isUuid(signalId)) throw new NotFoundError('signal', signalId);
    return inTransaction(this.dataSource(), async (m) => {
      const [before] = await this.query<SignalRow>(`SELECT ${COLUMNS} FROM signals WHERE id = $1 FOR UPDATE`, [signalId], m);
      if (!before) throw new NotFoundError('signal', signalId);
      const [after] = await this.update<SignalRow>(
        `UPDATE signals SET occurred_at = $2 WHERE id = $1 RETURNING ${COLUMNS}`,
        [signalId, correction.occurredAt],
        m,
      );
      await this.query(
        `INSERT INTO signal_corrections (signal_id, corrected_by, old_occurred_at, new_occurred_at, reason) VALUES ($1, $2, $3, $4, $5)`,
        [signalId, correction.by, before.occurred_at, correction.occurredAt, reason],
        m,
      );
      return { old: toSignal(before), new: toSignal(after!) };
    });
  }

  async corrections(signalId: string): Promise<SignalCorrection[]> {
    if (!isUuid(signalId)) return [];
    const rows = await this.query<{
      signal_id: string;
      corrected_by: string;
      old_occurred_at: Date;
      new_occurred_at: Date;
      reason: string;
      at: Date;
    }>(
      `SELECT signal_id, corrected_by, old_occurred_at, new_occurred_at, reason, at FROM signal_corrections WHERE signal_id = $1 ORDER BY at, id`,
      [signalId],
    );
    return rows.map((r) => ({
      signalId: r.signal_id,
      correctedBy: r.corrected_by,
      oldOccurredAt: r.old_occurred_at,
      newOccurredAt: r.new_occurred_at,
      reason: r.reason,
      at: r.at,
    }));
  }
}
