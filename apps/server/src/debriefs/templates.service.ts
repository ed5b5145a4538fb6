import { Injectable } from '@nestjs/common';
import type { Principal } from '#access';
import { ConflictError, NotFoundError, type PostmortemTemplateDto } from '#contracts';
import { BUILTIN_TEMPLATES, PostmortemTemplateEngine, PostmortemTemplateRepository, type PostmortemTemplate } from '#debrief';
import { IncidentsService } from '../incidents/incidents.service.js';
import type { TemplateBody } from './debriefs.dto.js';

const toDto = (t: PostmortemTemplate, withSource = false): PostmortemTemplateDto => ({
  name: t.name,
  builtIn: false,
  team: t.teamSlug,
  ...(withSource ? { source: t.source } : {}),
  updatedAt: t.updatedAt.toISOString(),
});

@Injectable()
export class TemplatesService {
  constructor(
    private readonly incidents: IncidentsService,
    private readonly templates: PostmortemTemplateRepository,
    private readonly engine: PostmortemTemplateEngine,
  ) {}

  /** Compiles and checks the template before storing it; a broken one is rejected with its line. */
  async save(principal: Principal, slug: string, body: TemplateBody): Promise<PostmortemTemplateDto> {
    await this.incidents.requireTeam(principal, slug);
    if (BUILTIN_TEMPLATES[body.name]) throw new ConflictError(`'${body.name}' is a built-in template; choose another name`, { name: body.name });
    this.engine.validate(body.source);
    return toDto(await this.templates.save(slug, body.name, body.source));
  }

  async list(principal: Principal, slug: string): Promise<PostmortemTemplateDto[]> {
    await this.incidents.requireTeam(principal, slug);
    const own = await this.templates.list(slug);
    return [...Object.keys(BUILTIN_TEMPLATES).map((name) => ({ name, builtIn: true, team: null, updatedAt: null })), ...own.map((t) => toDto(t))];
  }

  async get(principal: Principal, slug: string, name: string): Promise<PostmortemTemplateDto> {
    await this.incidents.requireTeam(principal, slug);
    if (BUILTIN_TEMPLATES[name]) return { name, builtIn: true, team: null, source: BUILTIN_TEMPLATES[name], updatedAt: null };
    const t = await this.templates.find(slug, name);
    if (!t) throw new NotFoundError('postmortem template', name);
    return toDto(t, true);
  }

  async delete(principal: Principal, slug: string, name: string): Promise<void> {
    await this.incidents.requireTeam(principal, slug);
    if (!(await this.templates.delete(slug, name))) throw new NotFoundError('postmortem template', name);
  }
}
