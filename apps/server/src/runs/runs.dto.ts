import { z } from 'zod';
import { RUN_STATES } from '#incident';
import { MARK_KINDS, RUN_ROLES } from './use-cases/run-actions.use-case.js';

export const MarkSchema = z.strictObject({
  kind: z.enum(MARK_KINDS),
  note: z.string().max(2000).optional(),
  role: z.enum(RUN_ROLES).optional(),
});
export const RoleSchema = z.strictObject({ role: z.enum(RUN_ROLES), person: z.string().trim().min(1).max(200) });
export const NoteSchema = z.strictObject({ text: z.string().trim().min(1, 'must not be empty').max(10_000) });
export const AbortSchema = z.strictObject({ reason: z.string().max(2000).optional() });
export const CorrectionSchema = z.strictObject({
  occurredAt: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 timestamp' }).transform((v) => new Date(v)),
  reason: z.string({ message: 'is required: say why the time is corrected' }).trim().min(1, 'is required: say why the time is corrected'),
});
export const ListRunsSchema = z.object({
  team: z.string().optional(),
  state: z.enum(RUN_STATES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export const TimelineQuerySchema = z.object({ after: z.string().regex(/^\d+$/).optional() });
export const HaltSchema = z.strictObject({ reason: z.string().trim().min(1, 'say why everything is halted').max(2000) });
