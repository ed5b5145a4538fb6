import { DEFAULT_RESPONSE_TARGETS, firstCommunication, longestUpdateGap, secondsBetween, type ResponseTargetSeconds } from '#incident';
import type { Evidence, RuleOutcome, ScoringInput, ScoringRecord } from '../scoring-input.js';

export const DAY = 86_400_000;
/** Evidence items kept per rule; the summary carries the totals. */
export const MAX_EVIDENCE = 10;

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = Float64Array.from(values).sort();
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

/** The `k` records with the smallest `key`, without sorting the whole list. */
export function smallest<T>(items: T[], key: (x: T) => number, k: number): T[] {
  const best: Array<[number, T]> = [];
  for (const item of items) {
    const v = key(item);
    if (best.length === k && v >= best[k - 1]![0]) continue;
    let i = best.length;
    while (i > 0 && best[i - 1]![0] > v) i--;
    best.splice(i, 0, [v, item]);
    if (best.length > k) best.pop();
  }
  return best.map(([, item]) => item);
}

export function evidence(r: Pick<ScoringRecord, 'id' | 'runId'>, text: string): Evidence {
  return { incidentId: r.id, ...(r.runId ? { runId: r.runId } : {}), text };
}

export function label(r: Pick<ScoringRecord, 'kind' | 'drill' | 'severity' | 'scenarioName' | 'startedAt'>): string {
  const what = r.drill ? `${r.kind}${r.scenarioName ? ` '${r.scenarioName}'` : ''}` : `${r.severity} incident`;
  return `${what} on ${r.startedAt.toISOString().slice(0, 10)}`;
}

export function target(r: { targets: ResponseTargetSeconds }, which: keyof ResponseTargetSeconds): number {
  return r.targets?.[which] ?? DEFAULT_RESPONSE_TARGETS[which];
}

export const ttd = (r: ScoringRecord) => secondsBetween(r.startedAt, r.detectedAt);
export const tta = (r: ScoringRecord) => secondsBetween(r.detectedAt, r.acknowledgedAt);
export const ttm = (r: ScoringRecord) => secondsBetween(r.startedAt, r.mitigatedAt);
export const ttr = (r: ScoringRecord) => secondsBetween(r.startedAt, r.resolvedAt);

export const minutes = (s: number | null) => (s === null ? 'n/a' : s < 120 ? `${Math.round(s)} s` : `${Math.round((s / 60) * 10) / 10} min`);

/** A per-input subset, computed once however many rules ask for it. */
function subset(pick: (r: ScoringRecord) => boolean): (input: ScoringInput) => ScoringRecord[] {
  const cache = new WeakMap<ScoringInput, ScoringRecord[]>();
  return (input) => {
    let hit = cache.get(input);
    if (!hit) cache.set(input, (hit = input.records.filter(pick)));
    return hit;
  };
}

/** Records whose fault was real (everything but tabletop exercises). */
export const faults = subset((r) => r.kind !== 'tabletop');
/** SEV1 and SEV2 records: the ones that need communication. */
export const major = subset((r) => r.severity === 'SEV1' || r.severity === 'SEV2');
/** Records that deserve a postmortem: real incidents and game days, once resolved. */
export const reviewable = subset((r) => (r.kind === 'incident' || r.kind === 'gameday') && r.resolvedAt !== null);

const slicesOf = new WeakMap<ScoringInput, Map<string, ScoringInput>>();

/** The input restricted to records that started in [from, to); cached, several rules ask for the same quarters. */
export function within(input: ScoringInput, from: Date, to: Date): ScoringInput {
  const a = from.getTime();
  const b = to.getTime();
  const key = `${a}:${b}`;
  let cache = slicesOf.get(input);
  if (!cache) slicesOf.set(input, (cache = new Map()));
  const hit = cache.get(key);
  if (hit) return hit;
  const records = input.records.filter((r) => {
    const t = r.startedAt.getTime();
    return t >= a && t < b;
  });
  let actionItems = input.actionItems;
  if (records.length !== input.records.length) {
    const ids = new Set(records.map((r) => r.id));
    actionItems = input.actionItems.filter((x) => ids.has(x.incidentId));
  }
  const out = records.length === input.records.length ? input : { ...input, records, actionItems };
  cache.set(key, out);
  return out;
}

const firstComms = new WeakMap<ScoringRecord, Date | null>();
const gaps = new WeakMap<ScoringRecord, number | null>();

/** First communication of a record, computed once per record. */
export function firstComm(r: ScoringRecord): Date | null {
  if (!firstComms.has(r)) firstComms.set(r, firstCommunication(r));
  return firstComms.get(r)!;
}

/** Longest silence between communications of a record, computed once per record. */
export function updateGap(r: ScoringRecord): number | null {
  if (!gaps.has(r)) gaps.set(r, longestUpdateGap(r));
  return gaps.get(r)!;
}

/** a <= b on instants, without Date's slow relational coercion. */
export const notAfter = (a: Date, b: Date) => a.getTime() <= b.getTime();

/**
 * Consecutive slices of `days` ending at asOf, newest first, e.g. the last
 * two 90-day quarters or the last six 30-day months.
 */
export function slices(input: ScoringInput, days: number, count: number): Array<{ from: Date; to: Date }> {
  const end = input.asOf.getTime() + 1;
  return Array.from({ length: count }, (_, i) => ({ from: new Date(end - (i + 1) * days * DAY), to: new Date(end - i * days * DAY) }));
}

/**
 * A share rule: `ok(r)` must hold for at least `threshold` of `population`.
 * Evidence lists the records that satisfied it; missing names a few that did not.
 */
export function shareRule(options: {
  population: ScoringRecord[];
  ok: (r: ScoringRecord) => boolean;
  threshold: number;
  noun: string;
  what: string;
  describe: (r: ScoringRecord, ok: boolean) => string;
  empty: string;
  advice: string;
}): RuleOutcome {
  const { population, ok, threshold } = options;
  if (population.length === 0) return { met: false, summary: `no ${options.noun} in the window`, evidence: [], missing: [options.empty] };
  const good = population.filter(ok);
  const bad = population.filter((r) => !ok(r));
  const share = good.length / population.length;
  const met = share >= threshold;
  const summary = `${good.length} of ${population.length} ${options.noun} (${pct(share)}) ${options.what}; needs ${pct(threshold)}`;
  return {
    met,
    summary,
    evidence: good.slice(0, MAX_EVIDENCE).map((r) => evidence(r, options.describe(r, true))),
    missing: met ? [] : [`${options.advice} (${summary}). For example: ${bad.slice(0, 3).map((r) => `${label(r)} [${r.id}]: ${options.describe(r, false)}`).join('; ')}`],
  };
}

export function notMet(summary: string, missing: string): RuleOutcome {
  return { met: false, summary, evidence: [], missing: [missing] };
}

/** The record started inside the slice [from, to). */
export const inSlice = (r: Pick<ScoringRecord, 'startedAt'>, s: { from: Date; to: Date }) => {
  const t = r.startedAt.getTime();
  return t >= s.from.getTime() && t < s.to.getTime();
};
