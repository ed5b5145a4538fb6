import { DomainError, ErrorCodes } from '#contracts';
import type { ClusterPort } from '../cluster.port.js';
import { ClusterConflictError, ClusterForbiddenError, ClusterUnavailableError } from '../errors.js';
import type { FaultInjector } from '../faults/fault-injector.js';
import type { FaultKindName, InjectionRecord, InjectionRecordRepository } from '../records.js';
import type { BlastRadiusGuard, Guardrails } from './blast-radius.guard.js';
import { desiredPhase, type DesiredReason, type PhaseContext } from './desired-phase.js';

export type FaultEventType = 'injecting' | 'injected' | 'inject-failed' | 'recovering' | 'recovered' | 'recover-failed' | 'team-change-kept';

export interface FaultEvent {
  type: FaultEventType;
  record: InjectionRecord;
  message: string;
  reason?: DesiredReason;
}

export interface ReconcileContext extends PhaseContext {
  guardrails: Guardrails;
}

export interface ReconcilerOptions {
  maxAttempts?: number;
  baseDelayMs?: number;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  onEvent?: (event: FaultEvent) => Promise<void> | void;
}

/** Optimistic-concurrency conflicts are retried this many times (re-reading each time). */
const MAX_CONFLICT_ATTEMPTS = 30;

/** How long a passed namespace or permission check is reused. */
const CHECK_TTL_MS = 1000;

/** Kinds whose injection is a single action with nothing to hold (the owner heals). */
const ONE_SHOT: FaultKindName[] = ['podKill'];

/**
 * Drives one record toward its desired phase. Every transition is persisted
 * before the next cluster call; every attempt is counted; transient errors
 * are retried with exponential backoff; a permission error is not retried
 * and names the missing verb.
 */
export class FaultReconciler {
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly now: () => Date;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly injectors: Map<FaultKindName, FaultInjector>;
  private readonly checks = new Map<string, { until: number; value: unknown }>();

  constructor(
    private readonly cluster: ClusterPort,
    private readonly records: InjectionRecordRepository,
    injectors: FaultInjector[],
    private readonly guard: BlastRadiusGuard,
    private readonly options: ReconcilerOptions = {},
  ) {
    this.injectors = new Map(injectors.map((i) => [i.kind, i]));
    this.maxAttempts = options.maxAttempts ?? 5;
    this.baseDelayMs = options.baseDelayMs ?? 200;
    this.now = options.now ?? (() => new Date());
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  async drive(record: InjectionRecord, ctx: ReconcileContext): Promise<InjectionRecord> {
    const desired = desiredPhase(record, ctx);
    if (desired.phase === 'injected') {
      if (record.phase === 'pending' || record.phase === 'injecting') return this.inject(record, ctx);
      if (record.phase === 'injected' && ONE_SHOT.includes(record.kind)) return this.recover(record, desired.reason);
      return record;
    }
    if (record.phase === 'pending') {
      const updated = await this.records.update(record.id, { phase: 'recovered', outcome: 'never-injected', recoveredAt: this.now() });
      await this.emit({ type: 'recovered', record: updated, reason: desired.reason, message: `not injected (${desired.reason})` });
      return updated;
    }
    if (needsRecovery(record)) return this.recover(record, desired.reason);
    return record;
  }

  private async inject(record: InjectionRecord, ctx: ReconcileContext): Promise<InjectionRecord> {
    const injector = this.injector(record);
    const oneShot = ONE_SHOT.includes(record.kind);
    let current = record;
    for (let attempt = 1; ; attempt++) {
      current = await this.records.update(current.id, { phase: 'injecting', attempts: current.attempts + 1 });
      try {
        await this.checked(`ns:${current.target.namespace}`, () => this.guard.assertNamespaceAllowed(current.target.namespace));
        const active =
          ctx.guardrails.maxTargets === undefined
            ? 0
            : (await this.records.listForRun(current.runId)).filter(
                (r) => r.id !== current.id && (r.phase === 'injecting' || r.phase === 'injected') && !ONE_SHOT.includes(r.kind),
              ).length;
        await this.guard.assertWithinLimits(current, active, ctx.guardrails);
        await this.assertPermissions(injector, current);
        const injectorCtx = { cluster: this.cluster, record: current, now: this.now() };
        const undo = await injector.prepare(injectorCtx);
        if (undo !== null) current = await this.records.update(current.id, { undo: undo as Record<string, unknown> });
        const result = await injector.inject({ ...injectorCtx, record: current }, undo);
        const at = this.now();
        // A one-shot fault (pod kill) holds nothing: it is recovered the moment it is done.
        current = await this.records.update(current.id, {
          phase: oneShot ? 'recovered' : 'injected',
          injectedAt: at,
          ...(oneShot ? { recoveredAt: at, outcome: 'nothing-to-undo' as const } : {}),
          lastError: null,
          notes: { ...current.notes, ...(result.notes ?? {}) },
        });
        await this.emit({ type: 'injected', record: current, message: `${current.kind} injected on ${label(current)}` });
        return current;
      } catch (error) {
        const message = errorMessage(error);
        const retry = this.shouldRetry(error, attempt);
        current = await this.records.update(current.id, { lastError: message });
        if (retry) {
          await this.sleep(this.backoff(attempt, error));
          continue;
        }
        current = await this.records.update(current.id, { phase: 'failed', notes: { ...current.notes, failedDuring: 'inject' } });
        await this.emit({ type: 'inject-failed', record: current, message: `${current.kind} on ${label(current)} failed: ${message}` });
        // Prepare may have run: make sure nothing half-done stays behind.
        if (current.undo) await this.recover(current, 'active', true);
        return (await this.records.get(current.id)) ?? current;
      }
    }
  }

  private async recover(record: InjectionRecord, reason: DesiredReason, cleanupAfterFailure = false): Promise<InjectionRecord> {
    const injector = this.injector(record);
    let current = record;
    for (let attempt = 1; ; attempt++) {
      if (!cleanupAfterFailure) current = await this.records.update(current.id, { phase: 'recovering', attempts: current.attempts + 1 });
      try {
        const result = await injector.recover({ cluster: this.cluster, record: current, now: this.now() });
        const notes = { ...current.notes, ...(result.notes ?? {}), recoveredBecause: reason };
        if (cleanupAfterFailure) {
          current = await this.records.update(current.id, { notes: { ...notes, cleanedUp: true }, outcome: result.outcome });
          return current;
        }
        current = await this.records.update(current.id, { phase: 'recovered', recoveredAt: this.now(), outcome: result.outcome, lastError: null, notes });
        if (!ONE_SHOT.includes(current.kind)) {
          await this.emit({ type: 'recovered', record: current, reason, message: `${current.kind} on ${label(current)} recovered (${result.outcome}, ${reason})` });
        }
        if (result.outcome === 'kept-team-change') {
          await this.emit({
            type: 'team-change-kept',
            record: current,
            reason,
            message: `the team already changed ${label(current)} (${(result.notes?.keptTeamChange as string[] | undefined)?.join(', ')}); their change was kept`,
          });
        }
        return current;
      } catch (error) {
        const message = errorMessage(error);
        current = await this.records.update(current.id, { lastError: message });
        if (this.shouldRetry(error, attempt)) {
          await this.sleep(this.backoff(attempt, error));
          continue;
        }
        if (cleanupAfterFailure) {
          current = await this.records.update(current.id, { notes: { ...current.notes, failedDuring: 'recover' } });
        } else {
          current = await this.records.update(current.id, { phase: 'failed', notes: { ...current.notes, failedDuring: 'recover' } });
        }
        await this.emit({ type: 'recover-failed', record: current, reason, message: `recovering ${label(current)} failed: ${message}; will retry` });
        return current;
      }
    }
  }

  private async assertPermissions(injector: FaultInjector, record: InjectionRecord): Promise<void> {
    for (const p of injector.permissions(record)) {
      const allowed = await this.checked(`can:${p.verb}:${p.group ?? ''}:${p.resource}:${p.namespace}`, () => this.cluster.canI(p), (ok) => ok);
      if (!allowed) {
        throw new ClusterForbiddenError(p.verb, p.group ? `${p.resource}.${p.group}` : p.resource, p.namespace, 'denied by the cluster (SelfSubjectAccessReview)');
      }
    }
  }

  /**
   * Checks run right before each injection; a result is reused for
   * CHECK_TTL_MS so a step hitting 500 pods does not ask the API server 500
   * times the same question. Failures are never cached.
   */
  private async checked<T>(key: string, fn: () => Promise<T>, cacheable: (value: T) => boolean = () => true): Promise<T> {
    const hit = this.checks.get(key);
    if (hit && hit.until > Date.now()) return hit.value as T;
    const value = await fn();
    if (cacheable(value)) this.checks.set(key, { until: Date.now() + CHECK_TTL_MS, value });
    return value;
  }

  private injector(record: InjectionRecord): FaultInjector {
    const injector = this.injectors.get(record.kind);
    if (!injector) throw new DomainError(ErrorCodes.internal, `no injector for fault kind ${record.kind}`);
    return injector;
  }

  /**
   * A conflict only means the object moved (a controller updated its status
   * between our read and write): re-reading and trying again soon is right,
   * and a busy Deployment in a rollout may need many tries.
   */
  private shouldRetry(error: unknown, attempt: number): boolean {
    if (error instanceof ClusterConflictError) return attempt < MAX_CONFLICT_ATTEMPTS;
    return isTransient(error) && attempt < this.maxAttempts;
  }

  private backoff(attempt: number, error?: unknown): number {
    if (error instanceof ClusterConflictError) return Math.min(50 * attempt, 500) + Math.floor(Math.random() * 50);
    return Math.min(this.baseDelayMs * 2 ** (attempt - 1), 5_000);
  }

  private async emit(event: FaultEvent): Promise<void> {
    await this.options.onEvent?.(event);
  }
}

/** A record whose cluster change may still be in place. */
export function needsRecovery(record: InjectionRecord): boolean {
  if (record.phase === 'injecting' || record.phase === 'injected' || record.phase === 'recovering') return true;
  return record.phase === 'failed' && record.notes.failedDuring === 'recover';
}

function isTransient(error: unknown): boolean {
  if (error instanceof ClusterConflictError || error instanceof ClusterUnavailableError) return true;
  if (error instanceof DomainError) return false;
  // Network errors, timeouts and unexpected responses are worth another try.
  return true;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function label(record: InjectionRecord): string {
  return `${record.target.kind.toLowerCase()} ${record.target.namespace}/${record.target.name}`;
}
