import { Module } from '@nestjs/common';
import { DebriefsModule } from '../debriefs/debriefs.module.js';
import { IncidentsModule } from '../incidents/incidents.module.js';
import { ActionItemsController } from './action-items.controller.js';
import { ActionItemsService } from './action-items.service.js';

/** Action items of incidents and runs: CRUD and the overdue list. */
@Module({ imports: [IncidentsModule, DebriefsModule], controllers: [ActionItemsController], providers: [ActionItemsService] })
export class ActionItemsModule {}
