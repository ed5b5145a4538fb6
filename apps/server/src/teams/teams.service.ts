import { Injectable } from '@nestjs/common';
import { requireTeamAccess, TeamRepository, type Principal, type Team } from '#access';
import { ConflictError, TeamNotFound, type TeamDto } from '#contracts';

export const toTeamDto = (t: Team): TeamDto => ({
  slug: t.slug,
  name: t.name,
  createdAt: t.createdAt.toISOString(),
  updatedAt: t.updatedAt.toISOString(),
});

@Injectable()
export class TeamsService {
  constructor(private readonly teams: TeamRepository) {}

  async create(input: { slug: string; name: string }): Promise<TeamDto> {
    const team = await this.teams.create(input);
    if (!team) throw new ConflictError(`A team with slug '${input.slug}' already exists`, { slug: input.slug });
    return toTeamDto(team);
  }

  async list(principal: Principal, page: { limit: number; offset: number }) {
    const { items, total } = await this.teams.list({ ...page, slug: principal.teamSlug ?? undefined });
    return { items: items.map(toTeamDto), total, limit: page.limit, offset: page.offset };
  }

  async get(principal: Principal, slug: string): Promise<TeamDto> {
    requireTeamAccess(principal, slug);
    const team = await this.teams.find(slug);
    if (!team) throw new TeamNotFound(slug);
    return toTeamDto(team);
  }

  async update(principal: Principal, slug: string, changes: { name?: string }): Promise<TeamDto> {
    requireTeamAccess(principal, slug);
    const team = await this.teams.update(slug, changes);
    if (!team) throw new TeamNotFound(slug);
    return toTeamDto(team);
  }

  async delete(principal: Principal, slug: string): Promise<void> {
    requireTeamAccess(principal, slug);
    if (!(await this.teams.delete(slug))) throw new TeamNotFound(slug);
  }
}
