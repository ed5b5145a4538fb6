import Handlebars from 'handlebars';
import { parseDuration } from '../duration.js';
import type { FaultKind, LabelSelector, ProbeKind, Scenario, StepSpec, Tabletop, TargetSpec } from '../types.js';
import { maxSelected, selectTargets } from './select-targets.js';
import type { ObjectRef, TargetResolver } from './target-resolver.js';

export interface TimelineEntry {
  /** Offset from run start, in milliseconds. */
  at: number;
  event: 'fault-start' | 'fault-end' | 'hard-stop' | 'inject' | 'deadline';
  /** Index into spec.steps or spec.injects. */
  index?: number;
  description: string;
}

export interface PlannedFault {
  step: number;
  name?: string;
  kind: FaultKind;
  /** Name in spec.targets, for pod faults. */
  target?: string;
  /** The object changed, for configChange: `ConfigMap shop/payment-config`. */
  object?: string;
  startsAt: number;
  /** Undefined for instant faults (podKill). */
  endsAt?: number;
  summary: string;
}

export interface PlannedTarget {
  name: string;
  namespace: string;
  selector: string;
  mode: TargetSpec['mode'];
  value?: number;
  usedBy: number[];
  /** Present when a resolver looked the target up in a cluster. */
  resolution?: {
    matched: ObjectRef[];
    total: number;
    /** Most objects the mode can select from `matched`. */
    maxHit: number;
    /** One possible selection, as the run would draw it. */
    sample: ObjectRef[];
    /** maxHit as a percentage of every object of that kind in the namespace. */
    blastRadiusPercent: number;
  };
}

export interface ScenarioPlan {
  kind: 'Scenario';
  name: string;
  title: string;
  maxDuration: number;
  /** When the last fault ends (or maxDuration, whichever is first). */
  endsAt: number;
  faults: PlannedFault[];
  timeline: TimelineEntry[];
  guardrails: {
    maxDuration: number;
    maxTargets?: number;
    minHealthyReplicas?: number;
    abortWhen: { probe: string; failingFor: number }[];
  };
  probes: { name: string; kind: ProbeKind; interval?: number }[];
  targets: PlannedTarget[];
  resolved: boolean;
  warnings: string[];
}

export interface TabletopPlan {
  kind: 'Tabletop';
  name: string;
  title: string;
  timeline: TimelineEntry[];
  contingencies: { inject: string; whenMissed: string }[];
  warnings: string[];
}

export interface PlanOptions {
  /** Looks targets up in a cluster (dry run). Without it the plan has no resolution. */
  resolver?: TargetResolver;
  /** Randomness for the sample selection; default Math.random. */
  random?: () => number;
}

/** Turns a scenario into a timeline, and with a resolver into the objects it would hit. Touches nothing. */
export function planScenario(doc: Scenario, options?: PlanOptions): Promise<ScenarioPlan>;
export function planScenario(doc: Tabletop, options?: PlanOptions): Promise<TabletopPlan>;
export function planScenario(doc: Scenario | Tabletop, options?: PlanOptions): Promise<ScenarioPlan | TabletopPlan>;
export async function planScenario(doc: Scenario | Tabletop, options: PlanOptions = {}): Promise<ScenarioPlan | TabletopPlan> {
  if (doc.kind === 'Tabletop') return planTabletop(doc);
  const plan = buildTimeline(doc);
  if (options.resolver) await resolveTargets(doc, plan, options.resolver, options.random ?? Math.random);
  return plan;
}

/** The cluster-free part of the plan: timeline, fault windows, guardrails. */
export function buildTimeline(doc: Scenario): ScenarioPlan {
  const spec = doc.spec;
  const maxDuration = parseDuration(spec.guardrails.maxDuration);
  const faults = spec.steps.map((step, i) => planFault(step, i));
  const timeline: TimelineEntry[] = [];
  for (const fault of faults) {
    timeline.push({ at: fault.startsAt, event: 'fault-start', index: fault.step, description: fault.summary });
    if (fault.endsAt !== undefined)
      timeline.push({ at: fault.endsAt, event: 'fault-end', index: fault.step, description: `${fault.kind} of step ${fault.step + 1} reverted` });
  }
  timeline.push({ at: maxDuration, event: 'hard-stop', description: 'guardrails.maxDuration reached: the run is stopped and every fault reverted' });
  timeline.sort((a, b) => a.at - b.at || order(a.event) - order(b.event));

  const lastEnd = Math.max(0, ...faults.map((f) => f.endsAt ?? f.startsAt));
  const targets: PlannedTarget[] = Object.entries(spec.targets ?? {}).map(([name, target]) => ({
    name,
    namespace: target.namespace,
    selector: describeSelector(target.selector),
    mode: target.mode,
    ...(target.value !== undefined ? { value: target.value } : {}),
    usedBy: faults.filter((f) => f.target === name).map((f) => f.step),
  }));
  const warnings = targets.filter((t) => t.usedBy.length === 0).map((t) => `target ${t.name} is not used by any step`);

  return {
    kind: 'Scenario',
    name: doc.metadata.name,
    title: doc.metadata.title,
    maxDuration,
    endsAt: Math.min(lastEnd, maxDuration),
    faults,
    timeline,
    guardrails: {
      maxDuration,
      ...(spec.guardrails.maxTargets !== undefined ? { maxTargets: spec.guardrails.maxTargets } : {}),
      ...(spec.guardrails.minHealthyReplicas !== undefined ? { minHealthyReplicas: spec.guardrails.minHealthyReplicas } : {}),
      abortWhen: (spec.guardrails.abortWhen ?? []).map((c) => ({ probe: c.probe, failingFor: parseDuration(c.failingFor) })),
    },
    probes: (spec.hypothesis.steadyState ?? []).map((p) => ({
      name: p.name,
      kind: p.http ? 'http' : p.prometheus ? 'prometheus' : 'kubernetes',
      ...(p.interval ? { interval: parseDuration(p.interval) } : {}),
    })),
    targets,
    resolved: false,
    warnings,
  };
}

async function resolveTargets(doc: Scenario, plan: ScenarioPlan, resolver: TargetResolver, random: () => number): Promise<void> {
  const specs = doc.spec.targets ?? {};
  let totalHit = 0;
  for (const planned of plan.targets) {
    const spec = specs[planned.name]!;
    const { matched, total } = await resolver.resolve(spec);
    const maxHit = maxSelected(matched.length, spec.mode, spec.value);
    planned.resolution = {
      matched,
      total,
      maxHit,
      sample: selectTargets(matched, spec.mode, spec.value, random),
      blastRadiusPercent: total === 0 ? 0 : Math.round((maxHit / total) * 1000) / 10,
    };
    if (planned.usedBy.length) totalHit += maxHit;
    if (matched.length === 0) plan.warnings.push(`target ${planned.name} matches no ${planned.selector} in namespace ${planned.namespace}`);
    else if (maxHit === 0) plan.warnings.push(`target ${planned.name} matches ${matched.length} but mode ${spec.mode} selects none of them`);
    const keep = plan.guardrails.minHealthyReplicas;
    if (keep !== undefined && matched.length > 0 && matched.length - maxHit < keep)
      plan.warnings.push(
        `target ${planned.name} may leave ${matched.length - maxHit} of ${matched.length} pods, fewer than guardrails.minHealthyReplicas (${keep}); the run will hit fewer`,
      );
  }
  if (plan.guardrails.maxTargets !== undefined && totalHit > plan.guardrails.maxTargets)
    plan.warnings.push(`the run may hit up to ${totalHit} objects, more than guardrails.maxTargets (${plan.guardrails.maxTargets}); preflight will refuse it`);
  plan.resolved = true;
}

function planFault(step: StepSpec, index: number): PlannedFault {
  const startsAt = parseDuration(step.at);
  const base = { step: index, ...(step.name ? { name: step.name } : {}), startsAt };
  if (step.podKill) {
    const grace = step.podKill.gracePeriod ? ` (grace period ${step.podKill.gracePeriod})` : '';
    return { ...base, kind: 'podKill', target: step.podKill.target, summary: `kill pods of ${step.podKill.target}${grace}` };
  }
  if (step.latency) {
    const l = step.latency;
    const jitter = l.jitter ? ` ±${l.jitter}` : '';
    const port = l.port ? ` on port ${l.port}` : '';
    return {
      ...base,
      kind: 'latency',
      target: l.target,
      endsAt: startsAt + parseDuration(l.duration),
      summary: `add ${l.delay}${jitter} latency to ${l.target}${port} for ${l.duration}`,
    };
  }
  if (step.httpFault) {
    const h = step.httpFault;
    return {
      ...base,
      kind: 'httpFault',
      target: h.target,
      endsAt: startsAt + parseDuration(h.duration),
      summary: `answer ${h.abortPercent}% of HTTP requests to ${h.target}${h.path ? ` under ${h.path}` : ''} with ${h.status} for ${h.duration}`,
    };
  }
  const c = step.configChange!;
  const object = c.configMap ? `ConfigMap ${c.namespace}/${c.configMap}` : `Deployment ${c.namespace}/${c.deployment}`;
  const changes = c.configMap
    ? [...Object.entries(c.set ?? {}).map(([k, v]) => `${k}=${v}`), ...(c.remove ?? []).map((k) => `remove ${k}`)]
    : [
        ...Object.entries(c.env?.set ?? {}).map(([k, v]) => `${k}=${v}`),
        ...(c.env?.unset ?? []).map((k) => `unset ${k}`),
        ...(c.image !== undefined ? [`image ${c.image}`] : []),
        ...(c.replicas !== undefined ? [`replicas ${c.replicas}`] : []),
      ];
  const where = c.container ? ` (container ${c.container})` : '';
  return {
    ...base,
    kind: 'configChange',
    object,
    endsAt: startsAt + parseDuration(c.duration),
    summary: `change ${object}${where}: ${changes.join(', ')} for ${c.duration}`,
  };
}

function planTabletop(doc: Tabletop): TabletopPlan {
  const timeline: TimelineEntry[] = [];
  const contingencies: TabletopPlan['contingencies'] = [];
  doc.spec.injects.forEach((inject, i) => {
    if (inject.when) {
      contingencies.push({ inject: inject.id, whenMissed: inject.when.missed });
      return;
    }
    const at = parseDuration(inject.at!);
    const text = renderTemplate(inject.text, doc.spec.variables ?? {});
    timeline.push({ at, event: 'inject', index: i, description: `${inject.id} → ${inject.to ?? 'all'}: ${text}` });
    for (const e of inject.expect ?? []) {
      if (e.within)
        timeline.push({
          at: at + parseDuration(e.within),
          event: 'deadline',
          index: i,
          description: `${e.id} due${e.role ? ` (${e.role})` : ''}: ${e.action}`,
        });
    }
  });
  timeline.sort((a, b) => a.at - b.at);
  return { kind: 'Tabletop', name: doc.metadata.name, title: doc.metadata.title, timeline, contingencies, warnings: [] };
}

export function describeSelector(selector: LabelSelector): string {
  const parts = Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of selector.matchExpressions ?? []) {
    if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
    else parts.push(`${e.key} ${e.operator === 'In' ? 'in' : 'notin'} (${(e.values ?? []).join(',')})`);
  }
  return parts.join(',');
}

function order(event: TimelineEntry['event']): number {
  return event === 'fault-end' ? 0 : event === 'hard-stop' ? 2 : 1;
}


// An isolated instance: nothing registered elsewhere (helpers, partials) leaks into inject text.
const handlebars = Handlebars.create();

function renderTemplate(text: string, variables: Record<string, string>): string {
  return handlebars.compile(text, { noEscape: true, strict: true })(variables);
}
