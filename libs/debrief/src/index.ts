export * from './blameless/blameless-check.js';
export * from './postmortem/postmortem.js';
export * from './action-items/action-item.js';
export * from './templates/template-context.js';
export * from './templates/template-engine.js';
export * from './templates/template-repository.js';
export * from './templates/builtin/index.js';
export * from './draft/postmortem-draft.js';
