import type { RunsService } from '../../runs/runs.service.js';

type RunDetail = Awaited<ReturnType<RunsService['get']>>;
type TimelineItem = Awaited<ReturnType<RunsService['timelineOf']>>['items'][number];

/** Icon and words for each phase: colour is never the only signal. */
const PHASES: Record<string, { icon: string; text: string }> = {
  pending: { icon: '○', text: 'Waiting' },
  started: { icon: '▶', text: 'Started' },
  done: { icon: '✓', text: 'Done' },
  skipped: { icon: '–', text: 'Skipped' },
  injecting: { icon: '↻', text: 'Injecting' },
  injected: { icon: '⚠', text: 'Injected' },
  recovering: { icon: '↺', text: 'Recovering' },
  recovered: { icon: '✓', text: 'Recovered' },
  failed: { icon: '✗', text: 'Failed' },
};
export const phaseOf = (phase: string) => ({ phase, ...(PHASES[phase] ?? { icon: '•', text: phase }) });

/** Minutes between status updates while a run is open: SEV1 every 15, SEV2 every 20, otherwise 30. */
export function updateIntervalMinutes(severity: string | null): number {
  return severity === 'SEV1' ? 15 : severity === 'SEV2' ? 20 : 30;
}

/** When the next status update is due: the interval after the last `communicated` mark, or after detection (T0 before that). */
export function nextUpdateDue(input: { severity: string | null; communicatedAt: string[]; detectedAt: string | null; t0: string | null }): {
  dueAt: string | null;
  from: 'last update' | 'detection' | 'T0' | null;
  minutes: number;
} {
  const minutes = updateIntervalMinutes(input.severity);
  const last = [...input.communicatedAt].sort().at(-1);
  const [base, from] = last
    ? [last, 'last update' as const]
    : input.detectedAt
      ? [input.detectedAt, 'detection' as const]
      : input.t0
        ? [input.t0, 'T0' as const]
        : [null, null];
  if (!base) return { dueAt: null, from: null, minutes };
  return { dueAt: new Date(Date.parse(base) + minutes * 60_000).toISOString(), from, minutes };
}

export const STATUS_TEMPLATES: Record<string, string> = {
  investigating: 'Investigating: we are aware of a problem and are investigating its impact. Next update in {minutes} minutes.',
  identified: 'Identified: the cause has been identified and a fix is being applied. Next update in {minutes} minutes.',
  monitoring: 'Monitoring: a fix has been applied and we are watching the results. Next update in {minutes} minutes.',
  resolved: 'Resolved: the issue is resolved and service is back to normal. A postmortem will follow.',
};

export const MARK_BUTTONS = [
  { kind: 'detected', text: 'I noticed' },
  { kind: 'acknowledged', text: 'Acknowledged' },
  { kind: 'declared', text: 'Incident declared' },
  { kind: 'mitigated', text: 'Mitigated' },
  { kind: 'resolved', text: 'Resolved' },
] as const;

export const ROLE_CHOICES = [
  { role: 'incident-commander', text: 'Incident commander' },
  { role: 'tech-lead', text: 'Tech lead' },
  { role: 'communications', text: 'Communications' },
  { role: 'scribe', text: 'Scribe' },
] as const;

const SOURCE_NAMES: Record<string, string> = {
  mark: 'a participant’s mark',
  probe: 'steady-state probes',
  alertmanager: 'Alertmanager',
  grafana: 'Grafana',
  pagerduty: 'PagerDuty',
  opsgenie: 'Opsgenie',
  statuspage: 'Statuspage',
  generic: 'an integration',
  cluster: 'the cluster',
};

/** The response clock: T0 and each milestone with its time, the figure, the target, and the signal it came from. */
export function responseClock(run: RunDetail) {
  const m = run.metrics;
  const row = (
    key: 'detected' | 'acknowledged' | 'mitigated' | 'resolved',
    milestone: string,
    figure: number | null,
    target?: { targetSeconds: number | null; met: boolean | null },
  ) => {
    const src = m.sources[key];
    const outcome =
      !target || target.targetSeconds === null ? null : target.met ? 'met' : src ? 'missed' : isOpen(run.state) ? 'open' : 'missed';
    return {
      key,
      milestone,
      at: src?.at ?? null,
      figureMs: figure === null ? null : figure * 1000,
      targetMs: target?.targetSeconds == null ? null : target.targetSeconds * 1000,
      outcome,
      outcomeText: outcome === 'met' ? '✓ Met' : outcome === 'missed' ? '✗ Missed' : outcome === 'open' ? '○ Running' : null,
      open: isOpen(run.state),
      source: src
        ? `${SOURCE_NAMES[src.source] ?? src.source}${src.kind !== key ? ` (${src.kind})` : ''}${src.summary ? `: ${src.summary}` : ''}`
        : null,
    };
  };
  return {
    t0: run.t0,
    rows: [
      row('detected', 'Detected', m.ttdSeconds, m.targets.detect),
      row('acknowledged', 'Acknowledged', m.ttaSeconds, m.targets.acknowledge),
      row('mitigated', 'Mitigated', m.ttmSeconds, m.targets.mitigate),
      row('resolved', 'Resolved', m.ttrSeconds, m.targets.resolve),
    ],
  };
}

export const isOpen = (state: string) => !['completed', 'aborted', 'failed'].includes(state);

/** Probe results grouped per probe, oldest first, for the small charts; the latest result also in words. */
export function probeSeries(probes: RunDetail['probes']) {
  const byName = new Map<string, RunDetail['probes']>();
  for (const p of [...probes].sort((a, b) => a.at.localeCompare(b.at))) byName.set(p.probe, [...(byName.get(p.probe) ?? []), p]);
  return [...byName.entries()].map(([name, results]) => {
    const last = results.at(-1)!;
    return {
      name,
      lastOk: last.ok,
      lastText: last.ok ? '✓ Holding' : '✗ Failing',
      lastValue: last.value,
      lastAt: last.at,
      failing: results.filter((r) => !r.ok).length,
      count: results.length,
      chart: { label: name, points: results.map((r) => ({ at: r.at, value: r.value ?? (r.ok ? 1 : 0), ok: r.ok })) },
    };
  });
}

/** Faults: every planned step with its phase; the injection records of the step under it. */
export function faultRows(run: RunDetail) {
  return run.steps.map((s) => ({
    index: s.index,
    kind: s.kind,
    description: s.description,
    atMs: s.atMs,
    // A step still pending when the run is over never ran.
    status: s.status === 'pending' && !isOpen(run.state) ? { phase: 'skipped', icon: '–', text: 'Not run' } : phaseOf(s.status),
    error: s.error,
    records: run.records
      .filter((r) => r.step === s.index)
      .map((r) => ({
        target: r.target,
        phase: phaseOf(r.phase),
        lastError: r.lastError,
        injectedAt: r.injectedAt,
        recoveredAt: r.recoveredAt,
        dryRun: r.dryRun,
      })),
  }));
}

/** Latest person per role. */
export function currentRoles(roles: RunDetail['roles']) {
  const latest = new Map<string, RunDetail['roles'][number]>();
  for (const r of [...roles].sort((a, b) => a.assignedAt.localeCompare(b.assignedAt))) latest.set(r.role, r);
  return ROLE_CHOICES.map((c) => ({ ...c, person: latest.get(c.role)?.person ?? null, since: latest.get(c.role)?.assignedAt ?? null }));
}

/** The highest engine event id: the socket resumes after it. */
export function lastEventId(items: TimelineItem[]): string {
  let max = 0n;
  for (const e of items) if (/^\d+$/.test(e.id) && BigInt(e.id) > max) max = BigInt(e.id);
  return max.toString();
}

export function timelineView(items: TimelineItem[]) {
  return [...items].reverse().map((e) => ({ id: e.id, at: e.at, kind: e.kind, title: e.title, actor: e.actor }));
}
