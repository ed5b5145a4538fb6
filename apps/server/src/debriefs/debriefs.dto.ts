import { z } from 'zod';
import { DNS1123_LABEL, type PostmortemRecordDto } from '#contracts';
import { isOverdueAt } from './overdue.js';
import { POSTMORTEM_STATUSES, type Postmortem } from '#debrief';
import type { IncidentRecord } from '#incident';

const line = z.string().trim().max(5000);
const list = z.array(line).max(100);

export const PostmortemEditSchema = z.strictObject({
  status: z.enum(POSTMORTEM_STATUSES).optional(),
  sections: z
    .strictObject({
      summary: z.string().max(20_000).optional(),
      impact: z.string().max(20_000).optional(),
      rootCause: z.strictObject({ description: z.string().max(20_000).optional(), fiveWhys: z.array(line).max(5, 'has at most five whys').optional() }).optional(),
      contributingFactors: list.optional(),
      wentWell: list.optional(),
      wentWrong: list.optional(),
      gotLucky: list.optional(),
      lessonsLearned: list.optional(),
      freeSections: z.array(z.strictObject({ title: z.string().trim().min(1).max(200), body: z.string().max(20_000) })).max(30).optional(),
    })
    .optional(),
});
export type PostmortemEdit = z.infer<typeof PostmortemEditSchema>;

export const DraftQuerySchema = z.strictObject({
  template: z.string().regex(DNS1123_LABEL, 'must be google, pagerduty, atlassian or a team template name').default('google'),
  format: z.enum(['markdown', 'html']).default('markdown'),
});
export type DraftQuery = z.infer<typeof DraftQuerySchema>;

export const TemplateSchema = z.strictObject({
  name: z.string().regex(DNS1123_LABEL, 'must be a DNS-1123 label: lowercase letters, digits and "-"'),
  source: z.string().min(1, 'must not be empty').max(200_000),
});
export type TemplateBody = z.infer<typeof TemplateSchema>;

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function toPostmortemRecordDto(incident: IncidentRecord, p: Postmortem, exists: boolean, now: Date): PostmortemRecordDto {
  return {
    id: exists ? p.id : null,
    incidentId: incident.id,
    runId: incident.runId,
    team: incident.teamSlug,
    status: p.status,
    sections: p.sections as unknown as Record<string, unknown>,
    findings: p.findings,
    dueAt: iso(p.dueAt),
    overdue: isOverdueAt(p, now),
    publishedAt: iso(p.publishedAt),
    createdAt: exists ? iso(p.createdAt) : null,
    updatedAt: exists ? iso(p.updatedAt) : null,
  };
}
