import type { Severity } from '#incident';

export const ACTION_ITEM_TYPES = ['mitigate', 'prevent', 'process'] as const;
export type ActionItemType = (typeof ACTION_ITEM_TYPES)[number];
export const ACTION_ITEM_STATUSES = ['open', 'done', 'dropped'] as const;
export type ActionItemStatus = (typeof ACTION_ITEM_STATUSES)[number];

export interface ActionItem {
  id: string;
  incidentId: string;
  teamSlug: string;
  title: string;
  owner: string;
  type: ActionItemType;
  status: ActionItemStatus;
  dueAt: Date;
  completedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Days to complete an action item, by the incident's severity. */
export const DEFAULT_ACTION_ITEM_DUE_DAYS: Record<Severity, number> = { SEV1: 7, SEV2: 14, SEV3: 30, SEV4: 60 };

export function defaultActionItemDueAt(severity: Severity, from: Date, days: Record<Severity, number> = DEFAULT_ACTION_ITEM_DUE_DAYS): Date {
  return new Date(from.getTime() + days[severity] * 86_400_000);
}

/** completedAt follows the status: set when it becomes done, cleared when it leaves done. */
export function applyStatus(item: Pick<ActionItem, 'status' | 'completedAt'>, status: ActionItemStatus, now: Date): Pick<ActionItem, 'status' | 'completedAt'> {
  if (status === 'done') return { status, completedAt: item.status === 'done' && item.completedAt ? item.completedAt : now };
  return { status, completedAt: null };
}

export function isOverdue(item: Pick<ActionItem, 'status' | 'dueAt'>, now: Date): boolean {
  return item.status === 'open' && item.dueAt.getTime() < now.getTime();
}

export interface ActionItemQuery {
  teamSlug?: string;
  incidentId?: string;
  status?: ActionItemStatus;
  /** Open items whose due date is before this instant. */
  overdueAt?: Date;
  limit: number;
  offset: number;
}

/** Port: action items (libs/persistence). */
export abstract class ActionItemRepository {
  abstract create(item: Omit<ActionItem, 'id' | 'createdAt' | 'updatedAt'>): Promise<ActionItem>;
  abstract find(id: string): Promise<ActionItem | null>;
  abstract update(id: string, changes: Partial<Pick<ActionItem, 'title' | 'owner' | 'type' | 'status' | 'dueAt' | 'completedAt'>>): Promise<ActionItem | null>;
  abstract delete(id: string): Promise<boolean>;
  abstract list(query: ActionItemQuery): Promise<{ items: ActionItem[]; total: number }>;
  abstract listForIncident(incidentId: string): Promise<ActionItem[]>;
}
