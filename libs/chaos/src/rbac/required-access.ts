import type { Scenario } from '#scenario';

/** One RBAC rule, as in a Role: verbs on resources of one API group. */
export interface PolicyRule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
}

/** Verbs on one resource; `group` '' is the core API group. */
export interface Grant {
  group: string;
  resource: string;
  verbs: readonly string[];
}

/**
 * What the engine does in a target namespace, one entry per kind of work.
 * configChange is split by target so a scenario that only edits a ConfigMap
 * is not granted write access to Deployments.
 */
export const ENGINE_NEEDS = [
  'podKill',
  'configChange.configMap',
  'configChange.deployment',
  'latency',
  'httpFault',
  'kubernetesProbe',
] as const;
export type EngineNeed = (typeof ENGINE_NEEDS)[number];

const pods = (...verbs: string[]): Grant => ({ group: '', resource: 'pods', verbs });
const services = (...verbs: string[]): Grant => ({ group: '', resource: 'services', verbs });
const configmaps = (...verbs: string[]): Grant => ({ group: '', resource: 'configmaps', verbs });
const deployments = (...verbs: string[]): Grant => ({ group: 'apps', resource: 'deployments', verbs });
const replicasets = (...verbs: string[]): Grant => ({ group: 'apps', resource: 'replicasets', verbs });

// Every call the engine makes, traced to where it is made. Update this table
// together with the injectors: the Helm chart's Role is checked against it.
const PROXY_GRANTS: readonly Grant[] = [
  pods('list'), // step-planner: pods behind the target's selector
  services('get', 'list', 'watch', 'create', 'update', 'delete'), // planner lists; injector reads, re-points, creates the shadow Service; run engine watches for the team's fix
  deployments('get', 'create', 'delete'), // the delay proxy: createIfAbsent reads first, recover deletes
];

/** Kubernetes access per kind of work, in the target namespace. */
export const NEED_GRANTS: Readonly<Record<EngineNeed, readonly Grant[]>> = {
  podKill: [
    pods('get', 'list', 'delete'), // planner lists, blast-radius guard reads the pod and its siblings, injector deletes
    replicasets('get'), // self-heal time: the killed pod's ReplicaSet ...
    deployments('get'), // ... and its Deployment's ready replicas
  ],
  'configChange.configMap': [configmaps('get', 'update', 'watch')], // read, replace with resourceVersion, watch for the team's fix
  'configChange.deployment': [deployments('get', 'update', 'watch')],
  latency: PROXY_GRANTS,
  httpFault: PROXY_GRANTS,
  kubernetesProbe: [deployments('get')], // steady-state probe reads readyReplicas
};

/**
 * Needed at cluster scope whatever the scenarios: reading a Namespace to
 * check its chaos annotation before every injection. SelfSubjectAccessReview
 * (checked before each injection) is open to every authenticated identity.
 */
export const CLUSTER_GRANTS: readonly Grant[] = [{ group: '', resource: 'namespaces', verbs: ['get'] }];

/**
 * With one ClusterRole instead of per-namespace Roles, the recovery sweeper
 * can also list objects carrying Firedrill's label in every namespace (its
 * orphan scan; without it, recovery relies on the records in the database).
 */
export const CLUSTER_WIDE_EXTRA_GRANTS: readonly Grant[] = [configmaps('list'), services('list'), deployments('list')];

const VERB_ORDER = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];
const verbRank = (verb: string) => (VERB_ORDER.includes(verb) ? VERB_ORDER.indexOf(verb) : VERB_ORDER.length);

/** Merges grants into rules: one rule per API group and resource, verbs in a stable order. */
export function rulesFromGrants(grants: Iterable<Grant>): PolicyRule[] {
  const merged = new Map<string, { group: string; resource: string; verbs: Set<string> }>();
  for (const g of grants) {
    const key = `${g.group}/${g.resource}`;
    const entry = merged.get(key) ?? { group: g.group, resource: g.resource, verbs: new Set<string>() };
    for (const v of g.verbs) entry.verbs.add(v);
    merged.set(key, entry);
  }
  return [...merged.values()]
    .sort((a, b) => (a.group === b.group ? a.resource.localeCompare(b.resource) : a.group.localeCompare(b.group)))
    .map((e) => ({
      apiGroups: [e.group],
      resources: [e.resource],
      verbs: [...e.verbs].sort((x, y) => verbRank(x) - verbRank(y) || x.localeCompare(y)),
    }));
}

/** The rules for a set of needs in one namespace. */
export function rulesFor(needs: Iterable<EngineNeed>): PolicyRule[] {
  return rulesFromGrants([...new Set(needs)].flatMap((n) => NEED_GRANTS[n]));
}

/** Everything any scenario may need in a namespace: the default Role of the Helm chart. */
export function allNamespaceRules(): PolicyRule[] {
  return rulesFor(ENGINE_NEEDS);
}

export interface NamespaceAccess {
  namespace: string;
  needs: EngineNeed[];
  rules: PolicyRule[];
  /** Scenario names that need this namespace. */
  scenarios: string[];
}

export interface RequiredAccess {
  /** One entry per target namespace, sorted by name. */
  namespaces: NamespaceAccess[];
  /** Empty when no scenario touches a cluster. */
  cluster: PolicyRule[];
}

export interface RequiredAccessOptions {
  /** Treat every target as living in this namespace (e.g. a practice copy). */
  namespaceOverride?: string;
}

/** What one scenario does in which namespace. */
export function scenarioNeeds(scenario: Scenario, options: RequiredAccessOptions = {}): Map<string, Set<EngineNeed>> {
  const out = new Map<string, Set<EngineNeed>>();
  const add = (namespace: string | undefined, need: EngineNeed) => {
    if (!namespace && !options.namespaceOverride) return;
    const ns = options.namespaceOverride ?? namespace!;
    const set = out.get(ns) ?? new Set<EngineNeed>();
    set.add(need);
    out.set(ns, set);
  };
  const targetNamespace = (name: string) => scenario.spec.targets?.[name]?.namespace;
  for (const step of scenario.spec.steps ?? []) {
    if (step.podKill) add(targetNamespace(step.podKill.target), 'podKill');
    if (step.latency) add(targetNamespace(step.latency.target), 'latency');
    if (step.httpFault) add(targetNamespace(step.httpFault.target), 'httpFault');
    if (step.configChange)
      add(step.configChange.namespace, step.configChange.configMap ? 'configChange.configMap' : 'configChange.deployment');
  }
  for (const probe of scenario.spec.hypothesis?.steadyState ?? []) {
    if (probe.kubernetes) add(probe.kubernetes.namespace, 'kubernetesProbe');
  }
  return out;
}

/** The least access a set of (valid) scenarios needs: a Role's rules per namespace, and the cluster-scoped rest. */
export function requiredAccess(scenarios: readonly Scenario[], options: RequiredAccessOptions = {}): RequiredAccess {
  const byNamespace = new Map<string, { needs: Set<EngineNeed>; scenarios: Set<string> }>();
  for (const scenario of scenarios) {
    for (const [ns, needs] of scenarioNeeds(scenario, options)) {
      const entry = byNamespace.get(ns) ?? { needs: new Set<EngineNeed>(), scenarios: new Set<string>() };
      for (const n of needs) entry.needs.add(n);
      entry.scenarios.add(scenario.metadata.name);
      byNamespace.set(ns, entry);
    }
  }
  const namespaces = [...byNamespace.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([namespace, e]) => {
      const needs = ENGINE_NEEDS.filter((n) => e.needs.has(n));
      return { namespace, needs, rules: rulesFor(needs), scenarios: [...e.scenarios].sort() };
    });
  return { namespaces, cluster: namespaces.length > 0 ? rulesFromGrants(CLUSTER_GRANTS) : [] };
}
