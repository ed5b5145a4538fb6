import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import {
  ANNOTATIONS,
  ClusterForbiddenError,
  CREATED_LABEL,
  InjectionRecordRepository,
  TOUCHED_LABEL,
  type InjectionRecord,
  type KubeObject,
} from '#chaos';
import type { FiredrillConfig } from '#config';
import { HaltRepository, RunRepository, RunStateMachine, type Run } from '#incident';
import { CONFIG } from '../../core/config.token.js';
import { DatabaseService } from '../../database/database.service.js';
import { LOGGER } from '../../logging/logger.js';
import { ClusterAccess } from '../cluster-access.service.js';
import { FaultEngineFactory } from './fault-engine.factory.js';
import { RunEngine } from './run-engine.service.js';

const SCANNED_KINDS = [
  { apiVersion: 'v1', kind: 'ConfigMap' },
  { apiVersion: 'apps/v1', kind: 'Deployment' },
  { apiVersion: 'v1', kind: 'Service' },
];

/**
 * At boot and every FIREDRILL_SWEEP_INTERVAL: drives every unsettled record
 * to its desired phase (runs that ended, were aborted, or lost their engine),
 * then scans the cluster for objects Firedrill changed whose expiry passed
 * and restores them from the undo data on the object itself — so recovery
 * works even when the database was lost.
 */
@Injectable()
export class RecoverySweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private stopped = false;

  constructor(
    @Inject(CONFIG) private readonly config: FiredrillConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly database: DatabaseService,
    private readonly runs: RunRepository,
    private readonly records: InjectionRecordRepository,
    private readonly halts: HaltRepository,
    private readonly cluster: ClusterAccess,
    private readonly engine: RunEngine,
    private readonly factory: FaultEngineFactory,
  ) {}

  onApplicationBootstrap(): void {
    void this.database.whenReady().then(() => {
      if (this.stopped) return;
      void this.sweep();
      this.timer = setInterval(() => void this.sweep(), this.config.sweepIntervalMs);
      this.timer.unref();
    });
  }

  beforeApplicationShutdown(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
  }

  async sweep(): Promise<{ driven: number; orphans: number }> {
    if (this.running || this.stopped) return { driven: 0, orphans: 0 };
    this.running = true;
    try {
      const driven = await this.driveUnsettled();
      const orphans = this.cluster.configured ? await this.scanCluster() : 0;
      return { driven, orphans };
    } catch (error) {
      this.logger.warn({ err: error }, 'recovery sweep failed; retrying next interval');
      return { driven: 0, orphans: 0 };
    } finally {
      this.running = false;
    }
  }

  private async driveUnsettled(): Promise<number> {
    const unsettled = await this.records.listUnsettled();
    const halt = await this.halts.current();
    const byRun = new Map<string, InjectionRecord[]>();
    for (const r of unsettled) byRun.set(r.runId, [...(byRun.get(r.runId) ?? []), r]);
    let driven = 0;
    for (const [runId, recs] of byRun) {
      const run = await this.runs.get(runId);
      if (run && !RunStateMachine.isFinal(run.state)) {
        // A live run is its engine's job; an orphaned one is taken over there.
        if (halt) await this.engine.abortExclusive(run, `halt: ${halt.reason}`);
        else await this.engine.process(run.id);
        continue;
      }
      await this.engine.reconcileAll(run ?? placeholderRun(runId), recs, run ? null : 'aborted', halt);
      driven += recs.length;
    }
    return driven;
  }

  /** Objects carrying Firedrill's label whose record is settled or unknown and whose expiry passed. */
  private async scanCluster(): Promise<number> {
    let recovered = 0;
    const now = Date.now();
    for (const kind of SCANNED_KINDS) {
      let objects: KubeObject[];
      try {
        objects = await this.cluster.list({ ...kind, labelSelector: `${TOUCHED_LABEL}=true` });
      } catch (error) {
        if (error instanceof ClusterForbiddenError) {
          this.logger.debug({ kind: kind.kind }, 'cluster-wide list not permitted; orphan scan limited to known records');
          continue;
        }
        throw error;
      }
      for (const object of objects) {
        const recordId = object.metadata.annotations?.[ANNOTATIONS.record];
        const expiresAt = Date.parse(object.metadata.annotations?.[ANNOTATIONS.expiresAt] ?? '');
        const record = recordId && isUuid(recordId) ? await this.records.get(recordId) : null;
        const settled = !record || record.phase === 'recovered' || (record.phase === 'failed' && record.notes.failedDuring !== 'recover');
        if (!settled) continue;
        if (record?.phase !== 'recovered' && !(Number.isFinite(expiresAt) && expiresAt <= now)) continue;
        if (await this.recoverOrphan(object, record)) recovered++;
      }
    }
    return recovered;
  }

  private async recoverOrphan(object: KubeObject, record: InjectionRecord | null): Promise<boolean> {
    const key = { apiVersion: object.apiVersion, kind: object.kind, namespace: object.metadata.namespace, name: object.metadata.name };
    try {
      if (object.metadata.labels?.[CREATED_LABEL]) {
        await this.cluster.delete(key);
        this.logger.warn({ object: key }, 'deleted an expired object Firedrill had created (its record was gone or settled)');
        return true;
      }
      const raw = object.metadata.annotations?.[ANNOTATIONS.undo];
      const undo = raw ? (JSON.parse(raw) as { type?: string }) : null;
      if (!undo) return false;
      const kind = undo.type === 'serviceSelector' ? 'latency' : 'configChange';
      const injector = this.factory.injectors().find((i) => i.kind === kind)!;
      const synthetic: InjectionRecord = {
        id: object.metadata.annotations![ANNOTATIONS.record]!,
        runId: object.metadata.annotations![ANNOTATIONS.run] ?? 'unknown',
        stepIndex: record?.stepIndex ?? 0,
        kind,
        target: { ...key, namespace: key.namespace ?? '' },
        spec: record?.spec ?? {},
        phase: 'injected',
        undo: undo as Record<string, unknown>,
        attempts: 0,
        lastError: null,
        expiresAt: new Date(),
        injectedAt: null,
        recoveredAt: null,
        outcome: null,
        notes: {},
        dryRun: false,
        createdAt: new Date(),
        updatedAt: new Date(),
      };
      const result = await injector.recover({ cluster: this.cluster, record: synthetic, now: new Date() });
      this.logger.warn({ object: key, outcome: result.outcome }, 'restored an expired object from its own undo annotation');
      return true;
    } catch (error) {
      this.logger.error({ err: error, object: key }, 'could not recover an orphaned object; will retry');
      return false;
    }
  }
}

function placeholderRun(id: string): Run {
  return { id, state: 'aborted', abortReason: 'run record missing', document: { spec: {} } } as unknown as Run;
}

function isUuid(id: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
}
