import type { MaturityRule, ScoringRecord } from '../scoring-input.js';
import { faults, notAfter, shareRule } from './rule-kit.js';

/** Detected by the team's own means before any customer report. */
const beforeCustomers = (r: ScoringRecord) =>
  r.detectedAt !== null && r.detectionSource !== 'customer' && (r.customerReportedAt === null || notAfter(r.detectedAt, r.customerReportedAt));

export const detectionBeforeCustomers: MaturityRule = {
  id: 'detection.before-customers',
  dimension: 'detection',
  level: 4,
  title: 'Detection before customer impact in at least 90%',
  evaluate(input) {
    return shareRule({
      population: faults(input),
      ok: beforeCustomers,
      threshold: 0.9,
      noun: 'faults and incidents',
      what: 'detected before any customer report',
      describe: (r, ok) => (ok ? `detected by ${r.detectionSource ?? 'an alert'} before customers noticed` : r.detectedAt ? 'customers reported it first' : 'not detected'),
      empty: 'Run a game day (or import incident history) so detection can be measured.',
      advice: 'Alert on customer-facing symptoms so the team hears about impact before customers do',
    });
  },
};
