import { ApiException, AuthorizationV1Api, KubeConfig, KubernetesObjectApi, Watch, type KubernetesObject } from '@kubernetes/client-node';
import {
  ClusterConflictError,
  ClusterForbiddenError,
  ClusterPort,
  ClusterUnavailableError,
  type KubeObject,
  type ListQuery,
  type ObjectKey,
  type WatchEventType,
} from '#chaos';
import { Semaphore, TokenBucket } from './rate-limit.js';

export interface KubeClusterOptions {
  /** Client-side rate limit (like client-go's QPS/Burst). */
  qps?: number;
  burst?: number;
  /** Calls in flight at once. */
  concurrency?: number;
  /** Attempts for 429, 5xx and network errors. */
  maxRetries?: number;
}

const RESOURCE_BY_KIND: Record<string, { resource: string; group?: string }> = {
  Pod: { resource: 'pods' },
  Service: { resource: 'services' },
  ConfigMap: { resource: 'configmaps' },
  Namespace: { resource: 'namespaces' },
  Deployment: { resource: 'deployments', group: 'apps' },
  ReplicaSet: { resource: 'replicasets', group: 'apps' },
  Event: { resource: 'events' },
};

/**
 * ClusterPort on @kubernetes/client-node. Every call goes through a token
 * bucket and a semaphore; 429/5xx/network errors are retried with backoff
 * (honouring Retry-After); 403 becomes ClusterForbiddenError naming the verb
 * and resource; 409 on update becomes ClusterConflictError.
 */
export class KubeCluster extends ClusterPort {
  private readonly objects: KubernetesObjectApi;
  private readonly authz: AuthorizationV1Api;
  private readonly bucket: TokenBucket;
  private readonly semaphore: Semaphore;
  private readonly maxRetries: number;

  constructor(
    readonly config: KubeConfig,
    options: KubeClusterOptions = {},
  ) {
    super();
    reuseConnections(config);
    this.objects = KubernetesObjectApi.makeApiClient(config);
    this.authz = config.makeApiClient(AuthorizationV1Api);
    this.bucket = new TokenBucket(options.qps ?? 50, options.burst ?? 100);
    this.semaphore = new Semaphore(options.concurrency ?? 16);
    this.maxRetries = options.maxRetries ?? 4;
  }

  /** From a kubeconfig file, or the in-cluster service account when no path is given. */
  static fromKubeconfig(path?: string, options?: KubeClusterOptions): KubeCluster {
    const kc = new KubeConfig();
    if (path) kc.loadFromFile(path);
    else kc.loadFromDefault();
    return new KubeCluster(kc, options);
  }

  /** Human-readable server address (for messages). */
  get server(): string {
    return this.config.getCurrentCluster()?.server ?? 'unknown cluster';
  }

  async get(key: ObjectKey): Promise<KubeObject | null> {
    try {
      return (await this.call('get', key.kind, key.namespace, () =>
        this.objects.read({ apiVersion: key.apiVersion, kind: key.kind, metadata: { name: key.name, namespace: key.namespace } }),
      )) as KubeObject;
    } catch (error) {
      if (error instanceof ApiException && error.code === 404) return null;
      throw error;
    }
  }

  async list(query: ListQuery): Promise<KubeObject[]> {
    const out: KubeObject[] = [];
    let token: string | undefined;
    do {
      const page = await this.call('list', query.kind, query.namespace, () =>
        this.objects.list(query.apiVersion, query.kind, query.namespace, undefined, undefined, undefined, undefined, query.labelSelector, 500, token),
      );
      for (const item of page.items) out.push({ ...(item as KubeObject), apiVersion: query.apiVersion, kind: query.kind });
      token = page.metadata?._continue || undefined;
    } while (token);
    return out;
  }

  async create(object: KubeObject): Promise<KubeObject> {
    return (await this.call('create', object.kind, object.metadata.namespace, () => this.objects.create(object as KubernetesObject))) as KubeObject;
  }

  async replace(object: KubeObject): Promise<KubeObject> {
    try {
      return (await this.call('update', object.kind, object.metadata.namespace, () => this.objects.replace(object as KubernetesObject))) as KubeObject;
    } catch (error) {
      if (error instanceof ApiException && error.code === 409) throw new ClusterConflictError(`${object.kind} ${object.metadata.namespace}/${object.metadata.name}`);
      throw error;
    }
  }

  async delete(key: ObjectKey, options: { gracePeriodSeconds?: number } = {}): Promise<boolean> {
    try {
      await this.call('delete', key.kind, key.namespace, () =>
        this.objects.delete(
          { apiVersion: key.apiVersion, kind: key.kind, metadata: { name: key.name, namespace: key.namespace } },
          undefined,
          undefined,
          options.gracePeriodSeconds,
          undefined,
          'Background',
        ),
      );
      return true;
    } catch (error) {
      if (error instanceof ApiException && error.code === 404) return false;
      throw error;
    }
  }

  async watch(query: ListQuery & { name?: string }, onEvent: (type: WatchEventType, object: KubeObject) => void): Promise<{ stop(): void }> {
    const path = resourcePath(query);
    const params: Record<string, string | boolean> = { allowWatchBookmarks: true };
    if (query.labelSelector) params.labelSelector = query.labelSelector;
    if (query.name) params.fieldSelector = `metadata.name=${query.name}`;
    let stopped = false;
    let controller: AbortController | undefined;
    const start = async (): Promise<void> => {
      controller = await new Watch(this.config).watch(
        path,
        params,
        (type, object) => {
          if (type === 'ADDED' || type === 'MODIFIED' || type === 'DELETED') onEvent(type, object as KubeObject);
        },
        () => {
          // Watches end (timeouts, API restarts); keep watching until stopped.
          if (!stopped) setTimeout(() => void start().catch(() => undefined), 1000).unref();
        },
      );
    };
    await start();
    return {
      stop: () => {
        stopped = true;
        controller?.abort();
      },
    };
  }

  async canI(check: { verb: string; resource: string; group?: string; namespace?: string }): Promise<boolean> {
    const review = await this.call('create', 'SelfSubjectAccessReview', undefined, () =>
      this.authz.createSelfSubjectAccessReview({
        body: {
          apiVersion: 'authorization.k8s.io/v1',
          kind: 'SelfSubjectAccessReview',
          spec: { resourceAttributes: { verb: check.verb, resource: check.resource, group: check.group ?? '', namespace: check.namespace } },
        },
      }),
    );
    return review.status?.allowed === true;
  }

  private async call<T>(verb: string, kind: string, namespace: string | undefined, fn: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      await this.bucket.take();
      try {
        return await this.semaphore.run(fn);
      } catch (error) {
        if (error instanceof ApiException) {
          if (error.code === 403) {
            const meta = RESOURCE_BY_KIND[kind];
            const resource = meta ? (meta.group ? `${meta.resource}.${meta.group}` : meta.resource) : kind;
            throw new ClusterForbiddenError(verb, resource, namespace, statusMessage(error) ?? 'forbidden');
          }
          const retryable = error.code === 429 || error.code >= 500;
          if (!retryable || attempt > this.maxRetries) {
            if (retryable) throw new ClusterUnavailableError(`Kubernetes API ${this.server} answered ${error.code}: ${statusMessage(error) ?? error.message}`);
            throw error;
          }
          const retryAfter = Number(error.headers?.['retry-after']);
          await sleep(Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : backoff(attempt));
          continue;
        }
        if (attempt > this.maxRetries) {
          throw new ClusterUnavailableError(`Kubernetes API ${this.server} is not reachable: ${(error as Error).message}`);
        }
        await sleep(backoff(attempt));
      }
    }
  }
}

/**
 * The client builds a new connection pool (and so a new TLS handshake) for
 * every request; a pod kill of 500 pods spent most of its time there. The
 * pool depends only on the cluster's TLS settings, fixed per context of a
 * KubeConfig, so one is kept per context and reused.
 */
function reuseConnections(config: KubeConfig): void {
  const target = config as unknown as { createDispatcher?: (cluster: unknown, options: unknown) => unknown };
  const create = target.createDispatcher?.bind(config);
  if (!create) return;
  let cached: unknown;
  let key: string | undefined;
  target.createDispatcher = (cluster: unknown, options: unknown) => {
    const k = config.getCurrentContext();
    if (cached === undefined || k !== key) {
      cached = create(cluster, options);
      key = k;
    }
    return cached;
  };
}

function statusMessage(error: ApiException<unknown>): string | undefined {
  const body = error.body;
  if (typeof body === 'string') {
    try {
      return (JSON.parse(body) as { message?: string }).message;
    } catch {
      return body.slice(0, 300);
    }
  }
  return (body as { message?: string } | undefined)?.message;
}

function backoff(attempt: number): number {
  return Math.min(100 * 2 ** (attempt - 1), 3000) + Math.floor(Math.random() * 50);
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** REST path for a watch on a kind. */
export function resourcePath(query: { apiVersion: string; kind: string; namespace?: string }): string {
  const meta = RESOURCE_BY_KIND[query.kind];
  if (!meta) throw new Error(`no REST path known for kind ${query.kind}`);
  const prefix = query.apiVersion.includes('/') ? `/apis/${query.apiVersion}` : `/api/${query.apiVersion}`;
  return `${prefix}${query.namespace ? `/namespaces/${query.namespace}` : ''}/${meta.resource}`;
}
