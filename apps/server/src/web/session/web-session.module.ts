import { Module } from '@nestjs/common';
import { TypeOrmWebSessionRepository } from '#persistence';
import { DatabaseService } from '../../database/database.service.js';
import { WEB_SESSIONS, WebSessionService } from './web-session.service.js';

/** Browser sign-in sessions, shared by the pages and the tabletop live gateway. */
@Module({
  providers: [{ provide: WEB_SESSIONS, inject: [DatabaseService], useFactory: (db: DatabaseService) => new TypeOrmWebSessionRepository(() => db.dataSource) }, WebSessionService],
  exports: [WebSessionService],
})
export class WebSessionModule {}
