import type { MaturityRule } from '../scoring-input.js';
import { evidence, label, MAX_EVIDENCE, notMet } from './rule-kit.js';

export const detectionAlertFired: MaturityRule = {
  id: 'detection.alert-fired',
  dimension: 'detection',
  level: 2,
  title: 'An alert fired for at least one drill or incident',
  evaluate(input) {
    const fired = input.records.filter((r) => r.alertFired || r.detectionSource === 'alert');
    if (fired.length === 0)
      return notMet('no alert fired in the window', 'Define an alert for the service (error rate or latency SLO) and run a game day to see it fire.');
    return {
      met: true,
      summary: `an alert fired for ${fired.length} of ${input.records.length} drills and incidents`,
      evidence: fired.slice(0, MAX_EVIDENCE).map((r) => evidence(r, `alert fired for ${label(r)}`)),
      missing: [],
    };
  },
};
