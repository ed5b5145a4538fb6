import { correlate, type RunCandidate } from './correlation.js';

const T0 = new Date('2025-11-20T10:00:00Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

const run = (overrides: Partial<RunCandidate> = {}): RunCandidate => ({
  runId: 'run-1',
  team: 'payments',
  startedAt: T0,
  endedAt: minutes(20),
  expectedAlerts: [],
  namespaces: [],
  ...overrides,
});

const signal = (labels: Record<string, string>, at = minutes(3), team: string | null = 'payments') => ({ labels, occurredAt: at, team });

describe(correlate.name, () => {
  it('attaches a signal whose labels contain every label of an expected alert', () => {
    const candidates = [run({ expectedAlerts: [{ alertname: 'CheckoutHighErrorRate', namespace: 'shop' }] })];
    expect(correlate(signal({ alertname: 'CheckoutHighErrorRate', namespace: 'shop', severity: 'critical' }), candidates)).toEqual([
      { runId: 'run-1', reason: 'expected_alert' },
    ]);
    expect(correlate(signal({ alertname: 'CheckoutHighErrorRate', namespace: 'search' }), candidates)).toEqual([]);
    expect(correlate(signal({ alertname: 'CheckoutHighErrorRate' }), candidates)).toEqual([]);
  });

  it('does not treat an empty expectation as matching everything', () => {
    expect(correlate(signal({ alertname: 'Anything' }), [run({ expectedAlerts: [{}] })])).toEqual([]);
  });

  it('attaches a PagerDuty signal by service id', () => {
    const candidates = [run({ pagerdutyServiceId: 'PF9KMXH' })];
    expect(correlate(signal({ service_id: 'PF9KMXH' }), candidates)).toEqual([{ runId: 'run-1', reason: 'pagerduty_service' }]);
    expect(correlate(signal({ service_id: 'PXXXXXX' }), candidates)).toEqual([]);
  });

  it("attaches a signal from one of the run's namespaces", () => {
    const candidates = [run({ namespaces: ['shop', 'shop-canary'] })];
    expect(correlate(signal({ namespace: 'shop-canary' }), candidates)).toEqual([{ runId: 'run-1', reason: 'namespace' }]);
    expect(correlate(signal({ exported_namespace: 'shop' }), candidates)).toEqual([{ runId: 'run-1', reason: 'namespace' }]);
    expect(correlate(signal({ namespace: 'kube-system' }), candidates)).toEqual([]);
  });

  describe('window', () => {
    const candidates = [run({ namespaces: ['shop'] })];
    it('starts one minute before T0', () => {
      expect(correlate(signal({ namespace: 'shop' }, minutes(-1)), candidates)).toHaveLength(1);
      expect(correlate(signal({ namespace: 'shop' }, new Date(minutes(-1).getTime() - 1)), candidates)).toHaveLength(0);
    });

    it('ends thirty minutes after the run ended', () => {
      expect(correlate(signal({ namespace: 'shop' }, minutes(50)), candidates)).toHaveLength(1);
      expect(correlate(signal({ namespace: 'shop' }, new Date(minutes(50).getTime() + 1)), candidates)).toHaveLength(0);
    });

    it('stays open while the run is still going', () => {
      expect(correlate(signal({ namespace: 'shop' }, minutes(600)), [run({ namespaces: ['shop'], endedAt: null })])).toHaveLength(1);
    });

    it('can be configured', () => {
      expect(correlate(signal({ namespace: 'shop' }, minutes(25)), candidates, { slackBeforeMs: 0, graceAfterMs: 60_000 })).toHaveLength(0);
    });
  });

  it('keeps teams apart when both are known, and matches when either is unknown', () => {
    const candidates = [run({ namespaces: ['shop'] })];
    expect(correlate(signal({ namespace: 'shop' }, minutes(3), 'search'), candidates)).toEqual([]);
    expect(correlate(signal({ namespace: 'shop' }, minutes(3), null), candidates)).toHaveLength(1);
    expect(correlate(signal({ namespace: 'shop' }), [run({ namespaces: ['shop'], team: null })])).toHaveLength(1);
  });

  it('returns every run that expects the signal', () => {
    const candidates = [
      run({ namespaces: ['shop'] }),
      run({ runId: 'run-2', expectedAlerts: [{ alertname: 'X' }] }),
      run({ runId: 'run-3' }),
    ];
    expect(correlate(signal({ namespace: 'shop', alertname: 'X' }), candidates).map((m) => m.runId)).toEqual(['run-1', 'run-2']);
  });
});
