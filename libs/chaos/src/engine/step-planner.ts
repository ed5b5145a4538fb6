import { parseDuration, selectTargets, type Scenario, type StepSpec, type TargetSpec } from '#scenario';
import type { ClusterPort } from '../cluster.port.js';
import { TargetNotFoundError } from '../errors.js';
import { matchesEquality, selectorToString, type KubeObject, type TargetRef } from '../kube-object.js';
import type { FaultKindName, NewInjectionRecord } from '../records.js';

/** Window in which a one-shot fault (pod kill) must be executed. */
const ONE_SHOT_WINDOW_MS = 5 * 60_000;

export interface PlannedStep {
  kind: FaultKindName;
  records: NewInjectionRecord[];
  /** Candidates the selector matched before the selection mode narrowed them. */
  candidates: number;
  description: string;
}

export function stepKind(step: StepSpec): FaultKindName {
  if (step.podKill) return 'podKill';
  if (step.configChange) return 'configChange';
  if (step.latency) return 'latency';
  if (step.httpFault) return 'httpFault';
  throw new Error('step has no fault');
}

/**
 * Resolves one step against the cluster, read-only: which objects it will
 * change and how. The records it returns are written before anything is
 * touched.
 */
export async function planStep(
  cluster: ClusterPort,
  scenario: Scenario,
  stepIndex: number,
  runId: string,
  now: Date,
  options: { dryRun?: boolean; random?: () => number } = {},
): Promise<PlannedStep> {
  const step = scenario.spec.steps[stepIndex]!;
  const kind = stepKind(step);
  const base = { runId, stepIndex, kind, dryRun: options.dryRun ?? false };
  if (step.podKill) {
    const target = targetOf(scenario, step.podKill.target);
    const pods = (await listPods(cluster, target)).filter((p) => !p.metadata.deletionTimestamp);
    const chosen = selectTargets(pods, target.mode, target.value, options.random);
    const grace = step.podKill.gracePeriod ? Math.round(parseDuration(step.podKill.gracePeriod) / 1000) : 0;
    return {
      kind,
      candidates: pods.length,
      description: `kill ${chosen.length} of ${pods.length} pod(s) in ${target.namespace}`,
      records: chosen.map((pod) => ({
        ...base,
        target: refOf(pod),
        spec: { gracePeriodSeconds: grace, owner: pod.metadata.ownerReferences?.find((o) => o.controller)?.name ?? null },
        expiresAt: new Date(now.getTime() + ONE_SHOT_WINDOW_MS),
      })),
    };
  }
  if (step.configChange) {
    const c = step.configChange;
    const expiresAt = new Date(now.getTime() + parseDuration(c.duration));
    if (c.configMap) {
      const cm = await cluster.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: c.namespace, name: c.configMap });
      if (!cm) throw new TargetNotFoundError(`configmap ${c.namespace}/${c.configMap}`);
      const remove = (c as { remove?: string[] }).remove;
      return {
        kind,
        candidates: 1,
        description: `change configmap ${c.namespace}/${c.configMap}`,
        records: [{ ...base, target: refOf(cm), spec: { set: c.set ?? {}, remove: remove ?? [] }, expiresAt }],
      };
    }
    const dep = await cluster.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: c.namespace, name: c.deployment! });
    if (!dep) throw new TargetNotFoundError(`deployment ${c.namespace}/${c.deployment}`);
    const extra = c as { image?: string; replicas?: number };
    return {
      kind,
      candidates: 1,
      description: `change deployment ${c.namespace}/${c.deployment}`,
      records: [{ ...base, target: refOf(dep), spec: { container: c.container, env: c.env ?? {}, image: extra.image, replicas: extra.replicas }, expiresAt }],
    };
  }
  const fault = (step.latency ?? step.httpFault)!;
  const target = targetOf(scenario, fault.target);
  const pods = await listPods(cluster, target);
  const services = (await cluster.list({ apiVersion: 'v1', kind: 'Service', namespace: target.namespace })).filter((svc) =>
    pods.some((pod) => matchesEquality((svc.spec as { selector?: Record<string, string> }).selector, pod.metadata.labels)),
  );
  const expiresAt = new Date(now.getTime() + parseDuration(fault.duration));
  const spec = step.latency
    ? { delayMs: parseDuration(step.latency.delay), jitterMs: step.latency.jitter ? parseDuration(step.latency.jitter) : 0, port: step.latency.port }
    : { abortPercent: step.httpFault!.abortPercent, status: step.httpFault!.status, port: step.httpFault!.port };
  return {
    kind,
    candidates: services.length,
    description: `${kind === 'latency' ? 'delay' : 'fail requests to'} ${services.length} service(s) in front of ${pods.length} pod(s) in ${target.namespace}`,
    records: services.map((svc) => ({ ...base, target: refOf(svc), spec, expiresAt })),
  };
}

function targetOf(scenario: Scenario, name: string): TargetSpec {
  const target = scenario.spec.targets?.[name];
  if (!target) throw new TargetNotFoundError(`target '${name}'`);
  return target;
}

export async function listPods(cluster: ClusterPort, target: Pick<TargetSpec, 'namespace' | 'selector'>): Promise<KubeObject[]> {
  return cluster.list({ apiVersion: 'v1', kind: 'Pod', namespace: target.namespace, labelSelector: selectorToString(target.selector) });
}

export function refOf(object: KubeObject): TargetRef {
  return {
    apiVersion: object.apiVersion,
    kind: object.kind,
    namespace: object.metadata.namespace ?? '',
    name: object.metadata.name,
    uid: object.metadata.uid,
  };
}
