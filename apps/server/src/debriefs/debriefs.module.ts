import { Module } from '@nestjs/common';
import { ActionItemRepository, PostmortemRepository, PostmortemTemplateEngine, PostmortemTemplateRepository } from '#debrief';
import { TypeOrmActionItemRepository, TypeOrmPostmortemRepository, TypeOrmPostmortemTemplateRepository } from '#persistence';
import { DatabaseService } from '../database/database.service.js';
import { IncidentsModule } from '../incidents/incidents.module.js';
import { DEBRIEF_POLICY, DEFAULT_DEBRIEF_POLICY } from './debrief.config.js';
import { DebriefsController } from './debriefs.controller.js';
import { DebriefsService } from './debriefs.service.js';
import { SavePostmortemUseCase } from './save-postmortem.use-case.js';
import { TemplatesService } from './templates.service.js';

/** Postmortem drafts, records (with the blameless check), team templates. */
@Module({
  imports: [IncidentsModule],
  controllers: [DebriefsController],
  providers: [
    { provide: DEBRIEF_POLICY, useValue: DEFAULT_DEBRIEF_POLICY },
    { provide: PostmortemRepository, inject: [DatabaseService], useFactory: (db: DatabaseService) => new TypeOrmPostmortemRepository(() => db.dataSource) },
    { provide: ActionItemRepository, inject: [DatabaseService], useFactory: (db: DatabaseService) => new TypeOrmActionItemRepository(() => db.dataSource) },
    { provide: PostmortemTemplateRepository, inject: [DatabaseService], useFactory: (db: DatabaseService) => new TypeOrmPostmortemTemplateRepository(() => db.dataSource) },
    { provide: PostmortemTemplateEngine, useFactory: () => new PostmortemTemplateEngine() },
    DebriefsService,
    SavePostmortemUseCase,
    TemplatesService,
  ],
  exports: [DEBRIEF_POLICY, ActionItemRepository, DebriefsService],
})
export class DebriefsModule {}
