import { documentTexts, positionOf } from './document-text.js';

describe(documentTexts.name, () => {
  it('returns a single-document file whole, comments included', () => {
    const text = '# owner: payments\nkind: Scenario\nmetadata: {name: a}\n';
    expect(documentTexts(text)).toEqual([text]);
  });

  it('splits a multi-document file so each document keeps the comments above it', () => {
    const first = '# first\nkind: Scenario\n';
    const second = '---\n# second\nkind: Tabletop\n';
    const third = '---\nkind: Schedule\n';
    expect(documentTexts(first + second + third)).toEqual([first, second, third]);
  });

  it('leaves empty documents out', () => {
    expect(documentTexts('---\n---\nkind: Scenario\n---\nkind: Tabletop\n')).toEqual(['---\n---\nkind: Scenario\n', '---\nkind: Tabletop\n']);
  });
});

describe(positionOf.name, () => {
  it('finds a field in the n-th document', () => {
    const text = 'metadata: {team: a}\n---\nkind: Tabletop\nmetadata:\n  team: b\n';
    expect(positionOf(text, 0, ['metadata', 'team'])).toEqual({ line: 1, column: 18 });
    expect(positionOf(text, 1, ['metadata', 'team'])).toEqual({ line: 5, column: 9 });
    expect(positionOf(text, 1, ['spec'])).toBeUndefined();
  });
});
