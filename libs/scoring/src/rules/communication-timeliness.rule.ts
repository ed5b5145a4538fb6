import { FIRST_COMMUNICATION_TARGET, secondsBetween, UPDATE_INTERVAL_TARGET } from '#incident';
import type { MaturityRule, ScoringRecord } from '../scoring-input.js';
import { firstComm, major, minutes, shareRule, updateGap } from './rule-kit.js';

const firstDelay = (r: ScoringRecord) => secondsBetween(r.detectedAt ?? r.startedAt, firstComm(r));
const timely = (r: ScoringRecord) => {
  const first = firstDelay(r);
  const gap = updateGap(r);
  return first !== null && first <= FIRST_COMMUNICATION_TARGET && gap !== null && gap <= UPDATE_INTERVAL_TARGET;
};

export const communicationTimeliness: MaturityRule = {
  id: 'communication.timeliness',
  dimension: 'communication',
  level: 3,
  title: 'First communication within 15 min of detection and updates at least every 30 min in at least 80% of SEV1/SEV2',
  evaluate(input) {
    return shareRule({
      population: major(input),
      ok: timely,
      threshold: 0.8,
      noun: 'SEV1/SEV2 drills and incidents',
      what: 'communicated within 15 min and updated at least every 30 min',
      describe: (r) => `first communication ${minutes(firstDelay(r))} after detection, longest silence ${minutes(updateGap(r))}`,
      empty: 'Practise a SEV1/SEV2 scenario (or import incident history) that includes status communication.',
      advice: 'Name a communications lead in each SEV1/SEV2 and set a 30-minute update reminder',
    });
  },
};
