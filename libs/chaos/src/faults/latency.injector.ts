import { TargetNotFoundError } from '../errors.js';
import { ANNOTATIONS, CREATED_LABEL, describeRef, TOUCHED_LABEL, type KubeObject, type ObjectKey } from '../kube-object.js';
import type { InjectionRecord } from '../records.js';
import { assertFreeOrOurs, clearTouched, holder, markTouched, undoFromObject } from './annotations.js';
import type { FaultInjector, InjectorContext, Permission, RecoverResult } from './fault-injector.js';

export interface ProxyUndo {
  type: 'serviceSelector';
  originalSelector: Record<string, string>;
  injectedSelector: Record<string, string>;
  created: ObjectKey[];
}

export interface ProxyFaultSpec {
  /** Milliseconds added to each connection (TCP) or request (HTTP). */
  delayMs?: number;
  jitterMs?: number;
  /** Share of HTTP requests answered with `status` (httpFault). */
  abortPercent?: number;
  status?: number;
  /** Service port to intercept; the first port when absent. */
  port?: number;
}

export interface ProxyOptions {
  /** Image that contains the `firedrill proxy` command. */
  image: string;
}

const PROXY_FOR = 'firedrill.dev/proxy-for';

/**
 * Latency and HTTP faults without privileges: a delay proxy is deployed next
 * to the service, a shadow Service keeps reaching the real pods, and the
 * Service is re-pointed at the proxy. Recover restores the selector if it
 * still points at the proxy (compare-and-restore) and removes what was created.
 */
export class ProxyFaultInjector implements FaultInjector {
  constructor(
    readonly kind: 'latency' | 'httpFault',
    private readonly options: ProxyOptions,
  ) {}

  permissions(record: InjectionRecord): Permission[] {
    const ns = record.target.namespace;
    return [
      { verb: 'get', resource: 'services', namespace: ns },
      { verb: 'update', resource: 'services', namespace: ns },
      { verb: 'create', resource: 'services', namespace: ns },
      { verb: 'delete', resource: 'services', namespace: ns },
      { verb: 'create', resource: 'deployments', group: 'apps', namespace: ns },
      { verb: 'delete', resource: 'deployments', group: 'apps', namespace: ns },
    ];
  }

  async prepare(ctx: InjectorContext): Promise<ProxyUndo> {
    const service = await this.readService(ctx);
    if (assertFreeOrOurs(service, ctx.record, describeRef(ctx.record.target))) return undoFromObject<ProxyUndo>(service)!;
    const names = proxyNames(service.metadata.name, ctx.record.id);
    return {
      type: 'serviceSelector',
      originalSelector: { ...(((service.spec as { selector?: Record<string, string> }).selector) ?? {}) },
      injectedSelector: { [PROXY_FOR]: names.selectorValue },
      created: [
        { apiVersion: 'v1', kind: 'Service', namespace: service.metadata.namespace, name: names.shadow },
        { apiVersion: 'apps/v1', kind: 'Deployment', namespace: service.metadata.namespace, name: names.proxy },
      ],
    };
  }

  async inject(ctx: InjectorContext, rawUndo: object | null): Promise<{ notes: Record<string, unknown> }> {
    const undo = rawUndo as unknown as ProxyUndo;
    const service = await this.readService(ctx);
    if (assertFreeOrOurs(service, ctx.record, describeRef(ctx.record.target))) return { notes: { alreadyInjected: true } };
    const spec = ctx.record.spec as ProxyFaultSpec;
    const ns = service.metadata.namespace!;
    const ports = ((service.spec as { ports?: ServicePort[] }).ports ?? []).map((p) => ({ ...p }));
    if (ports.length === 0) throw new Error(`${describeRef(ctx.record.target)} has no ports to intercept`);
    const port = (spec.port ? ports.find((p) => p.port === spec.port || p.targetPort === spec.port) : undefined) ?? ports[0]!;
    const names = proxyNames(service.metadata.name, ctx.record.id);
    const ownership = { labels: { [TOUCHED_LABEL]: 'true', [CREATED_LABEL]: ctx.record.id }, annotations: { [ANNOTATIONS.run]: ctx.record.runId, [ANNOTATIONS.record]: ctx.record.id, [ANNOTATIONS.expiresAt]: ctx.record.expiresAt.toISOString() } };

    await createIfAbsent(ctx, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: names.shadow, namespace: ns, ...ownership },
      spec: { selector: undo.originalSelector, ports: ports.map(({ name, port: p, targetPort, protocol }) => ({ name, port: p, targetPort, protocol })) },
    });
    const args = ['proxy', '--listen', `0.0.0.0:${port.port}`, '--upstream', `${names.shadow}.${ns}.svc:${port.port}`];
    if (spec.delayMs) args.push('--delay', `${spec.delayMs}ms`);
    if (spec.jitterMs) args.push('--jitter', `${spec.jitterMs}ms`);
    if (spec.abortPercent !== undefined) args.push('--mode', 'http', '--abort-percent', String(spec.abortPercent), '--abort-status', String(spec.status ?? 503));
    await createIfAbsent(ctx, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: names.proxy, namespace: ns, ...ownership },
      spec: {
        replicas: 1,
        selector: { matchLabels: { [PROXY_FOR]: names.selectorValue } },
        template: {
          metadata: { labels: { [PROXY_FOR]: names.selectorValue, [CREATED_LABEL]: ctx.record.id } },
          spec: {
            containers: [{ name: 'proxy', image: this.options.image, args, ports: [{ containerPort: Number(port.targetPort ?? port.port) || port.port }] }],
            tolerations: [{ key: 'kwok.x-k8s.io/node', operator: 'Exists', effect: 'NoSchedule' }],
          },
        },
      },
    });
    (service.spec as { selector?: Record<string, string> }).selector = undo.injectedSelector;
    markTouched(service, ctx.record, undo);
    await ctx.cluster.replace(service);
    return { notes: { proxy: names.proxy, shadowService: names.shadow, args } };
  }

  async recover(ctx: InjectorContext): Promise<RecoverResult> {
    const service = await ctx.cluster.get(ctx.record.target);
    const undo = (service && holder(service) === ctx.record.id ? undoFromObject<ProxyUndo>(service) : null) ?? (ctx.record.undo as unknown as ProxyUndo | null);
    let outcome: RecoverResult['outcome'] = 'nothing-to-undo';
    const notes: Record<string, unknown> = {};
    if (service && undo) {
      const spec = service.spec as { selector?: Record<string, string> };
      const ours = holder(service) === ctx.record.id;
      const pointsAtProxy = JSON.stringify(spec.selector ?? {}) === JSON.stringify(undo.injectedSelector);
      if (pointsAtProxy) {
        spec.selector = undo.originalSelector;
        outcome = 'restored';
      } else if (JSON.stringify(spec.selector ?? {}) !== JSON.stringify(undo.originalSelector)) {
        outcome = 'kept-team-change';
        notes.keptTeamChange = ['service selector'];
      }
      if (ours) clearTouched(service);
      if (ours || pointsAtProxy) await ctx.cluster.replace(service);
    } else if (!service) {
      outcome = 'already-gone';
    }
    // Created objects go in every case; deleting what is gone is fine.
    for (const key of undo?.created ?? []) await ctx.cluster.delete(key);
    return { outcome, notes };
  }

  private async readService(ctx: InjectorContext): Promise<KubeObject> {
    const service = await ctx.cluster.get(ctx.record.target);
    if (!service) throw new TargetNotFoundError(describeRef(ctx.record.target));
    return service;
  }
}

interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
  protocol?: string;
}

/** Names derive from the service and the record, within the 63-character limit. */
export function proxyNames(service: string, recordId: string) {
  const suffix = recordId.replace(/-/g, '').slice(0, 6);
  const base = service.slice(0, 40);
  return { proxy: `fd-proxy-${base}-${suffix}`, shadow: `fd-origin-${base}-${suffix}`, selectorValue: `${base}-${suffix}` };
}

async function createIfAbsent(ctx: InjectorContext, object: KubeObject): Promise<void> {
  const existing = await ctx.cluster.get({ apiVersion: object.apiVersion, kind: object.kind, namespace: object.metadata.namespace, name: object.metadata.name });
  if (existing) return;
  await ctx.cluster.create(object);
}
