import { describe, expect, it } from '@jest/globals';
import { maxSelected, selectTargets } from './select-targets.js';

/** Deterministic [0, 1) sequence so selections are reproducible. */
function seeded(seed = 42): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pods = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8', 'p9', 'p10'];

describe('selectTargets', () => {
  it('one: picks a single candidate', () => {
    const picked = selectTargets(pods, 'one', undefined, seeded());
    expect(picked).toHaveLength(1);
    expect(pods).toContain(picked[0]);
  });

  it('all: returns every candidate', () => {
    expect(selectTargets(pods, 'all')).toEqual(pods);
  });

  it('fixed: picks N distinct candidates, at most all of them', () => {
    const picked = selectTargets(pods, 'fixed', 3, seeded());
    expect(new Set(picked).size).toBe(3);
    expect(selectTargets(pods, 'fixed', 50, seeded())).toHaveLength(10);
  });

  it('fixed-percent: rounds down', () => {
    expect(selectTargets(pods, 'fixed-percent', 50, seeded())).toHaveLength(5);
    expect(selectTargets(pods, 'fixed-percent', 19, seeded())).toHaveLength(1);
    expect(selectTargets(['only'], 'fixed-percent', 50, seeded())).toHaveLength(0);
  });

  it('random-max-percent: never more than the percentage', () => {
    const random = seeded(7);
    const sizes = Array.from({ length: 200 }, () => selectTargets(pods, 'random-max-percent', 30, random).length);
    expect(Math.max(...sizes)).toBe(3);
    expect(Math.min(...sizes)).toBe(0);
  });

  it('is reproducible with the same random source and spreads over candidates', () => {
    expect(selectTargets(pods, 'fixed', 4, seeded(1))).toEqual(selectTargets(pods, 'fixed', 4, seeded(1)));
    const random = seeded(3);
    const hits = new Set(Array.from({ length: 100 }, () => selectTargets(pods, 'one', undefined, random)[0]));
    expect(hits.size).toBe(10);
  });

  it('does not modify the candidates', () => {
    const copy = [...pods];
    selectTargets(copy, 'fixed', 5, seeded());
    expect(copy).toEqual(pods);
  });

  it('selects nothing from no candidates', () => {
    expect(selectTargets([], 'one')).toEqual([]);
  });
});

describe('maxSelected', () => {
  it.each([
    ['one', undefined, 1],
    ['all', undefined, 10],
    ['fixed', 4, 4],
    ['fixed-percent', 50, 5],
    ['random-max-percent', 35, 3],
  ] as const)('%s %s of 10 → %d', (mode, value, expected) => {
    expect(maxSelected(10, mode, value)).toBe(expected);
  });
});
