import type { KubeObject } from '../kube-object.js';
import type { RequiredAccess } from './required-access.js';

export interface RbacManifestOptions {
  /** Name of every Role, ClusterRole and binding (default `firedrill-chaos`). */
  name?: string;
  /** When given, RoleBindings and a ClusterRoleBinding grant the rules to this ServiceAccount. */
  serviceAccount?: { namespace: string; name: string };
}

const RBAC = 'rbac.authorization.k8s.io/v1';
const DERIVED_FROM = 'firedrill.dev/derived-from';
const LABELS = { 'app.kubernetes.io/managed-by': 'firedrill-rbac' };

/**
 * Kubernetes objects for the derived access: one Role per target namespace,
 * one ClusterRole for what only exists at cluster scope, and bindings when a
 * ServiceAccount is named.
 */
export function rbacManifests(access: RequiredAccess, options: RbacManifestOptions = {}): KubeObject[] {
  const name = options.name ?? 'firedrill-chaos';
  const sa = options.serviceAccount;
  const subjects = sa ? [{ kind: 'ServiceAccount', name: sa.name, namespace: sa.namespace }] : [];
  const out: KubeObject[] = [];
  for (const ns of access.namespaces) {
    // Fresh objects each time: shared references would become YAML anchors.
    const metadata = () => ({
      name,
      namespace: ns.namespace,
      labels: { ...LABELS },
      annotations: { [DERIVED_FROM]: ns.scenarios.join(', ') },
    });
    out.push({ apiVersion: RBAC, kind: 'Role', metadata: metadata(), rules: structuredClone(ns.rules) });
    if (sa)
      out.push({
        apiVersion: RBAC,
        kind: 'RoleBinding',
        metadata: metadata(),
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
        subjects: structuredClone(subjects),
      });
  }
  if (access.cluster.length > 0) {
    const metadata = () => ({
      name,
      labels: { ...LABELS },
      annotations: { [DERIVED_FROM]: 'the engine: namespace chaos annotation check' },
    });
    out.push({ apiVersion: RBAC, kind: 'ClusterRole', metadata: metadata(), rules: structuredClone(access.cluster) });
    if (sa)
      out.push({
        apiVersion: RBAC,
        kind: 'ClusterRoleBinding',
        metadata: metadata(),
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
        subjects: structuredClone(subjects),
      });
  }
  return out;
}
