import { Module } from '@nestjs/common';
import { postmortemDueAt } from '#debrief';
import { TypeOrmScoringInputSource, TypeOrmStatusAutomation } from '#persistence';
import { ScoringInputSource, StatusAutomation } from '#scoring';
import { DatabaseService } from '../database/database.service.js';
import { DEBRIEF_POLICY, type DebriefPolicy } from '../debriefs/debrief.config.js';
import { DebriefsModule } from '../debriefs/debriefs.module.js';
import { IncidentsModule } from '../incidents/incidents.module.js';
import { ScorecardsController } from './scorecards.controller.js';
import { ScorecardsService } from './scorecards.service.js';

/** The maturity scorecard: loads a team's window, evaluates the rules of libs/scoring. */
@Module({
  imports: [IncidentsModule, DebriefsModule],
  controllers: [ScorecardsController],
  providers: [
    {
      provide: ScoringInputSource,
      inject: [DatabaseService, DEBRIEF_POLICY],
      useFactory: (db: DatabaseService, policy: DebriefPolicy) =>
        new TypeOrmScoringInputSource(() => db.dataSource, (resolvedAt, severity) => postmortemDueAt(resolvedAt, severity, policy.postmortemDueHours)),
    },
    { provide: StatusAutomation, inject: [DatabaseService], useFactory: (db: DatabaseService) => new TypeOrmStatusAutomation(() => db.dataSource) },
    ScorecardsService,
  ],
})
export class ScorecardsModule {}
