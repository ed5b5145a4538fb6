import { statSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { createTestDatabase } from '#testing';
import { startTestServer, type TestServer } from './test-server.js';

describe('Firedrill server foundation', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  describe('operability', () => {
    it('answers liveness and readiness once migrated', async () => {
      expect((await server.request('GET', '/healthz', { token: null })).status).toBe(200);
      const ready = await server.request('GET', '/readyz', { token: null });
      expect(ready.status).toBe(200);
      expect(ready.body).toEqual({ status: 'ready', database: 'ok' });
    });

    it('ran the real migrations (no synchronize)', async () => {
      const client = new pg.Client({ connectionString: server.db.url });
      await client.connect();
      const rows = await client.query('SELECT name FROM firedrill_migrations');
      await client.end();
      expect(rows.rows.map((r) => r.name)).toContain('Foundation1764300000000');
    });

    it('exports Prometheus metrics with an HTTP duration histogram', async () => {
      await server.request('GET', '/api/v1/teams');
      const res = await server.request('GET', '/metrics', { token: null });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/plain');
      expect(res.text).toMatch(/http_request_duration_seconds_bucket\{.*route="\/api\/v1\/teams".*\}/);
      expect(res.text).toContain('firedrill_process_cpu_user_seconds_total');
    });

    it('publishes the OpenAPI document and its UI', async () => {
      const doc = await server.request('GET', '/api/openapi.json', { token: null });
      expect(doc.status).toBe(200);
      expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/v1/teams', '/api/v1/tokens']));
      const ui = await server.request('GET', '/api/docs', { token: null });
      expect(ui.status).toBe(200);
      expect(ui.text).toContain('swagger');
    });

    it('echoes a caller-supplied request id and invents one otherwise', async () => {
      const given = await server.request('GET', '/healthz', { token: null, headers: { 'x-request-id': 'abc-123' } });
      expect(given.headers.get('x-request-id')).toBe('abc-123');
      const made = await server.request('GET', '/healthz', { token: null });
      expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  describe('authentication and roles', () => {
    it('rejects a missing token with 401 problem+json', async () => {
      const res = await server.request('GET', '/api/v1/teams', { token: null });
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.headers.get('www-authenticate')).toContain('Bearer');
      expect(res.body).toMatchObject({ status: 401, code: 'unauthenticated', instance: '/api/v1/teams' });
      expect(res.body.requestId).toBeTruthy();
    });

    it('rejects an unknown token with 401', async () => {
      const res = await server.request('GET', '/api/v1/teams', { token: 'fdt_not-a-real-token' });
      expect(res.status).toBe(401);
      expect(res.body.detail).toMatch(/not valid/);
    });

    it('creates a token, shows it once and stores only its hash', async () => {
      const created = await server.request('POST', '/api/v1/tokens', { body: { name: 'dashboard', role: 'viewer' } });
      expect(created.status).toBe(201);
      expect(created.body.token).toMatch(/^fdt_/);
      const list = await server.request('GET', '/api/v1/tokens');
      const listed = list.body.items.find((t: { id: string }) => t.id === created.body.id);
      expect(listed).toMatchObject({ name: 'dashboard', role: 'viewer' });
      expect(JSON.stringify(list.body)).not.toContain(created.body.token);
      const client = new pg.Client({ connectionString: server.db.url });
      await client.connect();
      const stored = await client.query('SELECT hash FROM api_tokens WHERE id = $1', [created.body.id]);
      await client.end();
      expect(stored.rows[0].hash).not.toContain(created.body.token);
    });

    it('lets a viewer read but answers 403 naming the role it lacks', async () => {
      const viewer = (await server.request('POST', '/api/v1/tokens', { body: { name: 'v', role: 'viewer' } })).body.token;
      expect((await server.request('GET', '/api/v1/teams', { token: viewer })).status).toBe(200);
      const denied = await server.request('POST', '/api/v1/teams', { token: viewer, body: { slug: 'x', name: 'X' } });
      expect(denied.status).toBe(403);
      expect(denied.headers.get('content-type')).toContain('application/problem+json');
      expect(denied.body.detail).toBe("This action needs the 'facilitator' role; the token has 'viewer'");
      const tokens = await server.request('POST', '/api/v1/tokens', { token: viewer, body: { name: 'y', role: 'admin' } });
      expect(tokens.status).toBe(403);
    });

    it('refuses a revoked token', async () => {
      const created = (await server.request('POST', '/api/v1/tokens', { body: { name: 'temp', role: 'responder' } })).body;
      expect((await server.request('GET', '/api/v1/teams', { token: created.token })).status).toBe(200);
      expect((await server.request('DELETE', `/api/v1/tokens/${created.id}`)).status).toBe(204);
      expect((await server.request('GET', '/api/v1/teams', { token: created.token })).status).toBe(401);
    });

    it('keeps a team-scoped token inside its team', async () => {
      await server.request('POST', '/api/v1/teams', { body: { slug: 'scoped-a', name: 'A' } });
      await server.request('POST', '/api/v1/teams', { body: { slug: 'scoped-b', name: 'B' } });
      const token = (await server.request('POST', '/api/v1/tokens', { body: { name: 'a-only', role: 'facilitator', team: 'scoped-a' } })).body.token;
      const list = await server.request('GET', '/api/v1/teams', { token });
      expect(list.body.items.map((t: { slug: string }) => t.slug)).toEqual(['scoped-a']);
      expect((await server.request('GET', '/api/v1/teams/scoped-a', { token })).status).toBe(200);
      const other = await server.request('GET', '/api/v1/teams/scoped-b', { token });
      expect(other.status).toBe(403);
      expect(other.body.detail).toContain("limited to team 'scoped-a'");
    });

    it('refuses a token for a team that does not exist', async () => {
      const res = await server.request('POST', '/api/v1/tokens', { body: { name: 'ghost', role: 'viewer', team: 'ghosts' } });
      expect(res.status).toBe(404);
    });
  });

  describe('teams', () => {
    it('creates, reads, renames and deletes a team', async () => {
      const created = await server.request('POST', '/api/v1/teams', { body: { slug: 'payments', name: 'Payments' } });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ slug: 'payments', name: 'Payments' });
      expect((await server.request('GET', '/api/v1/teams/payments')).body.name).toBe('Payments');
      const renamed = await server.request('PATCH', '/api/v1/teams/payments', { body: { name: 'Payments & Billing' } });
      expect(renamed.body.name).toBe('Payments & Billing');
      expect((await server.request('DELETE', '/api/v1/teams/payments')).status).toBe(204);
      const gone = await server.request('GET', '/api/v1/teams/payments');
      expect(gone.status).toBe(404);
      expect(gone.body.code).toBe('not_found');
    });

    it('answers 409 for a duplicate slug', async () => {
      await server.request('POST', '/api/v1/teams', { body: { slug: 'search', name: 'Search' } });
      const dup = await server.request('POST', '/api/v1/teams', { body: { slug: 'search', name: 'Search again' } });
      expect(dup.status).toBe(409);
      expect(dup.body.detail).toContain("'search' already exists");
    });

    it('lists every invalid field at once', async () => {
      const res = await server.request('POST', '/api/v1/teams', { body: { slug: 'Not A Slug', name: '', colour: 'red' } });
      expect(res.status).toBe(422);
      const paths = res.body.errors.map((e: { path: string }) => e.path).sort();
      expect(paths).toEqual(['colour', 'name', 'slug']);
      expect(res.body.errors.find((e: { path: string }) => e.path === 'slug').message).toContain('DNS-1123');
    });

    it('paginates the list', async () => {
      for (const slug of ['page-1', 'page-2', 'page-3']) await server.request('POST', '/api/v1/teams', { body: { slug, name: slug } });
      const res = await server.request('GET', '/api/v1/teams?limit=2&offset=0');
      expect(res.body.items).toHaveLength(2);
      expect(res.body.total).toBeGreaterThanOrEqual(3);
      const bad = await server.request('GET', '/api/v1/teams?limit=5000');
      expect(bad.status).toBe(422);
      expect(bad.body.errors[0].path).toBe('limit');
    });
  });

  describe('bad input', () => {
    it('answers malformed JSON with 400 problem+json and keeps the server healthy', async () => {
      const res = await server.request('POST', '/api/v1/teams', { raw: '{"slug": "a",', headers: { 'content-type': 'application/json' } });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('malformed_body');
      expect((await server.request('GET', '/healthz', { token: null })).status).toBe(200);
    });

    it('answers an oversized body with 413', async () => {
      const big = JSON.stringify({ slug: 'big', name: 'x'.repeat(1024 * 1024 + 10) });
      const res = await server.request('POST', '/api/v1/teams', { raw: big, headers: { 'content-type': 'application/json' } });
      expect(res.status).toBe(413);
      expect(res.body.code).toBe('payload_too_large');
    });

    it('answers unknown routes with 404 problem+json', async () => {
      const res = await server.request('GET', '/api/v1/does-not-exist');
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('route_not_found');
    });
  });
});

describe('bootstrap admin token', () => {
  it('is generated on first start, written 0600, accepted, and not regenerated on restart', async () => {
    const db = await createTestDatabase('boot');
    const { mkdtempSync } = await import('node:fs');
    const os = await import('node:os');
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'firedrill-boot-'));
    const env = { DATABASE_URL: db.url, FIREDRILL_DATA_DIR: dataDir, FIREDRILL_ADMIN_TOKEN: '' };
    const stderr = process.stderr.write.bind(process.stderr);
    (process.stderr as { write: unknown }).write = () => true;
    try {
      const first = await startTestServer(env);
      const file = path.join(dataDir, 'admin-token');
      for (let i = 0; i < 50 && !safeExists(file); i++) await new Promise((r) => setTimeout(r, 100));
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const secret = readFileSync(file, 'utf8').trim();
      expect((await first.request('POST', '/api/v1/teams', { token: secret, body: { slug: 'boot', name: 'Boot' } })).status).toBe(201);
      await first.close();
      const second = await startTestServer(env);
      await new Promise((r) => setTimeout(r, 300));
      expect(readFileSync(file, 'utf8').trim()).toBe(secret);
      expect((await second.request('GET', '/api/v1/teams/boot', { token: secret })).status).toBe(200);
      await second.stop();
      await first.db.drop();
    } finally {
      (process.stderr as { write: unknown }).write = stderr;
      await db.drop();
    }
  });
});

describe('database not reachable at start', () => {
  it('keeps /readyz at 503 and API calls at 503 until the database appears, then becomes ready', async () => {
    const db = await createTestDatabase('late');
    const lateName = db.name + '_late';
    const url = new URL(db.url);
    url.pathname = `/${lateName}`;
    const server = await startTestServerNoWait({ DATABASE_URL: url.toString() });
    try {
      let body: { reason?: string } = {};
      for (let i = 0; i < 50 && !body.reason?.includes('does not exist'); i++) {
        const notReady = await fetch(server.url + '/readyz');
        expect(notReady.status).toBe(503);
        body = (await notReady.json()) as { reason: string };
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(body.reason).toContain('does not exist');
      expect((await fetch(server.url + '/healthz')).status).toBe(200);
      const api = await fetch(server.url + '/api/v1/teams', { headers: { authorization: `Bearer ${server.adminToken}` } });
      expect(api.status).toBe(503);
      const admin = new pg.Client({ connectionString: process.env.FIREDRILL_TEST_PG_ADMIN_URL });
      await admin.connect();
      await admin.query(`CREATE DATABASE "${lateName}"`);
      await admin.end();
      await server.database.whenReady();
      expect((await fetch(server.url + '/readyz')).status).toBe(200);
    } finally {
      await server.close();
      const admin = new pg.Client({ connectionString: process.env.FIREDRILL_TEST_PG_ADMIN_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${lateName}" WITH (FORCE)`);
      await admin.end();
      await db.drop();
    }
  });
});

function safeExists(file: string): boolean {
  try {
    statSync(file);
    return true;
  } catch {
    return false;
  }
}

async function startTestServerNoWait(env: Record<string, string>) {
  const { loadConfig } = await import('#config');
  const { startServer } = await import('../src/bootstrap.js');
  const { pino } = await import('pino');
  const adminToken = 'late-admin-token-0123456789';
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', FIREDRILL_ADMIN_TOKEN: adminToken, ...env });
  const server = await startServer(config, pino({ level: 'silent' }));
  return { ...server, adminToken };
}
