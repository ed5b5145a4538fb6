export * from './incident-record.js';
export * from './incident-import.js';
export * from './timeline.js';
export * from './metrics.js';
export * from './communication.js';
