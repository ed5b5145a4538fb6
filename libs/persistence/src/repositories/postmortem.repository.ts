import type { DataSource } from 'typeorm';
import { PostmortemRepository, type BlamelessFinding, type Postmortem, type PostmortemSections, type PostmortemStatus } from '#debrief';
import { inTransaction } from '../transaction.js';

interface PostmortemRow {
  id: string;
  incident_id: string;
  team_slug: string;
  status: string;
  sections: PostmortemSections;
  findings: BlamelessFinding[];
  due_at: Date | null;
  published_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

const toPostmortem = (r: PostmortemRow): Postmortem => ({
  id: r.id,
  incidentId: r.incident_id,
  teamSlug: r.team_slug,
  status: r.status as PostmortemStatus,
  sections: r.sections,
  findings: r.findings,
  dueAt: r.due_at,
  publishedAt: r.published_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export class TypeOrmPostmortemRepository extends PostmortemRepository {
  constructor(private readonly dataSource: () => DataSource) {
    super();
  }

  async findByIncident(incidentId: string): Promise<Postmortem | null> {
    const rows: PostmortemRow[] = await this.dataSource().query(`SELECT * FROM postmortems WHERE incident_id = $1`, [incidentId]);
    return rows[0] ? toPostmortem(rows[0]) : null;
  }

  async save(p: Omit<Postmortem, 'id' | 'createdAt' | 'updatedAt'>): Promise<Postmortem> {
    return inTransaction(this.dataSource(), async (m) => {
      const rows: PostmortemRow[] = await m.query(
        `INSERT INTO postmortems (incident_id, team_slug, status, sections, findings, due_at, published_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (incident_id) DO UPDATE SET status = EXCLUDED.status, sections = EXCLUDED.sections, findings = EXCLUDED.findings,
           due_at = EXCLUDED.due_at, published_at = EXCLUDED.published_at, updated_at = now()
         RETURNING *`,
        [p.incidentId, p.teamSlug, p.status, JSON.stringify(p.sections), JSON.stringify(p.findings), p.dueAt, p.publishedAt],
      );
      await m.query(`UPDATE incidents SET postmortem_published_at = $2, updated_at = now() WHERE id = $1 AND postmortem_published_at IS DISTINCT FROM $2`, [
        p.incidentId,
        p.publishedAt,
      ]);
      return toPostmortem(rows[0]!);
    });
  }
}
