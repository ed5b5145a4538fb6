import { BUILTIN_TEMPLATES } from './builtin/index.js';
import { markdownToHtml, PostmortemTemplateEngine, TemplateInvalidError } from './template-engine.js';

const engine = new PostmortemTemplateEngine();
const issues = (source: string) => {
  try {
    engine.validate(source);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(TemplateInvalidError);
    return (error as TemplateInvalidError).errors;
  }
};

describe(PostmortemTemplateEngine.name, () => {
  it('accepts every built-in template', () => {
    for (const source of Object.values(BUILTIN_TEMPLATES)) expect(issues(source)).toEqual([]);
  });

  it('reports a syntax error with its line', () => {
    const errs = issues('# {{incident.title}}\n\n{{#each timeline}}\n- {{title}}');
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatchObject({ path: 'source', line: 4 });
  });

  it('names every unknown variable with its line, resolving each and with blocks', () => {
    const errs = issues('{{incident.titel}}\n{{#each timeline}}{{time}} {{author}}{{/each}}\n{{#with rootCause}}{{description}} {{whys}}{{/with}}\n{{@root.summary}} {{secret}}');
    expect(errs.map((e) => [e.message, e.line])).toEqual([
      ["unknown variable 'incident.titel'", 1],
      ["unknown variable 'author'", 2],
      ["unknown variable 'whys'", 3],
      ["unknown variable 'secret'", 4],
    ]);
  });

  it('accepts parent scopes, block params, helpers and list lengths', () => {
    expect(issues('{{#each actionItems as |a i|}}{{a.title}} {{i}} {{../incident.title}} {{default a.owner "?"}}{{/each}}{{timeline.length}}{{#if (eq incident.severity "SEV1")}}!{{/if}}')).toEqual([]);
  });

  it('rejects unknown helpers and partials', () => {
    expect(issues('{{shout summary}}')[0]!.message).toMatch(/unknown helper 'shout'/);
    expect(issues('{{> header}}')[0]!.message).toMatch(/partials/);
  });

  it('does not reach prototypes of the context', () => {
    const out = engine.render('{{#with incident}}{{constructor}}{{/with}}', { incident: { constructor: 'x' } } as never);
    expect(out).toBe('x');
    expect(issues('{{incident.constructor.name}}')[0]!.message).toMatch(/unknown variable/);
  });
});

describe(markdownToHtml.name, () => {
  it('shows raw HTML as text and drops script links', () => {
    const html = markdownToHtml('# Title\n\n<script>alert(1)</script>\n\n[click](javascript:alert(1)) and [docs](https://example.com)');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('<a href="https://example.com">docs</a>');
  });
});
