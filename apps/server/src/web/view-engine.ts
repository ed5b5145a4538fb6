import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';

const pad = (n: number) => String(n).padStart(2, '0');
export function utcLabel(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

/** `90000` -> `1m 30s`. */
export function humanDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h) return `${h}h ${pad(m)}m`;
  if (m) return s ? `${m}m ${pad(s)}s` : `${m}m`;
  return `${s}s`;
}

/**
 * Server-side templates with an isolated Handlebars instance (helpers and
 * partials registered here stay here). Templates are read once per start;
 * `layout.hbs` wraps every page unless `layout: false` is passed.
 */
export class ViewEngine {
  private readonly hbs = Handlebars.create();
  private readonly templates = new Map<string, Handlebars.TemplateDelegate>();

  constructor(private readonly dir: string) {
    this.registerHelpers();
    const partials = path.join(dir, 'partials');
    for (const file of safeList(partials)) {
      if (file.endsWith('.hbs')) this.hbs.registerPartial(file.slice(0, -4), readFileSync(path.join(partials, file), 'utf8'));
    }
  }

  render(view: string, context: Record<string, unknown>): string {
    const body = this.template(view)(context);
    if (context.layout === false) return body;
    return this.template('layout')({ ...context, body });
  }

  /** Express view-engine signature. */
  readonly express = (filePath: string, options: object, callback: (err: unknown, html?: string) => void): void => {
    try {
      const view = path.relative(this.dir, filePath).replace(/\.hbs$/, '');
      callback(null, this.render(view, options as Record<string, unknown>));
    } catch (error) {
      callback(error);
    }
  };

  private template(name: string): Handlebars.TemplateDelegate {
    let t = this.templates.get(name);
    if (!t) {
      t = this.hbs.compile(readFileSync(path.join(this.dir, `${name}.hbs`), 'utf8'), { strict: false });
      this.templates.set(name, t);
    }
    return t;
  }

  private registerHelpers(): void {
    const h = this.hbs;
    const { SafeString, escapeExpression: esc } = h;
    // Times are rendered in UTC; the browser rewrites the text in the viewer's zone and keeps UTC in the tooltip.
    h.registerHelper('time', (value: unknown) => {
      if (!value) return new SafeString('<span class="muted">—</span>');
      const d = new Date(String(value));
      if (Number.isNaN(d.getTime())) return esc(String(value));
      return new SafeString(`<time datetime="${d.toISOString()}" title="${utcLabel(d)}" data-local>${utcLabel(d)}</time>`);
    });
    h.registerHelper('duration', (ms: unknown) => humanDuration(typeof ms === 'number' ? ms : ms == null ? null : Number(ms)));
    h.registerHelper('eq', (a: unknown, b: unknown) => a === b);
    h.registerHelper('ne', (a: unknown, b: unknown) => a !== b);
    h.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));
    h.registerHelper('and', (...args: unknown[]) => args.slice(0, -1).every(Boolean));
    h.registerHelper('not', (a: unknown) => !a);
    h.registerHelper('len', (a: unknown) => (Array.isArray(a) ? a.length : 0));
    h.registerHelper('json', (value: unknown) => new SafeString(esc(JSON.stringify(value ?? null))));
    h.registerHelper('add', (a: unknown, b: unknown) => Number(a) + Number(b));
    h.registerHelper('includes', (list: unknown, v: unknown) => Array.isArray(list) && list.includes(v));
    h.registerHelper('label', (s: unknown) => String(s ?? '').replace(/[-_]/g, ' '));
  }
}

function safeList(dir: string): string[] {
  try {
    return statSync(dir).isDirectory() ? readdirSync(dir) : [];
  } catch {
    return [];
  }
}
