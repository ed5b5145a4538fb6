import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { loadConfig, type FiredrillConfig } from '#config';
import { startServer, type RunningServer } from '../src/bootstrap.js';
import { createTestDatabase, type TestDatabase } from '#testing';

export interface TestServer extends RunningServer {
  config: FiredrillConfig;
  db: TestDatabase;
  adminToken: string;
  /** fetch against the server with the admin token unless `token: null` is passed. */
  request(method: string, path: string, options?: { body?: unknown; token?: string | null; headers?: Record<string, string>; raw?: string }): Promise<TestResponse>;
  stop(): Promise<void>;
}

export interface TestResponse {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

/**
 * A real server on a random port with its own database, migrated and ready.
 * `env` overrides environment variables exactly as an operator would set them.
 */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const db = await createTestDatabase('srv');
  const adminToken = 'test-admin-token-' + Math.random().toString(36).slice(2);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'firedrill-test-data-'));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: db.url,
    FIREDRILL_DATA_DIR: dataDir,
    FIREDRILL_ADMIN_TOKEN: adminToken,
    LOG_LEVEL: process.env.FIREDRILL_TEST_LOG_LEVEL ?? 'silent',
    NODE_ENV: 'test',
    ...env,
  });
  const logger = pino({ level: config.logLevel }, pino.destination(2));
  const server = await startServer(config, logger);
  await server.database.whenReady();
  const request: TestServer['request'] = async (method, p, options = {}) => {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    const token = options.token === undefined ? adminToken : options.token;
    if (token) headers.authorization = `Bearer ${token}`;
    let body: string | undefined = options.raw;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(server.url + p, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: res.status, headers: res.headers, body: parsed, text };
  };
  return {
    ...server,
    config,
    db,
    adminToken,
    request,
    stop: async () => {
      await server.close();
      await db.drop();
    },
  };
}
