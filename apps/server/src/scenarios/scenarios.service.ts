import { Injectable } from '@nestjs/common';
import { requireTeamAccess, type Principal } from '#access';
import { NotFoundError, ValidationError } from '#contracts';
import { planScenario, ScenarioStore, type DocumentKind, type StoredScenario } from '#scenario';
import { toListItemDto, toScenarioDto, toVersionDto } from './scenario-dto.mapper.js';
import type { ListScenarios } from './scenarios.dto.js';

/** Reads of stored scenarios, tabletops and schedules; team-scoped tokens see only their team's. */
@Injectable()
export class ScenariosService {
  constructor(private readonly store: ScenarioStore) {}

  async list(principal: Principal, query: ListScenarios) {
    if (query.team !== undefined) requireTeamAccess(principal, query.team);
    const team = query.team ?? principal.teamSlug ?? undefined;
    const { items, total } = await this.store.list({ kind: query.kind, team, limit: query.limit, offset: query.offset });
    return { items: items.map(toListItemDto), total, limit: query.limit, offset: query.offset };
  }

  async get(principal: Principal, kind: DocumentKind, name: string, version?: number) {
    return toScenarioDto(await this.find(principal, kind, name, version));
  }

  async versions(principal: Principal, kind: DocumentKind, name: string) {
    const versions = await this.store.versions(kind, name);
    if (versions.length === 0) throw new NotFoundError(kind, name);
    requireTeamAccess(principal, versions[0]!.team);
    return { kind, name, items: versions.map(toVersionDto) };
  }

  /** The timeline without a cluster: offsets, fault windows, guardrails. */
  async plan(principal: Principal, kind: DocumentKind, name: string, version?: number) {
    const stored = await this.find(principal, kind, name, version);
    const doc = stored.document;
    if (doc.kind === 'Schedule')
      throw new ValidationError(`A Schedule has no timeline of its own; plan the scenario it runs ('${doc.spec.scenario}')`, [
        { path: 'kind', message: 'must be scenario or tabletop to be planned' },
      ]);
    return { version: stored.version, plan: await planScenario(doc) };
  }

  private async find(principal: Principal, kind: DocumentKind, name: string, version?: number): Promise<StoredScenario> {
    const latest = await this.store.latest(kind, name);
    if (!latest) throw new NotFoundError(kind, name);
    // Access follows the current owner, so an old version of another team's document stays hidden too.
    requireTeamAccess(principal, latest.team);
    if (version === undefined || version === latest.version) return latest;
    const stored = await this.store.version(kind, name, version);
    if (!stored) throw new NotFoundError(`${kind} version`, `${name}@${version}`);
    return stored;
  }
}
