import type { IncidentMetrics } from '#incident';
import type { DimensionScore, Scorecard } from '#scoring';

const DIMENSION_NAMES: Record<string, string> = {
  detection: 'Detection',
  response: 'Response',
  communication: 'Communication',
  learning: 'Learning',
};
const LEVELS = [1, 2, 3, 4, 5] as const;

/** The 4×5 grid: each cell says in words whether it is held, reached, next or ahead, with its rules, evidence and what is missing. */
export function maturityGrid(card: Scorecard) {
  return Object.entries(card.dimensions).map(([key, dim]) => ({
    key,
    name: DIMENSION_NAMES[key] ?? key,
    level: dim.level,
    cells: LEVELS.map((level) => cell(dim, level)),
  }));
}

function cell(dim: DimensionScore, level: number) {
  const state = level === dim.level ? 'reached' : level < dim.level ? 'held' : level === dim.level + 1 ? 'next' : 'ahead';
  const rules = dim.rules.filter((r) => r.level === level).map((r) => ({ title: r.title, summary: r.summary, met: r.met }));
  return {
    level,
    state,
    stateText: { reached: 'Reached', held: 'Held', next: 'Next', ahead: 'Not yet' }[state],
    baseline: level === 1,
    rules,
    evidence:
      state === 'reached'
        ? dim.evidence.map((e) => ({
            text: e.text,
            href: e.runId ? `/runs/${e.runId}` : `/incidents/${e.incidentId}/debrief`,
            what: e.runId ? 'run' : 'incident',
          }))
        : [],
    missing:
      state === 'next'
        ? dim.missing
            .filter((m) => m.level === level)
            .map((m) => ({ short: shorten(m.text), full: m.text, cut: shorten(m.text) !== m.text }))
        : [],
  };
}

const FIGURES = [
  { key: 'mttd', title: 'MTTD', long: 'Mean time to detect' },
  { key: 'mtta', title: 'MTTA', long: 'Mean time to acknowledge' },
  { key: 'mttm', title: 'MTTM', long: 'Mean time to mitigate' },
  { key: 'mttr', title: 'MTTR', long: 'Mean time to resolve' },
] as const;

/** One chart per figure: real incidents and drills side by side, per quarter (means in seconds). */
export function trendCharts(metrics: { real: IncidentMetrics; drill: IncidentMetrics }) {
  const labels = [...new Set([...metrics.real.quarters, ...metrics.drill.quarters].map((q) => q.quarter))].sort();
  const at = (m: IncidentMetrics, quarter: string, key: (typeof FIGURES)[number]['key']) =>
    m.quarters.find((q) => q.quarter === quarter)?.[key].mean ?? null;
  return FIGURES.map((f) => ({
    ...f,
    chart: {
      title: f.title,
      unit: 'seconds' as const,
      labels,
      series: [
        { label: 'Real incidents', values: labels.map((q) => at(metrics.real, q, f.key)) },
        { label: 'Drills', values: labels.map((q) => at(metrics.drill, q, f.key)), dashed: true },
      ],
    },
    rows: labels.map((q) => ({ quarter: q, realMs: sec(at(metrics.real, q, f.key)), drillMs: sec(at(metrics.drill, q, f.key)) })),
    overall: {
      realMs: sec(metrics.real[f.key].mean),
      drillMs: sec(metrics.drill[f.key].mean),
      real: metrics.real[f.key].count,
      drill: metrics.drill[f.key].count,
    },
  }));
}

/** The first sentence (at most ~140 characters): the grid stays readable; the whole text is one click away. */
function shorten(text: string): string {
  const first = /^.*?[.;:](\s|$)/.exec(text)?.[0]?.trim() ?? text;
  return first.length > 140 ? `${first.slice(0, 137).trimEnd()}…` : first;
}

const sec = (s: number | null) => (s === null ? null : s * 1000);
