import type { MaturityRule } from '../scoring-input.js';
import { evidence, inSlice, slices } from './rule-kit.js';

export const responseGamedayCadence: MaturityRule = {
  id: 'response.gameday-cadence',
  dimension: 'response',
  level: 4,
  title: 'A game day in each of the last 2 quarters',
  evaluate(input) {
    const quarters = slices(input, 90, 2).map((q) => ({ q, run: input.records.find((r) => r.kind === 'gameday' && inSlice(r, q)) }));
    const missingQuarters = quarters.filter((x) => !x.run);
    return {
      met: missingQuarters.length === 0,
      summary: `game days in ${quarters.length - missingQuarters.length} of the last 2 quarters`,
      evidence: quarters.filter((x) => x.run).map((x) => evidence(x.run!, `game day '${x.run!.scenarioName ?? x.run!.id}' on ${x.run!.startedAt.toISOString().slice(0, 10)}`)),
      missing: missingQuarters.length
        ? [`Schedule a quarterly game day; none in ${missingQuarters.map((x) => `${x.q.from.toISOString().slice(0, 10)}..${x.q.to.toISOString().slice(0, 10)}`).join(', ')}.`]
        : [],
    };
  },
};
