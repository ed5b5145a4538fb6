export * from './team.js';
export * from './api-token.js';
export * from './authorize.js';
