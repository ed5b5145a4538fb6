import type { MaturityRule, ScoringRecord } from '../scoring-input.js';
import { faults, median, minutes, shareRule, target, ttd } from './rule-kit.js';

/** Monitoring (an alert), not a customer or a person, noticed the fault. */
const byMonitoring = (r: ScoringRecord) => r.detectedAt !== null && (r.detectionSource === 'alert' || (r.detectionSource === null && r.alertFired));

export const detectionMonitoringCoverage: MaturityRule = {
  id: 'detection.monitoring-coverage',
  dimension: 'detection',
  level: 3,
  title: 'Monitoring detected at least 90% of faults and incidents, median TTD within target',
  evaluate(input) {
    const population = faults(input);
    const share = shareRule({
      population,
      ok: byMonitoring,
      threshold: 0.9,
      noun: 'faults and incidents',
      what: 'detected by monitoring',
      describe: (r, ok) => (ok ? `detected by an alert after ${minutes(ttd(r))}` : r.detectedAt ? `detected by ${r.detectionSource ?? 'unknown source'}` : 'not detected'),
      empty: 'Run a game day (or import incident history) so detection can be measured.',
      advice: 'Add alerts for the faults that monitoring missed',
    });
    const detected = population.filter((r) => r.detectedAt !== null);
    const med = median(detected.map((r) => ttd(r)!));
    const goal = median(detected.map((r) => target(r, 'detect'))) ?? target({ targets: {} }, 'detect');
    const fast = med !== null && med <= goal;
    const summary = `${share.summary}; median TTD ${minutes(med)} (target ${minutes(goal)})`;
    return {
      met: share.met && fast,
      summary,
      evidence: share.evidence,
      missing: [...share.missing, ...(fast ? [] : [`Bring the median time to detect under ${minutes(goal)} (now ${minutes(med)}): alert on symptoms with shorter evaluation windows.`])],
    };
  },
};
