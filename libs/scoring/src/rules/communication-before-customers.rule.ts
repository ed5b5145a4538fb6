import type { MaturityRule, ScoringRecord } from '../scoring-input.js';
import { firstComm, major, notAfter, shareRule } from './rule-kit.js';

const ahead = (r: ScoringRecord) => {
  const first = firstComm(r);
  return first !== null && (r.customerReportedAt === null || notAfter(first, r.customerReportedAt));
};

export const communicationBeforeCustomers: MaturityRule = {
  id: 'communication.before-customers',
  dimension: 'communication',
  level: 4,
  title: 'External communication before the first customer report in at least 80%',
  evaluate(input) {
    return shareRule({
      population: major(input),
      ok: ahead,
      threshold: 0.8,
      noun: 'SEV1/SEV2 drills and incidents',
      what: 'communicated before any customer report',
      describe: (r, ok) => (ok ? (r.customerReportedAt ? 'status posted before the first customer report' : 'status posted; no customer report') : firstComm(r) ? 'customers reported it before the first status update' : 'no status communication'),
      empty: 'Practise a SEV1/SEV2 scenario (or import incident history) that includes status communication.',
      advice: 'Post to the status page as soon as impact is confirmed, before customers write in',
    });
  },
};
