import { evaluateScorecard } from '../evaluator.js';
import type { ScoringActionItem, ScoringRecord } from '../scoring-input.js';
import { AS_OF, daysAgo, drill, input, plus, record, times } from '../../test/fixtures.js';
import { learningActionItemsOnTime } from './learning-action-items-on-time.rule.js';
import { learningBlamelessPublished } from './learning-blameless-published.rule.js';
import { learningMttrImproving } from './learning-mttr-improving.rule.js';
import { learningNoRepeatIncidents } from './learning-no-repeat-incidents.rule.js';
import { learningPostmortemExists } from './learning-postmortem-exists.rule.js';
import { learningPostmortemOnTime } from './learning-postmortem-on-time.rule.js';

/** A record whose postmortem was published `lateBy` seconds after its due date (negative = early). */
const published = (lateBy: number, ago = 10, findings = 0): ScoringRecord => {
  const r = record({ ago });
  const dueAt = r.postmortem.dueAt!;
  r.postmortem = { exists: true, status: 'published', publishedAt: plus(dueAt, lateBy), dueAt, findings };
  return r;
};
let n = 0;
const item = (r: ScoringRecord, status: ScoringActionItem['status'], dueAgo: number, completedAgo: number | null): ScoringActionItem => ({
  id: `ai-${++n}`,
  incidentId: r.id,
  status,
  dueAt: daysAgo(dueAgo),
  completedAt: completedAgo === null ? null : daysAgo(completedAgo),
});

describe('learning rules', () => {
  describe('level 2: a postmortem for 50%', () => {
    it('holds at exactly half of resolved incidents and game days (tabletops and open incidents do not count)', () => {
      const recs = [published(0), record(), drill('tabletop'), record({ resolvedAt: null })];
      expect(learningPostmortemExists.evaluate(input(recs)).summary).toMatch(/1 of 2/);
      expect(learningPostmortemExists.evaluate(input(recs)).met).toBe(true);
    });
    it('does not hold at 1 of 3', () => {
      expect(learningPostmortemExists.evaluate(input([published(0), record(), drill('gameday')])).met).toBe(false);
    });
  });

  describe('level 3: published within due time for 90%', () => {
    it('holds at 9 of 10, publication at the due second counting as on time, a not-yet-due one ignored', () => {
      const recs = [...times(9, (i) => published(0, 10 + i)), published(1, 30), record({ ago: 1 })];
      expect(learningPostmortemOnTime.evaluate(input(recs)).met).toBe(true);
    });
    it('does not hold at 8 of 9 when one overdue postmortem is still unpublished', () => {
      const out = learningPostmortemOnTime.evaluate(input([...times(8, (i) => published(-60, 10 + i)), record({ ago: 30 })]));
      expect(out.met).toBe(false);
      expect(out.missing[0]).toMatch(/not published, was due/);
    });
  });

  describe('level 4: no blameless findings published, 80% of action items on time', () => {
    it('holds with clean postmortems and 4 of 5 items done by the due date (the 5th done a day late)', () => {
      const r = published(0);
      const items = [...times(4, () => item(r, 'done', 5, 5)), item(r, 'done', 5, 4), item(r, 'dropped', 10, null), item(r, 'open', -5, null)];
      expect(learningBlamelessPublished.evaluate(input([r])).met).toBe(true);
      expect(learningActionItemsOnTime.evaluate(input([r], items)).met).toBe(true);
    });
    it('does not hold when one published postmortem still has a finding', () => {
      const out = learningBlamelessPublished.evaluate(input([published(0), published(0, 12, 1)]));
      expect(out.met).toBe(false);
    });
    it('does not hold at 3 of 4 action items on time (an overdue open item counts as late)', () => {
      const r = published(0);
      const out = learningActionItemsOnTime.evaluate(input([r], [...times(3, () => item(r, 'done', 5, 6)), item(r, 'open', 1, null)]));
      expect(out.met).toBe(false);
      expect(out.missing[0]).toMatch(/overdue=true/);
    });
  });

  describe('level 5: MTTR improved over the previous quarter, no repeat incident', () => {
    const ttr = (seconds: number, ago: number) => record({ ago, resolvedAt: plus(daysAgo(ago), seconds), rootCauseKey: `cause ${ago}` });
    it('holds when the last quarter resolved one second faster and causes are distinct', () => {
      const recs = [ttr(1799, 10), ttr(1800, 100)];
      expect(learningMttrImproving.evaluate(input(recs)).met).toBe(true);
      expect(learningNoRepeatIncidents.evaluate(input(recs)).met).toBe(true);
    });
    it('does not hold with an equal MTTR', () => {
      expect(learningMttrImproving.evaluate(input([ttr(1800, 10), ttr(1800, 100)])).met).toBe(false);
    });
    it('does not hold when two real incidents share a root cause; drills repeating a cause do not count', () => {
      const a = ttr(100, 10);
      const b = ttr(100, 20);
      b.rootCauseKey = a.rootCauseKey;
      expect(learningNoRepeatIncidents.evaluate(input([a, b])).missing[0]).toMatch(/recurred/);
      expect(learningNoRepeatIncidents.evaluate(input([a, drill('gameday', { rootCauseKey: a.rootCauseKey })])).met).toBe(true);
    });
  });

  it('shows overall as the lowest dimension and the mean beside it', () => {
    const card = evaluateScorecard(input([published(0)]));
    const levels = Object.values(card.dimensions).map((d) => d.level);
    expect(card.overall).toBe(Math.min(...levels));
    expect(card.mean).toBeCloseTo(levels.reduce((a, b) => a + b, 0) / 4, 2);
    expect(card.asOf).toBe(AS_OF.toISOString());
    expect(card.rulesVersion).toMatch(/\d/);
  });
});
