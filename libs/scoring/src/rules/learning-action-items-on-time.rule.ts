import type { MaturityRule, ScoringActionItem } from '../scoring-input.js';
import { evidence, MAX_EVIDENCE, notAfter, notMet, pct } from './rule-kit.js';

const doneInTime = (a: ScoringActionItem) => a.status === 'done' && a.completedAt !== null && notAfter(a.completedAt, a.dueAt);

export const learningActionItemsOnTime: MaturityRule = {
  id: 'learning.action-items-on-time',
  dimension: 'learning',
  level: 4,
  title: 'At least 80% of action items done by their due date',
  evaluate(input) {
    // Dropped items and items not yet due do not count either way.
    const due = input.actionItems.filter((a) => a.status !== 'dropped' && (a.status === 'done' || notAfter(a.dueAt, input.asOf)));
    if (due.length === 0) return notMet('no action item due in the window', 'Record action items for postmortems, with owners and due dates.');
    const good = due.filter(doneInTime);
    const share = good.length / due.length;
    const runs = new Map(input.records.map((r) => [r.id, r.runId]));
    const ev = (a: ScoringActionItem, text: string) => evidence({ id: a.incidentId, runId: runs.get(a.incidentId) ?? null }, text);
    const late = due.filter((a) => !doneInTime(a));
    const summary = `${good.length} of ${due.length} action items due (${pct(share)}) done on time; needs 80%`;
    return {
      met: share >= 0.8,
      summary,
      evidence: good.slice(0, MAX_EVIDENCE).map((a) => ev(a, `action item ${a.id} done ${a.completedAt!.toISOString().slice(0, 10)}, due ${a.dueAt.toISOString().slice(0, 10)}`)),
      missing: share >= 0.8 ? [] : [`Finish or re-plan overdue action items (${summary}); e.g. ${late.slice(0, 3).map((a) => a.id).join(', ')}. GET /api/v1/action-items?overdue=true lists them.`],
    };
  },
};
