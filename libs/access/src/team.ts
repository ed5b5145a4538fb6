export interface Team {
  slug: string;
  name: string;
  createdAt: Date;
  updatedAt: Date;
}

/** Port: where teams are kept. Implemented in libs/persistence. */
export abstract class TeamRepository {
  abstract list(options: { slug?: string; limit: number; offset: number }): Promise<{ items: Team[]; total: number }>;
  abstract find(slug: string): Promise<Team | null>;
  /** Inserts; returns false when the slug is taken. */
  abstract create(team: Pick<Team, 'slug' | 'name'>): Promise<Team | null>;
  abstract update(slug: string, changes: Partial<Pick<Team, 'name'>>): Promise<Team | null>;
  abstract delete(slug: string): Promise<boolean>;
}
