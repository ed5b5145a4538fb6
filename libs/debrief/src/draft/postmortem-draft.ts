import {
  DEFAULT_RESPONSE_TARGETS,
  FIRST_COMMUNICATION_TARGET,
  firstCommunication,
  longestUpdateGap,
  secondsBetween,
  UPDATE_INTERVAL_TARGET,
  type IncidentRecord,
  type TimelineEntry,
} from '#incident';
import type { ActionItem } from '../action-items/action-item.js';
import { emptySections, type Postmortem } from '../postmortem/postmortem.js';
import type { PostmortemContext, TargetCheck } from '../templates/template-context.js';

/** "1h 04m", "4m 12s", "37s"; "not measured" for null. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return 'not measured';
  const s = Math.round(Math.abs(seconds));
  const sign = seconds < 0 ? '-' : '';
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (d > 0) return `${sign}${d}d ${h}h ${String(m).padStart(2, '0')}m`;
  if (h > 0) return `${sign}${h}h ${String(m).padStart(2, '0')}m`;
  if (m > 0) return `${sign}${m}m ${String(sec).padStart(2, '0')}s`;
  return `${sign}${sec}s`;
}

const stamp = (d: Date | null | undefined) => (d ? d.toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, ' UTC') : null);

function check(measured: number | null, target: number): TargetCheck {
  const met = measured === null ? null : measured <= target;
  return { measured: formatDuration(measured), target: formatDuration(target), met, verdict: met === null ? 'not measured' : met ? 'met' : 'missed' };
}

export interface DraftInput {
  incident: IncidentRecord;
  timeline: TimelineEntry[];
  actionItems: ActionItem[];
  postmortem: Postmortem | null;
  /** Due date when no postmortem record exists yet. */
  dueAt: Date | null;
  now: Date;
}

/** Everything a template can show, from the record, its timeline, its measured times and the saved sections. */
export function buildPostmortemContext(input: DraftInput): PostmortemContext {
  const r = input.incident;
  const targets = { ...DEFAULT_RESPONSE_TARGETS, ...r.targets };
  const sections = input.postmortem?.sections ?? emptySections();
  const ttd = secondsBetween(r.startedAt, r.detectedAt);
  const tta = secondsBetween(r.detectedAt, r.acknowledgedAt);
  const ttm = secondsBetween(r.startedAt, r.mitigatedAt);
  const ttr = secondsBetween(r.startedAt, r.resolvedAt);
  const first = firstCommunication(r);
  const firstAfterDetection = secondsBetween(r.detectedAt ?? r.startedAt, first);
  const gap = longestUpdateGap(r);
  const end = r.resolvedAt ?? input.now;
  const summary =
    sections.summary ||
    `${r.drill ? `Drill (${r.kind}${r.scenarioName ? `, scenario ${r.scenarioName}` : ''})` : 'Incident'} on ${r.service}, ${r.severity}: ${r.title}. ` +
      (r.resolvedAt ? `Resolved after ${formatDuration(ttr)}.` : 'Not resolved yet.');
  const impact = sections.impact || `${r.service} was affected for ${formatDuration(secondsBetween(r.startedAt, r.mitigatedAt ?? end))} until mitigation${r.customerReportedAt ? '; customers reported it' : ''}.`;
  return {
    generatedAt: stamp(input.now)!,
    incident: {
      id: r.id,
      title: r.title,
      severity: r.severity,
      service: r.service,
      kind: r.kind,
      drill: r.drill,
      scenarioName: r.scenarioName,
      externalId: r.externalId,
      runId: r.runId,
      detectionSource: r.detectionSource,
      startedAt: stamp(r.startedAt)!,
      detectedAt: stamp(r.detectedAt),
      acknowledgedAt: stamp(r.acknowledgedAt),
      mitigatedAt: stamp(r.mitigatedAt),
      resolvedAt: stamp(r.resolvedAt),
      customerReportedAt: stamp(r.customerReportedAt),
    },
    postmortem: {
      status: input.postmortem?.status ?? 'draft',
      dueAt: stamp(input.postmortem?.dueAt ?? input.dueAt),
      publishedAt: stamp(input.postmortem?.publishedAt),
    },
    summary,
    impact,
    duration: { total: formatDuration(secondsBetween(r.startedAt, end)), toDetect: formatDuration(ttd), toAcknowledge: formatDuration(tta), toMitigate: formatDuration(ttm), toResolve: formatDuration(ttr) },
    timeline: [...input.timeline]
      .sort((a, b) => a.at.getTime() - b.at.getTime())
      .map((e) => ({ time: stamp(e.at)!.slice(11, 19), offset: `T+${formatDuration(secondsBetween(r.startedAt, e.at))}`, kind: e.kind, title: e.title, detail: e.detail ?? null })),
    analysis: {
      detection: check(ttd, targets.detect),
      acknowledgement: check(tta, targets.acknowledge),
      mitigation: check(ttm, targets.mitigate),
      resolution: check(ttr, targets.resolve),
      communication: {
        firstCommunication: check(firstAfterDetection, FIRST_COMMUNICATION_TARGET),
        updates: check(gap, UPDATE_INTERVAL_TARGET),
        statusUpdateCount: r.statusUpdates.length,
      },
    },
    rootCause: { description: sections.rootCause.description || r.rootCause || '', fiveWhys: [...sections.rootCause.fiveWhys, '', '', '', '', ''].slice(0, 5) },
    contributingFactors: sections.contributingFactors,
    wentWell: sections.wentWell,
    wentWrong: sections.wentWrong,
    gotLucky: sections.gotLucky,
    lessonsLearned: sections.lessonsLearned,
    actionItems: input.actionItems.map((a) => ({ title: a.title, owner: a.owner, type: a.type, status: a.status, dueAt: stamp(a.dueAt)!.slice(0, 10) })),
    freeSections: sections.freeSections,
    blamelessFindings: (input.postmortem?.findings ?? []).map((f) => ({ field: f.field, sentence: f.sentence, suggestion: f.suggestion })),
  };
}
