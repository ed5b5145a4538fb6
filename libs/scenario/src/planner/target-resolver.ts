import type { TargetSpec } from '../types.js';

/** A Kubernetes object a fault would touch. */
export interface ObjectRef {
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
  uid?: string;
}

export interface TargetResolution {
  /** Objects the target's selector matches. */
  matched: ObjectRef[];
  /** All objects of that kind in the namespace, the denominator of the blast radius. */
  total: number;
}

/** Port: lists what a target's selector matches in the cluster, read-only (used for dry runs and preflight). */
export abstract class TargetResolver {
  abstract resolve(target: TargetSpec): Promise<TargetResolution>;
}
