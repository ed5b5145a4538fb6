import type { KubeObject, ObjectKey } from './kube-object.js';

export interface ListQuery {
  apiVersion: string;
  kind: string;
  namespace?: string;
  labelSelector?: string;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/**
 * Port: the only way the engine reaches a cluster. Implemented on
 * @kubernetes/client-node in libs/kube (rate limit, retries, clear 403s).
 * Errors: ClusterForbiddenError (names verb/resource), ClusterConflictError
 * (stale resourceVersion), ClusterUnavailableError.
 */
export abstract class ClusterPort {
  /** The object, or null when it does not exist. */
  abstract get(key: ObjectKey): Promise<KubeObject | null>;
  abstract list(query: ListQuery): Promise<KubeObject[]>;
  abstract create(object: KubeObject): Promise<KubeObject>;
  /** Full update guarded by metadata.resourceVersion. */
  abstract replace(object: KubeObject): Promise<KubeObject>;
  /** False when the object was already gone. */
  abstract delete(key: ObjectKey, options?: { gracePeriodSeconds?: number }): Promise<boolean>;
  /** Streams changes of one kind; resolves once the watch is established. */
  abstract watch(query: ListQuery & { name?: string }, onEvent: (type: WatchEventType, object: KubeObject) => void): Promise<{ stop(): void }>;
  /** Asks the API server whether the current identity may do `verb` on `resource` (SelfSubjectAccessReview). */
  abstract canI(check: { verb: string; resource: string; group?: string; namespace?: string }): Promise<boolean>;
}
