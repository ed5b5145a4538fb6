import type { DataSource, EntityManager } from 'typeorm';

/**
 * The one way to write several rows atomically. Repositories accept an
 * optional EntityManager so a use case can compose them inside `fn`.
 */
export function inTransaction<T>(dataSource: DataSource, fn: (manager: EntityManager) => Promise<T>): Promise<T> {
  return dataSource.transaction(fn);
}
