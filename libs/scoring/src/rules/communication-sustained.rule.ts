import type { MaturityRule } from '../scoring-input.js';
import { communicationBeforeCustomers } from './communication-before-customers.rule.js';
import { communicationStatusUpdates } from './communication-status-updates.rule.js';
import { communicationTimeliness } from './communication-timeliness.rule.js';
import { slices, within } from './rule-kit.js';

const LOWER = [communicationStatusUpdates, communicationTimeliness, communicationBeforeCustomers];

export const communicationSustained: MaturityRule = {
  id: 'communication.sustained',
  dimension: 'communication',
  level: 5,
  title: 'Levels 2-4 held in each quarter of the window and status updates are automated',
  evaluate(input) {
    const quarters = slices(input, 90, Math.max(1, Math.round((input.window.to.getTime() - input.window.from.getTime()) / (90 * 86_400_000))));
    const missing: string[] = [];
    for (const q of quarters) {
      const failed = LOWER.filter((rule) => !rule.evaluate(within(input, q.from, q.to)).met);
      if (failed.length) missing.push(`${q.from.toISOString().slice(0, 10)}..${q.to.toISOString().slice(0, 10)}: not held (${failed.map((f) => f.id).join(', ')})`);
    }
    if (!input.automatedStatusUpdates) missing.push('Configure a status page integration so updates are posted automatically.');
    return {
      met: missing.length === 0,
      summary: `communication held in ${quarters.length - missing.filter((m) => m.includes('not held')).length} of ${quarters.length} quarters; automated updates ${input.automatedStatusUpdates ? 'on' : 'off'}`,
      evidence: [],
      missing,
    };
  },
};
