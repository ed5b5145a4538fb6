import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import {
  computeUndo,
  FaultReconciler,
  InjectionRecordRepository,
  needsRecovery,
  planStep,
  type ConfigChangeSpec,
  type ConfigUndo,
  type FaultEvent,
  type InjectionRecord,
  type KubeObject,
  type RunPhaseForFaults,
} from '#chaos';
import type { FiredrillConfig } from '#config';
import { HaltRepository, ProbeResultRepository, RunRepository, RunStateMachine, SignalStore, type Halt, type Run, type RunState } from '#incident';
import { parseDuration, type Scenario } from '#scenario';
import { CONFIG } from '../../core/config.token.js';
import { DatabaseService } from '../../database/database.service.js';
import { LOGGER } from '../../logging/logger.js';
import { ClusterAccess } from '../cluster-access.service.js';
import { runProbe } from '../probes/probe-runner.js';
import { TimelineService } from '../timeline.service.js';
import { RunOutcomeService } from './run-outcome.service.js';
import { FaultEngineFactory } from './fault-engine.factory.js';

const TICK_MS = 1000;
const CONCURRENCY = 32;

/**
 * Drives runs through their lifecycle. One replica owns a run at a time
 * (a lease in Postgres, renewed every tick); a replica that finds a run
 * whose owner stopped renewing takes it over and aborts it, so its faults
 * are recovered. Every fault goes through the FaultReconciler, which writes
 * the record before touching the cluster.
 */
@Injectable()
export class RunEngine implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly ownerId = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  private timer: NodeJS.Timeout | null = null;
  private readonly busy = new Set<string>();
  private readonly probeClock = new Map<string, Map<string, { lastRun: number; failingSince: Date | null }>>();
  private readonly watches = new Map<string, { stop(): void }>();
  private readonly reconciler: FaultReconciler;
  private stopping = false;

  constructor(
    @Inject(CONFIG) private readonly config: FiredrillConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly database: DatabaseService,
    private readonly runs: RunRepository,
    private readonly records: InjectionRecordRepository,
    private readonly halts: HaltRepository,
    private readonly cluster: ClusterAccess,
    private readonly timeline: TimelineService,
    private readonly probeResults: ProbeResultRepository,
    private readonly signals: SignalStore,
    private readonly outcome: RunOutcomeService,
    private readonly factory: FaultEngineFactory,
  ) {
    this.reconciler = factory.reconciler((event) => this.onFaultEvent(event));
  }

  onApplicationBootstrap(): void {
    void this.database.whenReady().then(() => {
      if (this.stopping) return;
      this.timer = setInterval(() => void this.tick(), TICK_MS);
      this.timer.unref();
      void this.tick();
    });
  }

  /**
   * A graceful stop recovers what this replica injected (bounded), rather
   * than leaving it to the next owner: a deploy must not leave faults behind.
   */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    for (const w of this.watches.values()) w.stop();
    this.watches.clear();
    try {
      const owned = (await this.runs.listActive()).filter((r) => r.owner === this.ownerId && (r.state === 'running' || r.state === 'recovering'));
      await Promise.race([
        Promise.all(owned.map((run) => this.abortExclusive(run, `the server (${this.ownerId}) shut down; faults recovered before exit`))),
        new Promise((r) => setTimeout(r, 10_000).unref()),
      ]);
    } catch (error) {
      this.logger.warn({ err: error }, 'could not recover owned runs at shutdown; the sweeper of the next server will');
    } finally {
      this.stopping = true;
    }
  }

  /** One pass over every active run this replica owns or can take over. */
  async tick(): Promise<void> {
    if (this.stopping || !this.database.isReady()) return;
    let active: Run[];
    try {
      active = await this.runs.listActive();
    } catch (error) {
      this.logger.warn({ err: error }, 'engine tick: cannot list runs');
      return;
    }
    await Promise.all(active.map((run) => this.process(run.id)));
  }

  /** Advances one run now if this replica can own it (used after API calls too). */
  async process(runId: string): Promise<void> {
    if (this.busy.has(runId) || this.stopping) return;
    this.busy.add(runId);
    try {
      const before = await this.runs.get(runId);
      if (!before || RunStateMachine.isFinal(before.state)) return;
      if (!(await this.runs.claim(runId, this.ownerId, this.config.runLeaseMs))) return;
      const run = (await this.runs.get(runId))!;
      if (before.owner && before.owner !== this.ownerId && (run.state === 'running' || run.state === 'preflight')) {
        await this.timeline.append(run.id, 'engine', `engine ${before.owner} stopped renewing its lease; ${this.ownerId} took over`);
        await this.abort(run, `the engine that ran it (${before.owner}) stopped; faults recovered by ${this.ownerId}`);
        return;
      }
      await this.advance(run);
    } catch (error) {
      this.logger.error({ err: error, runId }, 'engine: run step failed');
    } finally {
      this.busy.delete(runId);
    }
  }

  private async advance(run: Run): Promise<void> {
    const halt = await this.halts.current();
    if (run.state === 'scheduled') {
      if (halt) return void (await this.finishEarly(run, 'aborted', `halt in force: ${halt.reason}`));
      run = (await this.move(run, 'preflight'))!;
    }
    if (run.state === 'preflight') {
      const problem = halt ? `halt in force: ${halt.reason}` : await this.preflight(run);
      if (problem) return void (await this.finishEarly(run, 'failed', `preflight refused: ${problem}`));
      const started = await this.move(run, 'running', { startedAt: new Date() });
      if (!started) return;
      run = started;
    }
    if (run.state === 'running') await this.drive(run, halt);
    const latest = await this.runs.get(run.id);
    if (latest?.state === 'recovering') await this.recoverRun(latest, halt);
  }

  /** Checks that make starting unsafe; returns the first problem, or null. */
  private async preflight(run: Run): Promise<string | null> {
    const scenario = run.document as unknown as Scenario;
    if (run.dryRun) return null;
    const guard = this.factory.guard();
    for (const ns of namespacesOf(scenario)) {
      try {
        await guard.assertNamespaceAllowed(ns);
      } catch (error) {
        return (error as Error).message;
      }
    }
    for (const other of await this.runs.listActive()) {
      if (other.id === run.id || other.dryRun || !['running', 'recovering'].includes(other.state)) continue;
      const overlap = namespacesOf(other.document as unknown as Scenario).filter((ns) => namespacesOf(scenario).includes(ns));
      const sameObjects = targetsOverlap(scenario, other.document as unknown as Scenario);
      if (overlap.length && sameObjects) return `run ${other.id} (${other.scenarioName}) already targets the same objects in ${overlap.join(', ')}`;
    }
    for (const probe of scenario.spec.hypothesis.steadyState ?? []) {
      const result = await runProbe(probe, this.cluster);
      await this.probeResults.add({ runId: run.id, probe: probe.name, ok: result.ok, value: result.value, detail: result.detail, at: new Date() });
      if (!result.ok) return `the steady state does not hold: probe '${probe.name}' failed (${result.detail})`;
    }
    return null;
  }

  private async drive(run: Run, halt: Halt | null): Promise<void> {
    const scenario = run.document as unknown as Scenario;
    const now = new Date();
    if (halt) return void (await this.abort(run, `halt: ${halt.reason}`));
    const elapsed = now.getTime() - run.startedAt!.getTime();
    const maxDuration = parseDuration(scenario.spec.guardrails.maxDuration);
    if (elapsed > maxDuration) return void (await this.abort(run, `guardrail: maxDuration ${scenario.spec.guardrails.maxDuration} reached`));
    const probeAbort = await this.runProbes(run, scenario, now);
    if (probeAbort) return void (await this.abort(run, probeAbort));

    for (const step of run.steps) {
      if (step.status !== 'pending' || step.atMs > elapsed) continue;
      const ok = await this.startStep(run, step.index, scenario);
      run = (await this.runs.get(run.id))!;
      if (!ok || run.state !== 'running') return;
    }

    const records = await this.records.listForRun(run.id);
    await this.reconcileAll(run, records.filter((r) => r.phase === 'pending' || needsRecovery(r)), null);
    // A halt engaged during this pass recovered the faults: that ends the run as aborted, not completed.
    const haltNow = await this.halts.current();
    if (haltNow) return void (await this.abort(run, `halt: ${haltNow.reason}`));
    const after = await this.records.listForRun(run.id);
    const stepsDone = run.steps.every((s) => s.status !== 'pending' && s.status !== 'started');
    const holding = after.some((r) => r.phase !== 'recovered' && r.phase !== 'failed');
    if (stepsDone && !holding && run.state === 'running') {
      await this.move(run, 'recovering');
    }
  }

  private async startStep(run: Run, index: number, scenario: Scenario): Promise<boolean> {
    const now = new Date();
    const steps = run.steps.map((s) => (s.index === index ? { ...s, status: 'started' as const, startedAt: now.toISOString() } : s));
    await this.runs.update(run.id, { steps });
    let plan;
    try {
      plan = await planStep(this.cluster, scenario, index, run.id, now, { dryRun: run.dryRun });
    } catch (error) {
      await this.failStep(run.id, index, (error as Error).message);
      return false;
    }
    // Durable before anything in the cluster is touched.
    const created = await this.records.createMany(plan.records);
    await this.setStep(run.id, index, { description: plan.description });
    await this.timeline.append(run.id, 'step-started', `step ${index + 1} (${plan.kind}) started: ${plan.description}`, {
      step: index,
      kind: plan.kind,
      dryRun: run.dryRun,
      targets: created.map((r) => `${r.target.kind}/${r.target.namespace}/${r.target.name}`),
    });
    if (run.dryRun) {
      await this.setStep(run.id, index, { status: 'done' });
      return true;
    }
    if (created.length === 0) {
      await this.failStep(run.id, index, `no object matched the step's target (${plan.description})`);
      return false;
    }
    const results = await this.reconcileAll(run, created, 'running');
    const injectedAt = results.map((r) => r.injectedAt).filter((d): d is Date => !!d).sort((a, b) => a.getTime() - b.getTime());
    const current = (await this.runs.get(run.id))!;
    if (injectedAt.length && (!current.t0 || injectedAt[0]! < current.t0)) {
      await this.runs.update(run.id, { t0: injectedAt[0]! });
      if (!current.t0) await this.timeline.append(run.id, 't0', 'T0: first fault applied', { t0: injectedAt[0]!.toISOString() }, null, injectedAt[0]!);
    }
    const failed = results.filter((r) => r.phase === 'failed' && r.notes.failedDuring === 'inject');
    if (failed.length) {
      await this.failStep(run.id, index, failed[0]!.lastError ?? 'injection failed');
      return false;
    }
    await this.setStep(run.id, index, { status: 'done' });
    for (const r of results) if (r.phase === 'injected' && r.kind !== 'podKill') void this.watchForTeamChange(r);
    if (plan.kind === 'podKill') void this.measureSelfHeal(run.id, index, results);
    return true;
  }

  private async failStep(runId: string, index: number, error: string): Promise<void> {
    await this.setStep(runId, index, { status: 'failed', error });
    await this.timeline.append(runId, 'step-failed', `step ${index + 1} failed: ${error}`, { step: index, error });
    const run = (await this.runs.get(runId))!;
    if (run.state === 'running') {
      const moved = await this.move(run, 'recovering', { failureReason: `step ${index + 1} failed: ${error}` });
      if (moved) await this.recoverRun(moved, null);
    }
  }

  private async setStep(runId: string, index: number, changes: Partial<Run['steps'][number]>): Promise<void> {
    const run = (await this.runs.get(runId))!;
    await this.runs.update(runId, { steps: run.steps.map((s) => (s.index === index ? { ...s, ...changes } : s)) });
  }

  /**
   * Abort from outside the tick (API, halt): waits until this replica is not
   * advancing the run, so no step starts after the abort began.
   */
  async abortExclusive(run: Run, reason: string): Promise<Run> {
    for (let i = 0; i < 200 && this.busy.has(run.id); i++) await new Promise((r) => setTimeout(r, 50));
    this.busy.add(run.id);
    try {
      const fresh = (await this.runs.get(run.id)) ?? run;
      return await this.abort(fresh, reason);
    } finally {
      this.busy.delete(run.id);
    }
  }

  /** Aborts a run (recovering its faults first); used by the tick, takeover, and abortExclusive. */
  async abort(run: Run, reason: string): Promise<Run> {
    if (run.state === 'scheduled' || run.state === 'preflight') return (await this.finishEarly(run, 'aborted', reason)) ?? run;
    if (run.state === 'running') {
      const moved = await this.move(run, 'recovering', { abortReason: reason });
      if (moved) {
        await this.recoverRun(moved, await this.halts.current());
        return (await this.runs.get(run.id))!;
      }
    }
    return (await this.runs.get(run.id)) ?? run;
  }

  private async recoverRun(run: Run, halt: Halt | null): Promise<void> {
    const records = await this.records.listForRun(run.id);
    await this.reconcileAll(run, records.filter((r) => r.phase === 'pending' || needsRecovery(r)), null, halt);
    const after = await this.records.listForRun(run.id);
    const stuck = after.filter((r) => r.phase === 'pending' || needsRecovery(r));
    if (stuck.length > 0) return; // retried next tick and by the sweeper
    for (const r of after) this.stopWatch(r.id);
    const latest = (await this.runs.get(run.id))!;
    // Another path (the API's abort, a halt, the tick) may have finished it meanwhile.
    if (latest.state !== 'recovering') return;
    const final: RunState = latest.abortReason ? 'aborted' : latest.failureReason ? 'failed' : 'completed';
    RunStateMachine.assertTransition('recovering', final, { injectedRecords: 0 });
    const ended = await this.move(latest, final, { endedAt: new Date() });
    if (ended) {
      await this.runs.release(run.id, this.ownerId);
      this.probeClock.delete(run.id);
      await this.outcome.runEnded(ended).catch((error) => this.logger.warn({ err: error, runId: run.id }, 'could not record the drill outcome'));
    }
  }

  private async finishEarly(run: Run, to: 'aborted' | 'failed', reason: string): Promise<Run | null> {
    const changes = to === 'aborted' ? { abortReason: reason, endedAt: new Date() } : { failureReason: reason, endedAt: new Date() };
    const moved = await this.move(run, to, changes);
    if (moved) await this.runs.release(run.id, this.ownerId);
    return moved;
  }

  /** Optimistic: returns null when the run is no longer in the state `run` says (another path moved it). */
  private async move(run: Run, to: RunState, changes: Partial<Run> = {}): Promise<Run | null> {
    if (!RunStateMachine.canTransition(run.state, to)) {
      const current = await this.runs.get(run.id);
      if (current && current.state !== run.state) return null;
    }
    RunStateMachine.assertTransition(run.state, to);
    const moved = await this.runs.transition(run.id, run.state, to, changes);
    if (!moved) return null;
    const reason = changes.abortReason ?? changes.failureReason;
    await this.timeline.append(run.id, 'state', `${run.state} → ${to}${reason ? `: ${reason}` : ''}`, { from: run.state, to, reason: reason ?? null });
    this.logger.info({ runId: run.id, from: run.state, to, reason }, 'run state changed');
    return moved;
  }

  /** Drives records with bounded concurrency; returns their new state. */
  async reconcileAll(run: Run, records: InjectionRecord[], forceState: RunPhaseForFaults | null, halt?: Halt | null): Promise<InjectionRecord[]> {
    const scenario = run.document as unknown as Scenario;
    const haltInForce = halt === undefined ? Boolean(await this.halts.current()) : Boolean(halt);
    const state: RunPhaseForFaults = forceState ?? (run.abortReason ? 'aborted' : run.state);
    const out: InjectionRecord[] = [];
    let next = 0;
    const worker = async () => {
      while (next < records.length) {
        const record = records[next++]!;
        out.push(
          await this.reconciler.drive(record, {
            now: new Date(),
            runState: state,
            haltInForce,
            guardrails: { maxTargets: scenario.spec?.guardrails?.maxTargets, minHealthyReplicas: scenario.spec?.guardrails?.minHealthyReplicas },
          }),
        );
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, records.length) }, worker));
    return out;
  }

  private async onFaultEvent(event: FaultEvent): Promise<void> {
    const r = event.record;
    await this.timeline.append(r.runId, `fault-${event.type}`, event.message, {
      recordId: r.id,
      kind: r.kind,
      phase: r.phase,
      target: r.target,
      outcome: r.outcome,
      reason: event.reason ?? null,
      attempts: r.attempts,
      error: r.lastError,
    });
    if (event.type === 'team-change-kept') await this.recordTeamMitigation(r, new Date(), 'seen at recovery');
    if (event.type === 'recovered' || event.type === 'recover-failed') this.stopWatch(r.id);
  }

  /** A watch on the changed object: the team fixing it is a mitigation signal from the cluster. */
  private async watchForTeamChange(record: InjectionRecord): Promise<void> {
    if (this.watches.has(record.id) || !record.undo) return;
    try {
      const handle = await this.cluster.watch(
        { apiVersion: record.target.apiVersion, kind: record.target.kind, namespace: record.target.namespace, name: record.target.name },
        (type, object) => {
          if (teamChanged(record, type, object)) void this.recordTeamMitigation(record, new Date(), 'seen by watch');
        },
      );
      this.watches.set(record.id, handle);
    } catch (error) {
      this.logger.warn({ err: error, recordId: record.id }, 'could not watch a changed object; team changes are still detected at recovery');
    }
  }

  private stopWatch(recordId: string): void {
    this.watches.get(recordId)?.stop();
    this.watches.delete(recordId);
  }

  private async recordTeamMitigation(record: InjectionRecord, at: Date, how: string): Promise<void> {
    const run = await this.runs.get(record.runId);
    const { signal, duplicate } = await this.signals.record({
      team: run?.teamSlug ?? null,
      source: 'cluster',
      kind: 'mitigated',
      occurredAt: at,
      labels: { namespace: record.target.namespace, object: `${record.target.kind}/${record.target.name}` },
      summary: `the team changed ${record.target.kind.toLowerCase()} ${record.target.namespace}/${record.target.name} (${how})`,
      dedupeKey: `cluster-mitigation:${record.id}`,
      drill: true,
    });
    if (duplicate) return;
    await this.signals.attach(signal.id, record.runId, 'auto');
    await this.timeline.append(record.runId, 'signal', `mitigation seen in the cluster: ${signal.summary}`, { signalId: signal.id, kind: 'mitigated', source: 'cluster' }, null, at);
  }

  private async runProbes(run: Run, scenario: Scenario, now: Date): Promise<string | null> {
    const probes = scenario.spec.hypothesis.steadyState ?? [];
    if (probes.length === 0) return null;
    const clock = this.probeClock.get(run.id) ?? new Map();
    this.probeClock.set(run.id, clock);
    let allOk = true;
    let ranAny = false;
    for (const probe of probes) {
      const state = clock.get(probe.name) ?? { lastRun: 0, failingSince: null };
      const interval = parseDuration(probe.interval ?? '15s');
      if (now.getTime() - state.lastRun < interval) {
        allOk &&= state.failingSince === null;
        continue;
      }
      ranAny = true;
      const result = await runProbe(probe, this.cluster);
      state.lastRun = now.getTime();
      await this.probeResults.add({ runId: run.id, probe: probe.name, ok: result.ok, value: result.value, detail: result.detail, at: now });
      if (!result.ok && state.failingSince === null) {
        state.failingSince = now;
        await this.timeline.append(run.id, 'probe', `probe ${probe.name} failing: ${result.detail}`, { probe: probe.name, ok: false, value: result.value });
        if (!run.steadyStateBrokenAt && run.t0) await this.runs.update(run.id, { steadyStateBrokenAt: now });
      } else if (result.ok && state.failingSince !== null) {
        state.failingSince = null;
        await this.timeline.append(run.id, 'probe', `probe ${probe.name} holds again: ${result.detail}`, { probe: probe.name, ok: true, value: result.value });
      }
      clock.set(probe.name, state);
      allOk &&= result.ok;
    }
    const fresh = (await this.runs.get(run.id))!;
    if (ranAny && allOk && fresh.steadyStateBrokenAt && !fresh.impactReducedAt) {
      await this.runs.update(run.id, { impactReducedAt: now });
      await this.timeline.append(run.id, 'impact-reduced', 'all steady-state probes hold again', {});
    }
    for (const rule of scenario.spec.guardrails.abortWhen ?? []) {
      const state = clock.get(rule.probe);
      if (state?.failingSince && now.getTime() - state.failingSince.getTime() >= parseDuration(rule.failingFor)) {
        return `guardrail: probe ${rule.probe} failing for ${rule.failingFor}`;
      }
    }
    return null;
  }

  /** Pod kills: time until every owner has its replicas ready again. */
  private async measureSelfHeal(runId: string, index: number, records: InjectionRecord[]): Promise<void> {
    const first = records.map((r) => r.injectedAt).filter((d): d is Date => !!d).sort((a, b) => a.getTime() - b.getTime())[0];
    if (!first) return;
    const owners = new Set<string>();
    for (const r of records) {
      const rs = r.spec.owner as string | null;
      if (!rs) continue;
      const replicaSet = await this.cluster.get({ apiVersion: 'apps/v1', kind: 'ReplicaSet', namespace: r.target.namespace, name: rs }).catch(() => null);
      const dep = replicaSet?.metadata.ownerReferences?.find((o) => o.kind === 'Deployment');
      if (dep) owners.add(`${r.target.namespace}/${dep.name}`);
    }
    const deadline = Date.now() + 10 * 60_000;
    while (Date.now() < deadline && !this.stopping) {
      let healed = true;
      for (const key of owners) {
        const [namespace, name] = key.split('/') as [string, string];
        const dep = await this.cluster.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace, name }).catch(() => null);
        const spec = (dep?.spec as { replicas?: number } | undefined)?.replicas ?? 1;
        const ready = (dep?.status as { readyReplicas?: number } | undefined)?.readyReplicas ?? 0;
        if (ready < spec) healed = false;
      }
      if (healed) {
        const seconds = Math.round((Date.now() - first.getTime()) / 10) / 100;
        await this.setStep(runId, index, { selfHealSeconds: seconds });
        await this.timeline.append(runId, 'self-healed', `${[...owners].join(', ') || 'owners'} back to full readiness ${seconds}s after the kill`, { step: index, seconds });
        return;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

export function namespacesOf(scenario: Scenario): string[] {
  const set = new Set<string>();
  for (const t of Object.values(scenario.spec?.targets ?? {})) set.add(t.namespace);
  for (const s of scenario.spec?.steps ?? []) if (s.configChange) set.add(s.configChange.namespace);
  return [...set];
}

/** Two scenarios touch the same objects when a target selector or a changed object is shared. */
function targetsOverlap(a: Scenario, b: Scenario): boolean {
  const keys = (s: Scenario) => {
    const out = new Set<string>();
    for (const t of Object.values(s.spec?.targets ?? {})) out.add(`${t.namespace}|${JSON.stringify(t.selector)}`);
    for (const st of s.spec?.steps ?? []) if (st.configChange) out.add(`${st.configChange.namespace}|${st.configChange.configMap ?? st.configChange.deployment}`);
    return out;
  };
  const kb = keys(b);
  return [...keys(a)].some((k) => kb.has(k));
}

/** True when the watched object no longer holds what the record injected. */
function teamChanged(record: InjectionRecord, type: string, object: KubeObject): boolean {
  // Our own recovery removes the annotation first: only changes made while
  // the fault is still in force count as the team's.
  if (type !== 'MODIFIED' || object.metadata.annotations?.['firedrill.dev/record'] !== record.id) return false;
  if (record.kind === 'configChange') {
    const undo = record.undo as unknown as ConfigUndo;
    try {
      const now = computeUndo(object, record.spec as ConfigChangeSpec);
      if (undo.type === 'configMap' && now.type === 'configMap') return Object.entries(undo.keys).some(([k, c]) => now.keys[k]?.original !== c.injected);
      if (undo.type === 'deployment' && now.type === 'deployment') {
        const envChanged = Object.entries(undo.env).some(([k, c]) => JSON.stringify(now.env[k]?.original ?? null) !== JSON.stringify(c.injected ?? null));
        const imageChanged = undo.image ? now.image?.original !== undo.image.injected : false;
        const replicasChanged = undo.replicas ? now.replicas?.original !== undo.replicas.injected : false;
        return envChanged || imageChanged || replicasChanged;
      }
    } catch {
      return false;
    }
  }
  if (record.kind === 'latency' || record.kind === 'httpFault') {
    const undo = record.undo as { injectedSelector?: Record<string, string> } | null;
    const selector = (object.spec as { selector?: Record<string, string> } | undefined)?.selector;
    return JSON.stringify(selector ?? {}) !== JSON.stringify(undo?.injectedSelector ?? {});
  }
  return false;
}
