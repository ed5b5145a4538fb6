import { ClusterConflictError, TargetNotFoundError } from '../errors.js';
import { describeRef, type KubeObject } from '../kube-object.js';
import type { InjectionRecord } from '../records.js';
import { assertFreeOrOurs, clearTouched, holder, markTouched, undoFromObject } from './annotations.js';
import type { FaultInjector, InjectorContext, Permission, RecoverResult } from './fault-injector.js';

/** Before/after of one value; null means "absent". */
interface Change<T> {
  original: T | null;
  injected: T | null;
}

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: unknown;
}

export interface ConfigMapUndo {
  type: 'configMap';
  keys: Record<string, Change<string>>;
}

export interface DeploymentUndo {
  type: 'deployment';
  container: string;
  env: Record<string, Change<EnvVar>>;
  image?: Change<string>;
  replicas?: Change<number>;
}

export type ConfigUndo = ConfigMapUndo | DeploymentUndo;

export interface ConfigChangeSpec {
  set?: Record<string, string>;
  remove?: string[];
  container?: string;
  env?: { set?: Record<string, string>; unset?: string[] };
  image?: string;
  replicas?: number;
}

interface PodSpecLike {
  containers: { name: string; image?: string; env?: EnvVar[] }[];
}

const sameEnv = (a: EnvVar | null, b: EnvVar | null) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * ConfigMap keys, container env, image and replicas. Recover is
 * compare-and-restore: a value the team already changed is kept, and the
 * change is reported (it is a mitigation, measured from the cluster).
 */
export class ConfigChangeInjector implements FaultInjector {
  readonly kind = 'configChange' as const;

  permissions(record: InjectionRecord): Permission[] {
    const ns = record.target.namespace;
    return record.target.kind === 'ConfigMap'
      ? [
          { verb: 'get', resource: 'configmaps', namespace: ns },
          { verb: 'update', resource: 'configmaps', namespace: ns },
        ]
      : [
          { verb: 'get', resource: 'deployments', group: 'apps', namespace: ns },
          { verb: 'update', resource: 'deployments', group: 'apps', namespace: ns },
        ];
  }

  async prepare(ctx: InjectorContext): Promise<ConfigUndo | null> {
    const object = await this.read(ctx);
    if (assertFreeOrOurs(object, ctx.record, describeRef(ctx.record.target))) return undoFromObject<ConfigUndo>(object);
    return computeUndo(object, ctx.record.spec as ConfigChangeSpec);
  }

  async inject(ctx: InjectorContext, undo: object | null): Promise<{ notes: Record<string, unknown> }> {
    const object = await this.read(ctx);
    if (assertFreeOrOurs(object, ctx.record, describeRef(ctx.record.target))) return { notes: { alreadyInjected: true } };
    const plan = undo as unknown as ConfigUndo;
    // The object must still hold the values `prepare` saw; otherwise re-prepare.
    const current = computeUndo(object, ctx.record.spec as ConfigChangeSpec);
    if (JSON.stringify(current) !== JSON.stringify(plan)) throw new ClusterConflictError(describeRef(ctx.record.target));
    apply(object, plan, 'injected');
    markTouched(object, ctx.record, plan);
    await ctx.cluster.replace(object);
    return { notes: { changed: describeChanges(plan) } };
  }

  async recover(ctx: InjectorContext): Promise<RecoverResult> {
    const object = await ctx.cluster.get(ctx.record.target);
    if (!object) return { outcome: 'already-gone' };
    const h = holder(object);
    if (h && h !== ctx.record.id) return { outcome: 'nothing-to-undo', notes: { heldBy: h } };
    const ours = h === ctx.record.id;
    const undo = (ours ? undoFromObject<ConfigUndo>(object) : null) ?? (ctx.record.undo as unknown as ConfigUndo | null);
    if (!undo) return { outcome: 'nothing-to-undo' };
    const result = apply(object, undo, 'restore');
    if (ours) clearTouched(object);
    if (ours || result.restored.length > 0) await ctx.cluster.replace(object);
    if (result.kept.length) return { outcome: 'kept-team-change', notes: { keptTeamChange: result.kept, restored: result.restored } };
    if (result.restored.length) return { outcome: 'restored', notes: { restored: result.restored } };
    return { outcome: ours ? 'restored' : 'nothing-to-undo', notes: { alreadyOriginal: result.already } };
  }

  private async read(ctx: InjectorContext): Promise<KubeObject> {
    const object = await ctx.cluster.get(ctx.record.target);
    if (!object) throw new TargetNotFoundError(describeRef(ctx.record.target));
    return object;
  }
}

/** The values a spec would change, read from the object as it is now. */
export function computeUndo(object: KubeObject, spec: ConfigChangeSpec): ConfigUndo {
  if (object.kind === 'ConfigMap') {
    const data = (object.data as Record<string, string> | undefined) ?? {};
    const keys: Record<string, Change<string>> = {};
    for (const [k, v] of Object.entries(spec.set ?? {})) keys[k] = { original: data[k] ?? null, injected: v };
    for (const k of spec.remove ?? []) keys[k] = { original: data[k] ?? null, injected: null };
    return { type: 'configMap', keys };
  }
  const podSpec = podSpecOf(object);
  const container = findContainer(podSpec, spec.container, object);
  const envByName = new Map((container.env ?? []).map((e) => [e.name, e] as const));
  const env: Record<string, Change<EnvVar>> = {};
  for (const [name, value] of Object.entries(spec.env?.set ?? {})) env[name] = { original: envByName.get(name) ?? null, injected: { name, value } };
  for (const name of spec.env?.unset ?? []) env[name] = { original: envByName.get(name) ?? null, injected: null };
  const undo: DeploymentUndo = { type: 'deployment', container: container.name, env };
  if (spec.image !== undefined) undo.image = { original: container.image ?? null, injected: spec.image };
  if (spec.replicas !== undefined) {
    const replicas = (object.spec as { replicas?: number } | undefined)?.replicas ?? 1;
    undo.replicas = { original: replicas, injected: spec.replicas };
  }
  return undo;
}

/**
 * Writes the injected values, or restores originals where the object still
 * holds exactly what we injected. Returns what was restored and what was kept.
 */
export function apply(object: KubeObject, undo: ConfigUndo, direction: 'injected' | 'restore'): { restored: string[]; kept: string[]; already: string[] } {
  const restored: string[] = [];
  const kept: string[] = [];
  // Holds the original value again (restored earlier, or the team put it back).
  const already: string[] = [];
  if (undo.type === 'configMap') {
    const data: Record<string, string> = { ...((object.data as Record<string, string> | undefined) ?? {}) };
    for (const [key, change] of Object.entries(undo.keys)) {
      const current = data[key] ?? null;
      if (direction === 'restore' && current !== change.injected) {
        (current === change.original ? already : kept).push(`configmap key ${key}`);
        continue;
      }
      const next = direction === 'injected' ? change.injected : change.original;
      if (next === null) delete data[key];
      else data[key] = next;
      restored.push(`configmap key ${key}`);
    }
    object.data = data;
    return { restored, kept, already };
  }
  const podSpec = podSpecOf(object);
  const container = findContainer(podSpec, undo.container, object);
  const env = [...(container.env ?? [])];
  for (const [name, change] of Object.entries(undo.env)) {
    const index = env.findIndex((e) => e.name === name);
    const current = index >= 0 ? env[index]! : null;
    if (direction === 'restore' && !sameEnv(current, change.injected)) {
      (sameEnv(current, change.original) ? already : kept).push(`env ${name}`);
      continue;
    }
    const next = direction === 'injected' ? change.injected : change.original;
    if (next === null) {
      if (index >= 0) env.splice(index, 1);
    } else if (index >= 0) env[index] = next;
    else env.push(next);
    restored.push(`env ${name}`);
  }
  container.env = env;
  if (undo.image) {
    if (direction === 'restore' && container.image !== undo.image.injected) (container.image === undo.image.original ? already : kept).push('image');
    else {
      container.image = (direction === 'injected' ? undo.image.injected : undo.image.original) ?? container.image;
      restored.push('image');
    }
  }
  if (undo.replicas) {
    const spec = object.spec as { replicas?: number };
    if (direction === 'restore' && spec.replicas !== undo.replicas.injected) (spec.replicas === undo.replicas.original ? already : kept).push('replicas');
    else {
      spec.replicas = (direction === 'injected' ? undo.replicas.injected : undo.replicas.original) ?? spec.replicas;
      restored.push('replicas');
    }
  }
  return { restored, kept, already };
}

function podSpecOf(object: KubeObject): PodSpecLike {
  const spec = (object.spec as { template?: { spec?: PodSpecLike } } | undefined)?.template?.spec;
  if (!spec) throw new Error(`${describeRef({ ...object, name: object.metadata.name })} has no pod template`);
  return spec;
}

function findContainer(podSpec: PodSpecLike, name: string | undefined, object: KubeObject) {
  const container = name ? podSpec.containers.find((c) => c.name === name) : podSpec.containers[0];
  if (!container) {
    throw new Error(`container '${name}' not found in deployment ${object.metadata.namespace}/${object.metadata.name} (has: ${podSpec.containers.map((c) => c.name).join(', ')})`);
  }
  return container;
}

function describeChanges(undo: ConfigUndo): string[] {
  if (undo.type === 'configMap') return Object.entries(undo.keys).map(([k, c]) => `${k}: ${c.original ?? '(absent)'} -> ${c.injected ?? '(removed)'}`);
  const out = Object.entries(undo.env).map(([k, c]) => `env ${k}: ${c.original?.value ?? '(absent)'} -> ${c.injected?.value ?? '(unset)'}`);
  if (undo.image) out.push(`image: ${undo.image.original} -> ${undo.image.injected}`);
  if (undo.replicas) out.push(`replicas: ${undo.replicas.original} -> ${undo.replicas.injected}`);
  return out;
}
