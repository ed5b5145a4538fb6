import type { IncidentRecord } from './incident-record.js';

/** One line of an incident's minute-by-minute timeline. */
export interface TimelineEntry {
  at: Date;
  kind: string;
  title: string;
  detail?: string;
}

/**
 * Port: the timeline of an incident or drill. The server binds a default
 * built from the record's own timestamps; runs get the real run timeline.
 */
export abstract class TimelineSource {
  abstract forIncident(incident: IncidentRecord): Promise<TimelineEntry[]>;
}

/** Timeline entries derived from the record's measured timestamps, in time order. */
export function timelineFromRecord(r: IncidentRecord): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  const add = (at: Date | null, kind: string, title: string, detail?: string) => {
    if (at) entries.push({ at, kind, title, ...(detail ? { detail } : {}) });
  };
  add(r.startedAt, 'started', r.drill ? 'Fault injected (T0)' : 'Impact started');
  add(r.detectedAt, 'detected', 'Detected', r.detectionSource ? `by ${r.detectionSource === 'alert' ? 'an alert' : r.detectionSource === 'customer' ? 'a customer report' : 'the team'}` : undefined);
  add(r.customerReportedAt, 'customer_reported', 'First customer report');
  add(r.acknowledgedAt, 'acknowledged', 'Acknowledged by on-call');
  add(r.firstCommunicatedAt, 'communicated', 'First status communication');
  r.statusUpdates.forEach((u, i) => add(u, 'status_update', `Status update ${i + 1}`));
  add(r.mitigatedAt, 'mitigated', 'Impact mitigated', r.autoMitigated ? 'steady state restored before any acknowledgement' : undefined);
  add(r.resolvedAt, 'resolved', 'Resolved');
  return entries.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** The default TimelineSource: the record's own timestamps. */
export class RecordTimelineSource extends TimelineSource {
  async forIncident(incident: IncidentRecord): Promise<TimelineEntry[]> {
    return timelineFromRecord(incident);
  }
}
