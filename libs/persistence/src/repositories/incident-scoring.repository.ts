import type { DataSource } from 'typeorm';
import type { IncidentKind, Severity } from '#incident';
import { ScoringInputSource, StatusAutomation, type ScoringActionItem, type ScoringInput, type ScoringRecord, type ScoringWindow } from '#scoring';

/** Epoch milliseconds as text, '' for NULL (date_part is float8: cheaper than EXTRACT's numeric). */
const ms = (column: string) => `coalesce((date_part('epoch', ${column}) * 1000)::bigint::text, '')`;
const date = (v: string | undefined): Date | null => (v ? new Date(Number(v)) : null);
/** Booleans arrive as PostgreSQL's text form, 't' or 'f'. */
const lines = (text: string): string[] => (text ? text.split('\n') : []);

/**
 * Loads a team's window for the scorecard in two queries: the per-record
 * summary columns (joined with its postmortem) and the action items.
 */
export class TypeOrmScoringInputSource extends ScoringInputSource {
  constructor(
    private readonly dataSource: () => DataSource,
    /** Due date of a postmortem that has no record yet. */
    private readonly postmortemDueAt: (resolvedAt: Date | null, severity: Severity) => Date | null,
  ) {
    super();
  }

  async load(teamSlug: string, window: ScoringWindow): Promise<Pick<ScoringInput, 'records' | 'actionItems'>> {
    const ds = this.dataSource();
    const params = [teamSlug, window.from, window.to];
    // One tab-separated text value per query, timestamps as epoch
    // milliseconds: parsing 10,000 rows field by field (and 100,000
    // timestamptz strings) costs far more than the query itself.
    const [[{ rows }], [{ items }]] = await Promise.all([
      ds.query(
        `SELECT coalesce(string_agg(concat_ws(E'\\t',
                  i.id, coalesce(i.run_id::text, ''), i.kind, i.drill, i.severity, coalesce(translate(i.scenario_name, E'\\t\\n\\r', '   '), ''),
                  ${ms('i.started_at')}, ${ms('i.detected_at')}, ${ms('i.acknowledged_at')}, ${ms('i.mitigated_at')}, ${ms('i.resolved_at')},
                  ${ms('i.customer_reported_at')}, ${ms('i.first_communicated_at')},
                  CASE WHEN cardinality(i.status_updates) = 0 THEN '' ELSE array_to_string(ARRAY(SELECT ${ms('u')} FROM unnest(i.status_updates) u), ',') END,
                  coalesce(i.detection_source, ''), i.alert_fired, i.incident_commander_assigned, i.runbook_linked, i.auto_mitigated,
                  coalesce(i.root_cause_key, ''), i.targets::text,
                  ${ms('i.postmortem_published_at')}, p.id IS NOT NULL, coalesce(p.status, ''), ${ms('p.published_at')}, ${ms('p.due_at')},
                  coalesce(jsonb_array_length(p.findings), 0)
                ), E'\\n' ORDER BY i.started_at DESC, i.id), '') AS rows
         FROM incidents i LEFT JOIN postmortems p ON p.incident_id = i.id
         WHERE i.team_slug = $1 AND i.started_at >= $2 AND i.started_at <= $3`,
        params,
      ),
      ds.query(
        `SELECT coalesce(string_agg(concat_ws(E'\\t', a.id, a.incident_id, a.status, ${ms('a.due_at')}, ${ms('a.completed_at')}), E'\\n'), '') AS items
         FROM action_items a JOIN incidents i ON i.id = a.incident_id
         WHERE i.team_slug = $1 AND i.started_at >= $2 AND i.started_at <= $3`,
        params,
      ),
    ]);
    const records: ScoringRecord[] = lines(rows).map((line) => {
      const f = line.split('\t');
      const publishedAt = date(f[24]) ?? date(f[21]);
      const resolvedAt = date(f[10]);
      const severity = f[4] as Severity;
      return {
        id: f[0]!,
        runId: f[1] || null,
        kind: f[2] as IncidentKind,
        drill: f[3] === 't',
        severity,
        scenarioName: f[5] || null,
        startedAt: date(f[6])!,
        detectedAt: date(f[7]),
        acknowledgedAt: date(f[8]),
        mitigatedAt: date(f[9]),
        resolvedAt,
        customerReportedAt: date(f[11]),
        firstCommunicatedAt: date(f[12]),
        statusUpdates: f[13] ? f[13].split(',').map((x) => new Date(Number(x))) : [],
        detectionSource: (f[14] || null) as ScoringRecord['detectionSource'],
        alertFired: f[15] === 't',
        incidentCommanderAssigned: f[16] === 't',
        runbookLinked: f[17] === 't',
        autoMitigated: f[18] === 't',
        rootCauseKey: f[19] || null,
        targets: JSON.parse(f[20]!),
        postmortemPublishedAt: date(f[21]),
        postmortem: {
          exists: f[22] === 't' || publishedAt !== null,
          status: (f[23] || (publishedAt ? 'published' : null)) as ScoringRecord['postmortem']['status'],
          publishedAt,
          dueAt: date(f[25]) ?? this.postmortemDueAt(resolvedAt, severity),
          findings: Number(f[26]),
        },
      };
    });
    const actionItems: ScoringActionItem[] = lines(items).map((line) => {
      const [id, incidentId, status, due, completed] = line.split('\t');
      return { id: id!, incidentId: incidentId!, status: status as ScoringActionItem['status'], dueAt: date(due)!, completedAt: date(completed) };
    });
    return { records, actionItems };
  }
}

/** Status updates count as automated when the team has a Statuspage integration feeding Firedrill. */
export class TypeOrmStatusAutomation extends StatusAutomation {
  constructor(private readonly dataSource: () => DataSource) {
    super();
  }

  async automatedStatusUpdates(teamSlug: string): Promise<boolean> {
    const [row] = await this.dataSource().query(`SELECT EXISTS (SELECT 1 FROM integrations WHERE type = 'statuspage' AND team_slug = $1) AS on`, [teamSlug]);
    return row?.on === true;
  }
}
