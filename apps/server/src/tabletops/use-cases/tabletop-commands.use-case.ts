import { Inject, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { generateTokenSecret, hashToken, requireTeamAccess, type Principal } from '#access';
import { ConflictError, NotFoundError, ValidationError } from '#contracts';
import {
  generateJoinCode,
  IncidentRecords,
  normalizeJoinCode,
  tabletopDrillRecord,
  TabletopExercise,
  TabletopRepository,
  type TabletopChange,
  type TabletopMode,
  type TabletopParticipant,
  type TabletopSession,
} from '#incident';
import { ScenarioStore, type Tabletop } from '#scenario';
import { DomainEvents } from '../../core/domain-events.js';
import { LOGGER } from '../../logging/logger.js';

export const FACILITATOR_ACTIONS = ['start', 'pause', 'resume', 'release', 'skip', 'end'] as const;
export type FacilitatorAction = (typeof FACILITATOR_ACTIONS)[number];

/** A facilitator's command, checked before it touches the session. */
export class TabletopActionCommand {
  constructor(
    readonly principal: Principal,
    readonly sessionId: string,
    readonly action: FacilitatorAction,
    readonly injectId?: string,
  ) {
    if (!FACILITATOR_ACTIONS.includes(action)) throw new ValidationError('Unknown action', [{ path: 'action', message: `must be one of ${FACILITATOR_ACTIONS.join(', ')}` }]);
  }
}

/**
 * Everything that changes a tabletop session: create, the facilitator's
 * controls, joining, ticking an expectation, a decision, and the clock.
 * Each change locks the session row, appends timeline events and notifies
 * the live gateway; ending records the drill for the scorecard.
 */
@Injectable()
export class TabletopCommandsUseCase {
  constructor(
    private readonly sessions: TabletopRepository,
    private readonly scenarios: ScenarioStore,
    private readonly events: DomainEvents,
    private readonly moduleRef: ModuleRef,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async create(principal: Principal, input: { script: string; team?: string; mode?: TabletopMode }, now = new Date()): Promise<TabletopSession> {
    const stored = await this.scenarios.latest('Tabletop', input.script);
    if (!stored) throw new NotFoundError('tabletop', input.script);
    const team = input.team ?? stored.team;
    requireTeamAccess(principal, team);
    for (let attempt = 0; attempt < 5; attempt++) {
      const { session, event } = TabletopExercise.create({ script: stored.document as Tabletop, scriptVersion: stored.version, team, joinCode: generateJoinCode(), createdBy: principal.name, now, mode: input.mode });
      const created = await this.sessions.create(session, event);
      if (created) return created;
    }
    throw new ConflictError('Could not find a free join code; try again');
  }

  async act(command: TabletopActionCommand, now = new Date()): Promise<TabletopSession> {
    await this.authorize(command.principal, command.sessionId);
    const actor = command.principal.name;
    return this.apply(command.sessionId, now, (ex) => {
      switch (command.action) {
        case 'start':
          return ex.start(actor);
        case 'pause':
          return ex.pause(actor);
        case 'resume':
          return ex.resume(actor);
        case 'release':
          return ex.release(actor, command.injectId);
        case 'skip':
          return ex.skip(actor, command.injectId);
        case 'end':
          return ex.end(actor);
      }
    });
  }

  async setMode(principal: Principal, id: string, mode: TabletopMode, now = new Date()): Promise<TabletopSession> {
    await this.authorize(principal, id);
    return this.apply(id, now, (ex) => ex.setMode(mode, principal.name));
  }

  /** A participant joins by code; returns the token (shown once, stored hashed). */
  async join(input: { code: string; name: string; role: string }, now = new Date()): Promise<{ session: TabletopSession; participant: TabletopParticipant; token: string }> {
    const session = await this.sessions.findOpenByJoinCode(normalizeJoinCode(input.code));
    if (!session) throw new NotFoundError('open tabletop session with code', normalizeJoinCode(input.code));
    const ex = new TabletopExercise(session, now).joined(input.name, input.role);
    const token = generateTokenSecret();
    const { participant, event } = await this.sessions.addParticipant(
      { sessionId: session.id, name: input.name, role: input.role, tokenHash: hashToken(token), csrfToken: randomBytes(24).toString('base64url') },
      ex.events[0]!,
    );
    this.events.emit('tabletop.changed', { sessionId: session.id, lastEventId: event.id });
    return { session, participant, token };
  }

  async participantFromToken(token: string | undefined): Promise<TabletopParticipant | null> {
    if (!token) return null;
    return this.sessions.participantByTokenHash(hashToken(token));
  }

  markDone(participant: TabletopParticipant, sessionId: string, expectationId: string, now = new Date()): Promise<TabletopSession> {
    this.ownSession(participant, sessionId);
    return this.apply(sessionId, now, (ex) => ex.markDone(expectationId, `${participant.name} (${participant.role})`));
  }

  decide(participant: TabletopParticipant, sessionId: string, text: string, now = new Date()): Promise<TabletopSession> {
    this.ownSession(participant, sessionId);
    return this.apply(sessionId, now, (ex) => ex.decision(text, participant.name, participant.role));
  }

  /** One clock step for a running session; a no-op when nothing is due. */
  async tick(session: TabletopSession, now = new Date()): Promise<void> {
    if (new TabletopExercise(session, now).tick().events.length === 0) return;
    await this.apply(session.id, now, (ex) => ex.tick());
  }

  private async apply(id: string, now: Date, fn: (ex: TabletopExercise) => TabletopExercise): Promise<TabletopSession> {
    const change: TabletopChange<null> = await this.sessions.change(id, (current) => {
      const ex = fn(new TabletopExercise(current, now));
      return { session: ex.session, events: ex.events, result: null };
    });
    const last = change.events.at(-1);
    if (last) this.events.emit('tabletop.changed', { sessionId: id, lastEventId: last.id });
    if (change.events.some((e) => e.kind === 'ended')) await this.recordDrill(change.session);
    return change.session;
  }

  private async recordDrill(session: TabletopSession): Promise<void> {
    let records: IncidentRecords;
    try {
      records = this.moduleRef.get(IncidentRecords, { strict: false });
    } catch {
      this.logger.debug('incident history is not wired; tabletop drill not recorded');
      return;
    }
    const record = tabletopDrillRecord(session, await this.sessions.participants(session.id));
    if (!record) return;
    try {
      await records.upsertDrill(record);
    } catch (error) {
      this.logger.error({ err: error, sessionId: session.id }, 'could not record the tabletop drill');
    }
  }

  private async authorize(principal: Principal, id: string): Promise<void> {
    const session = await this.sessions.get(id);
    if (!session) throw new NotFoundError('tabletop session', id);
    if (session.teamSlug) requireTeamAccess(principal, session.teamSlug);
  }

  private ownSession(participant: TabletopParticipant, sessionId: string): void {
    if (participant.sessionId !== sessionId) throw new NotFoundError('tabletop session', sessionId);
  }
}
