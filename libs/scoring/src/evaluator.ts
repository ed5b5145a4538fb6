import { DEFAULT_RULES, RULES_VERSION } from './rules/index.js';
import { within } from './rules/rule-kit.js';
import { DIMENSIONS, type Dimension, type DimensionScore, type Level, type MaturityRule, type Scorecard, type ScoringInput } from './scoring-input.js';

/** Default rolling window: older evidence does not count. */
export const DEFAULT_WINDOW_DAYS = 180;

export function scoringWindow(asOf: Date, days = DEFAULT_WINDOW_DAYS): { from: Date; to: Date } {
  return { from: new Date(asOf.getTime() - days * 86_400_000), to: asOf };
}

/**
 * Scores each dimension: a level counts when its rules and every lower
 * level's rules hold. `overall` is the weakest dimension.
 */
export function evaluateScorecard(raw: ScoringInput, rules: readonly MaturityRule[] = DEFAULT_RULES, rulesVersion = RULES_VERSION): Scorecard {
  const input = within(raw, raw.window.from, new Date(raw.window.to.getTime() + 1));
  const dimensions = {} as Record<Dimension, DimensionScore>;
  for (const dimension of DIMENSIONS) {
    const outcomes = rules
      .filter((r) => r.dimension === dimension)
      .sort((a, b) => a.level - b.level)
      .map((rule) => ({ rule, outcome: rule.evaluate(input) }));
    let level: Level = 1;
    for (const candidate of [2, 3, 4, 5] as const) {
      const atLevel = outcomes.filter((o) => o.rule.level === candidate);
      if (atLevel.length === 0 || !atLevel.every((o) => o.outcome.met)) break;
      level = candidate;
    }
    dimensions[dimension] = {
      level,
      evidence: outcomes.filter((o) => o.rule.level <= level).flatMap((o) => o.outcome.evidence),
      missing: outcomes.filter((o) => !o.outcome.met).flatMap((o) => o.outcome.missing.map((text) => ({ level: o.rule.level, rule: o.rule.id, text }))),
      rules: outcomes.map((o) => ({ id: o.rule.id, level: o.rule.level, title: o.rule.title, met: o.outcome.met, summary: o.outcome.summary })),
    };
  }
  const levels = DIMENSIONS.map((d) => dimensions[d].level);
  const drills = input.records.filter((r) => r.drill).length;
  return {
    dimensions,
    overall: Math.min(...levels) as Level,
    mean: Math.round((levels.reduce((a, b) => a + b, 0) / levels.length) * 100) / 100,
    rulesVersion,
    window: { from: raw.window.from.toISOString(), to: raw.window.to.toISOString() },
    asOf: raw.asOf.toISOString(),
    counts: { records: input.records.length, incidents: input.records.length - drills, drills },
  };
}
