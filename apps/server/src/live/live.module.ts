import { Module } from '@nestjs/common';
import { WebSessionModule } from '../web/session/web-session.module.js';
import { LiveAdapter } from './live-adapter.service.js';
import { LiveRunsService } from './live-runs.service.js';
import { RunsGateway } from './runs.gateway.js';

/** Live run events over socket.io (`/runs`), across replicas through Postgres. */
@Module({ imports: [WebSessionModule], providers: [LiveAdapter, LiveRunsService, RunsGateway] })
export class LiveModule {}
