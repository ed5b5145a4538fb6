import type { DataSource, Repository } from 'typeorm';
import { DeadLetterStore, IntegrationRepository, type DeadLetter, type Integration, type IntegrationType } from '#incident';
import { DeadLetterEntity } from '../entities/dead-letter.entity.js';
import { IntegrationEntity } from '../entities/integration.entity.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (id: string): boolean => UUID.test(id);

const toIntegration = (e: IntegrationEntity): Integration => ({
  id: e.id,
  type: e.type as IntegrationType,
  team: e.teamSlug,
  name: e.name,
  options: e.options,
  tokenHash: e.tokenHash,
  secret: e.secret,
  createdAt: e.createdAt,
});

export class TypeOrmIntegrationRepository extends IntegrationRepository {
  /** The data source is looked up per call: it may connect after construction. */
  constructor(private readonly dataSource: () => DataSource) {
    super();
  }

  private get repo(): Repository<IntegrationEntity> {
    return this.dataSource().getRepository(IntegrationEntity);
  }

  async create(input: Omit<Integration, 'id' | 'createdAt'>): Promise<Integration> {
    const row = await this.repo.save(
      this.repo.create({
        type: input.type,
        teamSlug: input.team,
        name: input.name,
        options: input.options as Record<string, unknown>,
        secret: input.secret,
        tokenHash: input.tokenHash,
      }),
    );
    return toIntegration(row);
  }

  async find(id: string): Promise<Integration | null> {
    if (!isUuid(id)) return null;
    const row = await this.repo.findOneBy({ id });
    return row ? toIntegration(row) : null;
  }

  async list(options: { team?: string }): Promise<Integration[]> {
    const rows = await this.repo.find({ where: options.team ? { teamSlug: options.team } : {}, order: { createdAt: 'ASC' } });
    return rows.map(toIntegration);
  }

  async delete(id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    const result = await this.repo.delete({ id });
    return (result.affected ?? 0) > 0;
  }
}

const toDeadLetter = (e: DeadLetterEntity): DeadLetter => ({
  id: e.id,
  integrationId: e.integrationId,
  reason: e.reason,
  statusCode: e.statusCode,
  raw: e.raw,
  headers: e.headers,
  receivedAt: e.receivedAt,
});

export class TypeOrmDeadLetterStore extends DeadLetterStore {
  constructor(private readonly dataSource: () => DataSource) {
    super();
  }

  private get repo(): Repository<DeadLetterEntity> {
    return this.dataSource().getRepository(DeadLetterEntity);
  }

  async add(letter: Omit<DeadLetter, 'id'>): Promise<DeadLetter> {
    return toDeadLetter(await this.repo.save(this.repo.create({ ...letter })));
  }

  async list(options: { integrationId?: string; limit: number; offset: number }): Promise<{ items: DeadLetter[]; total: number }> {
    const [rows, total] = await this.repo.findAndCount({
      where: options.integrationId ? { integrationId: options.integrationId } : {},
      order: { receivedAt: 'DESC' },
      take: options.limit,
      skip: options.offset,
    });
    return { items: rows.map(toDeadLetter), total };
  }
}
