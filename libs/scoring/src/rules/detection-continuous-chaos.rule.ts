import type { MaturityRule } from '../scoring-input.js';
import { DAY, evidence, inSlice, slices } from './rule-kit.js';

export const detectionContinuousChaos: MaturityRule = {
  id: 'detection.continuous-chaos',
  dimension: 'detection',
  level: 4,
  title: 'At least one continuous (CI) chaos run every month of the window',
  evaluate(input) {
    const months = Math.max(1, Math.round((input.window.to.getTime() - input.window.from.getTime()) / (30 * DAY)));
    const empty: string[] = [];
    const found = slices(input, 30, months).map((m) => {
      const run = input.records.find((r) => r.kind === 'continuous' && inSlice(r, m));
      if (!run) empty.push(`${m.from.toISOString().slice(0, 10)}..${m.to.toISOString().slice(0, 10)}`);
      return run;
    });
    const runs = found.filter((r) => r !== undefined);
    return {
      met: empty.length === 0,
      summary: `continuous chaos runs in ${runs.length} of the last ${months} months`,
      evidence: runs.map((r) => evidence(r, `continuous chaos run '${r.scenarioName ?? r.id}' on ${r.startedAt.toISOString().slice(0, 10)}`)),
      missing: empty.length ? [`Run a scenario from CI on every deploy (firedrill run --ci); months without a continuous run: ${empty.join(', ')}.`] : [],
    };
  },
};
