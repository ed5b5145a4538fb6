import type { BlamelessFindingDto } from '#contracts';

/** The postmortem sections a person edits, in reading order; list fields are one item per line. */
export const SECTION_FIELDS = [
  { name: 'summary', heading: 'Summary', list: false, rows: 3 },
  { name: 'impact', heading: 'Impact', list: false, rows: 3 },
  { name: 'rootCause.description', heading: 'Root cause', list: false, rows: 3 },
  { name: 'rootCause.fiveWhys', heading: 'Five whys (one per line)', list: true, rows: 5 },
  { name: 'contributingFactors', heading: 'Contributing factors (one per line)', list: true, rows: 3 },
  { name: 'wentWell', heading: 'What went well (one per line)', list: true, rows: 3 },
  { name: 'wentWrong', heading: 'What went wrong (one per line)', list: true, rows: 3 },
  { name: 'gotLucky', heading: 'Where we got lucky (one per line)', list: true, rows: 2 },
  { name: 'lessonsLearned', heading: 'Lessons learned (one per line)', list: true, rows: 3 },
] as const;

type Sections = Record<string, unknown>;

const read = (sections: Sections, path: string): unknown =>
  path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), sections);

/** A finding's sentence split around the flagged words, so the page can highlight them (each part still escaped by the view). */
export function highlight(f: BlamelessFindingDto) {
  const i = f.sentence.toLowerCase().indexOf(f.phrase.toLowerCase());
  if (i < 0) return { before: f.sentence, phrase: '', after: '' };
  return { before: f.sentence.slice(0, i), phrase: f.sentence.slice(i, i + f.phrase.length), after: f.sentence.slice(i + f.phrase.length) };
}

/** Each editable field with its current text and the blameless findings raised on it (`rootCause.fiveWhys[2]` belongs to `rootCause.fiveWhys`). */
export function sectionForm(sections: Sections, findings: BlamelessFindingDto[]) {
  return SECTION_FIELDS.map((f) => {
    const value = read(sections, f.name);
    const text = f.list ? (Array.isArray(value) ? value.join('\n') : '') : typeof value === 'string' ? value : '';
    const mine = findings.filter((x) => x.field === f.name || x.field.startsWith(`${f.name}[`));
    return {
      ...f,
      id: `sec-${f.name.replace('.', '-')}`,
      text,
      findings: mine.map((x) => ({ ...highlight(x), suggestion: x.suggestion, rule: x.rule })),
    };
  });
}

/** The form back into the API's edit shape: lists split on lines, blanks dropped. */
export function sectionsFromForm(field: (name: string) => string | undefined) {
  const lines = (name: string) =>
    (field(name) ?? '')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean);
  return {
    summary: field('summary') ?? '',
    impact: field('impact') ?? '',
    rootCause: { description: field('rootCause.description') ?? '', fiveWhys: lines('rootCause.fiveWhys') },
    contributingFactors: lines('contributingFactors'),
    wentWell: lines('wentWell'),
    wentWrong: lines('wentWrong'),
    gotLucky: lines('gotLucky'),
    lessonsLearned: lines('lessonsLearned'),
  };
}

/** The body of the API's HTML document (already escaped by the debrief renderer). */
export function htmlBody(document: string): string {
  const start = document.indexOf('<body>');
  const end = document.lastIndexOf('</body>');
  return start >= 0 && end > start ? document.slice(start + '<body>'.length, end) : '';
}
