import { listPods } from '#chaos';
import { TargetResolver, type TargetResolution, type TargetSpec } from '#scenario';
import { KubeCluster } from './kube-cluster.js';

/** Read-only resolution of scenario targets for `firedrill plan` and dry runs. */
export class KubeTargetResolver extends TargetResolver {
  constructor(private readonly cluster: KubeCluster) {
    super();
  }

  static fromKubeconfig(path?: string): KubeTargetResolver {
    return new KubeTargetResolver(KubeCluster.fromKubeconfig(path));
  }

  async resolve(target: TargetSpec): Promise<TargetResolution> {
    const [matched, all] = await Promise.all([
      listPods(this.cluster, target),
      this.cluster.list({ apiVersion: 'v1', kind: 'Pod', namespace: target.namespace }),
    ]);
    return {
      matched: matched
        .filter((p) => !p.metadata.deletionTimestamp)
        .map((p) => ({ apiVersion: 'v1', kind: 'Pod', namespace: target.namespace, name: p.metadata.name, uid: p.metadata.uid })),
      total: all.length,
    };
  }
}
