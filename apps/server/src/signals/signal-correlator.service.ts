import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import type { Subscription } from 'rxjs';
import { correlate, CorrelationCandidates, SignalStore, type Signal } from '#incident';
import { DomainEvents } from '../core/domain-events.js';
import { LOGGER } from '../logging/logger.js';

/**
 * Attaches stored signals to the runs that expect them, after the webhook
 * has been answered. Signal ids arriving in the same tick are loaded with
 * one query. Failures are logged: the signal stays stored and unmatched,
 * and can be attached by hand.
 */
@Injectable()
export class SignalCorrelator implements OnModuleInit, OnApplicationShutdown {
  private subscription?: Subscription;
  private pending: string[] = [];
  private scheduled = false;
  private stopped = false;
  private inflight = new Set<Promise<void>>();

  constructor(
    private readonly events: DomainEvents,
    private readonly signals: SignalStore,
    private readonly candidates: CorrelationCandidates,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    this.subscription = this.events.on('signal.received').subscribe(({ payload }) => this.enqueue(payload.signalId));
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.subscription?.unsubscribe();
    await Promise.allSettled([...this.inflight]);
  }

  private enqueue(signalId: string): void {
    if (this.stopped) return;
    this.pending.push(signalId);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const ids = this.pending;
      this.pending = [];
      const work = this.correlateMany(ids).catch((err: unknown) =>
        this.logger.error({ err, signals: ids.length }, 'signal correlation failed'),
      );
      this.inflight.add(work);
      void work.finally(() => this.inflight.delete(work));
    });
  }

  /** Exposed for the run engine: correlate again after runs changed. */
  async correlateMany(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    for (const signal of await this.signals.getMany(ids)) await this.correlateOne(signal);
  }

  private async correlateOne(signal: Signal): Promise<void> {
    const candidates = await this.candidates.candidatesAt(signal.occurredAt);
    if (candidates.length === 0) return;
    for (const match of correlate(signal, candidates)) {
      await this.signals.attach(signal.id, match.runId, 'auto');
      this.events.emit('signal.attached', { signalId: signal.id, runId: match.runId, by: 'auto' });
      this.logger.debug({ signalId: signal.id, runId: match.runId, reason: match.reason }, 'signal attached to run');
    }
  }
}
