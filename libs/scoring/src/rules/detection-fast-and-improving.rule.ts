import type { MaturityRule } from '../scoring-input.js';
import { evidence, faults, label, median, minutes, slices, smallest, ttd, within } from './rule-kit.js';

export const detectionFastAndImproving: MaturityRule = {
  id: 'detection.fast-and-improving',
  dimension: 'detection',
  level: 5,
  title: 'Median TTD under 1 minute and not worsening quarter over quarter',
  evaluate(input) {
    const detected = faults(input).filter((r) => r.detectedAt !== null);
    const med = median(detected.map((r) => ttd(r)!));
    const [recent, previous] = slices(input, 90, 2).map((q) => median(faults(within(input, q.from, q.to)).filter((r) => r.detectedAt).map((r) => ttd(r)!)));
    const fast = med !== null && med < 60;
    const trendKnown = recent !== null && recent !== undefined && previous !== null && previous !== undefined;
    const notWorse = trendKnown && recent! <= previous!;
    const missing: string[] = [];
    if (!fast) missing.push(`Bring the median time to detect under 1 minute (now ${minutes(med)}).`);
    if (!trendKnown) missing.push('Measure detection in each of the last two quarters (90 days each) so the trend is known.');
    else if (!notWorse) missing.push(`Median TTD worsened from ${minutes(previous!)} to ${minutes(recent!)} over the last quarter; review the alerts that got slower.`);
    const fastest = smallest(detected, (r) => ttd(r)!, 5);
    return {
      met: fast && notWorse,
      summary: `median TTD ${minutes(med)}; last quarter ${minutes(recent ?? null)} vs previous ${minutes(previous ?? null)}`,
      evidence: fastest.map((r) => evidence(r, `${label(r)} detected in ${minutes(ttd(r))}`)),
      missing,
    };
  },
};
