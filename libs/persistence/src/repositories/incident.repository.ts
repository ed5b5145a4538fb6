import type { DataSource, EntityManager } from 'typeorm';
import {
  IncidentRecords,
  rootCauseKey,
  type DrillRecord,
  type ImportedIncident,
  type ImportResult,
  type IncidentKind,
  type IncidentListQuery,
  type IncidentRecord,
  type Severity,
} from '#incident';
import { inTransaction } from '../transaction.js';

export interface IncidentRow {
  id: string;
  team_slug: string;
  external_id: string | null;
  run_id: string | null;
  drill: boolean;
  kind: string;
  title: string;
  severity: string;
  service: string;
  scenario_name: string | null;
  started_at: Date;
  detected_at: Date | null;
  acknowledged_at: Date | null;
  mitigated_at: Date | null;
  resolved_at: Date | null;
  customer_reported_at: Date | null;
  first_communicated_at: Date | null;
  status_updates: Date[];
  detection_source: string | null;
  alert_fired: boolean;
  incident_commander_assigned: boolean;
  runbook_linked: boolean;
  auto_mitigated: boolean;
  root_cause: string | null;
  root_cause_key: string | null;
  targets: Record<string, number>;
  postmortem_published_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export const toIncidentRecord = (r: IncidentRow): IncidentRecord => ({
  id: r.id,
  teamSlug: r.team_slug,
  externalId: r.external_id,
  runId: r.run_id,
  drill: r.drill,
  kind: r.kind as IncidentKind,
  title: r.title,
  severity: r.severity as Severity,
  service: r.service,
  scenarioName: r.scenario_name,
  startedAt: r.started_at,
  detectedAt: r.detected_at,
  acknowledgedAt: r.acknowledged_at,
  mitigatedAt: r.mitigated_at,
  resolvedAt: r.resolved_at,
  customerReportedAt: r.customer_reported_at,
  firstCommunicatedAt: r.first_communicated_at,
  statusUpdates: r.status_updates ?? [],
  detectionSource: r.detection_source as IncidentRecord['detectionSource'],
  alertFired: r.alert_fired,
  incidentCommanderAssigned: r.incident_commander_assigned,
  runbookLinked: r.runbook_linked,
  autoMitigated: r.auto_mitigated,
  rootCause: r.root_cause,
  rootCauseKey: r.root_cause_key,
  targets: r.targets ?? {},
  postmortemPublishedAt: r.postmortem_published_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

/** DrillRecord field -> column, for the fields a later upsert may leave out. */
const DRILL_OPTIONAL: Array<[keyof DrillRecord, string]> = [
  ['detectedAt', 'detected_at'],
  ['acknowledgedAt', 'acknowledged_at'],
  ['mitigatedAt', 'mitigated_at'],
  ['resolvedAt', 'resolved_at'],
  ['customerReportedAt', 'customer_reported_at'],
  ['firstCommunicatedAt', 'first_communicated_at'],
  ['statusUpdates', 'status_updates'],
  ['detectionSource', 'detection_source'],
  ['alertFired', 'alert_fired'],
  ['incidentCommanderAssigned', 'incident_commander_assigned'],
  ['runbookLinked', 'runbook_linked'],
  ['autoMitigated', 'auto_mitigated'],
  ['rootCause', 'root_cause'],
  ['targets', 'targets'],
];

const IMPORT_COLUMNS = [
  'team_slug',
  'external_id',
  'drill',
  'kind',
  'title',
  'severity',
  'service',
  'started_at',
  'detected_at',
  'acknowledged_at',
  'mitigated_at',
  'resolved_at',
  'customer_reported_at',
  'first_communicated_at',
  'status_updates',
  'detection_source',
  'alert_fired',
  'incident_commander_assigned',
  'runbook_linked',
  'root_cause',
  'root_cause_key',
  'postmortem_published_at',
] as const;
const BATCH = 500;

/** Incident and drill rows in PostgreSQL. */
export class TypeOrmIncidentRecords extends IncidentRecords {
  constructor(private readonly dataSource: () => DataSource) {
    super();
  }

  async upsertDrill(record: DrillRecord): Promise<void> {
    const columns = ['run_id', 'team_slug', 'drill', 'kind', 'title', 'severity', 'service', 'scenario_name', 'started_at'];
    const values: unknown[] = [record.runId, record.teamSlug, true, record.kind, record.title, record.severity, record.service, record.scenarioName, record.startedAt];
    for (const [field, column] of DRILL_OPTIONAL) {
      const value = record[field];
      if (value === undefined) continue;
      columns.push(column);
      values.push(field === 'targets' ? JSON.stringify(value) : value);
      if (field === 'rootCause') {
        columns.push('root_cause_key');
        values.push(rootCauseKey(value as string | null));
      }
    }
    const updates = columns.filter((c) => c !== 'run_id').map((c) => `${c} = EXCLUDED.${c}`);
    await this.dataSource().query(
      `INSERT INTO incidents (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})
       ON CONFLICT (run_id) DO UPDATE SET ${updates.join(', ')}, updated_at = now()`,
      values,
    );
  }

  async findById(id: string): Promise<IncidentRecord | null> {
    if (!isUuid(id)) return null;
    const rows: IncidentRow[] = await this.dataSource().query(`SELECT * FROM incidents WHERE id = $1`, [id]);
    return rows[0] ? toIncidentRecord(rows[0]) : null;
  }

  async findByRunId(runId: string): Promise<IncidentRecord | null> {
    if (!isUuid(runId)) return null;
    const rows: IncidentRow[] = await this.dataSource().query(`SELECT * FROM incidents WHERE run_id = $1`, [runId]);
    return rows[0] ? toIncidentRecord(rows[0]) : null;
  }

  async list(query: IncidentListQuery): Promise<{ items: IncidentRecord[]; total: number }> {
    const where = ['team_slug = $1'];
    const params: unknown[] = [query.teamSlug];
    if (query.drill !== undefined) where.push(`drill = $${params.push(query.drill)}`);
    if (query.from) where.push(`started_at >= $${params.push(query.from)}`);
    if (query.to) where.push(`started_at < $${params.push(query.to)}`);
    const rows: Array<IncidentRow & { total: number }> = await this.dataSource().query(
      `SELECT *, count(*) OVER ()::int AS total FROM incidents WHERE ${where.join(' AND ')}
       ORDER BY started_at DESC, id LIMIT $${params.push(query.limit)} OFFSET $${params.push(query.offset)}`,
      params,
    );
    let total = rows[0]?.total ?? 0;
    if (rows.length === 0 && query.offset > 0) {
      const [c] = await this.dataSource().query(`SELECT count(*)::int AS n FROM incidents WHERE ${where.join(' AND ')}`, params.slice(0, -2));
      total = c.n;
    }
    return { items: rows.map(toIncidentRecord), total };
  }

  async importIncidents(teamSlug: string, rows: ImportedIncident[], defaultActionItemDue: (severity: Severity, from: Date) => Date): Promise<ImportResult> {
    return inTransaction(this.dataSource(), async (m) => {
      let created = 0;
      let updated = 0;
      const ids = new Map<string, string>();
      for (let start = 0; start < rows.length; start += BATCH) {
        const batch = rows.slice(start, start + BATCH);
        const params: unknown[] = [];
        const tuples = batch.map((r) => {
          const values: unknown[] = [
            teamSlug,
            r.externalId,
            false,
            'incident',
            r.title,
            r.severity,
            r.service,
            r.startedAt,
            r.detectedAt,
            r.acknowledgedAt,
            r.mitigatedAt,
            r.resolvedAt,
            r.customerReportedAt,
            r.firstCommunicatedAt,
            r.statusUpdates,
            r.detectionSource,
            r.detectionSource === 'alert',
            r.incidentCommanderAssigned,
            r.runbookLinked,
            r.rootCause,
            rootCauseKey(r.rootCause),
            r.postmortemPublishedAt,
          ];
          return `(${values.map((v, i) => `$${params.push(v)}${IMPORT_COLUMNS[i] === 'status_updates' ? '::timestamptz[]' : ''}`).join(', ')})`;
        });
        const updates = IMPORT_COLUMNS.filter((c) => c !== 'team_slug' && c !== 'external_id').map((c) => `${c} = EXCLUDED.${c}`);
        const result: Array<{ id: string; external_id: string; inserted: boolean }> = await m.query(
          `INSERT INTO incidents (${IMPORT_COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}
           ON CONFLICT (team_slug, external_id) DO UPDATE SET ${updates.join(', ')}, updated_at = now()
           RETURNING id, external_id, (xmax = 0) AS inserted`,
          params,
        );
        for (const r of result) {
          ids.set(r.external_id, r.id);
          if (r.inserted) created++;
          else updated++;
        }
      }
      const actionItems = await this.importActionItems(m, teamSlug, rows, ids, defaultActionItemDue);
      return { created, updated, actionItems };
    });
  }

  /** Action items of imported incidents, matched by title so a re-import updates them. */
  private async importActionItems(
    m: EntityManager,
    teamSlug: string,
    rows: ImportedIncident[],
    ids: Map<string, string>,
    defaultDue: (severity: Severity, from: Date) => Date,
  ): Promise<number> {
    const withItems = rows.filter((r) => r.actionItems.length > 0);
    if (withItems.length === 0) return 0;
    const incidentIds = withItems.map((r) => ids.get(r.externalId)!);
    const existing: Array<{ id: string; incident_id: string; title: string }> = await m.query(`SELECT id, incident_id, title FROM action_items WHERE incident_id = ANY($1::uuid[])`, [incidentIds]);
    const byKey = new Map(existing.map((e) => [`${e.incident_id}\u0000${e.title}`, e.id]));
    let count = 0;
    for (const r of withItems) {
      const incidentId = ids.get(r.externalId)!;
      for (const item of r.actionItems) {
        const dueAt = item.dueAt ?? defaultDue(r.severity, r.resolvedAt ?? r.startedAt);
        const id = byKey.get(`${incidentId}\u0000${item.title}`);
        if (id) {
          await m.query(`UPDATE action_items SET owner = $2, type = $3, status = $4, due_at = $5, completed_at = $6, updated_at = now() WHERE id = $1`, [id, item.owner, item.type, item.status, dueAt, item.completedAt]);
        } else {
          await m.query(`INSERT INTO action_items (incident_id, team_slug, title, owner, type, status, due_at, completed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [
            incidentId,
            teamSlug,
            item.title,
            item.owner,
            item.type,
            item.status,
            dueAt,
            item.completedAt,
          ]);
        }
        count++;
      }
    }
    return count;
  }
}
