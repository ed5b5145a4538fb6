import type { FaultInjector, InjectorContext, Permission, RecoverResult } from './fault-injector.js';
import type { InjectionRecord } from '../records.js';

/** Deletes one pod. Nothing to undo: the owner (ReplicaSet) replaces it. */
export class PodKillInjector implements FaultInjector {
  readonly kind = 'podKill' as const;

  permissions(record: InjectionRecord): Permission[] {
    return [{ verb: 'delete', resource: 'pods', namespace: record.target.namespace }];
  }

  async prepare(): Promise<null> {
    return null;
  }

  async inject(ctx: InjectorContext): Promise<{ notes: Record<string, unknown> }> {
    const grace = typeof ctx.record.spec.gracePeriodSeconds === 'number' ? ctx.record.spec.gracePeriodSeconds : 0;
    const existed = await ctx.cluster.delete(
      { apiVersion: 'v1', kind: 'Pod', namespace: ctx.record.target.namespace, name: ctx.record.target.name },
      { gracePeriodSeconds: grace },
    );
    return { notes: { podDeleted: ctx.record.target.name, alreadyGone: !existed, deletedAt: ctx.now.toISOString() } };
  }

  async recover(): Promise<RecoverResult> {
    return { outcome: 'nothing-to-undo' };
  }
}
