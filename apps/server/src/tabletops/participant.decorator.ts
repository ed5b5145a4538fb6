import { createParamDecorator, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { UnauthenticatedError, ValidationError } from '#contracts';
import type { TabletopParticipant } from '#incident';
import { participantTokenOf } from './participant-token.js';
import { TabletopCommandsUseCase } from './use-cases/tabletop-commands.use-case.js';

type ParticipantRequest = Request & { participant?: TabletopParticipant };

/**
 * Participants have no account: they send the token they got when joining,
 * in `X-Participant-Token` or the participant cookie. A cookie only counts
 * on JSON requests, which a cross-site form cannot send.
 */
@Injectable()
export class ParticipantGuard implements CanActivate {
  constructor(private readonly commands: TabletopCommandsUseCase) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<ParticipantRequest>();
    const found = participantTokenOf(req);
    if (!found) throw new UnauthenticatedError('Join the session first: send the participant token in X-Participant-Token');
    if (found.via === 'cookie' && req.method !== 'GET' && !req.is('application/json'))
      throw new ValidationError('Send JSON when authenticating with the participant cookie', [{ path: '(body)', message: 'must be application/json' }]);
    const participant = await this.commands.participantFromToken(found.token);
    if (!participant) throw new UnauthenticatedError('The participant token is not valid');
    req.participant = participant;
    return true;
  }
}

export const CurrentParticipant = createParamDecorator((_: unknown, ctx: ExecutionContext): TabletopParticipant => {
  return ctx.switchToHttp().getRequest<ParticipantRequest>().participant!;
});
