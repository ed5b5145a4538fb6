import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import type { Subscription } from 'rxjs';
import { SignalStore } from '#incident';
import { DomainEvents } from '../core/domain-events.js';
import { LOGGER } from '../logging/logger.js';
import { TimelineService } from './timeline.service.js';

/** Puts every signal attached to a run on the run's timeline (and so on the live stream). */
@Injectable()
export class SignalTimelineListener implements OnModuleInit, OnApplicationShutdown {
  private subscription?: Subscription;

  constructor(
    private readonly events: DomainEvents,
    private readonly signals: SignalStore,
    private readonly timeline: TimelineService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    this.subscription = this.events.on('signal.attached').subscribe(({ payload }) => {
      void this.append(payload.signalId, payload.runId, payload.by).catch((err: unknown) => this.logger.warn({ err, ...payload }, 'could not add a signal to the timeline'));
    });
  }

  onApplicationShutdown(): void {
    this.subscription?.unsubscribe();
  }

  private async append(signalId: string, runId: string, by: string): Promise<void> {
    const signal = await this.signals.get(signalId);
    if (!signal) return;
    await this.timeline.append(
      runId,
      'signal',
      `${signal.kind} from ${signal.source}${signal.summary ? `: ${signal.summary}` : ''}`,
      { signalId, kind: signal.kind, source: signal.source, receivedAt: signal.receivedAt.toISOString(), attachedBy: by, labels: signal.labels },
      null,
      signal.occurredAt,
    );
  }
}
