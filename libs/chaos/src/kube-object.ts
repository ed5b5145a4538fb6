/** The subset of a Kubernetes object the fault kinds read and write. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: { apiVersion: string; kind: string; name: string; uid: string; controller?: boolean }[];
    deletionTimestamp?: string;
    creationTimestamp?: string;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/** Identifies one object in the cluster. */
export interface ObjectKey {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

/** What an injection record points at (uid pins the exact instance). */
export interface TargetRef extends ObjectKey {
  namespace: string;
  uid?: string;
}

export const ANNOTATIONS = {
  run: 'firedrill.dev/run',
  record: 'firedrill.dev/record',
  expiresAt: 'firedrill.dev/expires-at',
  undo: 'firedrill.dev/undo',
} as const;

/** Label on every object Firedrill changed or created, so the sweeper can list them server-side. */
export const TOUCHED_LABEL = 'firedrill.dev/touched';
/** Label on objects Firedrill created (latency proxies, shadow Services). */
export const CREATED_LABEL = 'firedrill.dev/created-by-record';

export function describeRef(ref: ObjectKey): string {
  return `${ref.kind.toLowerCase()} ${ref.namespace ? ref.namespace + '/' : ''}${ref.name}`;
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values?: string[] }[];
}

/** Renders a label selector in the API's query syntax. */
export function selectorToString(selector: LabelSelector): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) parts.push(`${k}=${v}`);
  for (const e of selector.matchExpressions ?? []) {
    if (e.operator === 'In') parts.push(`${e.key} in (${(e.values ?? []).join(',')})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${(e.values ?? []).join(',')})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else parts.push(`!${e.key}`);
  }
  return parts.join(',');
}

/** True when `labels` satisfy a Service-style equality selector. */
export function matchesEquality(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}
