import { createHash } from 'node:crypto';
import type { DataSource, Repository } from 'typeorm';
import {
  ScenarioStore,
  type DocumentKind,
  type SavedScenario,
  type SaveScenarioOptions,
  type ScenarioDocument,
  type ScenarioListQuery,
  type ScenarioSource,
  type ScenarioVersionSummary,
  type StoredScenario,
} from '#scenario';
import { ScenarioVersionEntity } from '../entities/scenario-version.entity.js';
import { inTransaction } from '../transaction.js';

const toSummary = (e: ScenarioVersionEntity): ScenarioVersionSummary => ({
  kind: e.kind as DocumentKind,
  name: e.name,
  team: e.teamSlug,
  version: e.version,
  sha256: e.sha256,
  source: e.source as ScenarioSource,
  file: e.file,
  createdAt: e.createdAt,
});

const toStored = (e: ScenarioVersionEntity): StoredScenario => ({
  ...toSummary(e),
  yaml: e.yaml,
  document: e.document as ScenarioDocument,
});

export class TypeOrmScenarioStore extends ScenarioStore {
  /** The data source is looked up per call: it may connect after construction. */
  constructor(private readonly dataSource: () => DataSource) {
    super();
  }

  private get repo(): Repository<ScenarioVersionEntity> {
    return this.dataSource().getRepository(ScenarioVersionEntity);
  }

  async save(doc: ScenarioDocument, options: SaveScenarioOptions): Promise<SavedScenario> {
    const sha256 = createHash('sha256').update(options.yaml, 'utf8').digest('hex');
    const { kind, name } = { kind: doc.kind, name: doc.metadata.name };
    return inTransaction(this.dataSource(), async (manager) => {
      // One writer per (kind, name) at a time, across server replicas: the next version number is read then written.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`scenario_versions:${kind}/${name}`]);
      const repo = manager.getRepository(ScenarioVersionEntity);
      const latest = await repo.findOne({ where: { kind, name }, order: { version: 'DESC' } });
      if (latest && latest.sha256 === sha256) return { kind, name, version: latest.version, created: false };
      const version = (latest?.version ?? 0) + 1;
      await repo.insert({
        kind,
        name,
        teamSlug: doc.metadata.team,
        version,
        yaml: options.yaml,
        document: doc,
        sha256,
        source: options.source,
        file: options.file ?? null,
      });
      return { kind, name, version, created: true };
    });
  }

  async latest(kind: DocumentKind, name: string): Promise<StoredScenario | null> {
    const row = await this.repo.findOne({ where: { kind, name }, order: { version: 'DESC' } });
    return row ? toStored(row) : null;
  }

  async version(kind: DocumentKind, name: string, n: number): Promise<StoredScenario | null> {
    const row = await this.repo.findOneBy({ kind, name, version: n });
    return row ? toStored(row) : null;
  }

  async list(query: ScenarioListQuery): Promise<{ items: StoredScenario[]; total: number }> {
    const params: string[] = query.kind ? [query.kind] : [];
    const latest: { id: string; team_slug: string }[] = await this.dataSource().query(
      `SELECT DISTINCT ON (kind, name) id, team_slug FROM scenario_versions ${query.kind ? 'WHERE kind = $1' : ''} ORDER BY kind, name, version DESC`,
      params,
    );
    const ids = latest
      .filter((row) => query.team === undefined || row.team_slug === query.team)
      .map((row) => row.id);
    const page = ids.slice(query.offset, query.offset + query.limit);
    if (page.length === 0) return { items: [], total: ids.length };
    const rows = await this.repo
      .createQueryBuilder('v')
      .where('v.id IN (:...ids)', { ids: page })
      .orderBy('v.kind', 'ASC')
      .addOrderBy('v.name', 'ASC')
      .getMany();
    return { items: rows.map(toStored), total: ids.length };
  }

  async versions(kind: DocumentKind, name: string): Promise<ScenarioVersionSummary[]> {
    const rows = await this.repo.find({
      where: { kind, name },
      order: { version: 'DESC' },
      select: { id: true, kind: true, name: true, teamSlug: true, version: true, sha256: true, source: true, file: true, createdAt: true },
    });
    return rows.map(toSummary);
  }
}
