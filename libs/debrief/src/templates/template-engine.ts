import Handlebars from 'handlebars';
import { Marked, type Tokens } from 'marked';
import { DomainError, ErrorCodes, type FieldIssue } from '#contracts';
import { CONTEXT_SHAPE, type PostmortemContext, type Shape } from './template-context.js';

export const TEMPLATE_INVALID = ErrorCodes.templateInvalid;

/** A template that does not compile or uses variables the draft does not have. */
export class TemplateInvalidError extends DomainError {
  constructor(message: string, readonly errors: FieldIssue[]) {
    super(TEMPLATE_INVALID, message, { errors });
  }
}

const HELPERS: Record<string, (...args: any[]) => unknown> = {
  eq: (a: unknown, b: unknown) => a === b,
  or: (...args: unknown[]) => args.slice(0, -1).find(Boolean) ?? args[args.length - 2],
  default: (value: unknown, fallback: unknown) => (value === null || value === undefined || value === '' ? fallback : value),
  upper: (value: unknown) => String(value ?? '').toUpperCase(),
  join: (values: unknown, separator: unknown) => (Array.isArray(values) ? values.join(typeof separator === 'string' ? separator : ', ') : ''),
};
const BUILTIN_BLOCKS = new Set(['if', 'unless', 'each', 'with']);
const RUNTIME = { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false } as const;

interface Loc {
  start: { line: number; column: number };
}
interface Node {
  type: string;
  loc?: Loc;
  [key: string]: any;
}
interface Scope {
  shape: Shape;
  blockParams: Record<string, Shape>;
}

/**
 * Renders postmortem templates with an isolated Handlebars instance: its own
 * helpers, no prototype access, strict mode (a missing variable is an error),
 * and a static check of every variable against the draft's context shape.
 */
export class PostmortemTemplateEngine {
  private readonly hbs = Handlebars.create();
  private readonly cache = new Map<string, Handlebars.TemplateDelegate>();

  constructor() {
    for (const [name, fn] of Object.entries(HELPERS)) this.hbs.registerHelper(name, fn);
  }

  /** Throws TemplateInvalidError naming the line of a syntax error or every unknown variable. */
  validate(source: string): void {
    let ast: Node;
    try {
      ast = this.hbs.parse(source) as unknown as Node;
    } catch (error) {
      throw new TemplateInvalidError(`The template does not compile: ${firstLine((error as Error).message)}`, [syntaxIssue(error as Error)]);
    }
    const unknown: FieldIssue[] = [];
    walkProgram(ast, [{ shape: CONTEXT_SHAPE, blockParams: {} }], unknown);
    if (unknown.length > 0) {
      const names = [...new Set(unknown.map((u) => u.message.match(/'([^']+)'/)?.[1]))].join(', ');
      throw new TemplateInvalidError(`The template uses unknown variables: ${names}`, unknown);
    }
    try {
      this.hbs.precompile(source, { strict: true });
    } catch (error) {
      throw new TemplateInvalidError(`The template does not compile: ${firstLine((error as Error).message)}`, [syntaxIssue(error as Error)]);
    }
  }

  /** Markdown from a template (validated on first use, then cached). */
  render(source: string, context: PostmortemContext): string {
    let template = this.cache.get(source);
    if (!template) {
      this.validate(source);
      template = this.hbs.compile(source, { strict: true, noEscape: true });
      if (this.cache.size > 100) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(source, template);
    }
    return template(context, RUNTIME);
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0]!;
}

function syntaxIssue(error: Error): FieldIssue {
  const m = error.message;
  const line = m.match(/on line (\d+)/)?.[1] ?? m.match(/ - (\d+):(\d+)\s*$/)?.[1];
  const column = m.match(/ - \d+:(\d+)\s*$/)?.[1];
  return { path: 'source', message: m.replace(/\n/g, ' '), ...(line ? { line: Number(line) } : {}), ...(column ? { column: Number(column) } : {}) };
}

const issueAt = (node: Node, message: string): FieldIssue => ({
  path: 'source',
  message,
  ...(node.loc ? { line: node.loc.start.line, column: node.loc.start.column } : {}),
});

function walkProgram(program: Node | null | undefined, scopes: Scope[], out: FieldIssue[]): void {
  for (const node of program?.body ?? []) walkStatement(node, scopes, out);
}

function walkStatement(node: Node, scopes: Scope[], out: FieldIssue[]): void {
  switch (node.type) {
    case 'MustacheStatement':
      walkCall(node, scopes, out);
      return;
    case 'BlockStatement':
      walkBlock(node, scopes, out);
      return;
    case 'PartialStatement':
    case 'PartialBlockStatement':
      out.push(issueAt(node, `partials are not available in postmortem templates ('${node.name?.original ?? '?'}')`));
      return;
    case 'DecoratorBlock':
    case 'Decorator':
      out.push(issueAt(node, 'decorators are not available in postmortem templates'));
      return;
    default:
      return;
  }
}

/** A mustache or sub-expression: a helper call or a variable. */
function walkCall(node: Node, scopes: Scope[], out: FieldIssue[]): void {
  const path = node.path as Node;
  const hasArgs = (node.params?.length ?? 0) > 0 || (node.hash?.pairs?.length ?? 0) > 0;
  const simpleName = path.type === 'PathExpression' && !path.data && path.depth === 0 && path.parts.length === 1 ? (path.parts[0] as string) : null;
  if (simpleName && (HELPERS[simpleName] || (hasArgs && BUILTIN_BLOCKS.has(simpleName)))) {
    walkArgs(node, scopes, out);
    return;
  }
  if (hasArgs) {
    out.push(issueAt(node, `unknown helper '${path.original}' (helpers: ${Object.keys(HELPERS).join(', ')})`));
    walkArgs(node, scopes, out);
    return;
  }
  resolve(path, scopes, out);
}

function walkArgs(node: Node, scopes: Scope[], out: FieldIssue[]): void {
  for (const p of node.params ?? []) walkExpression(p, scopes, out);
  for (const pair of node.hash?.pairs ?? []) walkExpression(pair.value, scopes, out);
}

function walkExpression(node: Node, scopes: Scope[], out: FieldIssue[]): Shape | null {
  if (node.type === 'PathExpression') return resolve(node, scopes, out);
  if (node.type === 'SubExpression') walkCall(node, scopes, out);
  return 'value';
}

function walkBlock(node: Node, scopes: Scope[], out: FieldIssue[]): void {
  const path = node.path as Node;
  const name = path.type === 'PathExpression' && path.parts.length === 1 && !path.data ? (path.parts[0] as string) : null;
  const current = scopes[scopes.length - 1]!;
  const params: string[] = node.program?.blockParams ?? [];
  if (name && BUILTIN_BLOCKS.has(name)) {
    const target = node.params?.[0] ? walkExpression(node.params[0], scopes, out) : null;
    for (const p of (node.params ?? []).slice(1)) walkExpression(p, scopes, out);
    if (name === 'each') {
      const item: Shape = target && target !== 'value' && 'items' in target ? target.items : target && target !== 'value' && 'fields' in target ? 'value' : 'value';
      walkProgram(node.program, [...scopes, { shape: item, blockParams: { ...current.blockParams, ...(params[0] ? { [params[0]]: item } : {}), ...(params[1] ? { [params[1]]: 'value' } : {}) } }], out);
    } else if (name === 'with') {
      const inner = target ?? 'value';
      walkProgram(node.program, [...scopes, { shape: inner, blockParams: { ...current.blockParams, ...(params[0] ? { [params[0]]: inner } : {}) } }], out);
    } else {
      walkProgram(node.program, scopes, out);
    }
    walkProgram(node.inverse, scopes, out);
    return;
  }
  if (name && HELPERS[name]) {
    walkArgs(node, scopes, out);
    walkProgram(node.program, scopes, out);
    walkProgram(node.inverse, scopes, out);
    return;
  }
  if ((node.params?.length ?? 0) > 0) out.push(issueAt(node, `unknown helper '${path.original}'`));
  // A section: `{{#timeline}}…{{/timeline}}` iterates a list or enters an object.
  const target = resolve(path, scopes, out);
  const inner: Shape = target && target !== 'value' && 'items' in target ? target.items : (target ?? 'value');
  walkProgram(node.program, target && target !== 'value' ? [...scopes, { shape: inner, blockParams: current.blockParams }] : scopes, out);
  walkProgram(node.inverse, scopes, out);
}

const DATA_VARIABLES = new Set(['index', 'first', 'last', 'key']);

/** The shape a path points at, or null (and an issue) when it is unknown. */
function resolve(path: Node, scopes: Scope[], out: FieldIssue[]): Shape | null {
  const parts = path.parts as string[];
  let shape: Shape;
  let rest = parts;
  if (path.data) {
    if (parts[0] === 'root') {
      shape = scopes[0]!.shape;
      rest = parts.slice(1);
    } else if (DATA_VARIABLES.has(parts[0]!) && parts.length === 1) {
      return 'value';
    } else {
      out.push(issueAt(path, `unknown variable '${path.original}'`));
      return null;
    }
  } else {
    const scope = scopes[Math.max(0, scopes.length - 1 - (path.depth as number))]!;
    if (path.depth === 0 && parts.length > 0 && scope.blockParams[parts[0]!]) {
      shape = scope.blockParams[parts[0]!]!;
      rest = parts.slice(1);
    } else shape = scope.shape;
  }
  for (const part of rest) {
    if (shape !== 'value' && 'items' in shape && part === 'length') return 'value';
    if (shape === 'value' || !('fields' in shape) || !(part in shape.fields)) {
      out.push(issueAt(path, `unknown variable '${path.original}'`));
      return null;
    }
    shape = shape.fields[part]!;
  }
  return shape;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
const SAFE_URL = /^(https?:|mailto:|#|\/(?!\/))/i;

/** Markdown to HTML where raw HTML is shown as text and only http(s)/mailto links survive. */
const marked = new Marked({
  gfm: true,
  renderer: {
    html(token: Tokens.HTML | Tokens.Tag) {
      return escapeHtml(token.text);
    },
    link(this: any, token: Tokens.Link) {
      const text = this.parser.parseInline(token.tokens);
      if (!SAFE_URL.test(token.href.trim())) return text;
      return `<a href="${escapeHtml(token.href)}"${token.title ? ` title="${escapeHtml(token.title)}"` : ''}>${text}</a>`;
    },
    image(token: Tokens.Image) {
      if (!SAFE_URL.test(token.href.trim())) return escapeHtml(token.text);
      return `<img src="${escapeHtml(token.href)}" alt="${escapeHtml(token.text)}">`;
    },
  },
});

export function markdownToHtml(markdown: string, title = 'Postmortem'): string {
  const body = marked.parse(markdown, { async: false }) as string;
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>\n${body}</body></html>\n`;
}
