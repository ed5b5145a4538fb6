import { z } from 'zod';
import { DEFAULT_WINDOW_DAYS } from '#scoring';

export const ScorecardQuerySchema = z.strictObject({
  asOf: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 timestamp with a time zone' }).optional(),
  windowDays: z.coerce.number().int().min(30).max(730).default(DEFAULT_WINDOW_DAYS),
});
export type ScorecardQuery = z.infer<typeof ScorecardQuerySchema>;
