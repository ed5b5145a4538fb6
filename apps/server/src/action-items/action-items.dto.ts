import { z } from 'zod';
import type { ActionItemDto } from '#contracts';
import { ACTION_ITEM_STATUSES, ACTION_ITEM_TYPES, isOverdue, type ActionItem } from '#debrief';

const instant = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 timestamp with a time zone' });

export const CreateActionItemSchema = z.strictObject({
  incidentId: z.uuid('must be an incident id'),
  title: z.string().trim().min(1, 'must not be empty').max(500),
  owner: z.string().trim().min(1, 'must not be empty').max(200),
  type: z.enum(ACTION_ITEM_TYPES),
  dueAt: instant.optional(),
  status: z.enum(ACTION_ITEM_STATUSES).default('open'),
});
export type CreateActionItem = z.infer<typeof CreateActionItemSchema>;

export const UpdateActionItemSchema = z.strictObject({
  title: z.string().trim().min(1, 'must not be empty').max(500).optional(),
  owner: z.string().trim().min(1, 'must not be empty').max(200).optional(),
  type: z.enum(ACTION_ITEM_TYPES).optional(),
  status: z.enum(ACTION_ITEM_STATUSES).optional(),
  dueAt: instant.optional(),
});
export type UpdateActionItem = z.infer<typeof UpdateActionItemSchema>;

export const ActionItemListSchema = z.strictObject({
  team: z.string().min(1).max(63).optional(),
  incidentId: z.uuid().optional(),
  status: z.enum(ACTION_ITEM_STATUSES).optional(),
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ActionItemList = z.infer<typeof ActionItemListSchema>;

export const toActionItemDto = (a: ActionItem, now: Date): ActionItemDto => ({
  id: a.id,
  incidentId: a.incidentId,
  team: a.teamSlug,
  title: a.title,
  owner: a.owner,
  type: a.type,
  status: a.status,
  dueAt: a.dueAt.toISOString(),
  completedAt: a.completedAt ? a.completedAt.toISOString() : null,
  overdue: isOverdue(a, now),
  createdAt: a.createdAt.toISOString(),
  updatedAt: a.updatedAt.toISOString(),
});
