import path from 'node:path';
import { ConfigError, loadConfig, type FiredrillConfig } from '#config';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '#persistence';
import { startServer } from './bootstrap.js';
import { createLogger } from './logging/logger.js';

async function main(): Promise<void> {
  let config: FiredrillConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`firedrill: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config);

  let embedded: EmbeddedDatabase | undefined;
  if (!config.databaseUrl) {
    const dir = path.join(config.dataDir, 'postgres');
    logger.info({ dir, port: config.embeddedPgPort }, 'DATABASE_URL is not set; starting the embedded PostgreSQL');
    embedded = await startEmbeddedDatabase({
      dir,
      port: config.embeddedPgPort,
      onLog: (m) => logger.debug({ component: 'postgres' }, m),
    });
    config = { ...config, databaseUrl: embedded.url };
  }

  const server = await startServer(config, logger);
  logger.info({ url: server.url }, `Firedrill listening on ${server.url}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    try {
      await server.close();
      await embedded?.stop();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error) => {
  process.stderr.write(`firedrill: failed to start: ${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
