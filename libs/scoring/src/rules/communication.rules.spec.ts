import { evaluateScorecard } from '../evaluator.js';
import { daysAgo, input, plus, record, times } from '../../test/fixtures.js';
import { communicationBeforeCustomers } from './communication-before-customers.rule.js';
import { communicationStatusUpdates } from './communication-status-updates.rule.js';
import { communicationSustained } from './communication-sustained.rule.js';
import { communicationTimeliness } from './communication-timeliness.rule.js';

const silent = (ago = 10) => record({ ago, firstCommunicatedAt: null, statusUpdates: [] });

describe('communication rules', () => {
  describe('level 2: a status communication in 50% of SEV1/SEV2', () => {
    it('holds at exactly half and ignores SEV3/SEV4', () => {
      const recs = [record(), silent(), silent(12)];
      recs[2]!.severity = 'SEV3';
      expect(communicationStatusUpdates.evaluate(input(recs)).met).toBe(true);
    });
    it('does not hold at 1 of 3', () => {
      expect(communicationStatusUpdates.evaluate(input([record(), silent(), silent(12)])).met).toBe(false);
    });
  });

  describe('level 3: first communication within 15 min, updates every 30 min, in 80%', () => {
    const timed = (first: number, gap: number, ago = 10) => {
      const s = daysAgo(ago);
      return record({ ago, detectedAt: plus(s, 60), firstCommunicatedAt: plus(s, 60 + first), statusUpdates: [plus(s, 60 + first + gap)], resolvedAt: plus(s, 60 + first + 2 * gap) });
    };
    it('holds with the first communication at 15:00 and gaps of exactly 30 min in 4 of 5', () => {
      const recs = [...times(4, (i) => timed(900, 1800, 10 + i)), silent(30)];
      expect(communicationTimeliness.evaluate(input(recs)).met).toBe(true);
    });
    it('does not hold when one gap is a second over 30 min (3 of 4 left)', () => {
      const recs = [...times(3, (i) => timed(900, 1800, 10 + i)), timed(900, 1801, 20)];
      expect(communicationTimeliness.evaluate(input(recs)).met).toBe(false);
    });
    it('does not hold when the first communication came at 15:01 in 2 of 5', () => {
      const recs = [...times(3, (i) => timed(900, 600, 10 + i)), timed(901, 600, 20), timed(901, 600, 21)];
      expect(communicationTimeliness.evaluate(input(recs)).met).toBe(false);
    });
  });

  describe('level 4: external communication before the first customer report in 80%', () => {
    it('holds at 4 of 5, a status posted at the second of the report counting as before', () => {
      const s = daysAgo(10);
      const tie = record({ firstCommunicatedAt: plus(s, 300), customerReportedAt: plus(s, 300) });
      const late = record({ ago: 11, firstCommunicatedAt: plus(daysAgo(11), 300), customerReportedAt: plus(daysAgo(11), 200), statusUpdates: [] });
      expect(communicationBeforeCustomers.evaluate(input([tie, ...times(3, (i) => record({ ago: 12 + i })), late])).met).toBe(true);
    });
    it('does not hold at 3 of 4', () => {
      const late = record({ firstCommunicatedAt: plus(daysAgo(10), 300), customerReportedAt: plus(daysAgo(10), 200), statusUpdates: [] });
      expect(communicationBeforeCustomers.evaluate(input([...times(3, (i) => record({ ago: 12 + i })), late])).met).toBe(false);
    });
  });

  describe('level 5: held all window long, automated updates', () => {
    const both = () => [record({ ago: 10 }), record({ ago: 100 })];
    it('holds when each quarter meets levels 2-4 and updates are automated', () => {
      expect(communicationSustained.evaluate(input(both(), [], { automatedStatusUpdates: true })).met).toBe(true);
    });
    it('does not hold without automated updates', () => {
      const out = communicationSustained.evaluate(input(both()));
      expect(out.met).toBe(false);
      expect(out.missing).toEqual(['Configure a status page integration so updates are posted automatically.']);
    });
    it('does not hold when the older quarter had no communication', () => {
      const out = communicationSustained.evaluate(input([record({ ago: 10 }), silent(100)], [], { automatedStatusUpdates: true }));
      expect(out.met).toBe(false);
    });
  });

  it('scores level 4, not 5, when the window is good but updates are manual', () => {
    expect(evaluateScorecard(input([record({ ago: 10 }), record({ ago: 100 })])).dimensions.communication.level).toBe(4);
  });
});
