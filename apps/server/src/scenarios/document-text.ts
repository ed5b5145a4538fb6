import { isScalar, LineCounter, parseAllDocuments, type Document } from 'yaml';

/**
 * The source text of each non-empty document of a (valid) multi-document
 * file, in file order, so each document is versioned on its own text: editing
 * one document of a file does not make a new version of its neighbours.
 * Comments before a document belong to it; a single-document file is returned whole.
 */
export function documentTexts(text: string): string[] {
  const docs = Array.from(parseAllDocuments(text) as Iterable<Document>);
  const nonEmpty = docs.filter((d) => !isEmpty(d));
  if (nonEmpty.length <= 1) return [text];
  const out: string[] = [];
  let start = 0;
  docs.forEach((doc, i) => {
    const end = i === docs.length - 1 ? text.length : (doc.range?.[2] ?? text.length);
    if (!isEmpty(doc)) {
      out.push(text.slice(start, end));
      start = end;
    }
  });
  return out;
}

/** Line and column (1-based) of the value at `path` in the `index`-th non-empty document, if it is there. */
export function positionOf(text: string, index: number, path: readonly string[]): { line: number; column: number } | undefined {
  const lineCounter = new LineCounter();
  const docs = Array.from(parseAllDocuments(text, { lineCounter }) as Iterable<Document>).filter((d) => !isEmpty(d));
  const node = docs[index]?.getIn(path, true) as { range?: number[] } | undefined;
  const offset = node?.range?.[0];
  if (offset === undefined) return undefined;
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

function isEmpty(doc: Document): boolean {
  const contents = doc.contents;
  return contents === null || (isScalar(contents) && contents.value === null && !contents.tag);
}
