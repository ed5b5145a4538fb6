export * from './data-source.js';
export * from './schema.js';
export * from './transaction.js';
export * from './repositories/team.repository.js';
export * from './repositories/api-token.repository.js';
export * from './embedded/embedded-database.js';
