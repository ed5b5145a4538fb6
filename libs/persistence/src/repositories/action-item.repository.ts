import type { DataSource } from 'typeorm';
import { ActionItemRepository, type ActionItem, type ActionItemQuery, type ActionItemStatus, type ActionItemType } from '#debrief';

interface ActionItemRow {
  id: string;
  incident_id: string;
  team_slug: string;
  title: string;
  owner: string;
  type: string;
  status: string;
  due_at: Date;
  completed_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

const toItem = (r: ActionItemRow): ActionItem => ({
  id: r.id,
  incidentId: r.incident_id,
  teamSlug: r.team_slug,
  title: r.title,
  owner: r.owner,
  type: r.type as ActionItemType,
  status: r.status as ActionItemStatus,
  dueAt: r.due_at,
  completedAt: r.completed_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const COLUMNS: Record<string, string> = { title: 'title', owner: 'owner', type: 'type', status: 'status', dueAt: 'due_at', completedAt: 'completed_at' };
const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

export class TypeOrmActionItemRepository extends ActionItemRepository {
  constructor(private readonly dataSource: () => DataSource) {
    super();
  }

  async create(item: Omit<ActionItem, 'id' | 'createdAt' | 'updatedAt'>): Promise<ActionItem> {
    const rows: ActionItemRow[] = await this.dataSource().query(
      `INSERT INTO action_items (incident_id, team_slug, title, owner, type, status, due_at, completed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
      [item.incidentId, item.teamSlug, item.title, item.owner, item.type, item.status, item.dueAt, item.completedAt],
    );
    return toItem(rows[0]!);
  }

  async find(id: string): Promise<ActionItem | null> {
    if (!isUuid(id)) return null;
    const rows: ActionItemRow[] = await this.dataSource().query(`SELECT * FROM action_items WHERE id = $1`, [id]);
    return rows[0] ? toItem(rows[0]) : null;
  }

  async update(id: string, changes: Partial<Pick<ActionItem, 'title' | 'owner' | 'type' | 'status' | 'dueAt' | 'completedAt'>>): Promise<ActionItem | null> {
    if (!isUuid(id)) return null;
    const params: unknown[] = [id];
    const sets = Object.entries(changes)
      .filter(([k, v]) => v !== undefined && COLUMNS[k])
      .map(([k, v]) => `${COLUMNS[k]} = $${params.push(v)}`);
    const rows: ActionItemRow[] = await this.dataSource().query(`UPDATE action_items SET ${[...sets, 'updated_at = now()'].join(', ')} WHERE id = $1 RETURNING *`, params);
    // node-postgres returns [rows, count] for UPDATE ... RETURNING through TypeORM
    const list = (Array.isArray(rows[0]) ? rows[0] : rows) as ActionItemRow[];
    return list[0] ? toItem(list[0]) : null;
  }

  async delete(id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    const rows = await this.dataSource().query(`DELETE FROM action_items WHERE id = $1 RETURNING id`, [id]);
    const list = Array.isArray(rows[0]) ? rows[0] : rows;
    return list.length > 0;
  }

  async list(query: ActionItemQuery): Promise<{ items: ActionItem[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.teamSlug) where.push(`team_slug = $${params.push(query.teamSlug)}`);
    if (query.incidentId) where.push(`incident_id = $${params.push(query.incidentId)}`);
    if (query.status) where.push(`status = $${params.push(query.status)}`);
    if (query.overdueAt) where.push(`status = 'open' AND due_at < $${params.push(query.overdueAt)}`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [rows, [count]] = await Promise.all([
      this.dataSource().query(`SELECT * FROM action_items ${clause} ORDER BY due_at, id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`, [...params, query.limit, query.offset]),
      this.dataSource().query(`SELECT count(*)::int AS n FROM action_items ${clause}`, params),
    ]);
    return { items: (rows as ActionItemRow[]).map(toItem), total: count.n };
  }

  async listForIncident(incidentId: string): Promise<ActionItem[]> {
    const rows: ActionItemRow[] = await this.dataSource().query(`SELECT * FROM action_items WHERE incident_id = $1 ORDER BY due_at, id`, [incidentId]);
    return rows.map(toItem);
  }
}
