import { evaluateScorecard } from '../evaluator.js';
import { AS_OF, daysAgo, drill, input, plus, record, times } from '../../test/fixtures.js';
import { detectionAlertFired } from './detection-alert-fired.rule.js';
import { detectionBeforeCustomers } from './detection-before-customers.rule.js';
import { detectionContinuousChaos } from './detection-continuous-chaos.rule.js';
import { detectionFastAndImproving } from './detection-fast-and-improving.rule.js';
import { detectionMonitoringCoverage } from './detection-monitoring-coverage.rule.js';

const byCustomer = (ago = 10) => record({ ago, detectionSource: 'customer', alertFired: false });

describe('detection rules', () => {
  describe('level 2: an alert fired', () => {
    it('holds with a single alert in the window and names that incident', () => {
      const fired = record({ detectionSource: 'customer', alertFired: true });
      const out = detectionAlertFired.evaluate(input([byCustomer(), fired]));
      expect(out.met).toBe(true);
      expect(out.evidence).toEqual([expect.objectContaining({ incidentId: fired.id })]);
    });
    it('does not hold when every fault was reported by customers', () => {
      const out = detectionAlertFired.evaluate(input([byCustomer(), byCustomer(20)]));
      expect(out.met).toBe(false);
      expect(out.missing[0]).toMatch(/Define an alert/);
    });
  });

  describe('level 3: monitoring detects 90% with median TTD within target', () => {
    it('holds at exactly 90% and a median TTD equal to the 5-minute target', () => {
      const recs = [...times(9, (i) => record({ ago: 10 + i, detectedAt: plus(daysAgo(10 + i), 300) })), byCustomer(30)];
      recs[9]!.detectedAt = plus(recs[9]!.startedAt, 300);
      expect(detectionMonitoringCoverage.evaluate(input(recs)).met).toBe(true);
    });
    it('does not hold at 8 of 9 (88.9%)', () => {
      const out = detectionMonitoringCoverage.evaluate(input([...times(8, (i) => record({ ago: 10 + i })), byCustomer(30)]));
      expect(out.met).toBe(false);
      expect(out.summary).toMatch(/8 of 9/);
    });
    it('does not hold when the median TTD is one second over target', () => {
      const recs = times(10, (i) => record({ ago: 10 + i }));
      recs.forEach((r) => (r.detectedAt = plus(r.startedAt, 301)));
      const out = detectionMonitoringCoverage.evaluate(input(recs));
      expect(out.met).toBe(false);
      expect(out.missing.join(' ')).toMatch(/median time to detect/);
    });
    it('uses the scenario target when the record carries one', () => {
      const recs = times(3, (i) => record({ ago: 10 + i, targets: { detect: 120 } }));
      recs.forEach((r) => (r.detectedAt = plus(r.startedAt, 121)));
      expect(detectionMonitoringCoverage.evaluate(input(recs)).met).toBe(false);
    });
  });

  describe('level 4: before customers in 90% and a continuous run every month', () => {
    const monthly = () => times(6, (i) => drill('continuous', { startedAt: daysAgo(30 * i + 15) }));
    it('holds at exactly 90% with a continuous run in each of the six months', () => {
      const late = record({ ago: 40, customerReportedAt: plus(daysAgo(40), 30), detectedAt: plus(daysAgo(40), 60) });
      const recs = [...times(3, (i) => record({ ago: 10 + i })), late, ...monthly()];
      expect(detectionBeforeCustomers.evaluate(input(recs)).met).toBe(true);
      expect(detectionContinuousChaos.evaluate(input(recs)).met).toBe(true);
    });
    it('counts detection at the very second of the customer report as before customers', () => {
      const same = record({ customerReportedAt: plus(daysAgo(10), 60) });
      expect(detectionBeforeCustomers.evaluate(input([same])).met).toBe(true);
    });
    it('does not hold when customers were first in 2 of 10', () => {
      const recs = [...times(8, (i) => record({ ago: 10 + i })), byCustomer(30), byCustomer(31)];
      expect(detectionBeforeCustomers.evaluate(input(recs)).met).toBe(false);
    });
    it('does not hold when one month has no continuous run', () => {
      const recs = monthly().filter((_, i) => i !== 3);
      const out = detectionContinuousChaos.evaluate(input(recs));
      expect(out.met).toBe(false);
      expect(out.missing[0]).toMatch(/months without a continuous run/);
    });
  });

  describe('level 5: median TTD under a minute and not worsening', () => {
    const split = (recent: number, previous: number) => [
      ...times(3, (i) => record({ ago: 10 + i, detectedAt: plus(daysAgo(10 + i), recent) })),
      ...times(3, (i) => record({ ago: 100 + i, detectedAt: plus(daysAgo(100 + i), previous) })),
    ];
    it('holds at 59 s with the same median in both quarters', () => {
      expect(detectionFastAndImproving.evaluate(input(split(59, 59))).met).toBe(true);
    });
    it('does not hold at exactly 60 s', () => {
      expect(detectionFastAndImproving.evaluate(input(split(60, 60))).met).toBe(false);
    });
    it('does not hold when the last quarter got slower, even under a minute', () => {
      const out = detectionFastAndImproving.evaluate(input(split(50, 40)));
      expect(out.met).toBe(false);
      expect(out.missing[0]).toMatch(/worsened/);
    });
  });

  it('a level counts only when every level below holds', () => {
    // Fast detection (L5 figures) but customers reported 2 of 14 first (85.7%): stuck at L3.
    const recs = [...times(4, (i) => record({ ago: 10 + i, detectedAt: plus(daysAgo(10 + i), 20) })), ...times(4, (i) => record({ ago: 100 + i, detectedAt: plus(daysAgo(100 + i), 20) }))];
    recs[0]!.customerReportedAt = plus(recs[0]!.startedAt, 5);
    recs[5]!.customerReportedAt = plus(recs[5]!.startedAt, 5);
    const card = evaluateScorecard(input([...recs, ...times(6, (i) => drill('continuous', { startedAt: daysAgo(30 * i + 15), detectedAt: plus(daysAgo(30 * i + 15), 20) }))]));
    expect(card.dimensions.detection.level).toBe(3);
    expect(card.dimensions.detection.missing.map((m) => m.rule)).toContain('detection.before-customers');
  });

  it('ignores evidence older than the window', () => {
    const old = record({ startedAt: daysAgo(181) });
    const card = evaluateScorecard(input([old]));
    expect(card.dimensions.detection.level).toBe(1);
    expect(card.counts.records).toBe(0);
    expect(card.window).toEqual({ from: daysAgo(180).toISOString(), to: AS_OF.toISOString() });
  });
});
