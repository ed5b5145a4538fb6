import { Injectable } from '@nestjs/common';
import type { Principal } from '#access';
import { InjectionRecordRepository, needsRecovery } from '#chaos';
import { HaltRepository, RunRepository, RunStateMachine } from '#incident';
import { RunEngine } from '../engine/run-engine.service.js';
import { TimelineService } from '../timeline.service.js';

/**
 * The global kill switch: recovers every injected record across all runs
 * and refuses new runs until lifted.
 */
@Injectable()
export class HaltUseCase {
  constructor(
    private readonly halts: HaltRepository,
    private readonly runs: RunRepository,
    private readonly records: InjectionRecordRepository,
    private readonly engine: RunEngine,
    private readonly timeline: TimelineService,
  ) {}

  async engage(principal: Principal, reason: string) {
    const halt = await this.halts.engage(reason, principal.name);
    const active = await this.runs.listActive();
    await Promise.all(
      active.map(async (run) => {
        await this.timeline.append(run.id, 'halt', `global halt by ${halt.createdBy}: ${halt.reason}`, {}, principal.name);
        await this.engine.abortExclusive(run, `halt: ${halt.reason}`);
      }),
    );
    // Records of runs that already ended but still hold something.
    const leftovers = (await this.records.listUnsettled()).filter(needsRecovery);
    const byRun = new Map<string, typeof leftovers>();
    for (const r of leftovers) byRun.set(r.runId, [...(byRun.get(r.runId) ?? []), r]);
    for (const [runId, recs] of byRun) {
      const run = await this.runs.get(runId);
      if (run) await this.engine.reconcileAll(run, recs, RunStateMachine.isFinal(run.state) ? null : 'aborted', halt);
    }
    const remaining = (await this.records.listUnsettled()).filter(needsRecovery);
    return {
      ...view(halt),
      abortedRuns: active.length,
      stillInjected: remaining.map((r) => ({ recordId: r.id, runId: r.runId, target: r.target, lastError: r.lastError })),
    };
  }

  async lift(principal: Principal) {
    const halt = await this.halts.lift(principal.name);
    return { halted: false, lifted: halt ? view(halt) : null };
  }

  async state() {
    const halt = await this.halts.current();
    return halt ? view(halt) : { halted: false };
  }
}

const view = (h: { id: string; reason: string; createdBy: string; createdAt: Date; liftedAt: Date | null; liftedBy: string | null }) => ({
  halted: h.liftedAt === null,
  id: h.id,
  reason: h.reason,
  by: h.createdBy,
  since: h.createdAt.toISOString(),
  liftedAt: h.liftedAt?.toISOString() ?? null,
  liftedBy: h.liftedBy,
});
