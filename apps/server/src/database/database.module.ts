import { Global, Module } from '@nestjs/common';
import { ApiTokenRepository, TeamRepository } from '#access';
import { TypeOrmApiTokenRepository, TypeOrmTeamRepository } from '#persistence';
import { DatabaseService } from './database.service.js';

/** Binds the domain's repository ports to their TypeORM implementations. */
@Global()
@Module({
  providers: [
    DatabaseService,
    {
      provide: TeamRepository,
      inject: [DatabaseService],
      useFactory: (db: DatabaseService) => new TypeOrmTeamRepository(() => db.dataSource),
    },
    {
      provide: ApiTokenRepository,
      inject: [DatabaseService],
      useFactory: (db: DatabaseService) => new TypeOrmApiTokenRepository(() => db.dataSource),
    },
  ],
  exports: [DatabaseService, TeamRepository, ApiTokenRepository],
})
export class DatabaseModule {}
