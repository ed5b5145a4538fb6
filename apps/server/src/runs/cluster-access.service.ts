import { Inject, Injectable } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { ClusterPort, ClusterUnavailableError, type KubeObject, type ListQuery, type ObjectKey, type WatchEventType } from '#chaos';
import type { FiredrillConfig } from '#config';
import { KubeCluster } from '#kube';
import { CONFIG } from '../core/config.token.js';

/**
 * The cluster Firedrill practises on: KUBECONFIG, or the in-cluster service
 * account. Created on first use so the server starts (and serves tabletops,
 * debriefs, scorecards) without any cluster.
 */
@Injectable()
export class ClusterAccess extends ClusterPort {
  private cluster: KubeCluster | null = null;

  constructor(@Inject(CONFIG) private readonly config: FiredrillConfig) {
    super();
  }

  get configured(): boolean {
    return Boolean(this.config.kubeconfig) || existsSync('/var/run/secrets/kubernetes.io/serviceaccount/token');
  }

  get client(): KubeCluster {
    if (!this.cluster) {
      if (!this.configured) {
        throw new ClusterUnavailableError('No cluster is configured: set KUBECONFIG, or run Firedrill inside Kubernetes with a service account');
      }
      try {
        this.cluster = KubeCluster.fromKubeconfig(this.config.kubeconfig, { qps: 200, burst: 200, concurrency: 32 });
      } catch (error) {
        throw new ClusterUnavailableError(`Cannot load the cluster configuration from ${this.config.kubeconfig ?? 'the service account'}: ${(error as Error).message}`);
      }
    }
    return this.cluster;
  }

  get(key: ObjectKey): Promise<KubeObject | null> {
    return this.client.get(key);
  }
  list(query: ListQuery): Promise<KubeObject[]> {
    return this.client.list(query);
  }
  create(object: KubeObject): Promise<KubeObject> {
    return this.client.create(object);
  }
  replace(object: KubeObject): Promise<KubeObject> {
    return this.client.replace(object);
  }
  delete(key: ObjectKey, options?: { gracePeriodSeconds?: number }): Promise<boolean> {
    return this.client.delete(key, options);
  }
  watch(query: ListQuery & { name?: string }, onEvent: (type: WatchEventType, object: KubeObject) => void): Promise<{ stop(): void }> {
    return this.client.watch(query, onEvent);
  }
  canI(check: { verb: string; resource: string; group?: string; namespace?: string }): Promise<boolean> {
    return this.client.canI(check);
  }
}
