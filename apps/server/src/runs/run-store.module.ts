import { Global, Module } from '@nestjs/common';
import { InjectionRecordRepository } from '#chaos';
import { HaltRepository, ProbeResultRepository, RoleRepository, RunRepository, TimelineRepository } from '#incident';
import {
  TypeOrmHaltRepository,
  TypeOrmInjectionRecordRepository,
  TypeOrmProbeResultRepository,
  TypeOrmRoleRepository,
  TypeOrmRunRepository,
  TypeOrmTimelineRepository,
} from '#persistence';
import { DatabaseService } from '../database/database.service.js';
import { RunCorrelationCandidates } from './run-correlation.js';

const repo = <T>(provide: abstract new (...args: never[]) => T, make: (db: DatabaseService) => T) => ({ provide, inject: [DatabaseService], useFactory: make });

/** Run storage, shared by the engine, signals (correlation), scheduling and debriefs. */
@Global()
@Module({
  providers: [
    repo(RunRepository, (db) => new TypeOrmRunRepository(() => db.dataSource)),
    repo(InjectionRecordRepository, (db) => new TypeOrmInjectionRecordRepository(() => db.dataSource)),
    repo(TimelineRepository, (db) => new TypeOrmTimelineRepository(() => db.dataSource)),
    repo(HaltRepository, (db) => new TypeOrmHaltRepository(() => db.dataSource)),
    repo(RoleRepository, (db) => new TypeOrmRoleRepository(() => db.dataSource)),
    repo(ProbeResultRepository, (db) => new TypeOrmProbeResultRepository(() => db.dataSource)),
    RunCorrelationCandidates,
  ],
  exports: [RunRepository, InjectionRecordRepository, TimelineRepository, HaltRepository, RoleRepository, ProbeResultRepository, RunCorrelationCandidates],
})
export class RunStoreModule {}
