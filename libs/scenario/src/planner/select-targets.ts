import type { SelectionMode } from '../types.js';

/**
 * How many of `count` candidates a mode selects at most. Used for the blast
 * radius before anything runs (random-max-percent may pick fewer).
 */
export function maxSelected(count: number, mode: SelectionMode, value?: number): number {
  switch (mode) {
    case 'one':
      return Math.min(1, count);
    case 'all':
      return count;
    case 'fixed':
      return Math.min(count, Math.max(0, Math.floor(value ?? 0)));
    case 'fixed-percent':
    case 'random-max-percent':
      return Math.floor((count * clampPercent(value)) / 100);
  }
}

/**
 * Picks the targets of one fault from the candidates a selector matched, the
 * way Chaos Mesh does: `one` one at random, `all` every one, `fixed` N at
 * random, `fixed-percent` floor(N × p / 100) at random, `random-max-percent` a
 * random whole percentage from 0 to p, then that share. Pure: randomness comes
 * from `random` (values in [0, 1)), so callers can seed it. Never mutates
 * `candidates`.
 */
export function selectTargets<T>(candidates: readonly T[], mode: SelectionMode, value?: number, random: () => number = Math.random): T[] {
  let count: number;
  if (mode === 'random-max-percent') {
    const percent = Math.floor(random() * (Math.floor(clampPercent(value)) + 1));
    count = Math.floor((candidates.length * percent) / 100);
  } else {
    count = maxSelected(candidates.length, mode, value);
  }
  if (count >= candidates.length) return [...candidates];
  const pool = [...candidates];
  // Partial Fisher–Yates: the first `count` slots end up a uniform random sample.
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, count);
}

function clampPercent(value: number | undefined): number {
  return Math.min(100, Math.max(0, value ?? 0));
}
