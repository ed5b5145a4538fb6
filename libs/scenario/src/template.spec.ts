import { describe, expect, it } from '@jest/globals';
import { templateVariables } from './template.js';

describe('templateVariables', () => {
  it('lists the variables of plain mustaches, once each', () => {
    expect(templateVariables('{{service}} is down; {{db}} refuses {{service}}').variables).toEqual(['service', 'db']);
  });

  it('reads variables used as helper arguments, not the helper names', () => {
    expect(templateVariables('{{#if escalated}}Call {{secondary}}{{else}}Wait{{/if}}').variables).toEqual(['escalated', 'secondary']);
  });

  it('ignores names inside each/with blocks, which refer to the iterated item', () => {
    expect(templateVariables('{{#each teams}}{{name}}{{/each}}').variables).toEqual(['teams']);
  });

  it('takes the first segment of dotted paths', () => {
    expect(templateVariables('{{db.primary}}').variables).toEqual(['db']);
  });

  it('reports a syntax error instead of throwing', () => {
    const result = templateVariables('lag is {{lag');
    expect(result.error).toMatch(/line 1 of the text/);
    expect(templateVariables('{{#if x}}open').error).toMatch(/ends inside/);
  });

  it('treats text without mustaches as having no variables', () => {
    expect(templateVariables('Customers report failed payments.')).toEqual({ variables: [] });
  });
});
