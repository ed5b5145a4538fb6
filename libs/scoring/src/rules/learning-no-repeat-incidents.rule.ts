import type { MaturityRule, ScoringRecord } from '../scoring-input.js';
import { label } from './rule-kit.js';

export const learningNoRepeatIncidents: MaturityRule = {
  id: 'learning.no-repeat-incidents',
  dimension: 'learning',
  level: 5,
  title: 'No repeat incident (same root cause twice) in the window',
  evaluate(input) {
    const byCause = new Map<string, ScoringRecord[]>();
    for (const r of input.records) if (!r.drill && r.rootCauseKey) byCause.set(r.rootCauseKey, [...(byCause.get(r.rootCauseKey) ?? []), r]);
    const repeats = [...byCause.entries()].filter(([, rs]) => rs.length > 1);
    const incidents = input.records.filter((r) => !r.drill).length;
    return {
      met: repeats.length === 0,
      summary: repeats.length ? `${repeats.length} root cause(s) repeated` : `no repeated root cause among ${incidents} incident(s)`,
      evidence: [],
      missing: repeats
        .sort((x, y) => y[1].length - x[1].length)
        .slice(0, 5)
        .map(([cause, rs]) => `Root cause '${cause}' recurred ${rs.length} times, e.g. ${rs.slice(0, 3).map((r) => `${label(r)} [${r.id}]`).join(', ')}: check that its prevent action items were done.`),
    };
  },
};
