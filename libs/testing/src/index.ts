export * from './postgres/test-database.js';
export * from './cluster/index.js';
