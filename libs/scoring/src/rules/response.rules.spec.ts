import { evaluateScorecard } from '../evaluator.js';
import { daysAgo, drill, input, plus, record, times } from '../../test/fixtures.js';
import { responseAcknowledgedInTime } from './response-acknowledged-in-time.rule.js';
import { responseAutoMitigation } from './response-auto-mitigation.rule.js';
import { responseGamedayCadence } from './response-gameday-cadence.rule.js';
import { responseIncidentCommand } from './response-incident-command.rule.js';
import { responseMitigationTime } from './response-mitigation-time.rule.js';
import { responseTabletopCadence } from './response-tabletop-cadence.rule.js';

/** Acknowledged `seconds` after detection. */
const ackAfter = (seconds: number, ago = 10) => {
  const r = record({ ago });
  r.acknowledgedAt = plus(r.detectedAt!, seconds);
  return r;
};

describe('response rules', () => {
  describe('level 2: acknowledged within target in 80%', () => {
    it('holds at exactly 80%, with the acknowledgement at the target second', () => {
      const recs = [...times(4, (i) => ackAfter(300, 10 + i)), ackAfter(301, 20)];
      expect(responseAcknowledgedInTime.evaluate(input(recs)).met).toBe(true);
    });
    it('does not hold at 3 of 4 (75%), counting a never-acknowledged page as late', () => {
      const never = record({ acknowledgedAt: null });
      const out = responseAcknowledgedInTime.evaluate(input([...times(3, (i) => ackAfter(30, 10 + i)), never]));
      expect(out.met).toBe(false);
      expect(out.missing[0]).toMatch(/never acknowledged/);
    });
    it('does not count faults that healed before anybody acknowledged', () => {
      const healed = record({ acknowledgedAt: null, autoMitigated: true });
      expect(responseAcknowledgedInTime.evaluate(input([...times(4, () => ackAfter(30)), healed])).summary).toMatch(/4 of 4/);
    });
  });

  describe('level 3: incident commander and runbook in every drill, median TTM within target', () => {
    it('holds when every game day and tabletop had both and the median TTM equals 30 min', () => {
      const recs = [drill('gameday', { mitigatedAt: plus(daysAgo(10), 1800) }), drill('tabletop', { ago: 20, mitigatedAt: plus(daysAgo(20), 1800) })];
      expect(responseIncidentCommand.evaluate(input(recs)).met).toBe(true);
      expect(responseMitigationTime.evaluate(input(recs)).met).toBe(true);
    });
    it('does not hold when one drill had no runbook linked', () => {
      const out = responseIncidentCommand.evaluate(input([drill('gameday'), drill('tabletop', { runbookLinked: false })]));
      expect(out.met).toBe(false);
      expect(out.missing[0]).toMatch(/no runbook/);
    });
    it('does not hold when the median TTM is one second over 30 min', () => {
      const recs = times(3, (i) => record({ ago: 10 + i, mitigatedAt: plus(daysAgo(10 + i), 1801) }));
      expect(responseMitigationTime.evaluate(input(recs)).met).toBe(false);
    });
  });

  describe('level 4: a game day each quarter, a tabletop in 4 of 6 months', () => {
    it('holds with game days 89 and 179 days ago and tabletops in exactly 4 months', () => {
      const recs = [drill('gameday', { ago: 89 }), drill('gameday', { ago: 179 }), ...[5, 35, 65, 125].map((ago) => drill('tabletop', { ago }))];
      expect(responseGamedayCadence.evaluate(input(recs)).met).toBe(true);
      expect(responseTabletopCadence.evaluate(input(recs)).met).toBe(true);
    });
    it('does not hold with both game days in the last quarter', () => {
      const out = responseGamedayCadence.evaluate(input([drill('gameday', { ago: 10 }), drill('gameday', { ago: 80 })]));
      expect(out.met).toBe(false);
      expect(out.missing[0]).toMatch(/quarterly game day/);
    });
    it('does not hold with tabletops in only 3 months (two in the same month count once)', () => {
      const out = responseTabletopCadence.evaluate(input([5, 6, 35, 65].map((ago) => drill('tabletop', { ago }))));
      expect(out.met).toBe(false);
      expect(out.summary).toMatch(/3 of the last 6/);
    });
  });

  describe('level 5: one fault class mitigated without human action in 2 runs', () => {
    it('holds with two self-healed runs of the same scenario', () => {
      const recs = [drill('gameday', { autoMitigated: true, acknowledgedAt: null }), drill('continuous', { ago: 12, autoMitigated: true, acknowledgedAt: null })];
      const out = responseAutoMitigation.evaluate(input(recs));
      expect(out.met).toBe(true);
      expect(out.evidence).toHaveLength(2);
      expect(out.evidence[0]!.runId).toBeDefined();
    });
    it('does not hold with two self-healed runs of different scenarios', () => {
      const recs = [drill('gameday', { autoMitigated: true }), drill('gameday', { autoMitigated: true, scenarioName: 'latency' })];
      expect(responseAutoMitigation.evaluate(input(recs)).met).toBe(false);
    });
  });

  it('reaches level 5 only with every lower level in place', () => {
    const recs = [
      drill('gameday', { ago: 10, autoMitigated: true }),
      drill('gameday', { ago: 100, autoMitigated: true }),
      ...[5, 35, 65, 95].map((ago) => drill('tabletop', { ago })),
    ];
    expect(evaluateScorecard(input(recs)).dimensions.response.level).toBe(5);
    recs[2]!.incidentCommanderAssigned = false;
    const card = evaluateScorecard(input(recs));
    expect(card.dimensions.response.level).toBe(2);
    expect(card.dimensions.response.missing[0]).toMatchObject({ level: 3, rule: 'response.incident-command' });
  });
});
