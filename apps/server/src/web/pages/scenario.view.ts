import type { FieldIssue } from '#contracts';
import type { ScenarioPlan, TabletopPlan } from '#scenario';

/** Each line of a YAML text with its number and the problems reported on it, so errors sit at their line. */
export function numberedLines(text: string, errors: readonly FieldIssue[]) {
  const byLine = new Map<number, FieldIssue[]>();
  for (const e of errors) if (e.line) byLine.set(e.line, [...(byLine.get(e.line) ?? []), e]);
  const lines = text.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');
  return lines.map((line, i) => {
    const issues = (byLine.get(i + 1) ?? []).map((e) => ({ column: e.column ?? null, path: e.path, message: e.message }));
    return { n: i + 1, text: line, issues, bad: issues.length > 0 };
  });
}

const EVENTS: Record<string, string> = {
  'fault-start': 'Fault starts',
  'fault-end': 'Fault ends',
  'hard-stop': 'Hard stop (max duration)',
  inject: 'Inject',
  deadline: 'Deadline',
};

/** The planned timeline in words. */
export function planView(plan: ScenarioPlan | TabletopPlan) {
  return {
    kind: plan.kind,
    timeline: plan.timeline.map((t) => ({ atMs: t.at, event: EVENTS[t.event] ?? t.event, description: t.description })),
    faults:
      plan.kind === 'Scenario' ? plan.faults.map((f) => ({ summary: f.summary, startsAt: f.startsAt, endsAt: f.endsAt ?? null })) : [],
    maxDurationMs: plan.kind === 'Scenario' ? plan.guardrails.maxDuration : null,
    probes: plan.kind === 'Scenario' ? plan.probes.map((p) => p.name) : [],
    warnings: plan.warnings,
  };
}
