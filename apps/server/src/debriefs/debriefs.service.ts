import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '#access';
import { NotFoundError } from '#contracts';
import {
  ActionItemRepository,
  BUILTIN_TEMPLATES,
  buildPostmortemContext,
  emptySections,
  markdownToHtml,
  PostmortemRepository,
  PostmortemTemplateEngine,
  PostmortemTemplateRepository,
  postmortemDueAt,
  type Postmortem,
} from '#debrief';
import { TimelineSource, type IncidentRecord } from '#incident';
import { IncidentsService } from '../incidents/incidents.service.js';
import { DEBRIEF_POLICY, type DebriefPolicy } from './debrief.config.js';
import { toPostmortemRecordDto, type DraftQuery } from './debriefs.dto.js';

export type Subject = { incidentId: string } | { runId: string };

@Injectable()
export class DebriefsService {
  constructor(
    private readonly incidents: IncidentsService,
    private readonly postmortems: PostmortemRepository,
    private readonly actionItems: ActionItemRepository,
    private readonly templates: PostmortemTemplateRepository,
    private readonly timeline: TimelineSource,
    private readonly engine: PostmortemTemplateEngine,
    @Inject(DEBRIEF_POLICY) private readonly policy: DebriefPolicy,
  ) {}

  /** The incident row of an incident id, or of a run (its drill row). */
  subject(principal: Principal, subject: Subject): Promise<IncidentRecord> {
    return 'runId' in subject ? this.incidents.accessibleRun(principal, subject.runId) : this.incidents.accessible(principal, subject.incidentId);
  }

  dueAt(incident: IncidentRecord): Date | null {
    return postmortemDueAt(incident.resolvedAt, incident.severity, this.policy.postmortemDueHours);
  }

  /** The stored postmortem, or an unsaved draft record with empty sections. */
  async current(incident: IncidentRecord): Promise<{ postmortem: Postmortem; exists: boolean }> {
    const stored = await this.postmortems.findByIncident(incident.id);
    if (stored) return { postmortem: stored, exists: true };
    const now = new Date();
    return {
      exists: false,
      postmortem: {
        id: '',
        incidentId: incident.id,
        teamSlug: incident.teamSlug,
        status: incident.postmortemPublishedAt ? 'published' : 'draft',
        sections: emptySections(),
        findings: [],
        dueAt: this.dueAt(incident),
        publishedAt: incident.postmortemPublishedAt,
        createdAt: now,
        updatedAt: now,
      },
    };
  }

  async record(principal: Principal, subject: Subject) {
    const incident = await this.subject(principal, subject);
    const { postmortem, exists } = await this.current(incident);
    return toPostmortemRecordDto(incident, postmortem, exists, new Date());
  }

  /** The draft rendered with a built-in or team template, as markdown or HTML. */
  async draft(principal: Principal, subject: Subject, query: DraftQuery): Promise<{ contentType: string; body: string }> {
    const incident = await this.subject(principal, subject);
    const source = BUILTIN_TEMPLATES[query.template] ?? (await this.templates.find(incident.teamSlug, query.template))?.source;
    if (source === undefined) throw new NotFoundError('postmortem template', query.template);
    const [{ postmortem, exists }, timeline, actionItems] = await Promise.all([this.current(incident), this.timeline.forIncident(incident), this.actionItems.listForIncident(incident.id)]);
    const context = buildPostmortemContext({ incident, timeline, actionItems, postmortem: exists ? postmortem : null, dueAt: this.dueAt(incident), now: new Date() });
    const markdown = this.engine.render(source, context);
    if (query.format === 'html') return { contentType: 'text/html; charset=utf-8', body: markdownToHtml(markdown, `Postmortem: ${incident.title}`) };
    return { contentType: 'text/markdown; charset=utf-8', body: markdown };
  }
}
