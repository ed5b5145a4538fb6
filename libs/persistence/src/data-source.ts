import { DataSource } from 'typeorm';
import { ENTITIES, MIGRATIONS } from './schema.js';

export interface DataSourceOptions {
  url: string;
  /** Connection pool size per process. */
  poolSize?: number;
  applicationName?: string;
}

/** Builds the one TypeORM data source. Schema changes go through migrations only. */
export function createDataSource(options: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'firedrill_migrations',
    migrationsTransactionMode: 'all',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    extra: { max: options.poolSize ?? 30, application_name: options.applicationName ?? 'firedrill' },
  });
}

/** True when every known migration has been applied. */
export async function migrationsApplied(dataSource: DataSource): Promise<boolean> {
  return !(await dataSource.showMigrations());
}
