export * from './types.js';
export { parseDuration, tryParseDuration, formatDuration, InvalidDurationError, DURATION_PATTERN, MAX_DURATION_MS } from './duration.js';
export { parseScenarioFile, validateScenarioText, loadScenarioText, DEFAULT_LIMITS, type ParseLimits, type ParseOptions, type ParseResult } from './parser.js';
export { ScenarioInvalidError } from './errors.js';
export { formatIssue, formatIssues } from './format.js';
export { buildJsonSchema, serializeJsonSchema, SCHEMA_ID } from './schema/json-schema.js';
export { selectTargets, maxSelected } from './planner/select-targets.js';
export { TargetResolver, type ObjectRef, type TargetResolution } from './planner/target-resolver.js';
export {
  planScenario,
  buildTimeline,
  describeSelector,
  type ScenarioPlan,
  type TabletopPlan,
  type PlannedFault,
  type PlannedTarget,
  type TimelineEntry,
  type PlanOptions,
} from './planner/planner.js';
export { templateVariables } from './template.js';
export {
  ScenarioStore,
  type ScenarioSource,
  type StoredScenario,
  type ScenarioVersionSummary,
  type SaveScenarioOptions,
  type SavedScenario,
  type ScenarioListQuery,
} from './store/scenario-store.port.js';
