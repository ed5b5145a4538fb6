import { z } from 'zod';
import { DNS1123_LABEL } from '#contracts';

export const CreateTeamSchema = z.strictObject({
  slug: z.string().regex(DNS1123_LABEL, 'must be a DNS-1123 label: lowercase letters, digits and "-", at most 63 characters'),
  name: z.string().trim().min(1, 'must not be empty').max(200),
});

export const UpdateTeamSchema = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(200).optional(),
});

export const PageSchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export type CreateTeam = z.infer<typeof CreateTeamSchema>;
export type UpdateTeam = z.infer<typeof UpdateTeamSchema>;
export type Page = z.infer<typeof PageSchema>;
