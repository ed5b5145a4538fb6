import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createAdapter } from '@socket.io/postgres-adapter';
import pg from 'pg';
import type { Logger } from 'pino';
import type { Server } from 'socket.io';
import type { FiredrillConfig } from '#config';
import { CONFIG } from '../core/config.token.js';
import { LOGGER } from '../logging/logger.js';

/**
 * Puts socket.io on the Postgres adapter (LISTEN/NOTIFY on the server's own
 * database), so a room spans every replica: an event emitted on replica B
 * reaches the clients connected to replica A. Large payloads go through the
 * `socket_io_attachments` table (created by a migration).
 */
@Injectable()
export class LiveAdapter implements OnApplicationShutdown {
  private pool: pg.Pool | null = null;

  constructor(
    @Inject(CONFIG) private readonly config: FiredrillConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  install(server: Server): void {
    if (this.pool || !this.config.databaseUrl) return;
    // One connection holds LISTEN; the other publishes.
    this.pool = new pg.Pool({ connectionString: this.config.databaseUrl, max: 3, application_name: 'firedrill-live' });
    this.pool.on('error', (error) => this.logger.warn({ err: error }, 'live: idle Postgres connection failed (the adapter reconnects)'));
    server.adapter(createAdapter(this.pool, { errorHandler: (error) => this.logger.warn({ err: error }, 'live: Postgres adapter error') }));
  }

  /** Runs after Nest closed the socket.io server (which released the LISTEN connection). */
  async onApplicationShutdown(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    await pool?.end().catch(() => undefined);
  }
}
