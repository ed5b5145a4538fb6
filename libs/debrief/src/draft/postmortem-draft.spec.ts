import type { IncidentRecord } from '#incident';
import { assertPostmortemTransition, emptySections, mergeSections, postmortemDueAt } from '../postmortem/postmortem.js';
import { buildPostmortemContext, formatDuration } from './postmortem-draft.js';

const t = (s: number) => new Date(Date.parse('2026-11-01T10:00:00Z') + s * 1000);
const incident: IncidentRecord = {
  id: 'i1',
  teamSlug: 'payments',
  externalId: null,
  runId: 'r1',
  drill: true,
  kind: 'gameday',
  title: 'Pod kill',
  severity: 'SEV2',
  service: 'checkout',
  scenarioName: 'pod-kill',
  startedAt: t(0),
  detectedAt: t(90),
  acknowledgedAt: t(150),
  mitigatedAt: t(2000),
  resolvedAt: t(3000),
  customerReportedAt: null,
  firstCommunicatedAt: t(1000),
  statusUpdates: [t(2900)],
  detectionSource: 'alert',
  alertFired: true,
  incidentCommanderAssigned: true,
  runbookLinked: true,
  autoMitigated: false,
  rootCause: null,
  rootCauseKey: null,
  targets: { detect: 60 },
  postmortemPublishedAt: null,
  createdAt: t(0),
  updatedAt: t(0),
};

describe(buildPostmortemContext.name, () => {
  it('measures each response time against the scenario targets, defaults elsewhere', () => {
    const c = buildPostmortemContext({ incident, timeline: [], actionItems: [], postmortem: null, dueAt: null, now: t(4000) });
    expect(c.analysis.detection).toEqual({ measured: '1m 30s', target: '1m 00s', met: false, verdict: 'missed' });
    expect(c.analysis.acknowledgement.verdict).toBe('met');
    expect(c.analysis.mitigation).toMatchObject({ measured: '33m 20s', target: '30m 00s', verdict: 'missed' });
    expect(c.analysis.communication.firstCommunication).toMatchObject({ measured: '15m 10s', verdict: 'missed' });
    // 1000 -> 2900 is a 31m 40s silence
    expect(c.analysis.communication.updates).toMatchObject({ measured: '31m 40s', verdict: 'missed' });
    expect(c.duration.total).toBe('50m 00s');
    expect(c.rootCause.fiveWhys).toHaveLength(5);
  });

  it('places timeline entries in time order with their offset from T0', () => {
    const c = buildPostmortemContext({
      incident,
      timeline: [
        { at: t(90), kind: 'detected', title: 'Alert CheckoutErrors fired' },
        { at: t(0), kind: 'fault', title: 'Pods killed', detail: '3 of 5' },
      ],
      actionItems: [],
      postmortem: null,
      dueAt: null,
      now: t(4000),
    });
    expect(c.timeline).toEqual([
      { time: '10:00:00', offset: 'T+0s', kind: 'fault', title: 'Pods killed', detail: '3 of 5' },
      { time: '10:01:30', offset: 'T+1m 30s', kind: 'detected', title: 'Alert CheckoutErrors fired', detail: null },
    ]);
  });
});

describe('postmortem rules', () => {
  it('formats durations for people', () => {
    expect([formatDuration(null), formatDuration(42), formatDuration(3725), formatDuration(90000)]).toEqual(['not measured', '42s', '1h 02m', '1d 1h 00m']);
  });

  it('is due 48 h after resolution for SEV1 and 72 h otherwise', () => {
    expect(postmortemDueAt(t(0), 'SEV1')!.toISOString()).toBe('2026-11-03T10:00:00.000Z');
    expect(postmortemDueAt(t(0), 'SEV3')!.toISOString()).toBe('2026-11-04T10:00:00.000Z');
    expect(postmortemDueAt(null, 'SEV1')).toBeNull();
  });

  it('moves draft -> in_review -> published and never skips review', () => {
    expect(() => assertPostmortemTransition('draft', 'in_review')).not.toThrow();
    expect(() => assertPostmortemTransition('in_review', 'published')).not.toThrow();
    expect(() => assertPostmortemTransition('draft', 'published')).toThrow(/cannot go from 'draft' to 'published'/);
    expect(() => assertPostmortemTransition('published', 'draft')).toThrow();
  });

  it('keeps exactly five whys when merging an edit', () => {
    const merged = mergeSections(emptySections(), { rootCause: { fiveWhys: ['a', 'b', 'c', 'd', 'e', 'f'] }, wentWell: ['x'] });
    expect(merged.rootCause.fiveWhys).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(merged.wentWell).toEqual(['x']);
  });
});
