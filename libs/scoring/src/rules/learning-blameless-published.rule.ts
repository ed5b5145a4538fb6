import type { MaturityRule } from '../scoring-input.js';
import { evidence, label, MAX_EVIDENCE, notMet } from './rule-kit.js';

export const learningBlamelessPublished: MaturityRule = {
  id: 'learning.blameless-published',
  dimension: 'learning',
  level: 4,
  title: 'No blameless-check findings left in published postmortems',
  evaluate(input) {
    const published = input.records.filter((r) => r.postmortem.publishedAt !== null);
    if (published.length === 0) return notMet('no published postmortem in the window', 'Publish a postmortem.');
    const flagged = published.filter((r) => r.postmortem.findings > 0);
    return {
      met: flagged.length === 0,
      summary: `${published.length - flagged.length} of ${published.length} published postmortems without blameless findings`,
      evidence: published
        .filter((r) => r.postmortem.findings === 0)
        .slice(0, MAX_EVIDENCE)
        .map((r) => evidence(r, `postmortem of ${label(r)} published with no blameless finding`)),
      missing: flagged.length
        ? [`Reword the flagged sentences (see the record's findings) in: ${flagged.slice(0, 5).map((r) => `${label(r)} [${r.id}] (${r.postmortem.findings})`).join('; ')}`]
        : [],
    };
  },
};
