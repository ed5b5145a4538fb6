import type { DataSource } from 'typeorm';
import { LessThan } from 'typeorm';
import { WebSessionEntity } from '../entities/web-session.entity.js';

export interface WebSession {
  id: string;
  secretHash: string;
  tokenHash: string;
  csrfToken: string;
  createdAt: Date;
  expiresAt: Date;
}

/** Browser sign-ins (the web UI's server-side sessions). */
export class TypeOrmWebSessionRepository {
  constructor(private readonly dataSource: () => DataSource) {}

  private get repo() {
    return this.dataSource().getRepository(WebSessionEntity);
  }

  async create(session: Omit<WebSession, 'id' | 'createdAt'>): Promise<WebSession> {
    return { ...(await this.repo.save(this.repo.create(session))) };
  }

  async findBySecretHash(hash: string, now: Date): Promise<WebSession | null> {
    const row = await this.repo.findOneBy({ secretHash: hash });
    if (!row || row.expiresAt <= now) return null;
    return { ...row };
  }

  async delete(id: string): Promise<void> {
    await this.repo.delete({ id });
  }

  async deleteExpired(now: Date): Promise<number> {
    return (await this.repo.delete({ expiresAt: LessThan(now) })).affected ?? 0;
  }
}
