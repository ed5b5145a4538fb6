// Each area owns its folder and its index; this file only re-exports them.
export * from './runs/index.js';
export * from './signals/index.js';
export * from './history/index.js';
export * from './tabletop/index.js';
