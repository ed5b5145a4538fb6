import { Injectable } from '@nestjs/common';
import { SignalStore, TimelineRepository, TimelineSource, timelineFromRecord, type IncidentRecord, type TimelineEntry } from '#incident';

/** Postmortem timelines of drills come from the run's own timeline; real incidents from their timestamps. */
@Injectable()
export class RunTimelineSource extends TimelineSource {
  constructor(
    private readonly timeline: TimelineRepository,
    private readonly signals: SignalStore,
  ) {
    super();
  }

  async forIncident(incident: IncidentRecord): Promise<TimelineEntry[]> {
    if (!incident.runId) return timelineFromRecord(incident);
    const [events, signals] = await Promise.all([this.timeline.list(incident.runId), this.signals.listForRun(incident.runId)]);
    const seen = new Set(events.map((e) => e.data.signalId).filter(Boolean));
    return [
      ...events.map((e) => ({ at: e.at, kind: e.kind, title: e.title, detail: e.actor ? `by ${e.actor}` : undefined })),
      ...signals.filter((s) => !seen.has(s.id)).map((s) => ({ at: s.occurredAt, kind: 'signal', title: `${s.kind} (${s.source})`, detail: s.summary ?? undefined })),
    ].sort((a, b) => a.at.getTime() - b.at.getTime());
  }
}
