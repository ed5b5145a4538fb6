import { tryParseDuration, formatDuration, MAX_DURATION_MS } from './duration.js';
import { childPath } from './path.js';
import { didYouMean } from './suggest.js';
import { templateVariables } from './template.js';
import { FORBIDDEN_NAMESPACES, type Scenario, type Schedule, type Tabletop } from './types.js';

/** A document that passed or partly passed the structural walk: any field may be missing. */
export type Loose<T> = T extends (infer U)[]
  ? (Loose<U> | undefined)[]
  : T extends object
    ? { [K in keyof T]?: Loose<T[K]> }
    : T;

export type Report = (path: string, message: string) => void;

const PERCENT_MODES = new Set(['fixed-percent', 'random-max-percent']);

/** Checks what the structure cannot express: references, limits, time arithmetic, templates. */
export function checkScenario(doc: Loose<Scenario>, report: Report): void {
  const spec = doc.spec;
  if (!spec) return;
  checkDurations(doc, '', report);

  const probes = new Set<string>();
  (spec.hypothesis?.steadyState ?? []).forEach((probe, i) => {
    if (!probe?.name) return;
    if (probes.has(probe.name)) report(childPath(`spec.hypothesis.steadyState[${i}]`, 'name'), `duplicate probe name "${probe.name}"`);
    probes.add(probe.name);
    const prom = probe.prometheus;
    if (prom && prom.below === undefined && prom.above === undefined)
      report(`spec.hypothesis.steadyState[${i}].prometheus`, 'needs a threshold: below, above or both');
    if (prom && prom.below !== undefined && prom.above !== undefined && prom.above >= prom.below)
      report(`spec.hypothesis.steadyState[${i}].prometheus.above`, `must be lower than below (${prom.below}), or no value is ever healthy`);
  });

  const maxTargets = spec.guardrails?.maxTargets;
  const targets = spec.targets ?? {};
  for (const [name, target] of Object.entries(targets)) {
    if (!target) continue;
    const path = childPath('spec.targets', name);
    checkNamespace(target.namespace, childPath(path, 'namespace'), report);
    const selector = target.selector;
    if (selector) {
      (selector.matchExpressions ?? []).forEach((expr, i) => {
        if (!expr?.operator) return;
        const exprPath = `${path}.selector.matchExpressions[${i}]`;
        const count = expr.values?.length ?? 0;
        if ((expr.operator === 'In' || expr.operator === 'NotIn') && count === 0)
          report(childPath(exprPath, 'values'), `must list at least one value for operator ${expr.operator}`);
        if ((expr.operator === 'Exists' || expr.operator === 'DoesNotExist') && count > 0)
          report(childPath(exprPath, 'values'), `must be empty for operator ${expr.operator}`);
      });
    }
    const { mode, value } = target;
    const valuePath = childPath(path, 'value');
    if (mode === 'fixed' || (mode && PERCENT_MODES.has(mode))) {
      if (value === undefined) report(valuePath, `required field is missing (needed with mode ${mode})`);
    } else if (mode && value !== undefined) {
      report(valuePath, `has no effect with mode ${mode}; remove it or use fixed, fixed-percent or random-max-percent`);
    }
    if (value !== undefined && mode === 'fixed') {
      if (!Number.isInteger(value) || value < 1) report(valuePath, `must be a whole number of at least 1 for mode fixed, got ${value}`);
      else if (maxTargets !== undefined && value > maxTargets)
        report(valuePath, `selects ${value} targets but guardrails.maxTargets is ${maxTargets}`);
    }
    if (value !== undefined && mode && PERCENT_MODES.has(mode) && (value < 0 || value > 100))
      report(valuePath, `must be a percentage between 0 and 100 for mode ${mode}, got ${value}`);
  }

  const maxDuration = tryParseDuration(spec.guardrails?.maxDuration ?? '');
  if (maxDuration === 0) report('spec.guardrails.maxDuration', 'must be longer than 0s');
  const targetNames = Object.keys(targets);
  const stepNames = new Set<string>();
  (spec.steps ?? []).forEach((step, i) => {
    if (!step) return;
    const path = `spec.steps[${i}]`;
    if (step.name) {
      if (stepNames.has(step.name)) report(childPath(path, 'name'), `duplicate step name "${step.name}"`);
      stepNames.add(step.name);
    }
    const at = tryParseDuration(step.at ?? '');
    if (at !== undefined && maxDuration !== undefined && maxDuration > 0 && at >= maxDuration)
      report(childPath(path, 'at'), `starts at ${formatDuration(at)}, not before guardrails.maxDuration (${formatDuration(maxDuration)})`);
    for (const kind of ['podKill', 'latency', 'httpFault'] as const) {
      const fault = step[kind];
      if (!fault?.target) continue;
      if (!(fault.target in targets)) {
        const hint = didYouMean(fault.target, targetNames);
        report(
          `${path}.${kind}.target`,
          `unknown target "${fault.target}"${hint ? `; did you mean "${hint}"?` : targetNames.length ? `; spec.targets has ${targetNames.join(', ')}` : '; spec.targets is empty'}`,
        );
      }
    }
    const change = step.configChange;
    if (change) {
      checkNamespace(change.namespace, `${path}.configChange.namespace`, report);
      if (change.set && Object.keys(change.set).length === 0) report(`${path}.configChange.set`, 'must set at least one key');
      if (change.env && Object.keys(change.env.set ?? {}).length + (change.env.unset?.length ?? 0) === 0)
        report(`${path}.configChange.env`, 'must set or unset at least one variable');
      if (change.set && change.deployment && !change.configMap) report(`${path}.configChange.set`, 'belongs to configMap; for a deployment use env.set');
      if (change.remove && change.deployment && !change.configMap)
        report(`${path}.configChange.remove`, 'belongs to configMap; for a deployment use env.unset');
      if (change.configMap && !change.deployment) {
        if (change.env) report(`${path}.configChange.env`, 'belongs to deployment; for a ConfigMap use set');
        for (const field of ['container', 'image', 'replicas'] as const) {
          if (change[field] !== undefined) report(`${path}.configChange.${field}`, 'belongs to deployment; a ConfigMap has no containers or replicas');
        }
      }
      (change.remove ?? []).forEach((key, j) => {
        if (key !== undefined && change.set && key in change.set)
          report(`${path}.configChange.remove[${j}]`, `key "${key}" is also in set; a key is either set or removed`);
      });
      const minHealthy = spec.guardrails?.minHealthyReplicas;
      if (change.deployment && change.replicas !== undefined && minHealthy !== undefined && change.replicas < minHealthy)
        report(
          `${path}.configChange.replicas`,
          `scales ${change.deployment} to ${change.replicas} replicas, below guardrails.minHealthyReplicas (${minHealthy})`,
        );
    }
    const fault = step.latency ?? step.configChange ?? step.httpFault;
    const kind = step.latency ? 'latency' : step.configChange ? 'configChange' : 'httpFault';
    const duration = tryParseDuration(fault?.duration ?? '');
    if (fault && duration !== undefined && duration === 0) report(`${path}.${kind}.duration`, 'must be longer than 0s');
    if (at !== undefined && duration !== undefined && maxDuration !== undefined && maxDuration > 0 && at < maxDuration && at + duration > maxDuration)
      report(
        `${path}.${kind}.duration`,
        `fault would end at ${formatDuration(at + duration)}, after guardrails.maxDuration (${formatDuration(maxDuration)})`,
      );
    const latency = step.latency;
    if (latency) {
      const delay = tryParseDuration(latency.delay ?? '');
      const jitter = tryParseDuration(latency.jitter ?? '');
      if (delay !== undefined && jitter !== undefined && jitter > delay)
        report(`${path}.latency.jitter`, `must not exceed delay (${formatDuration(delay)})`);
    }
  });

  const probeNames = [...probes];
  (spec.guardrails?.abortWhen ?? []).forEach((cond, i) => {
    if (!cond?.probe || probes.has(cond.probe)) return;
    const hint = didYouMean(cond.probe, probeNames);
    report(
      `spec.guardrails.abortWhen[${i}].probe`,
      `unknown probe "${cond.probe}"${hint ? `; did you mean "${hint}"?` : probeNames.length ? `; spec.hypothesis.steadyState has ${probeNames.join(', ')}` : '; spec.hypothesis.steadyState has no probes'}`,
    );
  });

  const t = spec.response?.targets;
  if (t) {
    const order = ['detect', 'mitigate', 'resolve'] as const;
    for (let i = 1; i < order.length; i++) {
      const before = tryParseDuration(t[order[i - 1]!] ?? '');
      const after = tryParseDuration(t[order[i]!] ?? '');
      if (before !== undefined && after !== undefined && after < before)
        report(`spec.response.targets.${order[i]}`, `must not be shorter than ${order[i - 1]} (${formatDuration(before)}): both are measured from T0`);
    }
  }
  const alerts = new Set<string>();
  (spec.response?.expectedAlerts ?? []).forEach((alert, i) => {
    if (!alert?.alertname) return;
    if (alerts.has(alert.alertname)) report(`spec.response.expectedAlerts[${i}].alertname`, `duplicate alert "${alert.alertname}"`);
    alerts.add(alert.alertname);
  });
}

export function checkTabletop(doc: Loose<Tabletop>, report: Report): void {
  const spec = doc.spec;
  if (!spec) return;
  checkDurations(doc, '', report);
  const roles = new Set((spec.roles ?? []).filter((r): r is string => typeof r === 'string'));
  const roleList = [...roles];
  const variables = Object.keys(spec.variables ?? {});
  const injectIds = new Set<string>();
  const expectationIds = new Map<string, number>();
  const total = tryParseDuration(spec.duration ?? '');

  const checkRole = (role: string | undefined, path: string, allowAll: boolean): void => {
    if (role === undefined || roles.has(role) || (allowAll && role === 'all')) return;
    const hint = didYouMean(role, allowAll ? ['all', ...roleList] : roleList);
    report(path, `unknown role "${role}"${hint ? `; did you mean "${hint}"?` : `; spec.roles has ${roleList.join(', ') || 'nothing'}`}`);
  };

  const injects = spec.injects ?? [];
  injects.forEach((inject, i) => {
    if (!inject) return;
    const path = `spec.injects[${i}]`;
    if (inject.id) {
      if (injectIds.has(inject.id)) report(`${path}.id`, `duplicate inject id "${inject.id}"`);
      injectIds.add(inject.id);
    }
    checkRole(inject.to, `${path}.to`, true);
    const at = tryParseDuration(inject.at ?? '');
    if (at !== undefined && total !== undefined && at >= total)
      report(`${path}.at`, `is at ${formatDuration(at)}, not before spec.duration (${formatDuration(total)})`);
    if (typeof inject.text === 'string') {
      const template = templateVariables(inject.text);
      if (template.error) report(`${path}.text`, `is not a valid template: ${template.error}`);
      for (const name of template.variables) {
        if (variables.includes(name)) continue;
        const hint = didYouMean(name, variables);
        report(`${path}.text`, `uses {{${name}}}, which spec.variables does not declare${hint ? `; did you mean "${hint}"?` : ''}`);
      }
    }
    (inject.expect ?? []).forEach((expectation, j) => {
      if (!expectation) return;
      const ePath = `${path}.expect[${j}]`;
      if (expectation.id) {
        if (expectationIds.has(expectation.id)) report(`${ePath}.id`, `duplicate expectation id "${expectation.id}"`);
        else expectationIds.set(expectation.id, i);
      }
      checkRole(expectation.role, `${ePath}.role`, false);
    });
  });
  const expectationList = [...expectationIds.keys()];
  injects.forEach((inject, i) => {
    const missed = inject?.when?.missed;
    if (!missed) return;
    const path = `spec.injects[${i}].when.missed`;
    const owner = expectationIds.get(missed);
    if (owner === undefined) {
      const hint = didYouMean(missed, expectationList);
      report(path, `unknown expectation "${missed}"${hint ? `; did you mean "${hint}"?` : expectationList.length ? `; expectations are ${expectationList.join(', ')}` : '; no inject has expectations'}`);
    } else if (owner === i) {
      report(path, `refers to an expectation of this same inject, so it could never be released`);
    }
  });
}

const CRON_FIELD = /^(?:\*|\?|[0-9A-Za-z]+(?:-[0-9A-Za-z]+)?)(?:\/[0-9]+)?(?:,(?:\*|[0-9A-Za-z]+(?:-[0-9A-Za-z]+)?)(?:\/[0-9]+)?)*$/;
const CRON_NAMES = ['minute', 'hour', 'day of month', 'month', 'day of week'];

export function checkSchedule(doc: Loose<Schedule>, report: Report): void {
  const spec = doc.spec;
  if (!spec) return;
  checkDurations(doc, '', report);
  if (spec.cron) {
    const fields = spec.cron.trim().split(/\s+/);
    if (fields.length === 5) {
      fields.forEach((field, i) => {
        if (!CRON_FIELD.test(field)) report('spec.cron', `${CRON_NAMES[i]} field "${field}" is not valid cron syntax`);
      });
    }
  }
  if (spec.timezone && !isTimeZone(spec.timezone)) report('spec.timezone', `unknown timezone "${spec.timezone}"; use an IANA name such as Europe/Berlin or UTC`);
  const window = spec.window;
  if (window?.start && window.end && window.start >= window.end)
    report('spec.window.end', `must be after start (${window.start}); windows do not cross midnight`);
  (spec.blackouts ?? []).forEach((blackout, i) => {
    if (!blackout) return;
    const from = blackout.from ? Date.parse(blackout.from) : NaN;
    const to = blackout.to ? Date.parse(blackout.to) : NaN;
    if (blackout.from && Number.isNaN(from)) report(`spec.blackouts[${i}].from`, `"${blackout.from}" is not a valid date`);
    if (blackout.to && Number.isNaN(to)) report(`spec.blackouts[${i}].to`, `"${blackout.to}" is not a valid date`);
    if (!Number.isNaN(from) && !Number.isNaN(to) && to <= from) report(`spec.blackouts[${i}].to`, `must be after from (${blackout.from})`);
  });
}

// Building a DateTimeFormat is slow; a repository uses a handful of zones.
const timeZones = new Map<string, boolean>();
function isTimeZone(name: string): boolean {
  let known = timeZones.get(name);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: name });
      known = true;
    } catch {
      known = false;
    }
    if (timeZones.size < 1000) timeZones.set(name, known);
  }
  return known;
}

function checkNamespace(namespace: string | undefined, path: string, report: Report): void {
  if (namespace && (FORBIDDEN_NAMESPACES as readonly string[]).includes(namespace))
    report(path, `namespace "${namespace}" can never be targeted (${FORBIDDEN_NAMESPACES.join(', ')} are off limits)`);
}

/** Every duration field already matched the pattern; this catches values too large to be meant. */
function checkDurations(value: unknown, path: string, report: Report): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => checkDurations(item, `${path}[${i}]`, report));
    return;
  }
  if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const childP = childPath(path, key);
      if (typeof child === 'string' && DURATION_KEYS.has(key)) {
        const ms = tryParseDuration(child);
        if (ms !== undefined && ms > MAX_DURATION_MS) report(childP, `${child} is longer than the 7-day limit (${formatDuration(MAX_DURATION_MS)})`);
      } else if (key !== 'variables' && key !== 'set' && key !== 'labels' && key !== 'matchLabels') {
        checkDurations(child, childP, report);
      }
    }
  }
}

const DURATION_KEYS = new Set([
  'at',
  'timeout',
  'interval',
  'gracePeriod',
  'delay',
  'jitter',
  'duration',
  'maxDuration',
  'failingFor',
  'within',
  'detect',
  'acknowledge',
  'mitigate',
  'resolve',
]);
