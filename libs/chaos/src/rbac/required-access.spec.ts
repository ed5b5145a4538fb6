import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { parseScenarioFile, type Scenario } from '#scenario';
import { rbacManifests } from './rbac-manifests.js';
import { allNamespaceRules, requiredAccess, rulesFor, scenarioNeeds } from './required-access.js';

function scenario(spec: string, name = 'probe'): Scenario {
  const text = `apiVersion: firedrill.dev/v1alpha1
kind: Scenario
metadata: {name: ${name}, title: ${name}, team: payments, severity: SEV3}
spec:
${spec}
  guardrails: {maxDuration: 30m}
`;
  const parsed = parseScenarioFile(text, { file: `${name}.yaml` });
  expect(parsed.errors).toEqual([]);
  return parsed.documents[0] as Scenario;
}

const target = (ns: string) => `  targets:
    pods: {namespace: ${ns}, selector: {matchLabels: {app: payment}}, mode: one}
`;

const verbsOf = (rules: { apiGroups: string[]; resources: string[]; verbs: string[] }[]) =>
  Object.fromEntries(rules.map((r) => [`${r.apiGroups[0] ? `${r.resources[0]}.${r.apiGroups[0]}` : r.resources[0]}`, r.verbs]));

describe('requiredAccess', () => {
  it('grants a pod kill only pod reads and delete, plus the reads behind the self-heal figure', () => {
    const s = scenario(`  hypothesis: {description: d}
${target('shop')}  steps:
    - {at: 0s, podKill: {target: pods}}`);
    const access = requiredAccess([s]);
    expect(access.namespaces).toHaveLength(1);
    expect(access.namespaces[0]!.namespace).toBe('shop');
    expect(verbsOf(access.namespaces[0]!.rules)).toEqual({
      pods: ['get', 'list', 'delete'],
      'deployments.apps': ['get'],
      'replicasets.apps': ['get'],
    });
    expect(access.cluster).toEqual([{ apiGroups: [''], resources: ['namespaces'], verbs: ['get'] }]);
  });

  it('grants a ConfigMap change no access to Deployments, and a Deployment change none to ConfigMaps', () => {
    const cm = scenario(`  hypothesis: {description: d}
  steps:
    - {at: 0s, configChange: {namespace: shop, configMap: payment-config, set: {A: "1"}, duration: 1m}}`);
    expect(verbsOf(requiredAccess([cm]).namespaces[0]!.rules)).toEqual({ configmaps: ['get', 'watch', 'update'] });
    const dep = scenario(`  hypothesis: {description: d}
  steps:
    - {at: 0s, configChange: {namespace: shop, deployment: payment, replicas: 1, duration: 1m}}`);
    expect(verbsOf(requiredAccess([dep]).namespaces[0]!.rules)).toEqual({ 'deployments.apps': ['get', 'watch', 'update'] });
  });

  it('grants latency what the delay proxy needs: services, and creating/deleting its Deployment, never updating Deployments', () => {
    const s = scenario(`  hypothesis: {description: d}
${target('shop')}  steps:
    - {at: 0s, latency: {target: pods, delay: 1s, duration: 1m}}`);
    expect(verbsOf(requiredAccess([s]).namespaces[0]!.rules)).toEqual({
      pods: ['list'],
      services: ['get', 'list', 'watch', 'create', 'update', 'delete'],
      'deployments.apps': ['get', 'create', 'delete'],
    });
  });

  it('makes one Role per target namespace, probes included, and none for HTTP-only probes', () => {
    const s = scenario(`  hypothesis:
    description: d
    steadyState:
      - {name: ready, kubernetes: {namespace: bank, deployment: ledger, minReady: 1}}
      - {name: up, http: {url: http://x/healthz, expectStatus: 200}}
${target('shop')}  steps:
    - {at: 0s, podKill: {target: pods}}`);
    const access = requiredAccess([s]);
    expect(access.namespaces.map((n) => n.namespace)).toEqual(['bank', 'shop']);
    expect(verbsOf(access.namespaces[0]!.rules)).toEqual({ 'deployments.apps': ['get'] });
  });

  it('puts every target in the override namespace', () => {
    const s = scenario(`  hypothesis: {description: d}
${target('shop')}  steps:
    - {at: 0s, podKill: {target: pods}}
    - {at: 0s, configChange: {namespace: bank, configMap: c, set: {A: "1"}, duration: 1m}}`);
    expect([...scenarioNeeds(s, { namespaceOverride: 'practice' }).keys()]).toEqual(['practice']);
    const access = requiredAccess([s], { namespaceOverride: 'practice' });
    expect(access.namespaces.map((n) => n.namespace)).toEqual(['practice']);
    expect(access.namespaces[0]!.needs).toEqual(['podKill', 'configChange.configMap']);
  });

  it('needs nothing, not even the cluster-scoped read, without scenarios', () => {
    expect(requiredAccess([])).toEqual({ namespaces: [], cluster: [] });
  });

  it('derives the whole engine surface for the shipped scenarios (all in shop)', () => {
    const scenarios = readdirSync('scenarios')
      .filter((f) => f.endsWith('.yaml'))
      .flatMap((f) => parseScenarioFile(readFileSync(`scenarios/${f}`, 'utf8'), { file: f }).documents)
      .filter((d): d is Scenario => d.kind === 'Scenario');
    const access = requiredAccess(scenarios);
    expect(access.namespaces.map((n) => n.namespace)).toEqual(['shop']);
    expect(access.namespaces[0]!.rules).toEqual(allNamespaceRules());
    expect(verbsOf(allNamespaceRules())).toEqual({
      configmaps: ['get', 'watch', 'update'],
      pods: ['get', 'list', 'delete'],
      services: ['get', 'list', 'watch', 'create', 'update', 'delete'],
      'deployments.apps': ['get', 'watch', 'create', 'update', 'delete'],
      'replicasets.apps': ['get'],
    });
    // Least privilege: no patch (the engine replaces with resourceVersion), no secrets, no wildcards.
    const all = allNamespaceRules().flatMap((r) => [...r.verbs, ...r.resources]);
    expect(all).not.toContain('patch');
    expect(all).not.toContain('*');
    expect(all).not.toContain('secrets');
  });

  it('merges verbs for a resource used by several kinds into one rule', () => {
    expect(rulesFor(['podKill', 'kubernetesProbe', 'configChange.deployment']).filter((r) => r.resources[0] === 'deployments')).toEqual([
      { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'watch', 'update'] },
    ]);
  });
});

describe('rbacManifests', () => {
  const s = scenario(
    `  hypothesis: {description: d}
${target('shop')}  steps:
    - {at: 0s, podKill: {target: pods}}`,
    'kill',
  );

  it('emits Roles and the ClusterRole, and bindings only when a ServiceAccount is named', () => {
    const access = requiredAccess([s]);
    expect(rbacManifests(access).map((o) => `${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`)).toEqual([
      'Role shop/firedrill-chaos',
      'ClusterRole /firedrill-chaos',
    ]);
    const bound = rbacManifests(access, { name: 'fd', serviceAccount: { namespace: 'firedrill', name: 'firedrill' } });
    expect(bound.map((o) => o.kind)).toEqual(['Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding']);
    expect(bound[1]).toMatchObject({
      metadata: { name: 'fd', namespace: 'shop' },
      roleRef: { kind: 'Role', name: 'fd' },
      subjects: [{ kind: 'ServiceAccount', name: 'firedrill', namespace: 'firedrill' }],
    });
    expect(bound[0]!.metadata.annotations).toEqual({ 'firedrill.dev/derived-from': 'kill' });
  });

  it('emits nothing for no access', () => {
    expect(rbacManifests({ namespaces: [], cluster: [] })).toEqual([]);
  });
});
