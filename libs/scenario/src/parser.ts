import type { FieldIssue } from '#contracts';
import { isAlias, isMap, isPair, isScalar, isSeq, Lexer, LineCounter, parseAllDocuments, type Document } from 'yaml';
import { kindShapes } from './schema/language.js';
import { checkScenario, checkSchedule, checkTabletop, type Loose } from './semantics.js';
import { INVALID, StructureWalker } from './structure.js';
import { ScenarioInvalidError } from './errors.js';
import { didYouMean } from './suggest.js';
import { API_VERSION, DOCUMENT_KINDS, type DocumentKind, type Scenario, type ScenarioDocument, type Schedule, type Tabletop } from './types.js';

export interface ParseLimits {
  /** Largest accepted file, in bytes. */
  maxBytes: number;
  /** Deepest nesting of mappings and lists. */
  maxDepth: number;
  /** Most nodes a document may have once every alias is expanded (stops YAML bombs). */
  maxNodes: number;
}

export const DEFAULT_LIMITS: ParseLimits = { maxBytes: 1024 * 1024, maxDepth: 64, maxNodes: 100_000 };

export interface ParseOptions {
  /** Name used in error positions; default `<input>`. */
  file?: string;
  limits?: Partial<ParseLimits>;
}

export interface ParseResult {
  /** Documents without any error, in file order. */
  documents: ScenarioDocument[];
  /** Every problem found, ordered by position. Empty when the file is valid. */
  errors: FieldIssue[];
  /** Where each returned document's `metadata.name` is, aligned with `documents`. */
  locations: { line: number; column: number }[];
}

/**
 * Parses a file holding one or more scenario, tabletop or schedule documents.
 * Never throws on bad input: every problem comes back in `errors` with its
 * line and column.
 */
export function parseScenarioFile(text: string, options: ParseOptions = {}): ParseResult {
  const file = options.file ?? '<input>';
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const errors: FieldIssue[] = [];
  const fileIssue = (message: string, line = 1, column = 1): ParseResult => ({
    documents: [],
    locations: [],
    errors: [{ file, line, column, path: '(file)', message }],
  });

  if (typeof text !== 'string') return fileIssue('expected text');
  if (text.length > limits.maxBytes || Buffer.byteLength(text, 'utf8') > limits.maxBytes)
    return fileIssue(`file is ${formatBytes(Buffer.byteLength(text, 'utf8'))}, more than the ${formatBytes(limits.maxBytes)} limit`);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const controlAt = firstForbiddenChar(text);
  if (controlAt !== -1) {
    const { line, column } = lineColumn(text, controlAt);
    const code = text.charCodeAt(controlAt).toString(16).toUpperCase().padStart(4, '0');
    return fileIssue(
      code === 'FFFD' ? 'is not valid UTF-8 text; is this a binary file?' : `contains the control character U+${code}; is this a binary file?`,
      line,
      column,
    );
  }
  if (text.trim() === '') return fileIssue('file is empty: expected at least one document with apiVersion, kind, metadata and spec');
  const flowDepth = maxFlowDepth(text, limits.maxDepth);
  if (flowDepth.depth > limits.maxDepth) {
    const { line, column } = lineColumn(text, flowDepth.offset);
    return fileIssue(`nesting is deeper than ${limits.maxDepth} levels`, line, column);
  }

  const lineCounter = new LineCounter();
  const docs = Array.from(parseAllDocuments(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true }) as Iterable<Document>);
  const position = (offset: number): { line: number; column: number } => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const documents: ScenarioDocument[] = [];
  const locations: { line: number; column: number }[] = [];
  const names = new Map<string, number>();
  let nonEmpty = 0;

  for (const doc of docs) {
    if (doc.errors.length) {
      for (const error of doc.errors) {
        errors.push({ file, ...position(error.pos[0]), path: '(yaml)', message: yamlMessage(error.code, error.message, text, error.pos) });
      }
      continue;
    }
    const contents = doc.contents;
    if (contents === null || (isScalar(contents) && contents.value === null && !contents.tag)) continue;
    nonEmpty++;
    const docStart = contents.range?.[0] ?? 0;

    const size = expandedSize(doc, contents, limits);
    if (size.problem) {
      errors.push({ file, ...position(size.offset ?? docStart), path: '(document)', message: size.problem });
      continue;
    }

    const walker = new StructureWalker(doc);
    const issuesBefore = errors.length;
    const report = (path: string, message: string, offset: number): void => {
      errors.push({ file, ...position(offset), path, message });
    };

    if (!isMap(contents)) {
      report('(document)', `expected a mapping with apiVersion, kind, metadata and spec, got ${isSeq(contents) ? 'a list' : 'a single value'}`, docStart);
      continue;
    }
    const kindPair = contents.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === 'kind');
    const kindNode = kindPair?.value;
    const kindValue = isScalar(kindNode) ? kindNode.value : undefined;
    let kind: DocumentKind | undefined;
    if (!kindPair) {
      report('kind', `required field is missing: one of ${DOCUMENT_KINDS.join(', ')}`, docStart);
    } else if (typeof kindValue === 'string' && (DOCUMENT_KINDS as readonly string[]).includes(kindValue)) {
      kind = kindValue as DocumentKind;
    } else {
      const hint = typeof kindValue === 'string' ? didYouMean(kindValue, DOCUMENT_KINDS) : undefined;
      const got = typeof kindValue === 'string' ? `"${kindValue}"` : 'something else';
      report('kind', `must be one of ${DOCUMENT_KINDS.join(', ')}, got ${got}${hint ? `; did you mean "${hint}"?` : ''}`, offsetOfNode(kindNode) ?? offsetOfNode(kindPair.key) ?? docStart);
    }
    if (!kind) {
      const apiVersion = contents.items.find((p) => isScalar(p.key) && p.key.value === 'apiVersion');
      if (apiVersion) walker.walk(apiVersion.value, { type: 'string', const: API_VERSION }, 'apiVersion', docStart);
      for (const issue of walker.issues) report(issue.path, issue.message, issue.offset);
      continue;
    }

    const value = walker.walk(contents, kindShapes[kind], '', docStart);
    for (const issue of walker.issues) report(issue.path, issue.message, issue.offset);
    if (value === INVALID) continue;
    const offsetOf = (path: string): number => {
      for (let p: string | undefined = path; p !== undefined; p = parentPathOf(p)) {
        const offset = walker.offsets.get(p);
        if (offset !== undefined) return offset;
        if (p === '') break;
      }
      return docStart;
    };
    // A field that already failed the structural walk is not reported again by a semantic rule.
    const structural = new Set(walker.issues.map((i) => i.path));
    const semantic = (path: string, message: string): void => {
      if (!structural.has(path)) report(path, message, offsetOf(path));
    };
    if (kind === 'Scenario') checkScenario(value as Loose<Scenario>, semantic);
    else if (kind === 'Tabletop') checkTabletop(value as Loose<Tabletop>, semantic);
    else checkSchedule(value as Loose<Schedule>, semantic);

    const name = (value as { metadata?: { name?: unknown } }).metadata?.name;
    if (typeof name === 'string') {
      const key = `${kind}/${name}`;
      if (names.has(key)) {
        semantic('metadata.name', `duplicate ${kind} name "${name}"; the first is on line ${names.get(key)}`);
      } else {
        names.set(key, position(offsetOf('metadata.name')).line);
      }
    }
    if (errors.length === issuesBefore) {
      documents.push(value as ScenarioDocument);
      locations.push(position(offsetOf('metadata.name')));
    }
  }

  if (nonEmpty === 0 && errors.length === 0) {
    return fileIssue('file is empty: expected at least one document with apiVersion, kind, metadata and spec');
  }
  errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  return { documents, errors, locations };
}

function offsetOfNode(node: unknown): number | undefined {
  return (node as { range?: number[] } | null | undefined)?.range?.[0];
}

function parentPathOf(path: string): string | undefined {
  if (path === '') return undefined;
  const m = /^(.*?)(?:\.[A-Za-z0-9_-]+|\[(?:[0-9]+|"(?:[^"\\]|\\.)*")\])$/.exec(path);
  return m ? m[1] : '';
}

/** Node count with every alias expanded, and nesting depth, computed without expanding anything. */
function expandedSize(doc: Document, root: unknown, limits: ParseLimits): { problem?: string; offset?: number } {
  const memo = new Map<unknown, number>();
  const active = new Set<unknown>();
  let problem: string | undefined;
  let problemOffset: number | undefined;
  const visit = (node: unknown, depth: number): number => {
    if (problem) return 0;
    if (depth > limits.maxDepth) {
      problem = `nesting is deeper than ${limits.maxDepth} levels`;
      problemOffset = (node as { range?: number[] })?.range?.[0];
      return 0;
    }
    let target = node;
    if (isAlias(node)) {
      target = node.resolve(doc);
      if (!target) return 1;
    }
    const cached = memo.get(target);
    if (cached !== undefined) return cached;
    if (active.has(target)) {
      problem = 'an alias refers to the node that contains it';
      problemOffset = (node as { range?: number[] })?.range?.[0];
      return 0;
    }
    active.add(target);
    let size = 1;
    if (isMap(target)) {
      for (const pair of target.items) size += visit(pair.key, depth + 1) + visit(pair.value, depth + 1);
    } else if (isSeq(target)) {
      for (const item of target.items) size += visit(item, depth + 1);
    }
    active.delete(target);
    size = Math.min(size, limits.maxNodes + 1);
    memo.set(target, size);
    return size;
  };
  const total = visit(root, 0);
  if (problem) return { problem, offset: problemOffset };
  if (total > limits.maxNodes)
    return { problem: `document expands to more than ${limits.maxNodes} nodes through aliases; refusing it (YAML bomb?)` };
  return {};
}

/** Deepest `[`/`{` nesting. Cheap count first; the exact token scan only for files with many brackets. */
function maxFlowDepth(text: string, limit: number): { depth: number; offset: number } {
  let opens = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) opens++;
  }
  if (opens <= limit) return { depth: opens, offset: 0 };
  let depth = 0;
  let max = 0;
  let offset = 0;
  let where = 0;
  for (const token of new Lexer().lex(text)) {
    if (token === '[' || token === '{') {
      depth++;
      if (depth > max) {
        max = depth;
        where = offset;
      }
      if (max > limit) break;
    } else if (token === ']' || token === '}') {
      depth = Math.max(0, depth - 1);
    }
    if (!LEXER_CONTROL.has(token)) offset += token.length;
  }
  return { depth: max, offset: where };
}

// Tokens the lexer emits that are not source text.
const LEXER_CONTROL = new Set(['\u0002', '\u0018', '\u001f', '\ufeff']);

function yamlMessage(code: string, message: string, text: string, pos: [number, number]): string {
  switch (code) {
    case 'DUPLICATE_KEY': {
      const key = /^(?:"[^"\n]*"|'[^'\n]*'|[^:\n]+)/.exec(text.slice(pos[0], pos[0] + 200))?.[0].trim().replace(/^["']|["']$/g, '');
      return key ? `duplicate key "${key}"` : 'duplicate key';
    }
    case 'TAB_AS_INDENT':
      return 'tabs are not allowed for indentation in YAML; use spaces';
    default: {
      const first = message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, '');
      return first.charAt(0).toLowerCase() + first.slice(1);
    }
  }
}

/** Index of the first C0 control (other than tab, LF, CR), DEL, or U+FFFD left by invalid UTF-8; -1 if none. */
function firstForbiddenChar(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f || c === 0xfffd) return i;
  }
  return -1;
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    last = i;
  }
  return { line, column: offset - last };
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}


/** Every problem in the file; an empty list means it is valid. */
export function validateScenarioText(text: string, options: ParseOptions = {}): FieldIssue[] {
  return parseScenarioFile(text, options).errors;
}

/** The documents of a valid file; throws ScenarioInvalidError listing every problem otherwise. */
export function loadScenarioText(text: string, options: ParseOptions = {}): ScenarioDocument[] {
  const { documents, errors } = parseScenarioFile(text, options);
  if (errors.length) throw new ScenarioInvalidError(errors, options.file);
  return documents;
}
