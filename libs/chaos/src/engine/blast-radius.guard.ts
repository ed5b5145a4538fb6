import type { ClusterPort } from '../cluster.port.js';
import { BlastRadiusExceededError, NamespaceNotAllowedError } from '../errors.js';
import type { KubeObject } from '../kube-object.js';
import type { InjectionRecord } from '../records.js';

export const FORBIDDEN_NAMESPACES = ['kube-system', 'kube-public', 'kube-node-lease'];

export interface SafetyPolicy {
  /** Namespaces must carry `<chaosAnnotation>: enabled`. */
  chaosAnnotation: string;
  /** Firedrill's own namespace is never a target. */
  ownNamespace: string;
}

export interface Guardrails {
  maxTargets?: number;
  minHealthyReplicas?: number;
}

/**
 * Checked right before each injection (not only at plan time): the cluster
 * may have changed since the run was planned.
 */
export class BlastRadiusGuard {
  constructor(
    private readonly cluster: ClusterPort,
    private readonly policy: SafetyPolicy,
  ) {}

  async assertNamespaceAllowed(namespace: string): Promise<void> {
    if (FORBIDDEN_NAMESPACES.includes(namespace)) throw new NamespaceNotAllowedError(namespace, 'system namespaces are never targeted');
    if (namespace === this.policy.ownNamespace) throw new NamespaceNotAllowedError(namespace, "it is Firedrill's own namespace");
    const ns = await this.cluster.get({ apiVersion: 'v1', kind: 'Namespace', name: namespace });
    if (!ns) throw new NamespaceNotAllowedError(namespace, 'it does not exist');
    if (ns.metadata.annotations?.[this.policy.chaosAnnotation] !== 'enabled') {
      throw new NamespaceNotAllowedError(namespace, `it is not annotated ${this.policy.chaosAnnotation}: enabled`);
    }
  }

  /** `active` = records of the run that currently hold a change (excluding this one). */
  async assertWithinLimits(record: InjectionRecord, active: number, guardrails: Guardrails): Promise<void> {
    if (guardrails.maxTargets !== undefined && active + 1 > guardrails.maxTargets) {
      throw new BlastRadiusExceededError(`maxTargets ${guardrails.maxTargets} reached: ${active} targets already affected`, {
        maxTargets: guardrails.maxTargets,
        active,
      });
    }
    if (record.kind === 'podKill' && guardrails.minHealthyReplicas !== undefined) {
      const siblings = await this.readySiblings(record);
      if (siblings !== null && siblings - 1 < guardrails.minHealthyReplicas) {
        throw new BlastRadiusExceededError(
          `killing pod ${record.target.namespace}/${record.target.name} would leave ${siblings - 1} ready replica(s), below minHealthyReplicas ${guardrails.minHealthyReplicas}`,
          { minHealthyReplicas: guardrails.minHealthyReplicas, ready: siblings },
        );
      }
    }
  }

  /** Ready pods that share the target pod's controller (itself included), or null when it has none. */
  private async readySiblings(record: InjectionRecord): Promise<number | null> {
    const pod = await this.cluster.get({ apiVersion: 'v1', kind: 'Pod', namespace: record.target.namespace, name: record.target.name });
    if (!pod) return null;
    const owner = pod.metadata.ownerReferences?.find((o) => o.controller);
    if (!owner) return null;
    const pods = await this.cluster.list({ apiVersion: 'v1', kind: 'Pod', namespace: record.target.namespace });
    return pods.filter((p) => p.metadata.ownerReferences?.some((o) => o.uid === owner.uid) && isReady(p)).length;
  }
}

export function isReady(pod: KubeObject): boolean {
  if (pod.metadata.deletionTimestamp) return false;
  const status = pod.status as { phase?: string; conditions?: { type: string; status: string }[] } | undefined;
  return status?.phase === 'Running' && !!status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
}
