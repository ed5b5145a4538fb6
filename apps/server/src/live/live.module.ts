import { Module } from '@nestjs/common';
import { LiveAdapter } from './live-adapter.service.js';
import { LiveRunsService } from './live-runs.service.js';
import { RunsGateway } from './runs.gateway.js';

/** Live run events over socket.io (`/runs`), across replicas through Postgres. */
@Module({ providers: [LiveAdapter, LiveRunsService, RunsGateway] })
export class LiveModule {}
