import type { MaturityRule } from '../scoring-input.js';
import { evidence, inSlice, notMet, slices } from './rule-kit.js';

export const responseTabletopCadence: MaturityRule = {
  id: 'response.tabletop-cadence',
  dimension: 'response',
  level: 4,
  title: 'A tabletop in at least 4 of the last 6 months',
  evaluate(input) {
    const months = slices(input, 30, 6).map((m) => input.records.find((r) => r.kind === 'tabletop' && inSlice(r, m)));
    const held = months.filter((r) => r !== undefined);
    if (held.length < 4) return { ...notMet(`tabletops in ${held.length} of the last 6 months`, `Run a monthly tabletop; ${4 - held.length} more month(s) with a tabletop are needed.`), evidence: held.map((r) => evidence(r, `tabletop on ${r.startedAt.toISOString().slice(0, 10)}`)) };
    return { met: true, summary: `tabletops in ${held.length} of the last 6 months`, evidence: held.map((r) => evidence(r, `tabletop '${r.scenarioName ?? r.id}' on ${r.startedAt.toISOString().slice(0, 10)}`)), missing: [] };
  },
};
