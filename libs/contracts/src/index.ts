export * from './errors.js';
export * from './roles.js';
export * from './problem.js';
export * from './teams.js';
export * from './events.js';
export * from './signals.js';
export * from './scheduling.js';
export * from './history.js';
