import { Injectable } from '@nestjs/common';
import { requireTeamAccess, TeamRepository, type Principal } from '#access';
import { NotFoundError, TeamNotFound, type CreatedIntegrationDto } from '#contracts';
import {
  DeadLetterStore,
  generateIntegrationToken,
  hashIntegrationToken,
  IntegrationRepository,
  type Integration,
  type IntegrationOptions,
} from '#incident';
import { IntegrationCache } from './integration-cache.js';
import { toIntegrationDto, type CreateIntegration, type DeadLetterPage } from './integrations.dto.js';

@Injectable()
export class IntegrationsService {
  constructor(
    private readonly integrations: IntegrationRepository,
    private readonly deadLetterStore: DeadLetterStore,
    private readonly teams: TeamRepository,
    private readonly cache: IntegrationCache,
  ) {}

  /** The token is in this answer and nowhere else; only its SHA-256 is stored. */
  async create(principal: Principal, body: CreateIntegration): Promise<CreatedIntegrationDto> {
    const team = body.team ?? principal.teamSlug;
    if (team) {
      requireTeamAccess(principal, team);
      if (!(await this.teams.find(team))) throw new TeamNotFound(team);
    }
    const { secret, ...options } = body.options as IntegrationOptions & { secret?: string };
    const token = generateIntegrationToken();
    const integration = await this.integrations.create({
      type: body.type,
      team: team ?? null,
      name: body.name,
      options,
      secret: secret ?? null,
      tokenHash: hashIntegrationToken(token),
    });
    return { ...toIntegrationDto(integration), token };
  }

  async list(principal: Principal) {
    const items = await this.integrations.list({ team: principal.teamSlug ?? undefined });
    return { items: items.map(toIntegrationDto) };
  }

  async get(principal: Principal, id: string) {
    return toIntegrationDto(await this.load(principal, id));
  }

  async delete(principal: Principal, id: string): Promise<void> {
    await this.load(principal, id);
    await this.integrations.delete(id);
    this.cache.evict(id);
  }

  /** Deliveries that could not be read, newest first, with their exact body. */
  async deadLetters(principal: Principal, id: string, page: DeadLetterPage) {
    await this.load(principal, id);
    const { items, total } = await this.deadLetterStore.list({ integrationId: id, ...page });
    return {
      items: items.map((d) => ({
        id: d.id,
        reason: d.reason,
        statusCode: d.statusCode,
        headers: d.headers,
        body: d.raw.toString('utf8'),
        receivedAt: d.receivedAt.toISOString(),
      })),
      total,
      ...page,
    };
  }

  private async load(principal: Principal, id: string): Promise<Integration> {
    const integration = await this.integrations.find(id);
    if (!integration) throw new NotFoundError('integration', id);
    if (integration.team) requireTeamAccess(principal, integration.team);
    else if (principal.teamSlug) throw new NotFoundError('integration', id);
    return integration;
  }
}
