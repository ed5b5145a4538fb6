import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { TabletopRepository } from '#incident';
import { DatabaseService } from '../database/database.service.js';
import { LOGGER } from '../logging/logger.js';
import { TabletopCommandsUseCase } from './use-cases/tabletop-commands.use-case.js';

const TICK_MS = 1000;

/**
 * The exercise clock: every second, for each running session, releases the
 * injects due in timer mode, marks expectations missed and fires their
 * contingency injects. Safe on several replicas: each change locks the row
 * and recomputes, so an inject is released once.
 */
@Injectable()
export class TabletopClock implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private busy = false;
  private stopping = false;

  constructor(
    private readonly database: DatabaseService,
    private readonly sessions: TabletopRepository,
    private readonly commands: TabletopCommandsUseCase,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    void this.database.whenReady().then(() => {
      if (this.stopping) return;
      this.timer = setInterval(() => void this.tick(), TICK_MS);
      this.timer.unref();
    });
  }

  onApplicationShutdown(): void {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
  }

  async tick(now = new Date()): Promise<void> {
    if (this.busy || this.stopping || !this.database.isReady()) return;
    this.busy = true;
    try {
      for (const session of await this.sessions.listRunning()) {
        await this.commands.tick(session, now).catch((error) => this.logger.warn({ err: error, sessionId: session.id }, 'tabletop clock: tick failed'));
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'tabletop clock: cannot list sessions');
    } finally {
      this.busy = false;
    }
  }
}
