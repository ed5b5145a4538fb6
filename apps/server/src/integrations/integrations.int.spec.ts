import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { CorrelationCandidates, hmacSha256Hex, type RunCandidate } from '#incident';
import { startTestServer, type TestServer } from '../../test/test-server.js';

const fixture = (type: string, name: string) =>
  readFileSync(path.join(process.cwd(), 'e2e/fixtures/webhooks', type, `${name}.json`), 'utf8');

describe('integration intake (webhooks -> signals)', () => {
  let server: TestServer;
  let db: pg.Client;

  beforeAll(async () => {
    server = await startTestServer();
    db = new pg.Client({ connectionString: server.db.url });
    await db.connect();
    await server.request('POST', '/api/v1/teams', { body: { slug: 'payments', name: 'Payments' } });
  });
  afterAll(async () => {
    await db?.end();
    await server?.stop();
  });

  const count = async (table: string) => Number((await db.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
  const counts = async (tables: string[]) => {
    const out: number[] = [];
    for (const t of tables) out.push(await count(t));
    return out;
  };
  const create = async (body: Record<string, unknown>) => {
    const res = await server.request('POST', '/api/v1/integrations', { body });
    expect(res.status).toBe(201);
    return res.body as { id: string; url: string; token: string };
  };
  const deliver = (url: string, raw: string, headers: Record<string, string> = {}) =>
    server.request('POST', url, { raw, token: null, headers: { 'content-type': 'application/json', ...headers } });

  describe('managing integrations', () => {
    it('creates an integration, shows the token once and never returns the secret', async () => {
      const created = await create({
        type: 'pagerduty',
        team: 'payments',
        name: 'PD checkout',
        options: { secret: 'pd-signing-secret-123' },
      });
      expect(created.url).toBe(`/api/v1/hooks/${created.id}`);
      expect(created.token).toMatch(/^fdi_/);
      expect(JSON.stringify(created)).not.toContain('pd-signing-secret-123');
      const list = await server.request('GET', '/api/v1/integrations');
      const listed = list.body.items.find((i: { id: string }) => i.id === created.id);
      expect(listed).toMatchObject({ type: 'pagerduty', team: 'payments', name: 'PD checkout', hasSecret: true, options: {} });
      expect(JSON.stringify(list.body)).not.toContain('pd-signing-secret-123');
      expect(listed.token).toBeUndefined();
      const stored = await db.query('SELECT token_hash FROM integrations WHERE id = $1', [created.id]);
      expect(stored.rows[0].token_hash).not.toContain(created.token);
    });

    it('lists every bad field, needs a PagerDuty secret and an existing team', async () => {
      const bad = await server.request('POST', '/api/v1/integrations', { body: { type: 'pagerduty', name: '', options: {} } });
      expect(bad.status).toBe(422);
      expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['name', 'options.secret']);
      const noTeam = await server.request('POST', '/api/v1/integrations', { body: { type: 'generic', team: 'nobody', name: 'x' } });
      expect(noTeam.status).toBe(404);
    });

    it('needs the facilitator role to create', async () => {
      const viewer = await server.request('POST', '/api/v1/tokens', { body: { name: 'viewer', role: 'viewer' } });
      const res = await server.request('POST', '/api/v1/integrations', { token: viewer.body.token, body: { type: 'generic', name: 'x' } });
      expect(res.status).toBe(403);
    });

    it('deletes an integration; its URL then answers 404', async () => {
      const created = await create({ type: 'generic', name: 'short-lived' });
      expect((await server.request('DELETE', `/api/v1/integrations/${created.id}`)).status).toBe(204);
      const res = await deliver(created.url, '{"kind":"detected"}', { authorization: `Bearer ${created.token}` });
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    });

    it('answers 404 for an unknown integration id', async () => {
      expect((await deliver('/api/v1/hooks/00000000-0000-4000-8000-000000000000', '{}')).status).toBe(404);
      expect((await deliver('/api/v1/hooks/not-a-uuid', '{}')).status).toBe(404);
    });
  });

  describe('Alertmanager', () => {
    let hook: { id: string; url: string; token: string };
    beforeAll(async () => {
      hook = await create({ type: 'alertmanager', team: 'payments', name: 'staging alertmanager' });
    });

    it('stores one detected signal per firing alert', async () => {
      const res = await deliver(hook.url, fixture('alertmanager', 'firing'), { authorization: `Bearer ${hook.token}` });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ duplicate: false, accepted: 2, duplicates: 0 });
      const signal = await server.request('GET', `/api/v1/signals/${res.body.signals[0]}`);
      expect(signal.body).toMatchObject({
        integrationId: hook.id,
        team: 'payments',
        source: 'alertmanager',
        kind: 'detected',
        occurredAt: '2025-11-20T10:02:31.412Z',
        timeSource: 'sender',
        labels: { alertname: 'KubePodCrashLooping', namespace: 'shop', cluster: 'staging-eu1' },
      });
      expect(signal.body.raw.fingerprint).toBe('5b1c2d6e7f809a1b');
      const delivery = await db.query('SELECT body, headers FROM deliveries WHERE id = (SELECT delivery_id FROM signals WHERE id = $1)', [
        res.body.signals[0],
      ]);
      expect(delivery.rows[0].body.toString('utf8')).toBe(fixture('alertmanager', 'firing'));
      expect(delivery.rows[0].headers.authorization).toBeUndefined();
    });

    it('answers a repeated notification with duplicate: true and stores no second signal', async () => {
      const before = await count('signals');
      const res = await deliver(hook.url, fixture('alertmanager', 'firing'), { authorization: `Bearer ${hook.token}` });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ duplicate: true, accepted: 0, duplicates: 2, signals: [] });
      expect(await count('signals')).toBe(before);
    });

    it('accepts the token as the basic-auth password', async () => {
      const basic = Buffer.from(`alertmanager:${hook.token}`).toString('base64');
      const res = await deliver(hook.url, fixture('alertmanager', 'resolved'), { authorization: `Basic ${basic}` });
      expect(res.status).toBe(200);
      expect(res.body.accepted).toBe(1);
    });

    it('refuses a wrong token with 401 problem+json and stores nothing', async () => {
      const before = await counts(['signals', 'deliveries', 'dead_letters']);
      const res = await deliver(hook.url, fixture('alertmanager', 'firing'), { authorization: 'Bearer fdi_not-the-token' });
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.code).toBe('unauthenticated');
      const none = await deliver(hook.url, fixture('alertmanager', 'firing'));
      expect(none.status).toBe(401);
      expect(await counts(['signals', 'deliveries', 'dead_letters'])).toEqual(before);
    });

    it('answers a malformed delivery with 400 naming the fields and keeps it as a dead letter', async () => {
      const body = JSON.stringify({ version: '4', alerts: [{ status: 'firing', labels: { alertname: 'X' } }] });
      const before = await count('signals');
      const res = await deliver(hook.url, body, { authorization: `Bearer ${hook.token}`, 'user-agent': 'Alertmanager/0.28.1' });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'malformed_body', errors: [{ path: 'alerts[0].startsAt' }] });
      const notJson = await deliver(hook.url, '{"alerts": [', { authorization: `Bearer ${hook.token}` });
      expect(notJson.status).toBe(400);
      expect(notJson.body.detail).toMatch(/not valid JSON/);
      expect(await count('signals')).toBe(before);
      const letters = await server.request('GET', `/api/v1/integrations/${hook.id}/dead-letters`);
      expect(letters.body.total).toBe(2);
      expect(letters.body.items[1]).toMatchObject({ statusCode: 400, body, headers: { 'user-agent': 'Alertmanager/0.28.1' } });
      expect(letters.body.items[1].reason).toMatch(/alerts\[0\]\.startsAt/);
      expect(letters.body.items[1].headers.authorization).toBeUndefined();
    });

    it('rejects an alert from too far in the future with 422 naming the field and the tolerance, and dead-letters it', async () => {
      const future = new Date(Date.now() + 10 * 60_000).toISOString();
      const group = JSON.parse(fixture('alertmanager', 'firing'));
      group.alerts[1].startsAt = future;
      const before = await count('dead_letters');
      const res = await deliver(hook.url, JSON.stringify(group), { authorization: `Bearer ${hook.token}` });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'clock_skew_exceeded', field: 'alerts[1].startsAt', toleranceMs: 120000 });
      expect(res.body.detail).toMatch(/alerts\[1\]\.startsAt .* clock-skew tolerance of 120000 ms/);
      expect(await count('dead_letters')).toBe(before + 1);
    });
  });

  describe('PagerDuty', () => {
    const secret = 'pd-subscription-secret-0123456789';
    let hook: { id: string; url: string };
    beforeAll(async () => {
      hook = await create({ type: 'pagerduty', team: 'payments', name: 'PD', options: { secret } });
    });
    const signed = (raw: string, webhookId: string) => ({
      'x-pagerduty-signature': `v1=${hmacSha256Hex(secret, raw)}`,
      'x-webhook-id': webhookId,
    });

    it('stores a signed delivery and dedupes its retry on X-Webhook-Id', async () => {
      const raw = fixture('pagerduty', 'incident-acknowledged');
      const first = await deliver(hook.url, raw, signed(raw, 'c7a0e1f2-0001'));
      expect(first.status).toBe(200);
      expect(first.body.accepted).toBe(1);
      const signal = await server.request('GET', `/api/v1/signals/${first.body.signals[0]}`);
      expect(signal.body).toMatchObject({
        kind: 'acknowledged',
        occurredAt: '2025-11-20T10:06:41.530Z',
        labels: { service_id: 'PF9KMXH', priority: 'P1' },
      });
      const retry = await deliver(hook.url, raw, signed(raw, 'c7a0e1f2-0001'));
      expect(retry.body).toMatchObject({ duplicate: true });
    });

    it('refuses a tampered body with 401 and stores nothing', async () => {
      const raw = fixture('pagerduty', 'incident-resolved');
      const before = await count('deliveries');
      const res = await deliver(hook.url, raw.replace('"urgency": "high"', '"urgency": "low"'), signed(raw, 'c7a0e1f2-0002'));
      expect(res.status).toBe(401);
      expect(await count('deliveries')).toBe(before);
    });

    it('answers an event type it does not measure with 200 and stores nothing', async () => {
      const raw = fixture('pagerduty', 'incident-annotated');
      const res = await deliver(hook.url, raw, signed(raw, 'c7a0e1f2-0003'));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ ignored: true, accepted: 0 });
    });
  });

  describe('Grafana, Opsgenie, Statuspage and generic senders', () => {
    it('verifies the Grafana HMAC when a secret is configured', async () => {
      const hook = await create({ type: 'grafana', team: 'payments', name: 'grafana', options: { secret: 'grafana-secret-xyz' } });
      const raw = fixture('grafana', 'firing');
      const ok = await deliver(hook.url, raw, { 'x-grafana-alerting-signature': hmacSha256Hex('grafana-secret-xyz', raw) });
      expect(ok.status).toBe(200);
      const wrong = await deliver(hook.url, raw, { 'x-grafana-alerting-signature': hmacSha256Hex('another-secret', raw) });
      expect(wrong.status).toBe(401);
      const listed = (await server.request('GET', '/api/v1/integrations')).body.items.find((i: { id: string }) => i.id === hook.id);
      expect(JSON.stringify(listed)).not.toContain('grafana-secret-xyz');
    });

    it('reads Opsgenie actions with the X-Firedrill-Token header and records which timestamp was used', async () => {
      const hook = await create({ type: 'opsgenie', team: 'payments', name: 'opsgenie' });
      const res = await deliver(hook.url, fixture('opsgenie', 'acknowledge-ambiguous-timestamp'), { 'x-firedrill-token': hook.token });
      expect(res.status).toBe(200);
      const signal = await server.request('GET', `/api/v1/signals/${res.body.signals[0]}`);
      expect(signal.body).toMatchObject({ kind: 'acknowledged', timeSource: 'arrival', labels: { occurred_at_source: 'arrival' } });
    });

    it('accepts a Statuspage delivery with ?token= and keeps the token out of the problem documents', async () => {
      const hook = await create({ type: 'statuspage', team: 'payments', name: 'status page' });
      const res = await deliver(`${hook.url}?token=${hook.token}`, fixture('statuspage', 'incident-monitoring'));
      expect(res.status).toBe(200);
      expect(res.body.accepted).toBe(3);
      const bad = await deliver(`${hook.url}?token=${hook.token}`, '{"incident":{}}');
      expect(bad.status).toBe(400);
      expect(bad.text).not.toContain(hook.token);
    });

    it('stores a generic signal', async () => {
      const hook = await create({ type: 'generic', name: 'deploy pipeline' });
      const res = await deliver(hook.url, fixture('generic', 'mitigated'), { authorization: `Bearer ${hook.token}` });
      expect(res.status).toBe(200);
      const signal = await server.request('GET', `/api/v1/signals/${res.body.signals[0]}`);
      expect(signal.body).toMatchObject({
        kind: 'mitigated',
        team: null,
        source: 'generic',
        summary: expect.stringMatching(/Rolled back/),
      });
      const again = await deliver(hook.url, fixture('generic', 'mitigated'), { authorization: `Bearer ${hook.token}` });
      expect(again.body.duplicate).toBe(true);
    });
  });

  describe('after storing', () => {
    let hook: { id: string; url: string; token: string };
    beforeAll(async () => {
      hook = await create({ type: 'generic', team: 'payments', name: 'marks' });
    });
    const post = (body: Record<string, unknown>) => deliver(hook.url, JSON.stringify(body), { authorization: `Bearer ${hook.token}` });

    it('lists unmatched signals and attaches one to a run by hand', async () => {
      const res = await post({
        kind: 'declared',
        occurredAt: '2025-11-20T10:05:00Z',
        labels: { namespace: 'shop' },
        dedupeKey: 'attach-me',
      });
      const id = res.body.signals[0];
      const unmatched = await server.request('GET', '/api/v1/signals?team=payments&unmatched=true&limit=200');
      expect(unmatched.body.items.map((s: { id: string }) => s.id)).toContain(id);
      const attached = await server.request('POST', `/api/v1/signals/${id}/attach`, { body: { runId: 'run-2025-11-20-checkout' } });
      expect(attached.status).toBe(200);
      expect(attached.body).toMatchObject({ drill: true, runs: [{ runId: 'run-2025-11-20-checkout', attachedBy: 'manual' }] });
      const after = await server.request('GET', '/api/v1/signals?team=payments&unmatched=true&limit=200');
      expect(after.body.items.map((s: { id: string }) => s.id)).not.toContain(id);
      expect(
        (await server.request('POST', '/api/v1/signals/00000000-0000-4000-8000-000000000000/attach', { body: { runId: 'r' } })).status,
      ).toBe(404);
    });

    it('corrects a signal time with a reason and keeps the audit trail', async () => {
      const res = await post({ kind: 'acknowledged', occurredAt: '2025-11-20T10:07:00Z', dedupeKey: 'correct-me' });
      const id = res.body.signals[0];
      const noReason = await server.request('POST', `/api/v1/signals/${id}/corrections`, {
        body: { occurredAt: '2025-11-20T10:06:00Z', reason: ' ' },
      });
      expect(noReason.status).toBe(422);
      expect(noReason.body.errors).toEqual([{ path: 'reason', message: expect.stringMatching(/reason/) }]);
      const corrected = await server.request('POST', `/api/v1/signals/${id}/corrections`, {
        body: { occurredAt: '2025-11-20T10:06:00Z', reason: 'PagerDuty app clock was a minute late' },
      });
      expect(corrected.status).toBe(200);
      expect(corrected.body.occurredAt).toBe('2025-11-20T10:06:00.000Z');
      expect(corrected.body.corrections).toEqual([
        {
          correctedBy: 'FIREDRILL_ADMIN_TOKEN',
          oldOccurredAt: '2025-11-20T10:07:00.000Z',
          newOccurredAt: '2025-11-20T10:06:00.000Z',
          reason: 'PagerDuty app clock was a minute late',
          at: expect.any(String),
        },
      ]);
    });

    it('attaches a signal to the run that expects it, after answering the delivery', async () => {
      const candidates = server.app.get(CorrelationCandidates, { strict: false });
      const run: RunCandidate = {
        runId: 'run-auto-1',
        team: 'payments',
        startedAt: new Date('2025-11-20T10:00:00Z'),
        endedAt: null,
        expectedAlerts: [{ alertname: 'CheckoutHighErrorRate' }],
        namespaces: [],
      };
      const original = candidates.candidatesAt.bind(candidates);
      candidates.candidatesAt = async () => [run];
      try {
        const res = await post({
          kind: 'detected',
          occurredAt: '2025-11-20T10:03:00Z',
          labels: { alertname: 'CheckoutHighErrorRate' },
          dedupeKey: 'auto',
        });
        const id = res.body.signals[0];
        let runs: unknown[] = [];
        for (let i = 0; i < 100 && runs.length === 0; i++) {
          await new Promise((r) => setTimeout(r, 20));
          runs = (await server.request('GET', `/api/v1/signals/${id}`)).body.runs;
        }
        expect(runs).toEqual([{ runId: 'run-auto-1', attachedBy: 'auto', attachedAt: expect.any(String) }]);
      } finally {
        candidates.candidatesAt = original;
      }
    });

    it('counts deliveries per integration type and outcome', async () => {
      const metrics = await server.request('GET', '/metrics', { token: null });
      expect(metrics.text).toMatch(/firedrill_webhook_deliveries_total\{type="alertmanager",outcome="accepted"\} 2/);
      expect(metrics.text).toMatch(/firedrill_webhook_deliveries_total\{type="alertmanager",outcome="duplicate"\} 1/);
      expect(metrics.text).toMatch(/firedrill_webhook_deliveries_total\{type="alertmanager",outcome="unauthorized"\} 2/);
      expect(metrics.text).toMatch(/firedrill_webhook_deliveries_total\{type="alertmanager",outcome="malformed"\} 2/);
    });
  });
});
