import type { Postmortem } from '#debrief';

/** A postmortem is overdue while unpublished past its due date. */
export const isOverdueAt = (p: Pick<Postmortem, 'publishedAt' | 'dueAt'>, now: Date) => p.publishedAt === null && p.dueAt !== null && p.dueAt.getTime() < now.getTime();
