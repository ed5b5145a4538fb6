import { ACTION_ITEMS, ANALYSIS, BLAMELESS, FIVE_WHYS, FREE_SECTIONS, TIMELINE, list } from './shared-sections.js';

/** After the postmortem template in Google's SRE book. */
export const GOOGLE_TEMPLATE = `# {{incident.title}} — postmortem

**Date:** {{incident.startedAt}} · **Status:** {{postmortem.status}} · **Severity:** {{incident.severity}} · **Service:** {{incident.service}}{{#if incident.drill}} · **Drill** ({{incident.kind}}{{#if incident.scenarioName}}: {{incident.scenarioName}}{{/if}}){{/if}}

${BLAMELESS}
## Summary

{{default summary "_(to be written)_"}}

## Impact

{{default impact "_(to be written)_"}}

## Duration

Total {{duration.total}}: detected after {{duration.toDetect}}, acknowledged {{duration.toAcknowledge}} after detection, mitigated after {{duration.toMitigate}}, resolved after {{duration.toResolve}}.

## Root causes

{{default rootCause.description "_(to be written)_"}}

### Five whys

${FIVE_WHYS}

## Contributing factors

${list('contributingFactors')}

## Detection, response and communication

${ANALYSIS}
## Action items

${ACTION_ITEMS}

## Lessons learned

### What went well

${list('wentWell')}

### What went wrong

${list('wentWrong')}

### Where we got lucky

${list('gotLucky')}

### Lessons

${list('lessonsLearned')}

## Timeline

${TIMELINE}

${FREE_SECTIONS}`;
