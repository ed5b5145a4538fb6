import { ApiTokenEntity } from './entities/api-token.entity.js';
import { TeamEntity } from './entities/team.entity.js';
import { Foundation1764300000000 } from './migrations/1764300000000-foundation.js';

/** Every entity and migration, in one place so the data source and the CLI agree. */
export const ENTITIES = [TeamEntity, ApiTokenEntity];
export const MIGRATIONS = [Foundation1764300000000];
