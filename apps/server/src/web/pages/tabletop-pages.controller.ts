import { Controller, Get, UseFilters, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ValidationError } from '#contracts';
import { TABLETOP_MODES, type TabletopMode } from '#incident';
import { PARTICIPANT_COOKIE } from '../../tabletops/participant-token.js';
import { TabletopsService } from '../../tabletops/tabletops.service.js';
import { FACILITATOR_ACTIONS, TabletopActionCommand, TabletopCommandsUseCase, type FacilitatorAction } from '../../tabletops/use-cases/tabletop-commands.use-case.js';
import { formField, WebAuth } from '../web-auth.service.js';
import { WebErrorFilter } from '../web-error.filter.js';

/** The tabletop runner: the facilitator's console and the participants' screen. */
@ApiExcludeController()
@UseFilters(WebErrorFilter)
@Controller()
export class TabletopPagesController {
  constructor(
    private readonly auth: WebAuth,
    private readonly tabletops: TabletopsService,
    private readonly commands: TabletopCommandsUseCase,
  ) {}

  @Post('tabletops')
  async create(@Req() req: Request, @Res() res: Response) {
    const { principal } = await this.auth.userForm(req, 'facilitator');
    const script = formField(req, 'script') ?? '';
    const mode = formField(req, 'mode');
    const session = await this.commands.create(principal, { script, mode: TABLETOP_MODES.includes(mode as TabletopMode) ? (mode as TabletopMode) : undefined });
    res.redirect(303, `/tabletops/${session.id}`);
  }

  @Get('tabletops/:id')
  async facilitator(@Req() req: Request, @Res() res: Response, @Param('id') id: string, @Query('partial') partial?: string) {
    const signedIn = await this.auth.user(req);
    const view = await this.tabletops.getForPrincipal(signedIn.principal, id);
    const chrome = await this.auth.chrome(signedIn, 'tabletops');
    const ctx = { ...chrome, pageTitle: `Tabletop: ${view.title}`, t: view, joinUrl: `${req.protocol}://${req.get('host')}/join` };
    if (partial) return res.render('partials/tabletop-facilitator-live', { ...ctx, layout: false });
    res.render('tabletop-facilitator', ctx);
  }

  @Post('tabletops/:id/mode')
  async mode(@Req() req: Request, @Res() res: Response, @Param('id') id: string) {
    const { principal } = await this.auth.userForm(req, 'facilitator');
    const mode = formField(req, 'mode');
    if (!TABLETOP_MODES.includes(mode as TabletopMode)) throw new ValidationError('Pick a mode', [{ path: 'mode', message: 'must be manual or timer' }]);
    await this.commands.setMode(principal, id, mode as TabletopMode);
    res.redirect(303, `/tabletops/${id}`);
  }

  @Post('tabletops/:id/do/:action')
  async act(@Req() req: Request, @Res() res: Response, @Param('id') id: string, @Param('action') action: string) {
    const { principal } = await this.auth.userForm(req, 'facilitator');
    if (!FACILITATOR_ACTIONS.includes(action as FacilitatorAction)) throw new ValidationError('Unknown action', [{ path: 'action', message: FACILITATOR_ACTIONS.join(', ') }]);
    await this.commands.act(new TabletopActionCommand(principal, id, action as FacilitatorAction, formField(req, 'inject') || undefined));
    res.redirect(303, `/tabletops/${id}`);
  }

  @Get('join')
  joinForm(@Req() req: Request, @Res() res: Response, @Query('code') code?: string) {
    res.render('join', { pageTitle: 'Join a tabletop', csrf: this.auth.anonymousCsrf(req, res), code: code ?? '', bare: true });
  }

  @Post('join')
  async join(@Req() req: Request, @Res() res: Response) {
    this.auth.checkAnonymousCsrf(req);
    const input = { code: (formField(req, 'code') ?? '').trim(), name: (formField(req, 'name') ?? '').trim(), role: (formField(req, 'role') ?? '').trim() };
    const issues = [
      ...(input.code.length < 6 ? [{ path: 'code', message: 'Type the 6-character code the facilitator shows' }] : []),
      ...(!input.name ? [{ path: 'name', message: 'Tell the others who you are' }] : []),
      ...(!input.role ? [{ path: 'role', message: 'Pick the role you play' }] : []),
    ];
    if (issues.length) throw new ValidationError('Some fields need attention', issues);
    const { session, token } = await this.commands.join(input);
    res.cookie(PARTICIPANT_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/' });
    res.redirect(303, `/tabletops/${session.id}/play`);
  }

  @Get('tabletops/:id/play')
  async play(@Req() req: Request, @Res() res: Response, @Param('id') id: string, @Query('partial') partial?: string) {
    const participant = await this.auth.participant(req, id);
    const view = await this.tabletops.getForParticipant(participant, id);
    const ctx = { pageTitle: `Tabletop: ${view.title}`, t: view, csrf: participant.csrfToken, bare: true, participantPage: true };
    if (partial) return res.render('partials/tabletop-play-live', { ...ctx, layout: false });
    res.render('tabletop-play', ctx);
  }

  @Post('tabletops/:id/play/done')
  async done(@Req() req: Request, @Res() res: Response, @Param('id') id: string) {
    const participant = await this.auth.participantForm(req, id);
    await this.commands.markDone(participant, id, formField(req, 'expectation') ?? '');
    res.redirect(303, `/tabletops/${id}/play`);
  }

  @Post('tabletops/:id/play/decision')
  async decision(@Req() req: Request, @Res() res: Response, @Param('id') id: string) {
    const participant = await this.auth.participantForm(req, id);
    await this.commands.decide(participant, id, formField(req, 'text') ?? '');
    res.redirect(303, `/tabletops/${id}/play`);
  }
}
