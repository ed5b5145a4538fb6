import type { MaturityRule } from '../scoring-input.js';
import { minutes, shareRule, target, tta } from './rule-kit.js';

export const responseAcknowledgedInTime: MaturityRule = {
  id: 'response.acknowledged-in-time',
  dimension: 'response',
  level: 2,
  title: 'On-call acknowledged within target in at least 80%',
  evaluate(input) {
    // Faults the system fixed by itself before anybody acknowledged need no acknowledgement.
    const population = input.records.filter((r) => r.detectedAt !== null && !(r.autoMitigated && r.acknowledgedAt === null));
    return shareRule({
      population,
      ok: (r) => r.acknowledgedAt !== null && tta(r)! <= target(r, 'acknowledge'),
      threshold: 0.8,
      noun: 'detected drills and incidents',
      what: 'acknowledged within target',
      describe: (r, ok) =>
        r.acknowledgedAt === null ? 'never acknowledged' : `acknowledged ${minutes(tta(r))} after detection (target ${minutes(target(r, 'acknowledge'))})${ok ? '' : ', too late'}`,
      empty: 'Run a game day with paging enabled so acknowledgement can be measured.',
      advice: 'Check the paging policy and escalation so on-call acknowledges within target',
    });
  },
};
