import { computeResponseMetrics, type MetricSignal } from './response-metrics.js';

const t0 = new Date('2026-11-28T10:00:00Z');
const at = (s: number) => new Date(t0.getTime() + s * 1000);
const signal = (id: string, kind: string, occurred: number, received = occurred, source = 'alertmanager'): MetricSignal => ({
  id,
  kind,
  source,
  occurredAt: at(occurred),
  receivedAt: at(received),
});

describe(computeResponseMetrics.name, () => {
  it('measures every figure from T0 and names the signal behind it', () => {
    const m = computeResponseMetrics({
      t0,
      signals: [signal('a', 'detected', 95, 97), signal('p', 'acknowledged', 200, 201, 'pagerduty'), signal('r', 'resolved', 900, 901, 'pagerduty'), signal('c', 'communicated', 400)],
      impactReducedAt: at(600),
      targets: { detect: 120, acknowledge: 60, mitigate: 900, resolve: 1800 },
    });
    expect(m.ttdSeconds).toBe(95);
    expect(m.detection).toEqual({ alertRuleDelaySeconds: 95, deliveryDelaySeconds: 2 });
    expect(m.ttaSeconds).toBe(105);
    expect(m.ttaFromT0Seconds).toBe(200);
    expect(m.ttmSeconds).toBe(600);
    expect(m.sources.mitigated).toMatchObject({ source: 'probe', kind: 'impact-reduced' });
    expect(m.ttrSeconds).toBe(900);
    expect(m.timeToFirstCommunicationSeconds).toBe(400);
    expect(m.sources.acknowledged).toMatchObject({ signalId: 'p', source: 'pagerduty' });
    expect(m.targets.detect).toEqual({ targetSeconds: 120, actualSeconds: 95, met: true });
    expect(m.targets.acknowledge.met).toBe(false);
  });

  it('ignores signals from before T0 and uses the earliest detection', () => {
    const m = computeResponseMetrics({ t0, signals: [signal('old', 'detected', -50), signal('page', 'paged', 30), signal('alert', 'detected', 40)] });
    expect(m.ttdSeconds).toBe(30);
    expect(m.sources.detected?.signalId).toBe('page');
  });

  it('prefers a mitigation mark earlier than the probes recovering', () => {
    const m = computeResponseMetrics({ t0, signals: [signal('m', 'mitigated', 300, 300, 'cluster')], impactReducedAt: at(500) });
    expect(m.ttmSeconds).toBe(300);
    expect(m.sources.mitigated).toMatchObject({ signalId: 'm', source: 'cluster' });
  });

  it('counts a missing figure as a missed target', () => {
    const m = computeResponseMetrics({ t0, signals: [], targets: { detect: 300 } });
    expect(m.ttdSeconds).toBeNull();
    expect(m.targets.detect.met).toBe(false);
    expect(m.targets.resolve.met).toBeNull();
  });
});
