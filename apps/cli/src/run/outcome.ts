/** Exit codes of `firedrill run`, for pipelines. */
export const RUN_EXIT = {
  ok: 0,
  hypothesisBroken: 1,
  usage: 2,
  aborted: 3,
  recoveryFailed: 4,
  unreachable: 5,
} as const;

export interface Verdict {
  name: string;
  passed: boolean;
  message: string;
  /** Seconds the check covers (for JUnit `time`), when meaningful. */
  seconds?: number;
}

export interface RunOutcome {
  exitCode: number;
  summary: string;
  verdicts: Verdict[];
}

/**
 * Turns a finished run (GET /api/v1/runs/:id) into checks and an exit code:
 * the steady state held, expected alerts fired within the detect target,
 * every fault was recovered.
 */
export function evaluateRun(run: any): RunOutcome {
  const verdicts: Verdict[] = [];
  const stuck = (run.records ?? []).filter((r: any) => r.phase !== 'recovered' && !(r.phase === 'failed' && r.notes?.failedDuring !== 'recover'));
  verdicts.push({
    name: 'faults recovered',
    passed: stuck.length === 0,
    message: stuck.length
      ? `still injected: ${stuck.map((r: any) => `${r.kind} on ${r.target.kind} ${r.target.namespace}/${r.target.name} (${r.phase}${r.lastError ? `: ${r.lastError}` : ''})`).join('; ')}`
      : `${(run.records ?? []).length} fault record(s) recovered`,
  });
  const brokenProbes = [...new Set((run.probes ?? []).filter((p: any) => !p.ok).map((p: any) => `${p.probe} (${p.detail})`))];
  const preflightSteady = run.failureReason?.includes('steady state does not hold');
  verdicts.push({
    name: 'steady state held',
    passed: !run.steadyStateBrokenAt && !preflightSteady && brokenProbes.length === 0,
    message: preflightSteady ? run.failureReason : brokenProbes.length ? `probes failed: ${brokenProbes.join(', ')}` : 'every steady-state probe held',
  });
  const expected = run.response?.expectedAlerts ?? [];
  if (expected.length) {
    const detect = run.metrics?.targets?.detect;
    const fired = run.metrics?.ttdSeconds !== null && run.metrics?.ttdSeconds !== undefined;
    const inTime = fired && (detect?.met ?? true) !== false;
    verdicts.push({
      name: 'expected alerts fired',
      passed: inTime,
      message: !fired
        ? `no detection signal for ${expected.map((a: any) => a.alertname).join(', ')}`
        : `detected after ${run.metrics.ttdSeconds}s${detect?.targetSeconds ? ` (target ${detect.targetSeconds}s)` : ''} via ${run.metrics.sources.detected?.source}`,
      seconds: run.metrics?.ttdSeconds ?? undefined,
    });
  }
  if (run.state === 'failed' && !preflightSteady && stuck.length === 0) {
    verdicts.push({ name: 'run completed', passed: false, message: run.failureReason ?? 'the run failed' });
  }

  let exitCode: number = RUN_EXIT.ok;
  if (stuck.length) exitCode = RUN_EXIT.recoveryFailed;
  else if (run.state === 'aborted') exitCode = RUN_EXIT.aborted;
  else if (verdicts.some((v) => !v.passed)) exitCode = RUN_EXIT.hypothesisBroken;
  const summary =
    exitCode === RUN_EXIT.ok
      ? `run ${run.id} completed: hypothesis held`
      : exitCode === RUN_EXIT.aborted
        ? `run ${run.id} aborted: ${run.abortReason}`
        : exitCode === RUN_EXIT.recoveryFailed
          ? `run ${run.id}: RECOVERY FAILED — something may be left injected`
          : `run ${run.id} ${run.state}: ${verdicts.filter((v) => !v.passed).map((v) => v.message).join('; ')}`;
  return { exitCode, summary, verdicts };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** JUnit XML: one test case per check, so CI shows which part of the hypothesis broke. */
export function toJunit(run: any, outcome: RunOutcome): string {
  const failures = outcome.verdicts.filter((v) => !v.passed).length;
  const duration = run.startedAt && run.endedAt ? (Date.parse(run.endedAt) - Date.parse(run.startedAt)) / 1000 : 0;
  const cases = outcome.verdicts
    .map((v) => {
      const time = v.seconds ?? 0;
      const body = v.passed ? `<system-out>${esc(v.message)}</system-out>` : `<failure message="${esc(v.message)}" type="${esc(v.name)}">${esc(v.message)}</failure>`;
      return `    <testcase classname="firedrill.${esc(run.scenario)}" name="${esc(v.name)}" time="${time}">${body}</testcase>`;
    })
    .join('\n');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<testsuites name="firedrill" tests="${outcome.verdicts.length}" failures="${failures}" time="${duration}">\n` +
    `  <testsuite name="${esc(run.scenario)}" id="${esc(run.id)}" tests="${outcome.verdicts.length}" failures="${failures}" errors="0" skipped="0" time="${duration}" timestamp="${esc(run.startedAt ?? run.createdAt)}">\n` +
    `    <properties><property name="run" value="${esc(run.id)}"/><property name="state" value="${esc(run.state)}"/><property name="t0" value="${esc(run.t0 ?? '')}"/></properties>\n` +
    `${cases}\n  </testsuite>\n</testsuites>\n`
  );
}
