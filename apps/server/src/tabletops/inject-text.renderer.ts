import { Injectable } from '@nestjs/common';
import Handlebars from 'handlebars';

/**
 * Renders inject text (`{{service}}`) with the script's variables. An isolated
 * Handlebars instance: no helper or partial registered elsewhere leaks in.
 * The result is plain text; views escape it.
 */
@Injectable()
export class InjectTextRenderer {
  private readonly hbs = Handlebars.create();
  private readonly cache = new Map<string, Handlebars.TemplateDelegate>();

  render(text: string, variables: Record<string, string> | undefined): string {
    let template = this.cache.get(text);
    if (!template) {
      template = this.hbs.compile(text, { noEscape: true, strict: false });
      if (this.cache.size > 500) this.cache.clear();
      this.cache.set(text, template);
    }
    try {
      return template(variables ?? {});
    } catch {
      return text;
    }
  }
}
