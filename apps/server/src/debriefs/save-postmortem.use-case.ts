import { Injectable } from '@nestjs/common';
import type { Principal } from '#access';
import { assertPostmortemTransition, mergeSections, PostmortemRepository, sectionFindings } from '#debrief';
import type { PostmortemRecordDto } from '#contracts';
import { DebriefsService, type Subject } from './debriefs.service.js';
import { toPostmortemRecordDto, type PostmortemEdit } from './debriefs.dto.js';

/**
 * Saves sections and moves the status draft -> in_review -> published.
 * Blameless findings are recomputed on every save and returned; they never block.
 */
@Injectable()
export class SavePostmortemUseCase {
  constructor(
    private readonly debriefs: DebriefsService,
    private readonly postmortems: PostmortemRepository,
  ) {}

  async execute(principal: Principal, subject: Subject, edit: PostmortemEdit): Promise<PostmortemRecordDto> {
    const incident = await this.debriefs.subject(principal, subject);
    const { postmortem: current } = await this.debriefs.current(incident);
    const status = edit.status ?? current.status;
    assertPostmortemTransition(current.status, status);
    const sections = mergeSections(current.sections, edit.sections ?? {});
    const now = new Date();
    const saved = await this.postmortems.save({
      incidentId: incident.id,
      teamSlug: incident.teamSlug,
      status,
      sections,
      findings: sectionFindings(sections),
      dueAt: current.dueAt ?? this.debriefs.dueAt(incident),
      publishedAt: status === 'published' ? (current.publishedAt ?? now) : null,
    });
    return toPostmortemRecordDto(incident, saved, true, now);
  }
}
