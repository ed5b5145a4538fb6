import { IsNull, type DataSource, type Repository } from 'typeorm';
import { ApiTokenRepository, type ApiToken } from '#access';
import type { Role } from '#contracts';
import { ApiTokenEntity } from '../entities/api-token.entity.js';

const toToken = (e: ApiTokenEntity): ApiToken => ({
  id: e.id,
  name: e.name,
  role: e.role as Role,
  teamSlug: e.teamSlug,
  hash: e.hash,
  createdAt: e.createdAt,
  lastUsedAt: e.lastUsedAt,
  revokedAt: e.revokedAt,
});

export class TypeOrmApiTokenRepository extends ApiTokenRepository {
  /** The data source is looked up per call: it may connect after construction. */
  constructor(private readonly dataSource: () => DataSource) {
    super();
  }

  private get repo(): Repository<ApiTokenEntity> {
    return this.dataSource().getRepository(ApiTokenEntity);
  }

  async findByHash(hash: string): Promise<ApiToken | null> {
    const row = await this.repo.findOneBy({ hash, revokedAt: IsNull() });
    return row ? toToken(row) : null;
  }

  async findByName(name: string): Promise<ApiToken | null> {
    const row = await this.repo.findOneBy({ name, revokedAt: IsNull() });
    return row ? toToken(row) : null;
  }

  async create(token: Omit<ApiToken, 'id' | 'createdAt' | 'lastUsedAt' | 'revokedAt'>): Promise<ApiToken> {
    const row = await this.repo.save(this.repo.create({ ...token }));
    return toToken(row);
  }

  async list(): Promise<ApiToken[]> {
    return (await this.repo.find({ order: { createdAt: 'ASC' } })).map(toToken);
  }

  async revoke(id: string): Promise<boolean> {
    const result = await this.repo.update({ id, revokedAt: IsNull() }, { revokedAt: new Date() });
    return (result.affected ?? 0) > 0;
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.repo.update({ id }, { lastUsedAt: at });
  }
}
