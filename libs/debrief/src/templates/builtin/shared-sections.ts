/** Sections every built-in template shares, so the three only differ in framing. */
export const ANALYSIS = `| | measured | target | |
|---|---|---|---|
| Detection (TTD) | {{analysis.detection.measured}} | {{analysis.detection.target}} | {{analysis.detection.verdict}} |
| Acknowledgement (TTA) | {{analysis.acknowledgement.measured}} | {{analysis.acknowledgement.target}} | {{analysis.acknowledgement.verdict}} |
| Mitigation (TTM) | {{analysis.mitigation.measured}} | {{analysis.mitigation.target}} | {{analysis.mitigation.verdict}} |
| Resolution (TTR) | {{analysis.resolution.measured}} | {{analysis.resolution.target}} | {{analysis.resolution.verdict}} |
| First communication | {{analysis.communication.firstCommunication.measured}} | {{analysis.communication.firstCommunication.target}} | {{analysis.communication.firstCommunication.verdict}} |
| Longest gap between updates | {{analysis.communication.updates.measured}} | {{analysis.communication.updates.target}} | {{analysis.communication.updates.verdict}} |
`;

export const TIMELINE = `{{#each timeline}}
- **{{time}}** ({{offset}}) {{title}}{{#if detail}}: {{detail}}{{/if}}
{{else}}
_No timeline entries._
{{/each}}`;

export const FIVE_WHYS = `{{#each rootCause.fiveWhys}}
1. Why? {{default this "_(to be written)_"}}
{{/each}}`;

export const list = (name: string) => `{{#each ${name}}}
- {{this}}
{{else}}
- _(to be written)_
{{/each}}`;

export const ACTION_ITEMS = `| action | owner | type | due | status |
|---|---|---|---|---|
{{#each actionItems}}
| {{title}} | {{owner}} | {{type}} | {{dueAt}} | {{status}} |
{{else}}
| _none yet_ | | | | |
{{/each}}`;

export const FREE_SECTIONS = `{{#each freeSections}}
## {{title}}

{{body}}

{{/each}}`;

export const BLAMELESS = `{{#if blamelessFindings.length}}
> **Blameless check:** {{blamelessFindings.length}} sentence(s) focus on people rather than the system.
{{#each blamelessFindings}}
> - "{{sentence}}" ({{field}}). Suggestion: {{suggestion}}
{{/each}}
{{/if}}`;
