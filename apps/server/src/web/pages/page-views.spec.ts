import { highlight, htmlBody, sectionForm, sectionsFromForm } from './debrief.view.js';
import { numberedLines } from './scenario.view.js';

describe('page views', () => {
  it('puts each parser error on its own line of the YAML', () => {
    const lines = numberedLines('a: 1\nb: soon\nc: 3\n', [
      { path: 'b', message: 'must be a duration', line: 2, column: 4 },
      { path: '(file)', message: 'somewhere' },
    ]);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toEqual({ n: 2, text: 'b: soon', bad: true, issues: [{ column: 4, path: 'b', message: 'must be a duration' }] });
    expect(lines.filter((l) => l.bad)).toHaveLength(1);
  });

  it('splits a blameless finding around the flagged words', () => {
    expect(
      highlight({
        field: 'summary',
        sentence: 'Then Bob forgot to restart it.',
        phrase: 'Bob forgot to',
        rule: 'person-blame-verb',
        suggestion: 's',
      }),
    ).toEqual({ before: 'Then ', phrase: 'Bob forgot to', after: ' restart it.' });
  });

  it('attaches findings of list items to their field and turns the form back into sections', () => {
    const fields = sectionForm({ rootCause: { description: 'x', fiveWhys: ['a', 'b'] } }, [
      { field: 'rootCause.fiveWhys[1]', sentence: 'b', phrase: 'b', rule: 'hindsight', suggestion: 's' },
    ]);
    const whys = fields.find((f) => f.name === 'rootCause.fiveWhys')!;
    expect(whys.text).toBe('a\nb');
    expect(whys.findings).toHaveLength(1);
    const values: Record<string, string> = { summary: 'S', 'rootCause.fiveWhys': 'one\n\n two \n', wentWell: '' };
    expect(sectionsFromForm((n) => values[n])).toMatchObject({
      summary: 'S',
      rootCause: { description: '', fiveWhys: ['one', 'two'] },
      wentWell: [],
    });
  });

  it('keeps only the body of the rendered postmortem document', () => {
    expect(htmlBody('<!doctype html><html><head><title>t</title></head><body>\n<h1>Hi</h1></body></html>')).toBe('\n<h1>Hi</h1>');
  });
});
