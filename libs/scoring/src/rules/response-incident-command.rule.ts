import type { MaturityRule } from '../scoring-input.js';
import { evidence, label, MAX_EVIDENCE, notMet } from './rule-kit.js';

export const responseIncidentCommand: MaturityRule = {
  id: 'response.incident-command',
  dimension: 'response',
  level: 3,
  title: 'An incident commander was assigned and the runbook linked in every drill',
  evaluate(input) {
    const drills = input.records.filter((r) => r.kind === 'gameday' || r.kind === 'tabletop');
    if (drills.length === 0) return notMet('no game day or tabletop in the window', 'Run a game day or a tabletop with an incident commander and a linked runbook.');
    const bad = drills.filter((r) => !r.incidentCommanderAssigned || !r.runbookLinked);
    const good = drills.filter((r) => r.incidentCommanderAssigned && r.runbookLinked);
    return {
      met: bad.length === 0,
      summary: `${good.length} of ${drills.length} drills had an incident commander and a linked runbook`,
      evidence: good.slice(0, MAX_EVIDENCE).map((r) => evidence(r, `${label(r)}: incident commander assigned, runbook linked`)),
      missing: bad.length
        ? [
            `Assign an incident commander and link the runbook in every drill; missing in ${bad.length}: ${bad
              .slice(0, 3)
              .map((r) => `${label(r)} [${r.id}] (${[!r.incidentCommanderAssigned && 'no commander', !r.runbookLinked && 'no runbook'].filter(Boolean).join(', ')})`)
              .join('; ')}`,
          ]
        : [],
    };
  },
};
