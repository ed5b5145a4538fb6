import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '#testing';
import { spawnServer, tempDir, type ServerProcess } from '../server/process.js';

const ADMIN = 'e2e-scheduler-admin-token';

/**
 * Two real server processes on one PostgreSQL, each with its own 5-second tick
 * and the real clock. An every-minute schedule must be decided once per
 * occurrence: one claim, one decision and one log line across both processes.
 */
describe('the scheduler across two server processes', () => {
  let db: TestDatabase;
  const servers: ServerProcess[] = [];
  let sql: pg.Client;

  beforeAll(async () => {
    db = await createTestDatabase('e2e_sched');
    const env = { DATABASE_URL: db.url, FIREDRILL_ADMIN_TOKEN: ADMIN, FIREDRILL_SCENARIOS_DIR: tempDir('firedrill-e2e-scenarios-') };
    // The first one migrates; the second finds the schema ready.
    servers.push(await spawnServer({ ...env, FIREDRILL_DATA_DIR: tempDir('firedrill-e2e-a-') }));
    servers.push(await spawnServer({ ...env, FIREDRILL_DATA_DIR: tempDir('firedrill-e2e-b-') }));
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
  }, 120_000);

  afterAll(async () => {
    await sql?.end();
    for (const s of servers) {
      s.child.kill('SIGTERM');
      await s.exited;
    }
    await db?.drop();
  });

  it('decides every occurrence exactly once', async () => {
    const post = (i: number, p: string, body: unknown) =>
      fetch(servers[i]!.url + p, { method: 'POST', headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await post(0, '/api/v1/teams', { slug: 'payments', name: 'Payments' })).status).toBe(201);
    const created = await post(1, '/api/v1/schedules', { name: 'every-minute', team: 'payments', scenario: 'payment-pod-kill', cron: '* * * * *', timezone: 'UTC' });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };

    // Wait for two occurrences to be decided (at most ~2 minutes of wall time).
    const deadline = Date.now() + 150_000;
    let rows: { occurrence: Date; outcome: string; reason: string; replica: string }[] = [];
    while (Date.now() < deadline) {
      rows = (await sql.query(`SELECT occurrence, outcome, reason, replica FROM schedule_decisions WHERE schedule_id = $1 ORDER BY occurrence`, [id])).rows;
      if (rows.length >= 2) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    expect(rows.length).toBeGreaterThanOrEqual(2);
    // No run engine is bound in a bare server: every fire is recorded as failed, once.
    expect(rows.every((r) => r.outcome === 'failed' && r.reason === 'launch-failed')).toBe(true);
    const claims = await sql.query(`SELECT occurrence FROM job_claims WHERE job_key = $1 ORDER BY occurrence`, [`schedule:${id}`]);
    const decided = rows.map((r) => r.occurrence.toISOString());
    expect(claims.rows.map((r) => r.occurrence.toISOString()).slice(0, decided.length)).toEqual(decided);

    const logged = () =>
      servers
        .flatMap((s) => s.stdout().split('\n'))
        .filter((line) => line.includes('"component":"scheduler"') && line.includes('"msg":"schedule every-minute: failed (launch-failed)"'))
        .map((line) => JSON.parse(line).occurrence as string);
    const settle = Date.now() + 10_000;
    while (Date.now() < settle && decided.some((o) => !logged().includes(o))) await new Promise((r) => setTimeout(r, 200));
    for (const occurrence of decided) expect(logged().filter((o) => o === occurrence)).toHaveLength(1);
  }, 200_000);
});
