export * from './run-state.js';
export * from './response-metrics.js';
export * from './run.js';
