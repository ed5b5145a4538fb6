import { RunRepository, SignalStore, type SignalKind } from '#incident';
import { startTestServer, type TestServer } from '../../../test/test-server.js';
import { TimelineService } from '../timeline.service.js';

/**
 * A run ends the way the engine ends it (final `state` timeline event) with
 * signals attached; /metrics then shows one observation per measured figure.
 */
describe('response-time histograms on /metrics', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    await server.request('POST', '/api/v1/teams', { body: { slug: 'payments', name: 'Payments' } });
  });
  afterAll(async () => {
    await server?.stop();
  });

  const T0 = new Date('2026-03-02T10:00:00.000Z');
  const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

  async function endedRun(scenario: string, signals: [SignalKind, number][]) {
    const runs = server.app.get(RunRepository, { strict: false });
    const store = server.app.get(SignalStore, { strict: false });
    const timeline = server.app.get(TimelineService, { strict: false });
    const run = await runs.create({
      scenarioName: scenario,
      scenarioVersion: 1,
      teamSlug: 'payments',
      severity: 'SEV2',
      dryRun: false,
      trigger: 'api',
      document: { apiVersion: 'firedrill.dev/v1alpha1', kind: 'Scenario', metadata: { name: scenario, team: 'payments', severity: 'SEV2' }, spec: { steps: [] } },
      createdBy: 'test',
      steps: [],
    });
    for (const [kind, seconds] of signals) {
      const { signal } = await store.record({ team: 'payments', source: 'alertmanager', kind, occurredAt: at(seconds), dedupeKey: `${run.id}:${kind}`, drill: true });
      await store.attach(signal.id, run.id, 'auto');
    }
    await runs.transition(run.id, 'scheduled', 'completed', { t0: T0, startedAt: T0, endedAt: at(900) });
    await timeline.append(run.id, 'state', 'recovering → completed', { from: 'recovering', to: 'completed', reason: null });
    return run.id;
  }

  const scrape = async () => (await server.request('GET', '/metrics', { token: null })).text;
  const line = (text: string, series: string) => text.split('\n').find((l) => l.startsWith(series + ' '))?.split(' ')[1];

  it('observes TTD, TTA, TTM and TTR once, labelled by team, scenario and severity', async () => {
    await endedRun('pool-exhaustion', [
      ['detected', 90],
      ['acknowledged', 150],
      ['mitigated', 400],
      ['resolved', 600],
    ]);
    const labels = '{team="payments",scenario="pool-exhaustion",severity="SEV2"}';
    const text = await until(async () => {
      const t = await scrape();
      return line(t, `firedrill_time_to_resolve_seconds_count${labels}`) ? t : null;
    });
    expect(line(text, `firedrill_time_to_detect_seconds_sum${labels}`)).toBe('90');
    expect(line(text, `firedrill_time_to_acknowledge_seconds_sum${labels}`)).toBe('60');
    expect(line(text, `firedrill_time_to_mitigate_seconds_sum${labels}`)).toBe('400');
    expect(line(text, `firedrill_time_to_resolve_seconds_sum${labels}`)).toBe('600');
    expect(line(text, `firedrill_time_to_detect_seconds_count${labels}`)).toBe('1');
    // Minute-scale buckets: 90 s is above 60 s and within 120 s.
    expect(line(text, `firedrill_time_to_detect_seconds_bucket{le="60",team="payments",scenario="pool-exhaustion",severity="SEV2"}`)).toBe('0');
    expect(line(text, `firedrill_time_to_detect_seconds_bucket{le="120",team="payments",scenario="pool-exhaustion",severity="SEV2"}`)).toBe('1');
    expect(line(text, `firedrill_time_to_resolve_seconds_bucket{le="7200",team="payments",scenario="pool-exhaustion",severity="SEV2"}`)).toBe('1');
  });

  it('leaves out figures that were not measured and never counts a run twice', async () => {
    const id = await endedRun('unacknowledged', [['detected', 30]]);
    const labels = '{team="payments",scenario="unacknowledged",severity="SEV2"}';
    await until(async () => line(await scrape(), `firedrill_time_to_detect_seconds_count${labels}`));
    // A second final event for the same run (e.g. a retried write) is not a second observation.
    await server.app.get(TimelineService, { strict: false }).append(id, 'state', 'recovering → completed', { from: 'recovering', to: 'completed', reason: null });
    await server.request('POST', `/api/v1/runs/${id}/notes`, { body: { text: 'a marker after the duplicate' } });
    await new Promise((r) => setTimeout(r, 300));
    const text = await scrape();
    expect(line(text, `firedrill_time_to_detect_seconds_count${labels}`)).toBe('1');
    expect(line(text, `firedrill_time_to_acknowledge_seconds_count${labels}`)).toBeUndefined();
    expect(line(text, `firedrill_time_to_resolve_seconds_count${labels}`)).toBeUndefined();
  });
});

async function until<T>(fn: () => Promise<T | null | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const v = await fn();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('timed out');
}
