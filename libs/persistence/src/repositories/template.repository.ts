import type { DataSource } from 'typeorm';
import { PostmortemTemplateRepository, type PostmortemTemplate } from '#debrief';

interface TemplateRow {
  team_slug: string;
  name: string;
  source: string;
  created_at: Date;
  updated_at: Date;
}

const toTemplate = (r: TemplateRow): PostmortemTemplate => ({ teamSlug: r.team_slug, name: r.name, source: r.source, createdAt: r.created_at, updatedAt: r.updated_at });

export class TypeOrmPostmortemTemplateRepository extends PostmortemTemplateRepository {
  constructor(private readonly dataSource: () => DataSource) {
    super();
  }

  async find(teamSlug: string, name: string): Promise<PostmortemTemplate | null> {
    const rows: TemplateRow[] = await this.dataSource().query(`SELECT * FROM postmortem_templates WHERE team_slug = $1 AND name = $2`, [teamSlug, name]);
    return rows[0] ? toTemplate(rows[0]) : null;
  }

  async save(teamSlug: string, name: string, source: string): Promise<PostmortemTemplate> {
    const rows: TemplateRow[] = await this.dataSource().query(
      `INSERT INTO postmortem_templates (team_slug, name, source) VALUES ($1, $2, $3)
       ON CONFLICT (team_slug, name) DO UPDATE SET source = EXCLUDED.source, updated_at = now() RETURNING *`,
      [teamSlug, name, source],
    );
    return toTemplate(rows[0]!);
  }

  async list(teamSlug: string): Promise<PostmortemTemplate[]> {
    const rows: TemplateRow[] = await this.dataSource().query(`SELECT * FROM postmortem_templates WHERE team_slug = $1 ORDER BY name`, [teamSlug]);
    return rows.map(toTemplate);
  }

  async delete(teamSlug: string, name: string): Promise<boolean> {
    const rows = await this.dataSource().query(`DELETE FROM postmortem_templates WHERE team_slug = $1 AND name = $2 RETURNING name`, [teamSlug, name]);
    const list = Array.isArray(rows[0]) ? rows[0] : rows;
    return list.length > 0;
  }
}
