import type { DataSource, Repository } from 'typeorm';
import { TeamRepository, type Team } from '#access';
import { TeamEntity } from '../entities/team.entity.js';

const toTeam = (e: TeamEntity): Team => ({ slug: e.slug, name: e.name, createdAt: e.createdAt, updatedAt: e.updatedAt });

export class TypeOrmTeamRepository extends TeamRepository {
  /** The data source is looked up per call: it may connect after construction. */
  constructor(private readonly dataSource: () => DataSource) {
    super();
  }

  private get repo(): Repository<TeamEntity> {
    return this.dataSource().getRepository(TeamEntity);
  }

  async list(options: { slug?: string; limit: number; offset: number }): Promise<{ items: Team[]; total: number }> {
    const [rows, total] = await this.repo.findAndCount({
      where: options.slug ? { slug: options.slug } : {},
      order: { slug: 'ASC' },
      take: options.limit,
      skip: options.offset,
    });
    return { items: rows.map(toTeam), total };
  }

  async find(slug: string): Promise<Team | null> {
    const row = await this.repo.findOneBy({ slug });
    return row ? toTeam(row) : null;
  }

  async create(team: Pick<Team, 'slug' | 'name'>): Promise<Team | null> {
    const result = await this.repo
      .createQueryBuilder()
      .insert()
      .values({ slug: team.slug, name: team.name })
      .orIgnore()
      .returning('*')
      .execute();
    if (result.raw.length === 0) return null;
    return this.find(team.slug);
  }

  async update(slug: string, changes: Partial<Pick<Team, 'name'>>): Promise<Team | null> {
    const row = await this.repo.findOneBy({ slug });
    if (!row) return null;
    if (changes.name !== undefined) row.name = changes.name;
    return toTeam(await this.repo.save(row));
  }

  async delete(slug: string): Promise<boolean> {
    const result = await this.repo.delete({ slug });
    return (result.affected ?? 0) > 0;
  }
}
