import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { ApiTokenRepository, generateTokenSecret, hashToken } from '#access';
import type { FiredrillConfig } from '#config';
import { CONFIG } from '../core/config.token.js';
import { DatabaseService } from '../database/database.service.js';
import { LOGGER } from '../logging/logger.js';

export const BOOTSTRAP_TOKEN_NAME = 'bootstrap-admin';

/**
 * Without FIREDRILL_ADMIN_TOKEN, the first start creates an admin token,
 * prints it once and writes it to <data dir>/admin-token (0600), so a new
 * install is never left without a way in.
 */
@Injectable()
export class BootstrapAdminService implements OnApplicationBootstrap {
  constructor(
    @Inject(CONFIG) private readonly config: FiredrillConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly database: DatabaseService,
    private readonly tokens: ApiTokenRepository,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.adminToken) return;
    // Before /readyz turns 200, so whoever waits for readiness finds the token file.
    this.database.beforeReady(async () => {
      await this.ensure().catch((error) => this.logger.error({ err: error }, 'could not create the bootstrap admin token'));
    });
  }

  async ensure(): Promise<string | null> {
    if (await this.tokens.findByName(BOOTSTRAP_TOKEN_NAME)) return null;
    const secret = generateTokenSecret();
    await this.tokens.create({ name: BOOTSTRAP_TOKEN_NAME, role: 'admin', teamSlug: null, hash: hashToken(secret) });
    const file = path.join(this.config.dataDir, 'admin-token');
    mkdirSync(this.config.dataDir, { recursive: true });
    writeFileSync(file, secret + '\n', { mode: 0o600 });
    if (existsSync(file)) chmodSync(file, 0o600);
    // Printed on stderr once, outside the JSON log stream, so it is easy to copy.
    process.stderr.write(
      `\nFiredrill admin token (shown once, also saved to ${file}):\n\n  ${secret}\n\n` +
        `Use it as "Authorization: Bearer <token>". Create more with POST /api/v1/tokens.\n\n`,
    );
    this.logger.info({ file }, 'bootstrap admin token created');
    return secret;
  }
}
