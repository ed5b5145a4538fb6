import { Injectable } from '@nestjs/common';
import { TimelineRepository, type TimelineEvent } from '#incident';
import { DomainEvents } from '../core/domain-events.js';

/** Appends to a run's timeline (durable first) and notifies live listeners. */
@Injectable()
export class TimelineService {
  constructor(
    private readonly timeline: TimelineRepository,
    private readonly events: DomainEvents,
  ) {}

  async append(runId: string, kind: string, title: string, data: Record<string, unknown> = {}, actor: string | null = null, at = new Date()): Promise<TimelineEvent> {
    const event = await this.timeline.append({ runId, at, kind, title, data, actor });
    this.events.emit('run.timeline', { runId, eventId: event.id, event });
    return event;
  }

  list(runId: string, afterId?: string): Promise<TimelineEvent[]> {
    return this.timeline.list(runId, { afterId });
  }
}
