import { Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ApiTokenRepository, generateTokenSecret, hashToken, type ApiToken } from '#access';
import { NotFoundError, ROLES, TeamNotFound } from '#contracts';
import { TeamRepository } from '#access';
import { ApiZodBody, ValidBody } from '../validation/zod-body.js';
import { RequireRole } from './auth.decorators.js';

export const CreateTokenSchema = z.strictObject({
  name: z.string().min(1).max(200),
  role: z.enum(ROLES),
  team: z.string().min(1).optional(),
});

const view = (t: ApiToken) => ({
  id: t.id,
  name: t.name,
  role: t.role,
  team: t.teamSlug,
  createdAt: t.createdAt.toISOString(),
  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  revokedAt: t.revokedAt?.toISOString() ?? null,
});

@ApiTags('tokens')
@ApiBearerAuth()
@RequireRole('admin')
@Controller('api/v1/tokens')
export class TokensController {
  constructor(
    private readonly tokens: ApiTokenRepository,
    private readonly teams: TeamRepository,
  ) {}

  /** Creates a token; the secret is in this response and nowhere else. */
  @Post()
  @ApiZodBody(CreateTokenSchema)
  async create(@ValidBody(CreateTokenSchema) body: z.infer<typeof CreateTokenSchema>) {
    if (body.team && !(await this.teams.find(body.team))) throw new TeamNotFound(body.team);
    const secret = generateTokenSecret();
    const token = await this.tokens.create({ name: body.name, role: body.role, teamSlug: body.team ?? null, hash: hashToken(secret) });
    return { ...view(token), token: secret };
  }

  @Get()
  async list() {
    return { items: (await this.tokens.list()).map(view) };
  }

  @Delete(':id')
  @HttpCode(204)
  async revoke(@Param('id') id: string): Promise<void> {
    if (!/^[0-9a-f-]{36}$/i.test(id) || !(await this.tokens.revoke(id))) throw new NotFoundError('token', id);
  }
}
