import type { MaturityRule } from '../scoring-input.js';
import { reviewable, shareRule } from './rule-kit.js';

export const learningPostmortemExists: MaturityRule = {
  id: 'learning.postmortem-exists',
  dimension: 'learning',
  level: 2,
  title: 'A postmortem exists for at least 50% of resolved incidents and game days',
  evaluate(input) {
    return shareRule({
      population: reviewable(input),
      ok: (r) => r.postmortem.exists,
      threshold: 0.5,
      noun: 'resolved incidents and game days',
      what: 'have a postmortem',
      describe: (r, ok) => (ok ? `postmortem ${r.postmortem.status ?? 'published'}` : 'no postmortem'),
      empty: 'Resolve an incident or run a game day, then draft its postmortem.',
      advice: 'Draft a postmortem for each incident and game day (GET /api/v1/incidents/:id/postmortem gives a draft)',
    });
  },
};
