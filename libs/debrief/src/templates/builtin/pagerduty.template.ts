import { ACTION_ITEMS, ANALYSIS, BLAMELESS, FIVE_WHYS, FREE_SECTIONS, TIMELINE, list } from './shared-sections.js';

/** After PagerDuty's postmortem template (response.pagerduty.com). */
export const PAGERDUTY_TEMPLATE = `# Postmortem: {{incident.title}}

| | |
|---|---|
| Severity | {{incident.severity}} |
| Service | {{incident.service}} |
| Started | {{incident.startedAt}} |
| Resolved | {{default incident.resolvedAt "not resolved"}} |
| Duration | {{duration.total}} |
| Postmortem | {{postmortem.status}}{{#if postmortem.dueAt}}, due {{postmortem.dueAt}}{{/if}} |

${BLAMELESS}
## Overview

{{default summary "_(to be written)_"}}

## What happened

${TIMELINE}

## Contributing factors

{{default rootCause.description "_(to be written)_"}}

${list('contributingFactors')}

### Five whys

${FIVE_WHYS}

## Impact

{{default impact "_(to be written)_"}}

Time to detect {{duration.toDetect}}, to acknowledge {{duration.toAcknowledge}} (after detection), to mitigate {{duration.toMitigate}}, to resolve {{duration.toResolve}}.

## Responders and messaging

${ANALYSIS}
Status updates sent: {{analysis.communication.statusUpdateCount}}.

## How did we do?

### What went well

${list('wentWell')}

### What didn't go so well

${list('wentWrong')}

### Where we got lucky

${list('gotLucky')}

## Action items

${ACTION_ITEMS}

## Lessons learned

${list('lessonsLearned')}

${FREE_SECTIONS}`;
