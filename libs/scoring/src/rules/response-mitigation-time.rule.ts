import type { MaturityRule } from '../scoring-input.js';
import { evidence, label, median, minutes, notMet, smallest, target, ttm } from './rule-kit.js';

export const responseMitigationTime: MaturityRule = {
  id: 'response.mitigation-time',
  dimension: 'response',
  level: 3,
  title: 'Median TTM within target',
  evaluate(input) {
    const mitigated = input.records.filter((r) => r.mitigatedAt !== null);
    if (mitigated.length === 0) return notMet('nothing mitigated in the window', 'Measure mitigation: mark the moment impact is reduced during drills.');
    const med = median(mitigated.map((r) => ttm(r)!))!;
    const goal = median(mitigated.map((r) => target(r, 'mitigate')))!;
    const met = med <= goal;
    return {
      met,
      summary: `median TTM ${minutes(med)} over ${mitigated.length} records (target ${minutes(goal)})`,
      evidence: smallest(mitigated, (r) => ttm(r)!, 5).map((r) => evidence(r, `${label(r)} mitigated after ${minutes(ttm(r))}`)),
      missing: met ? [] : [`Bring the median time to mitigate under ${minutes(goal)} (now ${minutes(med)}): keep rollback and failover steps at the top of the runbook.`],
    };
  },
};
