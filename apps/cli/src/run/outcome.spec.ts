import { XMLParser } from 'fast-xml-parser';
import { evaluateRun, RUN_EXIT, toJunit } from './outcome.js';

const base = {
  id: 'r1',
  scenario: 'payment-pod-kill',
  state: 'completed',
  startedAt: '2026-11-28T10:00:00.000Z',
  endedAt: '2026-11-28T10:01:00.000Z',
  t0: '2026-11-28T10:00:01.000Z',
  records: [{ kind: 'podKill', phase: 'recovered', target: { kind: 'Pod', namespace: 'shop', name: 'p1' }, notes: {} }],
  probes: [{ probe: 'checkout-up', ok: true, detail: 'HTTP 200' }],
  metrics: { ttdSeconds: null, targets: { detect: { met: null } }, sources: {} },
  response: null,
};

describe(evaluateRun.name, () => {
  it('passes a completed run whose probes held', () => {
    expect(evaluateRun(base).exitCode).toBe(RUN_EXIT.ok);
  });

  it('fails with 1 when a probe broke, naming it', () => {
    const o = evaluateRun({ ...base, steadyStateBrokenAt: '2026-11-28T10:00:05Z', probes: [{ probe: 'payment-ready', ok: false, detail: '1 ready, below 3' }] });
    expect(o.exitCode).toBe(RUN_EXIT.hypothesisBroken);
    expect(o.summary).toContain('payment-ready (1 ready, below 3)');
  });

  it('fails with 1 when an expected alert did not fire', () => {
    const o = evaluateRun({ ...base, response: { expectedAlerts: [{ alertname: 'PaymentLatencyHigh' }] } });
    expect(o.exitCode).toBe(RUN_EXIT.hypothesisBroken);
    expect(o.summary).toContain('no detection signal for PaymentLatencyHigh');
  });

  it('returns 3 for an aborted run and 4 when something is still injected', () => {
    expect(evaluateRun({ ...base, state: 'aborted', abortReason: 'halt: outage' }).exitCode).toBe(RUN_EXIT.aborted);
    const stuck = evaluateRun({ ...base, state: 'recovering', records: [{ kind: 'configChange', phase: 'failed', lastError: 'forbidden', notes: { failedDuring: 'recover' }, target: { kind: 'ConfigMap', namespace: 'shop', name: 'payment-config' } }] });
    expect(stuck.exitCode).toBe(RUN_EXIT.recoveryFailed);
    expect(stuck.verdicts[0]!.message).toContain('ConfigMap shop/payment-config');
  });
});

describe(toJunit.name, () => {
  it('writes well-formed JUnit with one failing case per broken check', () => {
    const run = { ...base, steadyStateBrokenAt: 'x', probes: [{ probe: 'a<b', ok: false, detail: '"quoted" & <tagged>' }] };
    const xml = toJunit(run, evaluateRun(run));
    const doc = new XMLParser({ ignoreAttributes: false }).parse(xml);
    const suite = doc.testsuites.testsuite;
    expect(suite['@_tests']).toBe('2');
    expect(suite['@_failures']).toBe('1');
    const failing = suite.testcase.find((c: any) => c.failure);
    expect(failing['@_name']).toBe('steady state held');
    expect(failing.failure['@_message']).toContain('"quoted" & <tagged>');
  });
});
