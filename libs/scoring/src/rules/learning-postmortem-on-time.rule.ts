import type { MaturityRule, ScoringRecord } from '../scoring-input.js';
import { notAfter, reviewable, shareRule } from './rule-kit.js';

const onTime = (r: ScoringRecord) => r.postmortem.publishedAt !== null && r.postmortem.dueAt !== null && notAfter(r.postmortem.publishedAt, r.postmortem.dueAt);

export const learningPostmortemOnTime: MaturityRule = {
  id: 'learning.postmortem-on-time',
  dimension: 'learning',
  level: 3,
  title: 'Postmortems published within their due time for at least 90%',
  evaluate(input) {
    // Only postmortems already due (or already published) can be judged.
    const population = reviewable(input).filter((r) => r.postmortem.publishedAt !== null || (r.postmortem.dueAt !== null && notAfter(r.postmortem.dueAt, input.asOf)));
    return shareRule({
      population,
      ok: onTime,
      threshold: 0.9,
      noun: 'postmortems due',
      what: 'published on time',
      describe: (r, ok) =>
        ok
          ? `published ${r.postmortem.publishedAt!.toISOString().slice(0, 16)}Z, due ${r.postmortem.dueAt!.toISOString().slice(0, 16)}Z`
          : r.postmortem.publishedAt
            ? `published late (${r.postmortem.publishedAt.toISOString().slice(0, 16)}Z, due ${r.postmortem.dueAt?.toISOString().slice(0, 16) ?? '?'}Z)`
            : `not published, was due ${r.postmortem.dueAt?.toISOString().slice(0, 16)}Z`,
      empty: 'No postmortem is due yet in the window.',
      advice: 'Hold the debrief within two days and publish the postmortem before its due date',
    });
  },
};
