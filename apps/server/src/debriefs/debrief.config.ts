import { DEFAULT_ACTION_ITEM_DUE_DAYS, DEFAULT_POSTMORTEM_DUE_HOURS, type PostmortemDuePolicy } from '#debrief';
import type { Severity } from '#incident';

/**
 * Debrief deadlines, by severity. Override by providing DEBRIEF_POLICY in a
 * test module or a deployment-specific module.
 * - postmortem due: SEV1 48 h after resolution, SEV2-SEV4 72 h;
 * - action item due: SEV1 7 days, SEV2 14, SEV3 30, SEV4 60 (from creation).
 */
export interface DebriefPolicy {
  postmortemDueHours: PostmortemDuePolicy;
  actionItemDueDays: Record<Severity, number>;
}

export const DEBRIEF_POLICY = Symbol('DEBRIEF_POLICY');

export const DEFAULT_DEBRIEF_POLICY: DebriefPolicy = {
  postmortemDueHours: DEFAULT_POSTMORTEM_DUE_HOURS,
  actionItemDueDays: DEFAULT_ACTION_ITEM_DUE_DAYS,
};
