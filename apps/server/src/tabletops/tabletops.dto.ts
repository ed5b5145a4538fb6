import { z } from 'zod';
import { DNS1123_LABEL } from '#contracts';
import { TABLETOP_MODES, TABLETOP_STATES } from '#incident';

export const CreateTabletopSchema = z.strictObject({
  script: z.string().regex(DNS1123_LABEL, 'must be the name of a tabletop script'),
  team: z.string().regex(DNS1123_LABEL, 'must be a team slug').optional(),
  mode: z.enum(TABLETOP_MODES).optional(),
});
export const ModeSchema = z.strictObject({ mode: z.enum(TABLETOP_MODES) });
export const InjectActionSchema = z.strictObject({ inject: z.string().min(1).max(63).optional() });
export const JoinSchema = z.strictObject({
  code: z.string().trim().min(6, 'is the 6-character code the facilitator shows').max(12),
  name: z.string().trim().min(1, 'must not be empty').max(100),
  role: z.string().trim().min(1, 'pick a role').max(63),
});
export const DecisionSchema = z.strictObject({ text: z.string().trim().min(1, 'must not be empty').max(4000) });
export const ListTabletopsSchema = z.object({
  team: z.string().optional(),
  state: z.enum(TABLETOP_STATES).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});
export const TabletopTimelineQuerySchema = z.object({ after: z.string().regex(/^\d+$/).optional() });

export type CreateTabletop = z.infer<typeof CreateTabletopSchema>;
export type Join = z.infer<typeof JoinSchema>;
export type ListTabletops = z.infer<typeof ListTabletopsSchema>;
