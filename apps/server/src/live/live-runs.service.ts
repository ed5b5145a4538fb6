import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import type { Namespace } from 'socket.io';
import type { Subscription } from 'rxjs';
import { z } from 'zod';
import { requireTeamAccess, type Principal } from '#access';
import {
  DomainError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  type LiveClientToServerEvents,
  type LiveJoinAck,
  type LiveLeaveAck,
  type LiveServerToClientEvents,
  type LiveTimelineEvent,
} from '#contracts';
import { RunRepository, TimelineRepository, type TimelineEvent } from '#incident';
import { DomainEvents } from '../core/domain-events.js';
import { LOGGER } from '../logging/logger.js';
import { summary } from '../runs/runs.service.js';

export type RunsNamespace = Namespace<LiveClientToServerEvents, LiveServerToClientEvents, Record<string, never>, { principal: Principal }>;

export const JoinSchema = z.strictObject({
  runId: z.uuid('must be a run id'),
  lastEventId: z.string().regex(/^\d{1,18}$/, 'must be a timeline event id').optional(),
});
const LeaveSchema = z.strictObject({ runId: z.uuid('must be a run id') });

export const roomOf = (runId: string) => `run:${runId}`;

export const toLiveEvent = (e: TimelineEvent): LiveTimelineEvent => ({
  id: e.id,
  runId: e.runId,
  at: e.at.toISOString(),
  kind: e.kind,
  title: e.title,
  data: e.data,
  actor: e.actor,
});

/**
 * Joins sockets to run rooms (with the events they missed) and fans every
 * timeline append of this replica out to the run's room. With the Postgres
 * adapter the room spans every replica, so a client sees events whichever
 * replica produced them.
 */
@Injectable()
export class LiveRunsService implements OnModuleInit, OnModuleDestroy {
  private nsp: RunsNamespace | null = null;
  private subscription: Subscription | null = null;
  /** Per run, the pushes in append order (each one reads its event first). */
  private readonly queues = new Map<string, Promise<void>>();

  constructor(
    private readonly runs: RunRepository,
    private readonly timeline: TimelineRepository,
    private readonly events: DomainEvents,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  attach(nsp: RunsNamespace): void {
    this.nsp = nsp;
  }

  onModuleInit(): void {
    this.subscription = this.events.on('run.timeline').subscribe(({ payload }) => this.enqueue(payload.runId, payload.eventId, payload.event));
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }

  async join(principal: Principal, socketRooms: { join(room: string): unknown }, request: unknown): Promise<LiveJoinAck> {
    try {
      const { runId, lastEventId } = parse(JoinSchema, request);
      const run = await this.runs.get(runId);
      if (!run) throw new NotFoundError('run', runId);
      if (run.teamSlug) requireTeamAccess(principal, run.teamSlug);
      else if (principal.teamSlug) throw new ForbiddenError(`The token is limited to team '${principal.teamSlug}'; run '${runId}' belongs to no team`);
      // Join before reading, so nothing appended in between is lost (it may come twice: clients skip ids they have).
      await socketRooms.join(roomOf(runId));
      const events = await this.timeline.list(runId, { afterId: lastEventId });
      return { ok: true, run: summary(run), events: events.map(toLiveEvent) };
    } catch (error) {
      return { ok: false, error: this.describe(error) };
    }
  }

  async leave(socketRooms: { leave(room: string): unknown }, request: unknown): Promise<LiveLeaveAck> {
    try {
      const { runId } = parse(LeaveSchema, request);
      await socketRooms.leave(roomOf(runId));
      return { ok: true };
    } catch (error) {
      return { ok: false, error: this.describe(error) };
    }
  }

  private enqueue(runId: string, eventId: string, known?: TimelineEvent): void {
    const previous = this.queues.get(runId) ?? Promise.resolve();
    const next = previous.then(() => this.push(runId, eventId, known));
    this.queues.set(runId, next);
    void next.finally(() => {
      if (this.queues.get(runId) === next) this.queues.delete(runId);
    });
  }

  private async push(runId: string, eventId: string, known?: TimelineEvent): Promise<void> {
    const nsp = this.nsp;
    if (!nsp) return;
    try {
      // The port reads "after an id"; ids are unique, so the first after id-1 is this event.
      const [event] = known ? [known] : await this.timeline.list(runId, { afterId: String(BigInt(eventId) - 1n), limit: 1 });
      if (!event || event.id !== eventId) return;
      nsp.to(roomOf(runId)).emit('timeline', toLiveEvent(event));
      if (event.kind === 'state') {
        const run = await this.runs.get(runId);
        if (run) nsp.to(roomOf(runId)).emit('run', summary(run));
      }
    } catch (error) {
      this.logger.warn({ err: error, runId, eventId }, 'live: could not push a timeline event (clients catch up when they rejoin)');
    }
  }

  private describe(error: unknown): { code: string; message: string } {
    if (error instanceof ValidationError) return { code: error.code, message: `${error.message}: ${error.errors.map((e) => `${e.path} ${e.message}`).join('; ')}` };
    if (error instanceof DomainError) return { code: error.code, message: error.message };
    this.logger.error({ err: error }, 'live: join failed');
    return { code: 'internal_error', message: 'The server could not answer; try again' };
  }
}

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(
    'The request is not valid',
    result.error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message })),
  );
}
