import { Controller, Get, HttpCode, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { Principal } from '#access';
import type { TabletopParticipant } from '#incident';
import { CurrentPrincipal, PublicRoute, RequireRole } from '../auth/auth.decorators.js';
import { bearerFrom, TokenAuthenticator } from '../auth/token-authenticator.service.js';
import { ApiZodBody, ValidBody, ValidQuery } from '../validation/zod-body.js';
import { CurrentParticipant, ParticipantGuard } from './participant.decorator.js';
import { PARTICIPANT_COOKIE, participantTokenOf } from './participant-token.js';
import { CreateTabletopSchema, DecisionSchema, InjectActionSchema, JoinSchema, ListTabletopsSchema, ModeSchema, TabletopTimelineQuerySchema } from './tabletops.dto.js';
import { TabletopsService } from './tabletops.service.js';
import { TabletopActionCommand, TabletopCommandsUseCase, type FacilitatorAction } from './use-cases/tabletop-commands.use-case.js';

@ApiTags('tabletops')
@ApiBearerAuth()
@Controller('api/v1/tabletops')
export class TabletopsController {
  constructor(
    private readonly commands: TabletopCommandsUseCase,
    private readonly tabletops: TabletopsService,
    private readonly authenticator: TokenAuthenticator,
  ) {}

  @Post()
  @RequireRole('facilitator')
  @ApiZodBody(CreateTabletopSchema)
  async create(@CurrentPrincipal() p: Principal, @ValidBody(CreateTabletopSchema) body: z.infer<typeof CreateTabletopSchema>) {
    const s = await this.commands.create(p, body);
    return { id: s.id, joinCode: s.joinCode, state: s.state, mode: s.mode, script: s.script, team: s.teamSlug };
  }

  @Get()
  list(@CurrentPrincipal() p: Principal, @ValidQuery(ListTabletopsSchema) q: z.infer<typeof ListTabletopsSchema>) {
    return this.tabletops.list(p, q);
  }

  /** No account needed: returns the participant token once, and sets it as an HttpOnly cookie. */
  @Post('join')
  @PublicRoute()
  @ApiZodBody(JoinSchema)
  async join(@ValidBody(JoinSchema) body: z.infer<typeof JoinSchema>, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const { session, participant, token } = await this.commands.join(body);
    res.cookie(PARTICIPANT_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/' });
    return { sessionId: session.id, participantId: participant.id, name: participant.name, role: participant.role, token };
  }

  /** The whole session for a bearer token; what was released to them for a participant token. */
  @Get(':id')
  @PublicRoute()
  @ApiHeader({ name: 'X-Participant-Token', required: false })
  async get(@Param('id') id: string, @Req() req: Request) {
    const bearer = bearerFrom(req.headers.authorization);
    if (bearer || !participantTokenOf(req)) return this.tabletops.getForPrincipal(await this.authenticator.authenticate(bearer), id);
    const participant = await this.commands.participantFromToken(participantTokenOf(req)!.token);
    if (!participant) return this.tabletops.getForPrincipal(await this.authenticator.authenticate(undefined), id);
    return this.tabletops.getForParticipant(participant, id);
  }

  @Get(':id/timeline')
  timeline(@CurrentPrincipal() p: Principal, @Param('id') id: string, @ValidQuery(TabletopTimelineQuerySchema) q: z.infer<typeof TabletopTimelineQuerySchema>) {
    return this.tabletops.timeline(p, id, q.after);
  }

  @Post(':id/mode')
  @HttpCode(200)
  @RequireRole('facilitator')
  @ApiZodBody(ModeSchema)
  async mode(@CurrentPrincipal() p: Principal, @Param('id') id: string, @ValidBody(ModeSchema) body: z.infer<typeof ModeSchema>) {
    return this.tabletops.getForPrincipal(p, (await this.commands.setMode(p, id, body.mode)).id);
  }

  @Post(':id/expectations/:expectationId/done')
  @HttpCode(200)
  @PublicRoute()
  @UseGuards(ParticipantGuard)
  @ApiHeader({ name: 'X-Participant-Token', required: true })
  async done(@CurrentParticipant() participant: TabletopParticipant, @Param('id') id: string, @Param('expectationId') expectationId: string) {
    return this.tabletops.getForParticipant(participant, (await this.commands.markDone(participant, id, expectationId)).id);
  }

  @Post(':id/decisions')
  @HttpCode(201)
  @PublicRoute()
  @UseGuards(ParticipantGuard)
  @ApiHeader({ name: 'X-Participant-Token', required: true })
  @ApiZodBody(DecisionSchema)
  async decision(@CurrentParticipant() participant: TabletopParticipant, @Param('id') id: string, @ValidBody(DecisionSchema) body: z.infer<typeof DecisionSchema>) {
    return this.tabletops.getForParticipant(participant, (await this.commands.decide(participant, id, body.text)).id);
  }

  @Post(':id/:action')
  @HttpCode(200)
  @RequireRole('facilitator')
  @ApiZodBody(InjectActionSchema)
  async act(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Param('action') action: string, @ValidBody(InjectActionSchema) body: z.infer<typeof InjectActionSchema>) {
    return this.tabletops.getForPrincipal(p, (await this.commands.act(new TabletopActionCommand(p, id, action as FacilitatorAction, body.inject))).id);
  }
}
