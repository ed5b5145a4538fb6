import { Module } from '@nestjs/common';
import { TypeOrmTabletopRepository } from '#persistence';
import { TabletopRepository } from '#incident';
import { DatabaseService } from '../database/database.service.js';
import { ScenariosModule } from '../scenarios/scenarios.module.js';
import { WebSessionModule } from '../web/session/web-session.module.js';
import { InjectTextRenderer } from './inject-text.renderer.js';
import { ParticipantGuard } from './participant.decorator.js';
import { TabletopClock } from './tabletop-clock.service.js';
import { TabletopLiveService } from './tabletop-live.service.js';
import { TabletopsController } from './tabletops.controller.js';
import { TabletopsGateway } from './tabletops.gateway.js';
import { TabletopsService } from './tabletops.service.js';
import { TabletopCommandsUseCase } from './use-cases/tabletop-commands.use-case.js';

/** Tabletop exercises in the browser: sessions, participants, the exercise clock and live updates. */
@Module({
  imports: [ScenariosModule, WebSessionModule],
  controllers: [TabletopsController],
  providers: [
    { provide: TabletopRepository, inject: [DatabaseService], useFactory: (db: DatabaseService) => new TypeOrmTabletopRepository(() => db.dataSource) },
    InjectTextRenderer,
    TabletopsService,
    TabletopCommandsUseCase,
    TabletopClock,
    TabletopLiveService,
    TabletopsGateway,
    ParticipantGuard,
  ],
  exports: [TabletopsService, TabletopCommandsUseCase],
})
export class TabletopsModule {}
