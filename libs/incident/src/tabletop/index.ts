export * from './tabletop-session.js';
export * from './tabletop-store.js';
export * from './tabletop-drill.js';
