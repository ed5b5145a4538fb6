import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { TeamRepository } from '#access';
import { checkScheduleTiming, Clock, ScheduleRepository, type AllowedWindow } from '#calendar';
import type { FiredrillConfig } from '#config';
import { ValidationError } from '#contracts';
import { parseScenarioFile, type Schedule } from '#scenario';
import { CONFIG } from '../core/config.token.js';
import { DatabaseService } from '../database/database.service.js';
import { LOGGER } from '../logging/logger.js';

export interface LoadReport {
  loaded: string[];
  skipped: { name: string; file: string; reason: string }[];
}

/**
 * Upserts `kind: Schedule` documents from the scenarios directory (git is the
 * source of truth) by name when the server starts. A document naming a team
 * that does not exist yet is skipped with a warning; `load()` can be called
 * again later.
 */
@Injectable()
export class ScheduleFileLoader implements OnApplicationBootstrap {
  constructor(
    @Inject(CONFIG) private readonly config: FiredrillConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly database: DatabaseService,
    private readonly schedules: ScheduleRepository,
    private readonly teams: TeamRepository,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    void this.database
      .whenReady()
      .then(() => this.load())
      .catch((err: unknown) => this.logger.error({ err, component: 'schedules' }, 'could not load schedule documents'));
  }

  async load(dir = this.config.scenariosDir): Promise<LoadReport> {
    const report: LoadReport = { loaded: [], skipped: [] };
    let files: string[];
    try {
      files = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isFile() && /\.ya?ml$/i.test(e.name)).map((e) => path.join(dir, e.name));
    } catch {
      return report;
    }
    for (const file of files.sort()) {
      const text = await readFile(file, 'utf8');
      if (!/^kind:\s*Schedule\s*$/m.test(text)) continue;
      const { documents, errors } = parseScenarioFile(text, { file: path.relative(process.cwd(), file) });
      if (errors.length) this.logger.warn({ component: 'schedules', file, errors }, `schedule file ${file} has errors`);
      for (const doc of documents) {
        if (doc.kind !== 'Schedule') continue;
        const reason = await this.upsert(doc);
        if (reason) {
          report.skipped.push({ name: doc.metadata.name, file, reason });
          this.logger.warn({ component: 'schedules', file, schedule: doc.metadata.name, reason }, `schedule ${doc.metadata.name} not loaded: ${reason}`);
        } else report.loaded.push(doc.metadata.name);
      }
    }
    if (report.loaded.length) this.logger.info({ component: 'schedules', schedules: report.loaded }, `loaded ${report.loaded.length} schedule document(s)`);
    return report;
  }

  private async upsert(doc: Schedule): Promise<string | null> {
    const spec = doc.spec;
    let timing;
    try {
      timing = checkScheduleTiming(
        {
          cron: spec.cron,
          timezone: spec.timezone ?? 'UTC',
          window: (spec.window as AllowedWindow | undefined) ?? null,
          jitter: spec.jitter ?? null,
          blackouts: spec.blackouts ?? [],
        },
        'spec.',
      );
    } catch (error) {
      if (error instanceof ValidationError) return error.errors.map((e) => `${e.path}: ${e.message}`).join('; ');
      throw error;
    }
    if (!(await this.teams.find(doc.metadata.team))) return `team '${doc.metadata.team}' does not exist`;
    await this.schedules.upsertByName({
      name: doc.metadata.name,
      team: doc.metadata.team,
      scenario: spec.scenario,
      enabled: !spec.paused,
      source: 'file',
      evaluatedUntil: this.clock.now(),
      ...timing,
    });
    return null;
  }
}
