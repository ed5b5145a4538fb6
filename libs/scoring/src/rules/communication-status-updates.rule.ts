import type { MaturityRule } from '../scoring-input.js';
import { firstComm, major, shareRule } from './rule-kit.js';

export const communicationStatusUpdates: MaturityRule = {
  id: 'communication.status-updates',
  dimension: 'communication',
  level: 2,
  title: 'At least one status communication in at least 50% of SEV1/SEV2',
  evaluate(input) {
    return shareRule({
      population: major(input),
      ok: (r) => firstComm(r) !== null,
      threshold: 0.5,
      noun: 'SEV1/SEV2 drills and incidents',
      what: 'had a status communication',
      describe: (r, ok) => (ok ? `${(r.firstCommunicatedAt ? 1 : 0) + r.statusUpdates.length} communication(s)` : 'no status communication'),
      empty: 'Practise a SEV1/SEV2 scenario (or import incident history) that includes status communication.',
      advice: 'Post a status update (status page or stakeholder channel) for every SEV1/SEV2',
    });
  },
};
