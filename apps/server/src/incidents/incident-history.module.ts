import { Module } from '@nestjs/common';
import { ActionItemsModule } from '../action-items/action-items.module.js';
import { DebriefsModule } from '../debriefs/debriefs.module.js';
import { ScorecardsModule } from '../scorecards/scorecards.module.js';
import { IncidentsModule } from './incidents.module.js';

/** Incident history, debriefs, action items and scorecards: the learning side of Firedrill. */
@Module({ imports: [IncidentsModule, DebriefsModule, ActionItemsModule, ScorecardsModule], exports: [IncidentsModule, DebriefsModule] })
export class IncidentHistoryModule {}
