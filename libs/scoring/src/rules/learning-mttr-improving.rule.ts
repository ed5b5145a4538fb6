import type { MaturityRule } from '../scoring-input.js';
import { evidence, label, median, minutes, reviewable, slices, ttr, within } from './rule-kit.js';

export const learningMttrImproving: MaturityRule = {
  id: 'learning.mttr-improving',
  dimension: 'learning',
  level: 5,
  title: 'MTTR improved over the previous quarter',
  evaluate(input) {
    const [recentQ, previousQ] = slices(input, 90, 2);
    const recent = reviewable(within(input, recentQ!.from, recentQ!.to));
    const previous = reviewable(within(input, previousQ!.from, previousQ!.to));
    const a = median(recent.map((r) => ttr(r)!));
    const b = median(previous.map((r) => ttr(r)!));
    if (a === null || b === null)
      return { met: false, summary: 'not enough resolved incidents and game days in the last two quarters', evidence: [], missing: ['Resolve incidents or game days in each of the last two quarters so the MTTR trend is known.'] };
    const met = a < b;
    return {
      met,
      summary: `median TTR ${minutes(a)} last quarter vs ${minutes(b)} the quarter before`,
      evidence: met ? recent.slice(0, 5).map((r) => evidence(r, `${label(r)} resolved after ${minutes(ttr(r))}`)) : [],
      missing: met ? [] : [`MTTR did not improve (${minutes(b)} -> ${minutes(a)}); follow up the mitigate/prevent action items of the slowest incidents.`],
    };
  },
};
