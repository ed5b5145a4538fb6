import { Injectable } from '@nestjs/common';
import { requireTeamAccess, TeamRepository, type Principal } from '#access';
import type { FieldIssue } from '#contracts';
import { parseScenarioFile, ScenarioInvalidError, ScenarioStore, type SavedScenario } from '#scenario';
import { ZodPipe } from '../validation/zod-body.js';
import { documentTexts, positionOf } from './document-text.js';
import { SaveScenarioJsonSchema } from './scenarios.dto.js';

/** A scenario file to save: the YAML text, from a YAML body or a JSON `{"yaml": "…"}` body. */
export class SaveScenarioCommand {
  private constructor(readonly yaml: string) {}

  /** express.text hands YAML bodies over as a string; JSON arrives parsed. Anything else fails like a bad JSON body. */
  static fromBody(body: unknown): SaveScenarioCommand {
    if (typeof body === 'string') return new SaveScenarioCommand(body);
    return new SaveScenarioCommand(new ZodPipe(SaveScenarioJsonSchema).transform(Buffer.isBuffer(body) ? undefined : body).yaml);
  }
}

export interface SaveScenarioResult {
  /** 201 when any document got a new version, 200 when every text was already the latest. */
  status: 200 | 201;
  body: Pick<SavedScenario, 'kind' | 'name' | 'version'> | { documents: Pick<SavedScenario, 'kind' | 'name' | 'version'>[] };
}

/** The API path: validate, authorise per document's team, require the team to exist, then version each document. */
@Injectable()
export class SaveScenarioUseCase {
  constructor(
    private readonly store: ScenarioStore,
    private readonly teams: TeamRepository,
  ) {}

  async execute(principal: Principal, command: SaveScenarioCommand): Promise<SaveScenarioResult> {
    const { documents, errors } = parseScenarioFile(command.yaml);
    if (errors.length) throw new ScenarioInvalidError(errors.map(withoutFile));
    const texts = documentTexts(command.yaml);

    for (const doc of documents) requireTeamAccess(principal, doc.metadata.team);
    const teamIssues: FieldIssue[] = [];
    const known = new Map<string, boolean>();
    for (const [i, doc] of documents.entries()) {
      const team = doc.metadata.team;
      if (!known.has(team)) known.set(team, (await this.teams.find(team)) !== null);
      if (known.get(team)) continue;
      teamIssues.push({
        ...positionOf(command.yaml, i, ['metadata', 'team']),
        path: 'metadata.team',
        message: `team "${team}" does not exist; create it first (POST /api/v1/teams)`,
      });
    }
    if (teamIssues.length) throw new ScenarioInvalidError(teamIssues);
    // A team-scoped token may not take over another team's document by renaming metadata.team.
    for (const doc of documents) {
      const existing = await this.store.latest(doc.kind, doc.metadata.name);
      if (existing) requireTeamAccess(principal, existing.team);
    }

    const saved: SavedScenario[] = [];
    for (const [i, doc] of documents.entries()) saved.push(await this.store.save(doc, { yaml: texts[i]!, source: 'api', file: null }));
    const brief = saved.map(({ kind, name, version }) => ({ kind, name, version }));
    return {
      status: saved.some((s) => s.created) ? 201 : 200,
      body: brief.length === 1 ? brief[0]! : { documents: brief },
    };
  }
}

function withoutFile({ file: _file, ...issue }: FieldIssue): FieldIssue {
  return issue;
}
