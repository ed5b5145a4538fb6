import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Command } from 'commander';
import { parseAllDocuments, stringify } from 'yaml';
import { ENGINE_NEEDS, CLUSTER_WIDE_EXTRA_GRANTS, NEED_GRANTS, allNamespaceRules, rulesFromGrants } from '#chaos';
import { applyFixtures, clusterDir, deleteNamespace, describeCluster, freshNamespace, kubectl } from '#testing';
import { registerRbacCommand } from '../../apps/cli/src/commands/rbac.command.js';
import {
  k,
  kjson,
  readyReplicas,
  saveScenario,
  serviceAccountKubeconfig,
  waitFor,
  waitForRun,
} from '../../apps/server/test/cluster-helpers.js';
import { startTestServer, type TestServer } from '../../apps/server/test/test-server.js';

const CHART = 'charts/firedrill';
const helmPath = () => path.join(clusterDir(), 'bin', 'helm');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function helm(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      helmPath(),
      args,
      {
        maxBuffer: 32 * 1024 * 1024,
        env: { ...process.env, HELM_CACHE_HOME: '/tmp/firedrill-helm-cache', HELM_CONFIG_HOME: '/tmp/firedrill-helm-config' },
      },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    );
  });
}

type Manifest = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; annotations?: Record<string, string>; labels?: Record<string, string> };
  [key: string]: any;
};

async function template(namespace: string, ...args: string[]): Promise<Manifest[]> {
  return templateRelease('fd', namespace, ...args);
}

async function templateRelease(release: string, namespace: string, ...args: string[]): Promise<Manifest[]> {
  const res = await helm(['template', release, CHART, '--namespace', namespace, ...args]);
  if (res.code !== 0) throw new Error(`helm template failed: ${res.stderr}`);
  return parseAllDocuments(res.stdout)
    .map((d) => d.toJS() as Manifest | null)
    .filter((d): d is Manifest => d !== null);
}

const ids = (docs: Manifest[]) => docs.map((d) => `${d.kind} ${d.metadata.namespace ?? ''}/${d.metadata.name}`.replace(' /', ' ')).sort();
const one = (docs: Manifest[], kind: string) => docs.find((d) => d.kind === kind)!;
const toYaml = (docs: Manifest[]) => docs.map((d) => `---\n${stringify(d)}`).join('');

/** The helm binary is built from its Go module by `npm run helm:build` (`.ci/run` does it). */
function describeHelm(name: string, fn: () => void): void {
  describeCluster(name, fn, existsSync(helmPath()) ? null : `${helmPath()} is missing; run npm run helm:build (e2e/helm/build.sh)`);
}

const minimal = ['-f', `${CHART}/ci/minimal-values.yaml`];
const full = ['-f', `${CHART}/ci/full-values.yaml`];

describeHelm('the Helm chart', () => {
  it('lints with the minimal and the representative values', async () => {
    for (const values of [minimal, full, [...full, '--set', 'chaos.clusterWide=true']]) {
      const res = await helm(['lint', CHART, '--strict', ...values]);
      expect([res.code, res.stderr]).toEqual([0, '']);
      expect(res.stdout).toContain('0 chart(s) failed');
    }
  });

  it('renders the defaults (plus the required Secret) as a hardened single server with no chaos Role yet', async () => {
    const docs = await template('firedrill', ...minimal);
    expect(ids(docs)).toEqual([
      'ClusterRole firedrill-fd-firedrill-namespaces',
      'ClusterRoleBinding firedrill-fd-firedrill-namespaces',
      'ConfigMap firedrill/fd-firedrill',
      'Deployment firedrill/fd-firedrill',
      'Job firedrill/fd-firedrill-halt',
      'Service firedrill/fd-firedrill',
      'ServiceAccount firedrill/fd-firedrill',
    ]);
    const dep = one(docs, 'Deployment');
    expect(dep.spec.replicas).toBe(1);
    const pod = dep.spec.template.spec;
    const server = pod.containers[0];
    expect(pod.serviceAccountName).toBe('fd-firedrill');
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(server.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
    expect(server.volumeMounts.map((m: any) => m.mountPath).sort()).toEqual(['/data', '/tmp']);
    expect(pod.volumes.every((v: any) => 'emptyDir' in v)).toBe(true);
    expect(server.livenessProbe.httpGet.path).toBe('/healthz');
    expect(server.readinessProbe.httpGet.path).toBe('/readyz');
    expect(server.resources.requests && server.resources.limits).toBeTruthy();
    const env = Object.fromEntries(server.env.map((e: any) => [e.name, e.value ?? e.valueFrom]));
    expect(env.FIREDRILL_NAMESPACE).toBe('firedrill');
    expect(env.DATABASE_URL).toEqual({ secretKeyRef: { name: 'firedrill', key: 'DATABASE_URL' } });
    expect(env.FIREDRILL_ADMIN_TOKEN).toEqual({ secretKeyRef: { name: 'firedrill', key: 'FIREDRILL_ADMIN_TOKEN' } });
    const config = one(docs, 'ConfigMap').data;
    expect(config).toMatchObject({ NODE_ENV: 'production', FIREDRILL_DATA_DIR: '/data', FIREDRILL_PROXY_IMAGE: server.image });
    // The pre-delete hook halts through the Service with the same token.
    const job = one(docs, 'Job');
    expect(job.metadata.annotations!['helm.sh/hook']).toBe('pre-delete');
    const halt = job.spec.template.spec.containers[0];
    expect(halt.args).toEqual(['halt', '--server', 'http://fd-firedrill.firedrill.svc:80', '--reason', 'helm uninstall of release fd']);
    expect(halt.env).toEqual([
      { name: 'FIREDRILL_TOKEN', valueFrom: { secretKeyRef: { name: 'firedrill', key: 'FIREDRILL_ADMIN_TOKEN' } } },
    ]);
    // The Service selects the server's pods, never the hook's.
    const selector = one(docs, 'Service').spec.selector;
    expect(Object.entries(selector).every(([key, value]) => job.spec.template.metadata.labels[key] === value)).toBe(false);
    expect(one(docs, 'ClusterRole').rules).toEqual([{ apiGroups: [''], resources: ['namespaces'], verbs: ['get'] }]);
  });

  it('renders representative values: 3 replicas with a PDB, Ingress, NetworkPolicy and a Role per chaos namespace', async () => {
    const docs = await template('firedrill', ...full);
    expect(one(docs, 'Deployment').spec.replicas).toBe(3);
    expect(one(docs, 'PodDisruptionBudget').spec.minAvailable).toBe(1);
    expect(one(docs, 'Ingress').spec.rules[0].host).toBe('firedrill.example.com');
    expect(one(docs, 'NetworkPolicy').spec.ingress[0].from).toHaveLength(2);
    const roles = docs.filter((d) => d.kind === 'Role');
    expect(roles.map((r) => r.metadata.namespace).sort()).toEqual(['bank', 'shop']);
    // The chart's Role is exactly the derivation's table of engine calls.
    for (const role of roles) expect(role.rules).toEqual(allNamespaceRules());
    expect(docs.filter((d) => d.kind === 'RoleBinding').map((b) => b.subjects)).toEqual([
      [{ kind: 'ServiceAccount', name: 'fd-firedrill', namespace: 'firedrill' }],
      [{ kind: 'ServiceAccount', name: 'fd-firedrill', namespace: 'firedrill' }],
    ]);
    expect(docs.filter((d) => d.kind === 'ClusterRole').map((r) => r.metadata.name)).toEqual(['firedrill-fd-firedrill-namespaces']);
  });

  it('switches to one ClusterRole with chaos.clusterWide', async () => {
    const docs = await template('firedrill', ...full, '--set', 'chaos.clusterWide=true');
    expect(docs.filter((d) => d.kind === 'Role' || d.kind === 'RoleBinding')).toEqual([]);
    const chaos = docs.find((d) => d.kind === 'ClusterRole' && d.metadata.name.endsWith('-chaos'))!;
    expect(chaos.rules).toEqual(rulesFromGrants([...ENGINE_NEEDS.flatMap((n) => NEED_GRANTS[n]), ...CLUSTER_WIDE_EXTRA_GRANTS]));
  });

  it.each([
    [['--set', 'replicaCount=zero'], "at '/replicaCount': got string, want integer"],
    [['--set', 'replicaCount=0'], "at '/replicaCount': minimum"],
    [['--set', 'chaos.namespaces={Shop_1}'], "at '/chaos/namespaces/0'"],
    [['--set', 'replicaCounts=2'], "additional properties 'replicaCounts' not allowed"],
  ])('rejects bad values before rendering: %j', async (args, message) => {
    const res = await helm(['template', 'fd', CHART, ...minimal, ...args]);
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain(message);
  });

  it('refuses to render without the database Secret, naming the field', async () => {
    const res = await helm(['template', 'fd', CHART]);
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain("at '/database/existingSecret': minLength");
  });

  it("refuses Firedrill's own namespace or a system namespace as a chaos target", async () => {
    for (const ns of ['firedrill', 'kube-system']) {
      const res = await helm(['template', 'fd', CHART, '--namespace', 'firedrill', ...minimal, '--set', `chaos.namespaces={${ns}}`]);
      expect(res.code).not.toBe(0);
      expect(res.stderr).toContain(`chaos.namespaces: "${ns}" can never be a target`);
    }
  });
});

const podKill = (name: string, ns: string) => `apiVersion: firedrill.dev/v1alpha1
kind: Scenario
metadata: {name: ${name}, title: ${name}, team: helm, severity: SEV3}
spec:
  hypothesis: {description: payment survives losing a pod}
  targets:
    pods: {namespace: ${ns}, selector: {matchLabels: {app: payment}}, mode: one}
  steps:
    - {at: 0s, podKill: {target: pods}}
  guardrails: {maxDuration: 5m}
`;

const everyOtherFault = (name: string, ns: string) => `apiVersion: firedrill.dev/v1alpha1
kind: Scenario
metadata: {name: ${name}, title: ${name}, team: helm, severity: SEV3}
spec:
  hypothesis:
    description: slow, misconfigured payment is noticed
    steadyState:
      - {name: payment-ready, kubernetes: {namespace: ${ns}, deployment: payment, minReady: 1}, interval: 1s}
  targets:
    pods: {namespace: ${ns}, selector: {matchLabels: {app: payment}}, mode: all}
  steps:
    - {at: 0s, configChange: {namespace: ${ns}, configMap: payment-config, set: {DB_POOL_SIZE: "1"}, duration: 3s}}
    - {at: 0s, configChange: {namespace: ${ns}, deployment: payment, container: app, env: {set: {FEATURE_X: "off"}}, duration: 3s}}
    - {at: 0s, latency: {target: pods, delay: 1s, duration: 3s, port: 8080}}
  guardrails: {maxDuration: 5m}
`;

const podUids = async (ns: string) =>
  (await kjson(['-n', ns, 'get', 'pods', '-l', 'app=payment'])).items.map((p: any) => p.metadata.uid).sort();

describeHelm('the chart installed into the local control plane', () => {
  let release: string; // the release namespace, also the release name
  let allowed: string;
  let outside: string;
  let server: TestServer | undefined;

  beforeAll(async () => {
    release = await freshNamespace('fd-release', { chaosEnabled: false });
    allowed = await freshNamespace('fd-allowed');
    outside = await freshNamespace('fd-outside');
    // Pods of the release must meet the restricted Pod Security profile.
    await k(['label', 'namespace', release, 'pod-security.kubernetes.io/enforce=restricted']);
    await Promise.all([applyFixtures(allowed), applyFixtures(outside)]);
    await k([
      '-n',
      release,
      'create',
      'secret',
      'generic',
      'firedrill',
      '--from-literal=DATABASE_URL=postgres://firedrill@db.example:5432/firedrill',
      '--from-literal=FIREDRILL_ADMIN_TOKEN=an-admin-token-for-the-hook',
    ]);
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
    await kubectl(['delete', 'clusterrole,clusterrolebinding', '-l', `app.kubernetes.io/instance=${release}`, '--ignore-not-found']);
    for (const ns of [release, allowed, outside]) if (ns) await deleteNamespace(ns);
  });

  it('is accepted by the apiserver (dry run, hook included), then applied, and its pods run under the restricted profile', async () => {
    const docs = await templateRelease(
      release,
      release,
      ...minimal,
      '--set',
      `replicaCount=2,chaos.namespaces={${allowed}},networkPolicy.enabled=true`,
    );
    const dry = await kubectl(['apply', '--dry-run=server', '-f', '-'], { input: toYaml(docs) });
    expect([dry.code, dry.stderr]).toEqual([0, '']);
    expect(dry.stdout).toContain(`job.batch/${release}-firedrill-halt created (server dry run)`);
    const installed = docs.filter((d) => !d.metadata.annotations?.['helm.sh/hook']);
    const applied = await kubectl(['apply', '-f', '-'], { input: toYaml(installed) });
    expect([applied.code, applied.stderr]).toEqual([0, '']);
    await waitFor('2 server pods ready', async () => (await readyReplicas(release, `${release}-firedrill`)) === 2, 60_000);
    const ours = ['get', 'roles', '-l', `app.kubernetes.io/instance=${release}`];
    expect((await kjson(['-n', allowed, ...ours])).items.map((r: any) => r.metadata.name)).toEqual([`${release}-firedrill-chaos`]);
    expect((await kjson(['-n', outside, ...ours])).items).toEqual([]);
  });

  describe('the server using the chart ServiceAccount', () => {
    beforeAll(async () => {
      const kubeconfig = await serviceAccountKubeconfig(release, `${release}-firedrill`);
      server = await startTestServer({
        KUBECONFIG: kubeconfig,
        FIREDRILL_NAMESPACE: release,
        FIREDRILL_SCENARIOS_DIR: '/nonexistent',
        FIREDRILL_SWEEP_INTERVAL: '500',
      });
    }, 120_000);

    it('kills a pod in a namespace listed in chaos.namespaces', async () => {
      await waitFor('payment ready', async () => (await readyReplicas(allowed, 'payment')) === 3, 60_000);
      const before = (await kjson(['-n', allowed, 'get', 'pods', '-l', 'app=payment'])).items.map((p: any) => p.metadata.name);
      const name = await saveScenario(server!, podKill('helm-kill-allowed', allowed));
      const created = await server!.request('POST', '/api/v1/runs', { body: { scenario: name } });
      expect(created.status).toBe(201);
      const run = await waitForRun(server!, created.body.id, ['completed', 'failed', 'aborted']);
      expect([run.state, run.failureReason ?? null]).toEqual(['completed', null]);
      const killed = run.records.map((r: any) => r.notes.podDeleted);
      expect(killed).toHaveLength(1);
      expect(before).toContain(killed[0]);
      const after = (await kjson(['-n', allowed, 'get', 'pods', '-l', 'app=payment'])).items.map((p: any) => p.metadata.name);
      expect(after).not.toContain(killed[0]);
    });

    it('injects and restores config changes and a delay proxy with the same Role (no verb missing)', async () => {
      const configBefore = (await kjson(['-n', allowed, 'get', 'configmap', 'payment-config'])).data;
      const selectorBefore = (await kjson(['-n', allowed, 'get', 'service', 'payment'])).spec.selector;
      const name = await saveScenario(server!, everyOtherFault('helm-every-fault', allowed));
      const created = await server!.request('POST', '/api/v1/runs', { body: { scenario: name } });
      expect(created.status).toBe(201);
      const run = await waitForRun(server!, created.body.id, ['completed', 'failed', 'aborted']);
      expect([run.state, run.failureReason ?? null]).toEqual(['completed', null]);
      expect(run.records.map((r: any) => [r.kind, r.phase, r.outcome]).sort()).toEqual([
        ['configChange', 'recovered', 'restored'],
        ['configChange', 'recovered', 'restored'],
        ['latency', 'recovered', 'restored'],
      ]);
      expect((await kjson(['-n', allowed, 'get', 'configmap', 'payment-config'])).data).toEqual(configBefore);
      expect((await kjson(['-n', allowed, 'get', 'service', 'payment'])).spec.selector).toEqual(selectorBefore);
      expect((await kjson(['-n', allowed, 'get', 'deployments,services', '-l', 'firedrill.dev/created-by-record'])).items).toEqual([]);
    });

    it('fails in a chaos-annotated namespace outside chaos.namespaces, naming the missing permission, and touches nothing', async () => {
      await waitFor('payment ready', async () => (await readyReplicas(outside, 'payment')) === 3, 60_000);
      const before = await podUids(outside);
      const name = await saveScenario(server!, podKill('helm-kill-outside', outside));
      const created = await server!.request('POST', '/api/v1/runs', { body: { scenario: name } });
      // Planning reads the pods first, so the missing grant surfaces as the list.
      expect(created.status).toBe(201);
      const run = await waitForRun(server!, created.body.id, ['failed', 'completed', 'aborted']);
      expect(run.state).toBe('failed');
      expect(run.failureReason).toContain(`cannot list pods in namespace '${outside}'`);
      expect(run.records).toEqual([]);
      expect(await podUids(outside)).toEqual(before);
    });
  });
});

describeHelm('firedrill rbac against the local control plane', () => {
  async function rbac(...args: string[]): Promise<{ code: number; out: string; err: string }> {
    const io = { out: '', err: '', stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t) };
    const program = new Command().exitOverride();
    registerRbacCommand(program, io);
    process.exitCode = undefined;
    await program.parseAsync(['node', 'firedrill', 'rbac', ...args]);
    const code = Number(process.exitCode ?? 0);
    process.exitCode = undefined;
    return { code, out: io.out, err: io.err };
  }

  it('prints Roles for the shipped scenarios that the apiserver accepts, with exactly the verbs they need', async () => {
    const res = await rbac('--scenarios', 'scenarios/', '--service-account', 'firedrill/firedrill');
    expect([res.code, res.err]).toEqual([0, '']);
    // The shipped scenarios all target shop (seeded by the cluster setup).
    const dry = await kubectl(['apply', '--dry-run=server', '-f', '-'], { input: res.out });
    expect([dry.code, dry.stderr]).toEqual([0, '']);
    expect(dry.stdout.trim().split('\n').sort()).toEqual([
      'clusterrole.rbac.authorization.k8s.io/firedrill-chaos created (server dry run)',
      'clusterrolebinding.rbac.authorization.k8s.io/firedrill-chaos created (server dry run)',
      'role.rbac.authorization.k8s.io/firedrill-chaos created (server dry run)',
      'rolebinding.rbac.authorization.k8s.io/firedrill-chaos created (server dry run)',
    ]);
    const docs = parseAllDocuments(res.out)
      .map((d) => d.toJS())
      .filter(Boolean);
    const role = docs.find((d: any) => d.kind === 'Role');
    expect(role.metadata.namespace).toBe('shop');
    const verbs = Object.fromEntries(role.rules.map((r: any) => [[r.resources[0], r.apiGroups[0]].filter(Boolean).join('.'), r.verbs]));
    expect(verbs).toEqual({
      configmaps: ['get', 'watch', 'update'],
      pods: ['get', 'list', 'delete'],
      services: ['get', 'list', 'watch', 'create', 'update', 'delete'],
      'deployments.apps': ['get', 'watch', 'create', 'update', 'delete'],
      'replicasets.apps': ['get'],
    });
  });

  it('with --namespace-override, yields a Role the apiserver grants exactly (SelfSubjectAccessReview as the bound account)', async () => {
    const ns = await freshNamespace('fd-rbac');
    try {
      await k(['-n', ns, 'create', 'serviceaccount', 'drill']);
      const res = await rbac(
        '--scenarios',
        'scenarios/payment-pod-kill.yaml',
        '--namespace-override',
        ns,
        '--service-account',
        `${ns}/drill`,
        '--name',
        `${ns}-drill`,
        '--format',
        'json',
      );
      expect(res.code).toBe(0);
      const applied = await kubectl(['apply', '-f', '-'], { input: res.out });
      expect([applied.code, applied.stderr]).toEqual([0, '']);
      const can = async (verb: string, resource: string) =>
        (await kubectl(['auth', 'can-i', verb, resource, '-n', ns, `--as=system:serviceaccount:${ns}:drill`])).stdout.trim();
      expect(await can('delete', 'pods')).toBe('yes');
      expect(await can('get', 'replicasets.apps')).toBe('yes');
      expect(await can('update', 'configmaps')).toBe('no'); // the pod-kill scenario changes no configuration
      expect(await can('watch', 'pods')).toBe('no');
      expect(await can('get', 'namespaces')).toBe('yes');
    } finally {
      await kubectl(['delete', 'clusterrole,clusterrolebinding', `${ns}-drill`, '--ignore-not-found']);
      await deleteNamespace(ns);
    }
  });
});
