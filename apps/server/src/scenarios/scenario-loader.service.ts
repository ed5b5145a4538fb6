import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { TeamRepository } from '#access';
import type { FiredrillConfig } from '#config';
import { formatIssues, parseScenarioFile, ScenarioStore, type ScenarioDocument } from '#scenario';
import { CONFIG } from '../core/config.token.js';
import { DatabaseService } from '../database/database.service.js';
import { LOGGER } from '../logging/logger.js';
import { documentTexts } from './document-text.js';

export interface LoadSummary {
  /** Documents stored as a new version. */
  loaded: number;
  /** Documents whose text equals their latest version. */
  unchanged: number;
  /** Files skipped because they do not validate (or repeat a name already loaded). */
  invalid: number;
  /** Files that could not be read or stored. */
  failed: number;
}

/** Fixtures that are broken on purpose live here and are never loaded. */
const SKIPPED_DIR = 'invalid';

/**
 * Git is the source of truth: at start, every valid document under
 * FIREDRILL_SCENARIOS_DIR becomes a new version when its text changed. Runs in
 * the background once the database is ready, so it never holds up /readyz;
 * an invalid file is logged with every error and skipped.
 */
@Injectable()
export class ScenarioLoaderService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private running: Promise<unknown> | undefined;
  private stopped = false;

  constructor(
    @Inject(CONFIG) private readonly config: FiredrillConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly db: DatabaseService,
    private readonly store: ScenarioStore,
    private readonly teams: TeamRepository,
  ) {}

  onApplicationBootstrap(): void {
    void this.db.whenReady().then(() => {
      if (this.stopped) return;
      this.running = this.load(this.config.scenariosDir).catch((error: unknown) =>
        this.logger.error({ err: error, dir: this.config.scenariosDir }, 'loading scenarios failed'),
      );
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.running;
  }

  async load(dir: string): Promise<LoadSummary> {
    const summary: LoadSummary = { loaded: 0, unchanged: 0, invalid: 0, failed: 0 };
    const files = await yamlFiles(dir);
    if (files === undefined) {
      this.logger.warn({ dir }, `scenarios directory ${dir} does not exist; nothing loaded`);
      return summary;
    }
    const seen = new Map<string, string>();
    const missingTeams = new Set<string>();
    for (const relative of files) {
      if (this.stopped) break;
      const file = path.posix.join(path.basename(dir), relative.split(path.sep).join('/'));
      try {
        const text = await readFile(path.join(dir, relative), 'utf8');
        const { documents, errors } = parseScenarioFile(text, { file });
        if (errors.length) {
          summary.invalid++;
          this.logger.error({ file, errors: formatIssues(errors) }, `skipping invalid ${file} (${errors.length} ${errors.length === 1 ? 'error' : 'errors'})`);
          continue;
        }
        const duplicate = documents.map((d) => [key(d), seen.get(key(d))] as const).find(([, first]) => first !== undefined);
        if (duplicate) {
          // Loading both would append a version for each on every start.
          summary.invalid++;
          this.logger.error({ file, document: duplicate[0], first: duplicate[1] }, `skipping ${file}: ${duplicate[0]} is already defined in ${duplicate[1]}`);
          continue;
        }
        for (const doc of documents) seen.set(key(doc), file);
        await this.warnAboutMissingTeams(documents, file, missingTeams);
        const texts = documentTexts(text);
        for (const [i, doc] of documents.entries()) {
          const saved = await this.store.save(doc, { yaml: texts[i]!, source: 'git', file });
          if (saved.created) summary.loaded++;
          else summary.unchanged++;
        }
      } catch (error) {
        if (this.stopped) break;
        summary.failed++;
        this.logger.error({ err: error, file }, `could not load ${file}`);
      }
    }
    this.logger.info(
      { dir, ...summary },
      `scenarios: loaded ${summary.loaded}, unchanged ${summary.unchanged}, invalid ${summary.invalid}${summary.failed ? `, failed ${summary.failed}` : ''}`,
    );
    return summary;
  }

  /** The team is a label here: a missing team row is worth a warning, not a refusal. */
  private async warnAboutMissingTeams(documents: ScenarioDocument[], file: string, warned: Set<string>): Promise<void> {
    for (const doc of documents) {
      const team = doc.metadata.team;
      if (warned.has(team) || (await this.teams.find(team))) continue;
      warned.add(team);
      this.logger.warn({ file, team }, `team "${team}" (named in ${file}) does not exist yet; its documents are stored anyway`);
    }
  }
}

const key = (doc: ScenarioDocument): string => `${doc.kind}/${doc.metadata.name}`;

/** Every .yaml/.yml file under `dir` (relative paths, sorted), outside `invalid/`; undefined when `dir` does not exist. */
async function yamlFiles(dir: string): Promise<string[] | undefined> {
  let entries: string[];
  try {
    entries = await readdir(dir, { recursive: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw error;
  }
  return entries
    .filter((p) => /\.ya?ml$/i.test(p) && p.split(path.sep)[0] !== SKIPPED_DIR)
    .sort();
}
