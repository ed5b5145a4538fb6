import { ACTION_ITEMS, ANALYSIS, BLAMELESS, FIVE_WHYS, FREE_SECTIONS, TIMELINE, list } from './shared-sections.js';

/** After Atlassian's incident postmortem template (Incident Handbook). */
export const ATLASSIAN_TEMPLATE = `# Incident postmortem: {{incident.title}}

${BLAMELESS}
## Incident summary

{{default summary "_(to be written)_"}}

{{incident.severity}} on {{incident.service}}, {{incident.startedAt}} to {{default incident.resolvedAt "(not resolved)"}} ({{duration.total}}).

## Fault and impact

{{default impact "_(to be written)_"}}

## Detection

Detected after {{duration.toDetect}}{{#if incident.detectionSource}} by {{incident.detectionSource}}{{/if}}: {{analysis.detection.verdict}} (target {{analysis.detection.target}}).

## Response and recovery

${ANALYSIS}
## Timeline

${TIMELINE}

## Five whys

${FIVE_WHYS}

## Root cause

{{default rootCause.description "_(to be written)_"}}

## Contributing factors

${list('contributingFactors')}

## What went well

${list('wentWell')}

## What went wrong

${list('wentWrong')}

## Where we got lucky

${list('gotLucky')}

## Lessons learned

${list('lessonsLearned')}

## Corrective actions

${ACTION_ITEMS}

${FREE_SECTIONS}`;
