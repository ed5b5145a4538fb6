import { IllegalTransitionError } from '#contracts';
import type { Severity } from '#incident';
import type { BlamelessFinding } from '../blameless/blameless-check.js';
import { checkBlamelessDeep } from '../blameless/blameless-check.js';

export const POSTMORTEM_STATUSES = ['draft', 'in_review', 'published'] as const;
export type PostmortemStatus = (typeof POSTMORTEM_STATUSES)[number];

export interface FreeSection {
  title: string;
  body: string;
}

/** The editable parts of a postmortem. Lists are one entry per bullet. */
export interface PostmortemSections {
  summary: string;
  impact: string;
  rootCause: { description: string; fiveWhys: string[] };
  contributingFactors: string[];
  wentWell: string[];
  wentWrong: string[];
  gotLucky: string[];
  lessonsLearned: string[];
  freeSections: FreeSection[];
}

export interface Postmortem {
  id: string;
  incidentId: string;
  teamSlug: string;
  status: PostmortemStatus;
  sections: PostmortemSections;
  findings: BlamelessFinding[];
  dueAt: Date | null;
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export const emptySections = (): PostmortemSections => ({
  summary: '',
  impact: '',
  rootCause: { description: '', fiveWhys: ['', '', '', '', ''] },
  contributingFactors: [],
  wentWell: [],
  wentWrong: [],
  gotLucky: [],
  lessonsLearned: [],
  freeSections: [],
});

/** Overlays an edit on stored sections; `fiveWhys` always has five entries. */
export function mergeSections(base: PostmortemSections, edit: Partial<Omit<PostmortemSections, 'rootCause'>> & { rootCause?: Partial<PostmortemSections['rootCause']> }): PostmortemSections {
  const rootCause = { ...base.rootCause, ...(edit.rootCause ?? {}) };
  const whys = [...rootCause.fiveWhys, '', '', '', '', ''].slice(0, 5);
  return { ...base, ...edit, rootCause: { description: rootCause.description, fiveWhys: whys } } as PostmortemSections;
}

const TRANSITIONS: Record<PostmortemStatus, PostmortemStatus[]> = {
  draft: ['in_review'],
  in_review: ['draft', 'published'],
  published: [],
};

/** draft -> in_review -> published (in_review may go back to draft); staying put is allowed. */
export function assertPostmortemTransition(from: PostmortemStatus, to: PostmortemStatus): void {
  if (from !== to && !TRANSITIONS[from].includes(to)) throw new IllegalTransitionError('postmortem', from, to);
}

/** Hours after resolution by which the postmortem should be published. */
export type PostmortemDuePolicy = Record<Severity, number>;

/** SEV1 within 48 h, everything else within the default 72 h. */
export const DEFAULT_POSTMORTEM_DUE_HOURS: PostmortemDuePolicy = { SEV1: 48, SEV2: 72, SEV3: 72, SEV4: 72 };

export function postmortemDueAt(resolvedAt: Date | null, severity: Severity, policy: PostmortemDuePolicy = DEFAULT_POSTMORTEM_DUE_HOURS): Date | null {
  return resolvedAt ? new Date(resolvedAt.getTime() + policy[severity] * 3_600_000) : null;
}

/** Blameless findings of the sections, cached with the record on save. */
export function sectionFindings(sections: PostmortemSections): BlamelessFinding[] {
  return checkBlamelessDeep(sections);
}

/** Port: postmortem records, one per incident row (libs/persistence). */
export abstract class PostmortemRepository {
  abstract findByIncident(incidentId: string): Promise<Postmortem | null>;
  /**
   * Inserts or updates the postmortem of `incidentId`; when `published` it also
   * stamps the incident's postmortem_published_at, in one transaction.
   */
  abstract save(postmortem: Omit<Postmortem, 'id' | 'createdAt' | 'updatedAt'>): Promise<Postmortem>;
}
