import { z } from 'zod';
import type { IncidentDto } from '#contracts';
import { secondsBetween, type IncidentRecord } from '#incident';

const instant = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 timestamp with a time zone' });
const bool = z.enum(['true', 'false']).transform((v) => v === 'true');

export const IncidentListQuerySchema = z.strictObject({
  drill: bool.optional(),
  from: instant.optional(),
  to: instant.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type IncidentListQueryDto = z.infer<typeof IncidentListQuerySchema>;

export const MetricsQuerySchema = z.strictObject({
  from: instant.optional(),
  to: instant.optional(),
  drill: bool.optional(),
});
export type MetricsQueryDto = z.infer<typeof MetricsQuerySchema>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const toIncidentDto = (r: IncidentRecord): IncidentDto => ({
  id: r.id,
  team: r.teamSlug,
  externalId: r.externalId,
  runId: r.runId,
  drill: r.drill,
  kind: r.kind,
  title: r.title,
  severity: r.severity,
  service: r.service,
  scenarioName: r.scenarioName,
  startedAt: r.startedAt.toISOString(),
  detectedAt: iso(r.detectedAt),
  acknowledgedAt: iso(r.acknowledgedAt),
  mitigatedAt: iso(r.mitigatedAt),
  resolvedAt: iso(r.resolvedAt),
  customerReportedAt: iso(r.customerReportedAt),
  firstCommunicatedAt: iso(r.firstCommunicatedAt),
  statusUpdates: r.statusUpdates.map((d) => d.toISOString()),
  detectionSource: r.detectionSource,
  alertFired: r.alertFired,
  incidentCommanderAssigned: r.incidentCommanderAssigned,
  runbookLinked: r.runbookLinked,
  autoMitigated: r.autoMitigated,
  rootCause: r.rootCause,
  targets: r.targets,
  ttd: secondsBetween(r.startedAt, r.detectedAt),
  tta: secondsBetween(r.detectedAt, r.acknowledgedAt),
  ttm: secondsBetween(r.startedAt, r.mitigatedAt),
  ttr: secondsBetween(r.startedAt, r.resolvedAt),
  postmortemPublishedAt: iso(r.postmortemPublishedAt),
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});
