import type { DataSource } from 'typeorm';
import { IncidentMetricsSource, SEVERITIES, type DurationStats, type IncidentMetrics, type MetricsQuery, type Severity } from '#incident';

const STATS = (name: string) =>
  `avg(${name})::float8 AS ${name}_mean, percentile_cont(0.5) WITHIN GROUP (ORDER BY ${name}) AS ${name}_median, ` +
  `percentile_cont(0.9) WITHIN GROUP (ORDER BY ${name}) AS ${name}_p90, count(${name})::int AS ${name}_count`;

const stats = (row: Record<string, any>, name: string): DurationStats => ({
  mean: row[`${name}_mean`] === null ? null : Number(row[`${name}_mean`]),
  median: row[`${name}_median`] === null ? null : Number(row[`${name}_median`]),
  p90: row[`${name}_p90`] === null ? null : Number(row[`${name}_p90`]),
  count: row[`${name}_count`],
});

const empty = (): IncidentMetrics => ({
  count: 0,
  mttd: { mean: null, median: null, p90: null, count: 0 },
  mtta: { mean: null, median: null, p90: null, count: 0 },
  mttm: { mean: null, median: null, p90: null, count: 0 },
  mttr: { mean: null, median: null, p90: null, count: 0 },
  countsBySeverity: Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>,
  countsByService: {},
  repeatIncidents: [],
  postmortemCompletionRate: null,
  actionItemCompletionRate: null,
  quarters: [],
});

/**
 * Response metrics computed by PostgreSQL: percentile_cont, avg and FILTER
 * over the (team_slug, drill, started_at) index, grouped by drill and by
 * quarter in one pass. A fixed number of queries whatever the row count.
 */
export class TypeOrmIncidentMetrics extends IncidentMetricsSource {
  constructor(private readonly dataSource: () => DataSource) {
    super();
  }

  async compute(query: MetricsQuery): Promise<{ real: IncidentMetrics; drill: IncidentMetrics }> {
    const ds = this.dataSource();
    const window = `team_slug = $1 AND started_at >= $2 AND started_at < $3`;
    const params = [query.teamSlug, query.from, query.to];
    const [durations, counts, repeats, rates] = await Promise.all([
      ds.query(
        `WITH r AS (
           SELECT drill, to_char(date_trunc('quarter', started_at AT TIME ZONE 'UTC'), 'YYYY-"Q"Q') AS quarter,
             EXTRACT(EPOCH FROM detected_at - started_at)::float8 AS ttd,
             EXTRACT(EPOCH FROM acknowledged_at - detected_at)::float8 AS tta,
             EXTRACT(EPOCH FROM mitigated_at - started_at)::float8 AS ttm,
             EXTRACT(EPOCH FROM resolved_at - started_at)::float8 AS ttr
           FROM incidents WHERE ${window})
         SELECT drill, quarter, GROUPING(quarter) AS whole, count(*)::int AS n, ${STATS('ttd')}, ${STATS('tta')}, ${STATS('ttm')}, ${STATS('ttr')}
         FROM r GROUP BY GROUPING SETS ((drill), (drill, quarter)) ORDER BY drill, quarter`,
        params,
      ),
      ds.query(
        `SELECT drill, severity, service, GROUPING(severity) AS by_service, count(*)::int AS n
         FROM incidents WHERE ${window} GROUP BY GROUPING SETS ((drill, severity), (drill, service))`,
        params,
      ),
      ds.query(
        `SELECT drill, root_cause_key, min(root_cause) AS root_cause, count(*)::int AS n, (array_agg(id ORDER BY started_at))[1:50] AS ids
         FROM incidents WHERE ${window} AND root_cause_key IS NOT NULL
         GROUP BY drill, root_cause_key HAVING count(*) > 1 ORDER BY n DESC, root_cause_key LIMIT 100`,
        params,
      ),
      ds.query(
        `SELECT i.drill,
           count(*) FILTER (WHERE i.resolved_at IS NOT NULL)::int AS resolved,
           count(*) FILTER (WHERE i.resolved_at IS NOT NULL AND (i.postmortem_published_at IS NOT NULL OR p.published_at IS NOT NULL))::int AS published,
           coalesce(sum(a.live), 0)::int AS items, coalesce(sum(a.done), 0)::int AS done
         FROM incidents i
         LEFT JOIN postmortems p ON p.incident_id = i.id
         LEFT JOIN (SELECT incident_id, count(*) FILTER (WHERE status <> 'dropped') AS live, count(*) FILTER (WHERE status = 'done') AS done
                    FROM action_items WHERE team_slug = $1 GROUP BY incident_id) a ON a.incident_id = i.id
         WHERE i.team_slug = $1 AND i.started_at >= $2 AND i.started_at < $3
         GROUP BY i.drill`,
        params,
      ),
    ]);
    const out = { real: empty(), drill: empty() };
    const pick = (drill: boolean) => (drill ? out.drill : out.real);
    for (const row of durations) {
      const target = pick(row.drill);
      const figures = { mttd: stats(row, 'ttd'), mtta: stats(row, 'tta'), mttm: stats(row, 'ttm'), mttr: stats(row, 'ttr') };
      if (row.whole === 1) Object.assign(target, figures, { count: row.n });
      else target.quarters.push({ quarter: row.quarter, count: row.n, ...figures });
    }
    for (const row of counts) {
      const target = pick(row.drill);
      if (row.by_service === 1) target.countsByService[row.service] = row.n;
      else target.countsBySeverity[row.severity as Severity] = row.n;
    }
    for (const row of repeats) pick(row.drill).repeatIncidents.push({ rootCauseKey: row.root_cause_key, rootCause: row.root_cause, count: row.n, incidentIds: row.ids });
    for (const row of rates) {
      const target = pick(row.drill);
      target.postmortemCompletionRate = row.resolved > 0 ? row.published / row.resolved : null;
      target.actionItemCompletionRate = row.items > 0 ? row.done / row.items : null;
    }
    return out;
  }
}
