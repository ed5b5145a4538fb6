import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { DomainError, ErrorCodes } from '#contracts';
import type { FiredrillConfig } from '#config';
import { createDataSource, migrationsApplied } from '#persistence';
import { CONFIG } from '../core/config.token.js';
import { LOGGER } from '../logging/logger.js';

/**
 * Owns the connection. The HTTP server starts before the database is reachable
 * so /healthz answers and /readyz reports 503 while we retry with backoff.
 * Migrations run in one transaction: a failure leaves nothing half-migrated.
 */
@Injectable()
export class DatabaseService implements OnApplicationShutdown {
  private readonly source: DataSource;
  private ready = false;
  private migrated = false;
  private readonly beforeReadyHooks: (() => Promise<void>)[] = [];
  private stopped = false;
  private readonly readyPromise: Promise<void>;
  private resolveReady!: () => void;
  private lastError: string | null = null;

  constructor(
    @Inject(CONFIG) private readonly config: FiredrillConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.source = createDataSource({ url: config.databaseUrl!, applicationName: 'firedrill-server' });
    this.readyPromise = new Promise((resolve) => (this.resolveReady = resolve));
  }

  /** Starts connecting in the background; resolves when migrated (or gives up). */
  async connect(): Promise<void> {
    const target = redact(this.config.databaseUrl!);
    for (let attempt = 1; !this.stopped; attempt++) {
      try {
        if (!this.source.isInitialized) await this.source.initialize();
        const applied = await this.source.runMigrations({ transaction: 'all' });
        if (applied.length > 0) this.logger.info({ migrations: applied.map((m) => m.name) }, 'database migrated');
        this.migrated = true;
        for (const hook of this.beforeReadyHooks) await hook();
        this.ready = true;
        this.lastError = null;
        this.logger.info({ database: target }, 'database ready');
        this.resolveReady();
        return;
      } catch (error) {
        this.lastError = (error as Error).message;
        if (attempt > this.config.dbConnectRetries) {
          this.logger.fatal({ database: target, err: error }, `database unreachable after ${attempt} attempts; giving up`);
          throw error;
        }
        const delay = Math.min(500 * 2 ** (attempt - 1), 10_000);
        this.logger.warn(
          { database: target, attempt, retryInMs: delay, reason: this.lastError },
          `database unreachable at ${target}, retrying in ${Math.round(delay / 100) / 10}s`,
        );
        await sleep(delay);
      }
    }
  }

  /** Work that must finish before /readyz says ready (e.g. the bootstrap admin token). */
  beforeReady(hook: () => Promise<void>): void {
    this.beforeReadyHooks.push(hook);
  }

  whenReady(): Promise<void> {
    return this.readyPromise;
  }

  isReady(): boolean {
    return this.ready;
  }

  /** For /readyz: the connection answers and nothing is pending. */
  async check(): Promise<{ ok: boolean; reason?: string }> {
    if (!this.ready) return { ok: false, reason: this.lastError ?? 'connecting' };
    try {
      await this.source.query('SELECT 1');
      if (!(await migrationsApplied(this.source))) return { ok: false, reason: 'migrations pending' };
      return { ok: true };
    } catch (error) {
      return { ok: false, reason: (error as Error).message };
    }
  }

  /** The data source; throws a 503-mapped domain error until connected. */
  get dataSource(): DataSource {
    if (!this.migrated) throw new DomainError(ErrorCodes.databaseUnavailable, 'The database is not reachable yet; try again shortly');
    return this.source;
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.source.isInitialized) await this.source.destroy();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return 'database';
  }
}
