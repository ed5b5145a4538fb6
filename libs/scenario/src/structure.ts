import { isAlias, isMap, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';
import { childPath } from './path.js';
import { definitions } from './schema/language.js';
import type { ArrayShape, MapShape, ObjectShape, Shape } from './schema/shape.js';
import { didYouMean, quoteList } from './suggest.js';

/** Marks a value that failed validation; it is left out of the cleaned document. */
export const INVALID: unique symbol = Symbol('invalid');
type Clean = unknown | typeof INVALID;

export interface StructureIssue {
  path: string;
  message: string;
  offset: number;
}

/**
 * Walks one YAML document along a shape, collecting every structural problem
 * with its source offset, the offset of every valid path (for later semantic
 * messages) and a cleaned plain value with invalid fields left out.
 */
export class StructureWalker {
  readonly issues: StructureIssue[] = [];
  /** Path -> offset of the key (in a mapping) or the item (in a list). */
  readonly offsets = new Map<string, number>();

  constructor(private readonly doc: Document) {}

  walk(node: unknown, shape: Shape, path: string, at: number): Clean {
    const resolved = this.resolve(node, path, at);
    if (resolved === INVALID) return INVALID;
    const target = resolved;
    const offset = startOf(target) ?? at;
    switch (shape.type) {
      case 'ref':
        return this.walk(target, definitions[shape.ref]!, path, at);
      case 'string': {
        const value = this.scalarValue(target);
        if (typeof value !== 'string') return this.fail(path, pick(target, offset, at), `expected ${describeExpected(shape)}, got ${describe(target)}`);
        if (shape.const !== undefined && value !== shape.const)
          return this.fail(path, offset, `must be "${shape.const}", got "${value}"`);
        if (shape.enum && !shape.enum.includes(value)) {
          const hint = didYouMean(value, shape.enum);
          return this.fail(path, offset, `must be one of ${quoteList(shape.enum)}, got "${value}"${hint ? `; did you mean "${hint}"?` : ''}`);
        }
        if (shape.minLength !== undefined && value.length < shape.minLength) return this.fail(path, pick(target, offset, at), 'must not be empty');
        if (shape.maxLength !== undefined && value.length > shape.maxLength)
          return this.fail(path, offset, `must be at most ${shape.maxLength} characters long`);
        if (shape.pattern !== undefined && !patternOf(shape.pattern).test(value))
          return this.fail(path, offset, `must be ${shape.patternHint ?? `text matching ${shape.pattern}`}, got "${truncate(value)}"`);
        return value;
      }
      case 'number':
      case 'integer': {
        const value = this.scalarValue(target);
        if (typeof value !== 'number' || !Number.isFinite(value))
          return this.fail(path, pick(target, offset, at), `expected ${shape.type === 'integer' ? 'a whole number' : 'a number'}, got ${describe(target)}`);
        if (shape.type === 'integer' && !Number.isInteger(value)) return this.fail(path, offset, `must be a whole number, got ${value}`);
        if (shape.minimum !== undefined && value < shape.minimum) return this.fail(path, offset, `must be at least ${shape.minimum}, got ${value}`);
        if (shape.maximum !== undefined && value > shape.maximum) return this.fail(path, offset, `must be at most ${shape.maximum}, got ${value}`);
        return value;
      }
      case 'boolean': {
        const value = this.scalarValue(target);
        if (typeof value !== 'boolean') return this.fail(path, pick(target, offset, at), `expected true or false, got ${describe(target)}`);
        return value;
      }
      case 'scalar': {
        const value = this.scalarValue(target);
        if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
          return this.fail(path, pick(target, offset, at), `expected a string, number or boolean, got ${describe(target)}`);
        return String(value);
      }
      case 'object':
        return this.walkObject(target, shape, path, at);
      case 'map':
        return this.walkMap(target, shape, path, at);
      case 'array':
        return this.walkArray(target, shape, path, at);
    }
  }

  private walkObject(node: unknown, shape: ObjectShape, path: string, at: number): Clean {
    if (!isMap(node)) return this.fail(path, pick(node, startOf(node) ?? at, at), `expected a mapping, got ${describe(node)}`);
    const out: Record<string, unknown> = {};
    const present = new Map<string, number>();
    for (const pair of node.items as Pair[]) {
      const key = this.keyOf(pair, path);
      if (key === undefined) continue;
      const keyOffset = startOf(pair.key) ?? at;
      const fieldPath = childPath(path, key);
      const fieldShape = shape.properties[key];
      if (!fieldShape) {
        const hint = didYouMean(key, Object.keys(shape.properties));
        this.fail(fieldPath, keyOffset, `unknown field "${key}"${hint ? `; did you mean "${hint}"?` : ''}`);
        continue;
      }
      present.set(key, keyOffset);
      this.offsets.set(fieldPath, keyOffset);
      const value = this.walk(pair.value ?? null, fieldShape, fieldPath, keyOffset);
      if (value !== INVALID) out[key] = value;
    }
    const objectOffset = startOf(node) ?? at;
    for (const key of shape.required ?? []) {
      if (!present.has(key)) this.fail(childPath(path, key), at, 'required field is missing');
    }
    if (shape.exactlyOneOf) {
      const { keys, label } = shape.exactlyOneOf;
      const found = keys.filter((k) => present.has(k));
      if (found.length === 0) this.fail(path || '(document)', at, `needs one ${label}: one of ${quoteList(keys)}`);
      if (found.length > 1) {
        const second = found[1]!;
        this.fail(childPath(path, second), present.get(second)!, `only one ${label} is allowed, found ${quoteList(found)}`);
      }
    }
    for (const [key, deps] of Object.entries(shape.dependentRequired ?? {})) {
      if (!present.has(key)) continue;
      for (const dep of deps) {
        if (!present.has(dep)) this.fail(childPath(path, dep), present.get(key)!, `required field is missing (needed with ${key})`);
      }
    }
    for (const [key, anyOf] of Object.entries(shape.dependentAnyOf ?? {})) {
      if (!present.has(key) || anyOf.some((k) => present.has(k))) continue;
      this.fail(path || '(document)', present.get(key)!, `needs at least one of ${quoteList(anyOf)} with ${key}`);
    }
    if (shape.minProperties !== undefined && node.items.length < shape.minProperties) this.fail(path, objectOffset, 'must not be empty');
    return out;
  }

  private walkMap(node: unknown, shape: MapShape, path: string, at: number): Clean {
    if (!isMap(node)) return this.fail(path, pick(node, startOf(node) ?? at, at), `expected a mapping, got ${describe(node)}`);
    const out: Record<string, unknown> = {};
    for (const pair of node.items as Pair[]) {
      const key = this.keyOf(pair, path);
      if (key === undefined) continue;
      const keyOffset = startOf(pair.key) ?? at;
      const fieldPath = childPath(path, key);
      if (shape.keyPattern !== undefined && !patternOf(shape.keyPattern).test(key)) {
        this.fail(fieldPath, keyOffset, `key "${truncate(key)}" must be ${shape.keyHint ?? `text matching ${shape.keyPattern}`}`);
        continue;
      }
      this.offsets.set(fieldPath, keyOffset);
      const value = this.walk(pair.value ?? null, shape.values, fieldPath, keyOffset);
      if (value !== INVALID) out[key] = value;
    }
    if (shape.minProperties !== undefined && node.items.length < shape.minProperties)
      this.fail(path, startOf(node) ?? at, `must have at least ${shape.minProperties} ${shape.minProperties === 1 ? 'entry' : 'entries'}`);
    return out;
  }

  private walkArray(node: unknown, shape: ArrayShape, path: string, at: number): Clean {
    if (!isSeq(node)) return this.fail(path, pick(node, startOf(node) ?? at, at), `expected a list, got ${describe(node)}`);
    const out: unknown[] = [];
    const seen = new Map<string, number>();
    node.items.forEach((item, index) => {
      const itemPath = childPath(path, index);
      const itemOffset = startOf(item) ?? at;
      this.offsets.set(itemPath, itemOffset);
      const value = this.walk(item, shape.items, itemPath, itemOffset);
      out.push(value === INVALID ? undefined : value);
      if (shape.uniqueItems && value !== INVALID) {
        const key = JSON.stringify(value);
        const first = seen.get(key);
        if (first !== undefined) this.fail(itemPath, itemOffset, `duplicate of ${childPath(path, first)}`);
        else seen.set(key, index);
      }
    });
    if (shape.minItems !== undefined && node.items.length < shape.minItems)
      this.fail(path, pick(node, startOf(node) ?? at, at), `must have at least ${shape.minItems} ${shape.minItems === 1 ? 'item' : 'items'}`);
    if (shape.maxItems !== undefined && node.items.length > shape.maxItems) this.fail(path, startOf(node) ?? at, `must have at most ${shape.maxItems} items`);
    return out;
  }

  private keyOf(pair: Pair, path: string): string | undefined {
    const key = isScalar(pair.key) ? pair.key.value : undefined;
    if (typeof key === 'string') return key;
    if (typeof key === 'number' || typeof key === 'boolean') {
      // YAML reads `1:` or `true:` as non-string keys; field names are always text.
      return String(key);
    }
    this.fail(path || '(document)', startOf(pair.key) ?? 0, 'keys must be plain text');
    return undefined;
  }

  private resolve(node: unknown, path: string, at: number): unknown | typeof INVALID {
    if (!isAlias(node)) return node;
    const target = node.resolve(this.doc);
    if (!target) return this.fail(path, startOf(node) ?? at, `unknown alias *${node.source}`);
    return target;
  }

  private scalarValue(node: unknown): unknown {
    return isScalar(node) ? node.value : INVALID;
  }

  private fail(path: string, offset: number, message: string): typeof INVALID {
    this.issues.push({ path: path || '(document)', message, offset });
    return INVALID;
  }
}

const patterns = new Map<string, RegExp>();
function patternOf(source: string): RegExp {
  let re = patterns.get(source);
  if (!re) {
    re = new RegExp(source, 'u');
    patterns.set(source, re);
  }
  return re;
}

function startOf(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}

/** Empty values (`key:` with nothing after) have no useful position of their own: point at the key. */
function pick(node: unknown, own: number, fallback: number): number {
  if (node === null || node === undefined) return fallback;
  if (isScalar(node) && node.value === null) {
    const range = node.range;
    if (!range || range[0] === range[1]) return fallback;
  }
  return own;
}

function describeExpected(shape: { enum?: readonly string[]; const?: string; patternHint?: string }): string {
  if (shape.const !== undefined) return `"${shape.const}"`;
  if (shape.enum) return `one of ${quoteList(shape.enum)}`;
  if (shape.patternHint) return shape.patternHint;
  return 'a string';
}

export function describe(node: unknown): string {
  if (node === null || node === undefined) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const v = node.value;
    if (v === null) return 'nothing';
    if (typeof v === 'string') return `the string "${truncate(v)}"`;
    if (typeof v === 'number') return `the number ${v}`;
    if (typeof v === 'boolean') return `the boolean ${v}`;
    return 'an unsupported value';
  }
  return 'an unsupported value';
}

function truncate(s: string, max = 60): string {
  const oneLine = s.replace(/\s+/g, ' ');
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}
