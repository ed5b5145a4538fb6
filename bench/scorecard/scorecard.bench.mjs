// Scorecard and metrics latency for a team with 10,000 runs/incidents in the
// window (and 1,000,000 run timeline events when the runs table exists),
// against the built server with an embedded PostgreSQL in a fresh temporary
// data directory. Data is seeded with SQL (generate_series) so seeding stays
// well under a minute; the requests go through the real HTTP API.
//
// Usage: npm run build && node bench/scorecard/scorecard.bench.mjs [calls=9] [records=10000] [events=1000000]
// FIREDRILL_BENCH_NODE_ARGS passes flags to the server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

const root = process.env.FIREDRILL_BENCH_ROOT ?? path.resolve(import.meta.dirname, '../..');
const entry = path.join(root, 'dist/apps/server/src/main.js');
const calls = Number(process.argv[2] ?? 9);
const records = Number(process.argv[3] ?? 10_000);
const events = Number(process.argv[4] ?? 1_000_000);
const ADMIN = 'bench-admin-token-0123456789';
const TEAM = 'bench';

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

async function api(port, method, pathname, body) {
  const res = await fetch(`http://127.0.0.1:${port}${pathname}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json().catch(() => undefined) };
}

async function seed(db) {
  const hasRuns = (await db.query(`SELECT to_regclass('public.run_timeline_events') IS NOT NULL AS ok`)).rows[0].ok;
  const drills = Math.round(records * 0.6);
  const real = records - drills;
  // Real incidents: spread over the last 180 days, TTD 30 s..20 min, 200 distinct root causes.
  await db.query(
    `INSERT INTO incidents (team_slug, external_id, drill, kind, title, severity, service, started_at, detected_at, acknowledged_at, mitigated_at,
       resolved_at, customer_reported_at, first_communicated_at, status_updates, detection_source, alert_fired, incident_commander_assigned, runbook_linked,
       root_cause, root_cause_key, postmortem_published_at)
     SELECT $1, 'INC-' || g, false, 'incident', 'Incident ' || g, 'SEV' || (1 + g % 4), 'svc-' || (g % 25), s, s + d, s + d + interval '90 seconds',
       s + d + interval '10 minutes', s + d + interval '45 minutes', CASE WHEN g % 7 = 0 THEN s + d - interval '10 seconds' END,
       s + d + interval '5 minutes', ARRAY[s + d + interval '20 minutes', s + d + interval '40 minutes'], CASE WHEN g % 7 = 0 THEN 'customer' ELSE 'alert' END,
       g % 7 <> 0, g % 3 <> 0, g % 5 <> 0, 'cause ' || (g % 200), 'cause ' || (g % 200), CASE WHEN g % 2 = 0 THEN s + interval '2 days' END
     FROM generate_series(1, $2) g,
       LATERAL (SELECT now() - (g % 179) * interval '1 day' - (g % 1440) * interval '1 minute' AS s, (30 + (g * 37) % 1170) * interval '1 second' AS d) t`,
    [TEAM, real],
  );
  let runIds = null;
  if (hasRuns) {
    await db.query(
      `INSERT INTO runs (scenario_name, team_slug, severity, state, trigger, document, created_by, t0, started_at, ended_at)
       SELECT 'scenario-' || (g % 20), $1, 'SEV2', 'completed', CASE WHEN g % 2 = 0 THEN 'ci' ELSE 'manual' END, '{}'::jsonb, 'bench',
         now() - (g % 179) * interval '1 day', now() - (g % 179) * interval '1 day', now() - (g % 179) * interval '1 day' + interval '30 minutes'
       FROM generate_series(1, $2) g`,
      [TEAM, drills],
    );
    runIds = 'runs';
  }
  await db.query(
    `INSERT INTO incidents (team_slug, run_id, drill, kind, title, severity, service, scenario_name, started_at, detected_at, acknowledged_at, mitigated_at,
       resolved_at, first_communicated_at, status_updates, detection_source, alert_fired, incident_commander_assigned, runbook_linked, auto_mitigated, targets)
     SELECT $1, r.id, true, k.kind, 'Drill ' || r.n, 'SEV' || (1 + r.n % 4), 'svc-' || (r.n % 25), 'scenario-' || (r.n % 20), s, s + d, s + d + interval '60 seconds',
       s + d + interval '5 minutes', s + interval '30 minutes', s + d + interval '3 minutes', ARRAY[s + d + interval '15 minutes'], 'alert', true, true, true,
       r.n % 11 = 0, '{"detect": 300, "acknowledge": 300, "mitigate": 1800, "resolve": 3600}'::jsonb
     FROM (${runIds ? `SELECT id, row_number() OVER () AS n FROM runs WHERE team_slug = $1` : `SELECT gen_random_uuid() AS id, g AS n FROM generate_series(1, $2) g`}) r,
       LATERAL (SELECT now() - (r.n % 179) * interval '1 day' AS s, (20 + (r.n * 13) % 400) * interval '1 second' AS d) t,
       LATERAL (SELECT CASE WHEN r.n % 10 < 4 THEN 'gameday' WHEN r.n % 10 < 9 THEN 'continuous' ELSE 'tabletop' END AS kind) k`,
    runIds ? [TEAM] : [TEAM, drills],
  );
  await db.query(
    `INSERT INTO postmortems (incident_id, team_slug, status, sections, findings, due_at, published_at)
     SELECT id, team_slug, CASE WHEN random() < 0.7 THEN 'published' ELSE 'draft' END, '{}'::jsonb,
       CASE WHEN random() < 0.1 THEN '[{"rule":"human-error"}]'::jsonb ELSE '[]'::jsonb END, resolved_at + interval '72 hours', resolved_at + interval '48 hours'
     FROM incidents WHERE team_slug = $1 AND kind IN ('incident', 'gameday') AND random() < 0.6`,
    [TEAM],
  );
  await db.query(
    `INSERT INTO action_items (incident_id, team_slug, title, owner, type, status, due_at, completed_at)
     SELECT i.id, i.team_slug, 'Item ' || n, 'owner-' || n, (ARRAY['mitigate','prevent','process'])[1 + n], (ARRAY['open','done','done','dropped'])[1 + (n + (random() * 3)::int) % 4],
       i.started_at + interval '14 days', i.started_at + interval '10 days'
     FROM incidents i, generate_series(0, 1) n WHERE i.team_slug = $1 AND i.kind IN ('incident', 'gameday')`,
    [TEAM],
  );
  await db.query(`UPDATE action_items SET completed_at = NULL WHERE status <> 'done'`);
  let timeline = 0;
  if (hasRuns && events > 0) {
    const perRun = Math.ceil(events / drills);
    const res = await db.query(
      `INSERT INTO run_timeline_events (run_id, at, kind, title, data)
       SELECT r.id, r.t0 + e * interval '5 seconds', (ARRAY['fault.injected','signal.detected','signal.acknowledged','probe.result','note'])[1 + e % 5], 'event ' || e, '{}'::jsonb
       FROM runs r, generate_series(1, $2) e WHERE r.team_slug = $1`,
      [TEAM, perRun],
    );
    timeline = res.rowCount;
  }
  await db.query('ANALYZE');
  const counts = (await db.query(`SELECT (SELECT count(*) FROM incidents)::int AS incidents, (SELECT count(*) FROM action_items)::int AS items, (SELECT count(*) FROM postmortems)::int AS postmortems`)).rows[0];
  return { ...counts, timeline, hasRuns };
}

async function time(port, pathname) {
  const t0 = performance.now();
  const res = await api(port, 'GET', pathname);
  const ms = performance.now() - t0;
  if (res.status !== 200) throw new Error(`${pathname} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return ms;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const parent = mkdtempSync(path.join(os.tmpdir(), 'firedrill-bench-scorecard-'));
chmodSync(parent, 0o755);
const [port, pgPort] = [await freePort(), await freePort()];
const env = { ...process.env };
delete env.DATABASE_URL;
const nodeArgs = (process.env.FIREDRILL_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
const child = spawn(process.execPath, [...nodeArgs, entry], {
  cwd: root,
  env: { ...env, PORT: String(port), HOST: '127.0.0.1', FIREDRILL_DATA_DIR: parent, FIREDRILL_EMBEDDED_PG_PORT: String(pgPort), LOG_LEVEL: 'warn', FIREDRILL_ADMIN_TOKEN: ADMIN },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const exited = new Promise((r) => child.on('exit', r));
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    child.kill('SIGTERM');
    exited.then(() => {
      rmSync(parent, { recursive: true, force: true });
      process.exit(130);
    });
  });
}
try {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200) break;
    } catch {}
    if (i > 1200) throw new Error('server did not become ready in 2 minutes');
    await new Promise((r) => setTimeout(r, 100));
  }
  if ((await api(port, 'POST', '/api/v1/teams', { slug: TEAM, name: 'Bench' })).status !== 201) throw new Error('team not created');
  const db = new pg.Client({ connectionString: `postgres://firedrill:firedrill@127.0.0.1:${pgPort}/firedrill` });
  await db.connect();
  const t0 = performance.now();
  const seeded = await seed(db);
  await db.end();
  console.log(
    `seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${seeded.incidents} incidents/drills, ${seeded.postmortems} postmortems, ${seeded.items} action items, ` +
      (seeded.hasRuns ? `${seeded.timeline} run timeline events` : 'no run_timeline_events table (timeline events not seeded)'),
  );
  const targets = {
    scorecard: `/api/v1/teams/${TEAM}/scorecard`,
    'metrics (real + drill)': `/api/v1/teams/${TEAM}/metrics?from=${encodeURIComponent(new Date(Date.now() - 180 * 86_400_000).toISOString())}`,
    'metrics (drill=false)': `/api/v1/teams/${TEAM}/metrics?drill=false&from=${encodeURIComponent(new Date(Date.now() - 180 * 86_400_000).toISOString())}`,
  };
  const card = await api(port, 'GET', targets.scorecard);
  console.log(`scorecard: overall L${card.body.overall}, mean ${card.body.mean}, ${card.body.counts.records} records in the window`);
  for (const [name, pathname] of Object.entries(targets)) {
    for (let i = 0; i < 2; i++) await time(port, pathname);
    const xs = [];
    for (let i = 0; i < calls; i++) xs.push(await time(port, pathname));
    console.log(`${name.padEnd(24)} median ${median(xs).toFixed(0)} ms  (min ${Math.min(...xs).toFixed(0)} – max ${Math.max(...xs).toFixed(0)} ms over ${calls} calls)`);
  }
} finally {
  child.kill('SIGTERM');
  await exited;
  rmSync(parent, { recursive: true, force: true });
}
