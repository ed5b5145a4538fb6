import { z } from 'zod';
import type { SignalDto } from '#contracts';
import type { Signal } from '#incident';

export const ListSignalsSchema = z.strictObject({
  team: z.string().min(1).optional(),
  unmatched: z
    .enum(['true', 'false'], { message: 'must be true or false' })
    .transform((v) => v === 'true')
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const AttachSignalSchema = z.strictObject({
  runId: z.string().trim().min(1, 'must not be empty').max(64),
});

export const CorrectSignalSchema = z.strictObject({
  occurredAt: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with a time zone' }),
  reason: z.string().trim().min(1, 'a correction needs a reason (it is kept in the audit trail)').max(2000),
});

export type ListSignals = z.infer<typeof ListSignalsSchema>;
export type AttachSignal = z.infer<typeof AttachSignalSchema>;
export type CorrectSignal = z.infer<typeof CorrectSignalSchema>;

export const toSignalDto = (s: Signal, withRaw = false): SignalDto => ({
  id: s.id,
  integrationId: s.integrationId,
  team: s.team,
  source: s.source,
  kind: s.kind,
  occurredAt: s.occurredAt.toISOString(),
  receivedAt: s.receivedAt.toISOString(),
  timeSource: s.timeSource,
  labels: s.labels,
  summary: s.summary,
  dedupeKey: s.dedupeKey,
  drill: s.drill,
  ...(withRaw ? { raw: s.raw } : {}),
});
