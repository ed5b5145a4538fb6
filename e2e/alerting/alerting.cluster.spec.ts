import { readFileSync } from 'node:fs';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import type { LiveClientToServerEvents, LiveJoinAck, LiveRunSummary, LiveServerToClientEvents, LiveTimelineEvent } from '#contracts';
import { hmacSha256Hex } from '#incident';
import { applyFixtures, clusterKubeconfigPath, deleteNamespace, describeCluster, freshNamespace } from '#testing';
import { k, readyReplicas, saveScenario, waitFor, waitForRun } from '../../apps/server/test/cluster-helpers.js';
import { startTestServer, type TestServer } from '../../apps/server/test/test-server.js';
import { freePort, tempDir } from '../server/process.js';
import { ALERTMANAGER, getJson, PROMETHEUS, startDemoService, startTool, toolsMissing, writeConfig, type Tool } from './tools.js';

const TEAM = 'alerting';
const SCENARIO = 'payment-pool-alert';
const PD_SERVICE = 'PALRT01';
const PD_SECRET = 'pd-alerting-e2e-secret-0123456789';

const scenario = (ns: string) => `apiVersion: firedrill.dev/v1alpha1
kind: Scenario
metadata: {name: ${SCENARIO}, title: Payment pool exhausted, team: ${TEAM}, severity: SEV2}
spec:
  hypothesis: {description: a one-connection pool pages on-call through the latency alert}
  steps:
    - at: 0s
      configChange: {namespace: ${ns}, configMap: payment-config, set: {DB_POOL_SIZE: "1"}, duration: 10s}
  guardrails: {maxDuration: 5m}
  response:
    expectedAlerts: [{alertname: PaymentLatencyHigh}]
    pagerduty: {serviceId: ${PD_SERVICE}}
`;

const seconds = (from: string | Date, to: string | Date) => Math.round((new Date(to).getTime() - new Date(from).getTime()) / 10) / 100;

/** A PagerDuty v3 sample delivery for this scenario's service at a chosen time. */
function pagerDuty(name: 'incident-acknowledged' | 'incident-resolved', occurredAt: Date, eventId: string): string {
  const body = JSON.parse(readFileSync(path.join(process.cwd(), 'e2e/fixtures/webhooks/pagerduty', `${name}.json`), 'utf8'));
  body.event.id = eventId;
  body.event.occurred_at = occurredAt.toISOString();
  body.event.data.service.id = PD_SERVICE;
  return JSON.stringify(body);
}

/** Prometheus and Alertmanager come from Debian packages (`.ci/run` installs them). */
const describeAlerting = (name: string, fn: () => void) => describeCluster(name, fn, toolsMissing());

/**
 * The whole detection path with the real tools: Firedrill changes the real
 * ConfigMap; a service reading it reports high latency; real Prometheus
 * (1 s scrape and evaluation) fires PaymentLatencyHigh; real Alertmanager
 * posts it to Firedrill's webhook; the run's TTD is the alert's own
 * startsAt − T0, the delivery delay is reported apart, and the alert's
 * resolution arrives after Firedrill restored the ConfigMap. Signed
 * PagerDuty deliveries then give TTA and TTR.
 */
describeAlerting('detection through real Prometheus and Alertmanager', () => {
  let ns: string;
  let server: TestServer;
  let demo: Awaited<ReturnType<typeof startDemoService>>;
  const tools: Tool[] = [];
  let alertmanager: Tool;
  let socket: Socket<LiveServerToClientEvents, LiveClientToServerEvents> | undefined;
  let alertHook: { id: string; url: string; token: string };
  let pdHook: { id: string; url: string };

  beforeAll(async () => {
    ns = await freshNamespace('alerting');
    await applyFixtures(ns);
    await waitFor('payment ready', async () => (await readyReplicas(ns, 'payment')) === 3, 60_000);
    server = await startTestServer({ KUBECONFIG: clusterKubeconfigPath(), FIREDRILL_SWEEP_INTERVAL: '500', FIREDRILL_SCENARIOS_DIR: '/nonexistent' });
    await saveScenario(server, scenario(ns));
    alertHook = (await server.request('POST', '/api/v1/integrations', { body: { type: 'alertmanager', team: TEAM, name: 'e2e alertmanager' } })).body;
    pdHook = (await server.request('POST', '/api/v1/integrations', { body: { type: 'pagerduty', team: TEAM, name: 'e2e pagerduty', options: { secret: PD_SECRET } } })).body;

    demo = await startDemoService(ns);
    const dir = tempDir('firedrill-alerting-');
    const [amPort, promPort] = [await freePort(), await freePort()];
    const amConfig = writeConfig(dir, 'alertmanager.yml', {
      global: { resolve_timeout: '5s' },
      route: { receiver: 'firedrill', group_by: ['alertname'], group_wait: '1s', group_interval: '1s', repeat_interval: '1h' },
      receivers: [
        {
          name: 'firedrill',
          webhook_configs: [{ url: server.url + alertHook.url, send_resolved: true, http_config: { authorization: { credentials: alertHook.token } } }],
        },
      ],
    });
    alertmanager = await startTool('alertmanager', ALERTMANAGER, [
      `--config.file=${amConfig}`,
      `--storage.path=${path.join(dir, 'alertmanager-data')}`,
      `--web.listen-address=127.0.0.1:${amPort}`,
      '--cluster.listen-address=',
    ], amPort);
    tools.push(alertmanager);
    const rules = writeConfig(dir, 'rules.yml', {
      groups: [
        {
          name: 'payment',
          interval: '1s',
          rules: [{ alert: 'PaymentLatencyHigh', expr: 'demo_request_latency_seconds > 1', for: '0s', labels: { namespace: ns, severity: 'page' } }],
        },
      ],
    });
    const promConfig = writeConfig(dir, 'prometheus.yml', {
      global: { scrape_interval: '1s', evaluation_interval: '1s' },
      rule_files: [rules],
      alerting: { alertmanagers: [{ static_configs: [{ targets: [`127.0.0.1:${amPort}`] }] }] },
      scrape_configs: [{ job_name: 'payment', static_configs: [{ targets: [`127.0.0.1:${demo.port}`] }] }],
    });
    tools.push(
      await startTool('prometheus', PROMETHEUS, [
        `--config.file=${promConfig}`,
        `--storage.tsdb.path=${path.join(dir, 'prometheus-data')}`,
        `--web.listen-address=127.0.0.1:${promPort}`,
      ], promPort),
    );
    // The scrape works and the alert is quiet before the run.
    await waitFor('a first scrape', async () => {
      const r = await getJson(`http://127.0.0.1:${promPort}/api/v1/query?query=demo_request_latency_seconds`);
      return r.data?.result?.[0]?.value?.[1] === '0.05';
    }, 30_000);
  }, 180_000);

  afterAll(async () => {
    socket?.disconnect();
    for (const t of tools.reverse()) await t.stop();
    await demo?.stop();
    await server?.stop();
    if (ns) {
      await k(['-n', ns, 'patch', 'configmap', 'payment-config', '--type', 'merge', '-p', '{"data":{"DB_POOL_SIZE":"20"}}']).catch(() => undefined);
      await deleteNamespace(ns);
    }
  }, 60_000);

  it('measures TTD from the alert’s own start, then TTA and TTR from signed PagerDuty deliveries', async () => {
    const created = await server.request('POST', '/api/v1/runs', { body: { scenario: SCENARIO } });
    expect(created.status).toBe(201);
    const runId = created.body.id as string;

    // A live client follows the run from the start.
    socket = io(`${server.url}/runs`, { auth: { token: server.adminToken }, transports: ['websocket'], reconnection: false, forceNew: true });
    const pushed: LiveTimelineEvent[] = [];
    const runs: LiveRunSummary[] = [];
    socket.on('timeline', (e) => pushed.push(e));
    socket.on('run', (r) => runs.push(r));
    const ack = (await socket.emitWithAck('join', { runId })) as LiveJoinAck;
    expect(ack.ok).toBe(true);

    // Alertmanager's own record of the alert, read while it fires.
    const fired = await waitFor(
      'PaymentLatencyHigh firing in Alertmanager',
      async () => (await getJson<any[]>(`${alertmanager.url}/api/v2/alerts`)).find((a) => a.labels.alertname === 'PaymentLatencyHigh' && a.labels.namespace === ns),
      60_000,
      200,
    );
    const run = await waitForRun(server, runId, ['completed', 'failed', 'aborted'], 90_000);
    expect(run.state).toBe('completed');
    const record = run.records[0];
    expect(record).toMatchObject({ kind: 'configChange', phase: 'recovered', outcome: 'restored' });
    expect((await k(['-n', ns, 'get', 'configmap', 'payment-config', '-o', 'jsonpath={.data.DB_POOL_SIZE}'])).trim()).toBe('20');

    // TTD = the alert's startsAt − T0, to the hundredth; the delivery delay is apart.
    expect(run.t0).not.toBeNull();
    const detected = run.signals.find((s: any) => s.source === 'alertmanager' && s.kind === 'detected');
    expect(detected).toBeDefined();
    expect(new Date(detected.occurredAt).getTime()).toBe(new Date(fired.startsAt).getTime());
    expect(new Date(fired.startsAt).getTime()).toBeGreaterThan(new Date(run.t0).getTime());
    expect(run.metrics.ttdSeconds).toBe(seconds(run.t0, fired.startsAt));
    expect(run.metrics.sources.detected).toMatchObject({ signalId: detected.id, source: 'alertmanager' });
    expect(run.metrics.detection.deliveryDelaySeconds).toBe(seconds(detected.occurredAt, detected.receivedAt));
    expect(run.metrics.detection.deliveryDelaySeconds).toBeGreaterThanOrEqual(0);

    // The alert resolves after Firedrill restored the ConfigMap.
    const resolved = await waitFor(
      'the resolved alert',
      async () => (await server.request('GET', `/api/v1/runs/${runId}`)).body.signals.find((s: any) => s.source === 'alertmanager' && s.kind === 'resolved'),
      60_000,
      250,
    );
    expect(new Date(resolved.occurredAt).getTime()).toBeGreaterThanOrEqual(new Date(record.recoveredAt).getTime());

    // PagerDuty: acknowledged 1 s after the alert started; resolved 1 s before
    // the alert resolved. The earliest resolved signal after T0 is the
    // PagerDuty one, so TTR comes from it and not from Alertmanager's.
    const ackAt = new Date(new Date(detected.occurredAt).getTime() + 1000);
    const pdResolvedAt = new Date(new Date(resolved.occurredAt).getTime() - 1000);
    expect(pdResolvedAt.getTime()).toBeGreaterThan(ackAt.getTime());
    for (const [name, at, id] of [['incident-acknowledged', ackAt, `${runId}-ack`], ['incident-resolved', pdResolvedAt, `${runId}-res`]] as const) {
      const raw = pagerDuty(name, at, id);
      const res = await server.request('POST', pdHook.url, {
        raw,
        token: null,
        headers: { 'content-type': 'application/json', 'x-pagerduty-signature': `v1=${hmacSha256Hex(PD_SECRET, raw)}`, 'x-webhook-id': id },
      });
      expect(res.status).toBe(200);
      expect(res.body.accepted).toBe(1);
    }
    const measured = await waitFor('TTA and TTR from PagerDuty', async () => {
      const r = (await server.request('GET', `/api/v1/runs/${runId}`)).body;
      return r.metrics.ttaSeconds !== null && r.metrics.sources.resolved?.source === 'pagerduty' ? r : null;
    });
    expect(measured.metrics.ttaSeconds).toBe(1);
    expect(measured.metrics.ttaFromT0Seconds).toBe(seconds(run.t0, ackAt));
    expect(measured.metrics.sources.acknowledged).toMatchObject({ source: 'pagerduty', at: ackAt.toISOString() });
    expect(measured.metrics.ttrSeconds).toBe(seconds(run.t0, pdResolvedAt));
    expect(measured.metrics.sources.resolved).toMatchObject({ source: 'pagerduty', at: pdResolvedAt.toISOString() });

    // The live client saw T0 and the end of the run as they happened.
    expect(pushed.map((e) => e.kind)).toEqual(expect.arrayContaining(['t0', 'fault-injected', 'fault-recovered']));
    expect(runs.at(-1)).toMatchObject({ id: runId, state: 'completed' });

    // /metrics observed the run's TTD once when it ended.
    const metrics = (await server.request('GET', '/metrics', { token: null })).text;
    const labels = `{team="${TEAM}",scenario="${SCENARIO}",severity="SEV2"}`;
    expect(metrics).toContain(`firedrill_time_to_detect_seconds_count${labels} 1`);
    expect(Number(/firedrill_time_to_detect_seconds_sum\{[^}]*\} (\S+)/.exec(metrics.split('\n').find((l) => l.startsWith(`firedrill_time_to_detect_seconds_sum${labels}`)) ?? '')?.[1])).toBe(run.metrics.ttdSeconds);
  }, 240_000);
});
