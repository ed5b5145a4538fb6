export * from './scoring-input.js';
export * from './evaluator.js';
export { DEFAULT_RULES, RULES_VERSION } from './rules/index.js';
