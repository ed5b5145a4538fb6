import type { MaturityRule, ScoringRecord } from '../scoring-input.js';
import { evidence, label, notMet } from './rule-kit.js';

export const responseAutoMitigation: MaturityRule = {
  id: 'response.auto-mitigation',
  dimension: 'response',
  level: 5,
  title: 'A fault class mitigated without human action in at least 2 runs',
  evaluate(input) {
    const byClass = new Map<string, ScoringRecord[]>();
    for (const r of input.records) {
      if (!r.drill || !r.autoMitigated) continue;
      const key = r.scenarioName ?? '(unnamed scenario)';
      byClass.set(key, [...(byClass.get(key) ?? []), r]);
    }
    const repeated = [...byClass.entries()].filter(([, runs]) => runs.length >= 2);
    if (repeated.length === 0)
      return notMet(
        `${[...byClass.values()].reduce((n, x) => n + x.length, 0)} self-healed run(s), no fault class twice`,
        'Automate the mitigation of one fault class (autoscaling, automatic failover, rollback on failed probes) and show it in two runs.',
      );
    return {
      met: true,
      summary: `${repeated.length} fault class(es) mitigated automatically in 2 or more runs`,
      evidence: repeated.flatMap(([cls, runs]) => runs.slice(0, 3).map((r) => evidence(r, `'${cls}': steady state restored before any acknowledgement (${label(r)})`))),
      missing: [],
    };
  },
};
