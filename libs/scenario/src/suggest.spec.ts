import { describe, expect, it } from '@jest/globals';
import { didYouMean, editDistance } from './suggest.js';

describe('didYouMean', () => {
  const fields = ['hypothesis', 'targets', 'steps', 'guardrails', 'response', 'roles', 'debrief'];

  it('suggests the closest field for a typo', () => {
    expect(didYouMean('gaurdrails', fields)).toBe('guardrails');
    expect(didYouMean('step', fields)).toBe('steps');
  });

  it('matches regardless of case', () => {
    expect(didYouMean('steadystate', ['steadyState', 'description'])).toBe('steadyState');
  });

  it('suggests nothing for an unrelated word', () => {
    expect(didYouMean('blastRadius', fields)).toBeUndefined();
  });

  it('computes the edit distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('abc', 'abc')).toBe(0);
  });
});
