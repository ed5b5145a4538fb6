/**
 * The scenario language as TypeScript types. Field names are the contract with
 * the YAML files in `scenarios/`; durations stay strings here (as written) and
 * are turned into milliseconds with `parseDuration` where they are used.
 */

export const API_VERSION = 'firedrill.dev/v1alpha1';
export const DOCUMENT_KINDS = ['Scenario', 'Tabletop', 'Schedule'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const SELECTION_MODES = ['one', 'all', 'fixed', 'fixed-percent', 'random-max-percent'] as const;
export type SelectionMode = (typeof SELECTION_MODES)[number];

export const FAULT_KINDS = ['podKill', 'latency', 'configChange', 'httpFault'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export const PROBE_KINDS = ['http', 'prometheus', 'kubernetes'] as const;
export type ProbeKind = (typeof PROBE_KINDS)[number];

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Namespaces no scenario may target, whatever the cluster's annotations say. */
export const FORBIDDEN_NAMESPACES = ['kube-system', 'kube-public', 'kube-node-lease'] as const;

/** A duration string such as `30s`, `5m`, `1h30m` (units ms, s, m, h). */
export type Duration = string;

export interface Metadata {
  /** DNS-1123 label, unique per kind. */
  name: string;
  title: string;
  /** Team slug. */
  team: string;
  severity?: Severity;
  tags?: string[];
  runbook?: string;
  description?: string;
  owner?: string;
}

// ---------- probes ----------

export interface HttpProbe {
  url: string;
  method?: 'GET' | 'HEAD' | 'POST';
  expectStatus?: number;
  bodyContains?: string;
  timeout?: Duration;
}

export interface PrometheusProbe {
  url: string;
  query: string;
  /** Healthy while the query's value is below this. */
  below?: number;
  /** Healthy while the query's value is above this. */
  above?: number;
}

export interface KubernetesProbe {
  namespace: string;
  deployment: string;
  minReady: number;
}

/** A steady-state probe; exactly one of `http`, `prometheus`, `kubernetes`. */
export interface ProbeSpec {
  name: string;
  http?: HttpProbe;
  prometheus?: PrometheusProbe;
  kubernetes?: KubernetesProbe;
  interval?: Duration;
  timeout?: Duration;
}

// ---------- targets ----------

export interface LabelSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

/** Which pods a fault hits: a label selector in one namespace, narrowed by a selection mode. */
export interface TargetSpec {
  namespace: string;
  selector: LabelSelector;
  mode: SelectionMode;
  /** Count for `fixed`, percent (0–100) for `fixed-percent` and `random-max-percent`. */
  value?: number;
}

// ---------- steps (faults) ----------

export interface PodKillFault {
  target: string;
  gracePeriod?: Duration;
}

export interface LatencyFault {
  target: string;
  delay: Duration;
  jitter?: Duration;
  duration: Duration;
  port?: number;
}

export interface ConfigChangeFault {
  namespace: string;
  /** Change keys of a ConfigMap: `set` and/or `remove` ... */
  configMap?: string;
  set?: Record<string, string>;
  /** ConfigMap keys to delete (restored on revert). */
  remove?: string[];
  /** ... or a Deployment: a container's environment or image, and/or the replica count. */
  deployment?: string;
  /** The container whose `env` or `image` is changed; required with either. */
  container?: string;
  env?: { set?: Record<string, string>; unset?: string[] };
  /** Container image that replaces the container's own. */
  image?: string;
  /** Replica count the Deployment is scaled to. */
  replicas?: number;
  duration: Duration;
}

export interface HttpFault {
  target: string;
  /** Share of requests answered with `status` instead of reaching the app. */
  abortPercent: number;
  status: number;
  duration: Duration;
  port?: number;
  path?: string;
}

/** One step of a scenario: an offset from the run start and exactly one fault. Same offset = parallel. */
export interface StepSpec {
  at: Duration;
  name?: string;
  podKill?: PodKillFault;
  latency?: LatencyFault;
  configChange?: ConfigChangeFault;
  httpFault?: HttpFault;
}

// ---------- scenario ----------

export interface AbortCondition {
  probe: string;
  failingFor: Duration;
}

export interface Guardrails {
  maxDuration: Duration;
  maxTargets?: number;
  minHealthyReplicas?: number;
  abortWhen?: AbortCondition[];
}

export interface ExpectedAlert {
  alertname: string;
  labels?: Record<string, string>;
  within?: Duration;
}

export interface ResponseTargets {
  detect?: Duration;
  acknowledge?: Duration;
  mitigate?: Duration;
  resolve?: Duration;
}

export interface ResponseSpec {
  expectedAlerts?: ExpectedAlert[];
  pagerduty?: { serviceId: string };
  opsgenie?: { team: string };
  statuspage?: { pageId: string; componentId?: string };
  targets?: ResponseTargets;
}

export interface Debrief {
  questions?: string[];
}

export interface Hypothesis {
  description: string;
  steadyState?: ProbeSpec[];
}

export interface ScenarioSpec {
  description?: string;
  hypothesis: Hypothesis;
  targets?: Record<string, TargetSpec>;
  steps: StepSpec[];
  guardrails: Guardrails;
  response?: ResponseSpec;
  roles?: string[];
  debrief?: Debrief;
}

export interface Scenario {
  apiVersion: typeof API_VERSION;
  kind: 'Scenario';
  metadata: Metadata;
  spec: ScenarioSpec;
}

// ---------- tabletop ----------

export interface Expectation {
  id: string;
  action: string;
  role?: string;
  within?: Duration;
}

export interface Inject {
  id: string;
  /** Offset from the start of the exercise; an inject has either `at` or `when`. */
  at?: Duration;
  /** Contingency: released when the named expectation was missed. */
  when?: { missed: string };
  /** `all` (default) or a role. */
  to?: string;
  /** Handlebars template; `{{name}}` must be declared in `spec.variables`. */
  text: string;
  expect?: Expectation[];
}

export interface TabletopSpec {
  description?: string;
  duration?: Duration;
  variables?: Record<string, string>;
  roles: string[];
  injects: Inject[];
  debrief?: Debrief;
}

export interface Tabletop {
  apiVersion: typeof API_VERSION;
  kind: 'Tabletop';
  metadata: Metadata;
  spec: TabletopSpec;
}

// ---------- schedule (continuous chaos) ----------

export interface Blackout {
  from: string;
  to: string;
  reason?: string;
}

export interface ScheduleWindow {
  days?: Weekday[];
  /** `HH:MM`, in the schedule's timezone. */
  start: string;
  end: string;
}

export interface ScheduleSpec {
  /** Name of the Scenario (or Tabletop) to run. */
  scenario: string;
  /** Five-field cron expression. */
  cron: string;
  timezone?: string;
  window?: ScheduleWindow;
  jitter?: Duration;
  blackouts?: Blackout[];
  paused?: boolean;
}

export interface ScheduleMetadata extends Omit<Metadata, 'title'> {
  title?: string;
}

export interface Schedule {
  apiVersion: typeof API_VERSION;
  kind: 'Schedule';
  metadata: ScheduleMetadata;
  spec: ScheduleSpec;
}

export type ScenarioDocument = Scenario | Tabletop | Schedule;
