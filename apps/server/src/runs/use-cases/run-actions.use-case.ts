import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { requireTeamAccess, type Principal } from '#access';
import { ConflictError, NotFoundError, ValidationError } from '#contracts';
import { HaltRepository, RoleRepository, RunRepository, RunStateMachine, SignalStore, type Run, type SignalKind } from '#incident';
import { RunEngine } from '../engine/run-engine.service.js';
import { TimelineService } from '../timeline.service.js';

export const MARK_KINDS = ['detected', 'acknowledged', 'declared', 'mitigated', 'resolved', 'communicated'] as const;
export const RUN_ROLES = ['incident-commander', 'tech-lead', 'communications', 'scribe', 'sme'] as const;

/** Abort, marks, roles, notes and corrections: everything people do to a run. */
@Injectable()
export class RunActionsUseCase {
  constructor(
    private readonly runs: RunRepository,
    private readonly engine: RunEngine,
    private readonly timeline: TimelineService,
    private readonly signals: SignalStore,
    private readonly roles: RoleRepository,
    private readonly halts: HaltRepository,
  ) {}

  async load(principal: Principal, id: string): Promise<Run> {
    const run = await this.runs.get(id);
    if (!run) throw new NotFoundError('run', id);
    if (run.teamSlug) requireTeamAccess(principal, run.teamSlug);
    return run;
  }

  private async loadActive(principal: Principal, id: string): Promise<Run> {
    const run = await this.load(principal, id);
    if (RunStateMachine.isFinal(run.state)) throw new ConflictError(`Run ${id} has already ended (${run.state})`, { state: run.state });
    return run;
  }

  async abort(principal: Principal, id: string, reason: string | undefined): Promise<Run> {
    const run = await this.loadActive(principal, id);
    await this.timeline.append(run.id, 'abort-requested', `abort requested by ${principal.name}${reason ? `: ${reason}` : ''}`, {}, principal.name);
    return this.engine.abortExclusive(run, `aborted by ${principal.name}${reason ? `: ${reason}` : ''}`);
  }

  async mark(principal: Principal, id: string, input: { kind: SignalKind; note?: string; role?: string }) {
    const run = await this.loadActive(principal, id);
    const now = new Date();
    const { signal } = await this.signals.record({
      team: run.teamSlug,
      source: 'mark',
      kind: input.kind,
      occurredAt: now,
      receivedAt: now,
      labels: { actor: principal.name, ...(input.role ? { role: input.role } : {}) },
      summary: input.note ?? null,
      dedupeKey: `mark:${randomUUID()}`,
      drill: true,
    });
    await this.signals.attach(signal.id, run.id, 'manual');
    await this.timeline.append(run.id, 'mark', `${principal.name}${input.role ? ` (${input.role})` : ''} marked ${input.kind}${input.note ? `: ${input.note}` : ''}`, { signalId: signal.id, kind: input.kind }, principal.name, now);
    return { id: signal.id, kind: signal.kind, occurredAt: signal.occurredAt.toISOString() };
  }

  async assignRole(principal: Principal, id: string, input: { role: string; person: string }) {
    const run = await this.loadActive(principal, id);
    const assignedAt = new Date();
    await this.roles.assign({ runId: run.id, role: input.role, person: input.person, assignedBy: principal.name, assignedAt });
    await this.timeline.append(run.id, 'role', `${input.person} is ${input.role}`, { role: input.role, person: input.person }, principal.name, assignedAt);
    return { role: input.role, person: input.person, assignedAt: assignedAt.toISOString() };
  }

  async note(principal: Principal, id: string, text: string) {
    const run = await this.load(principal, id);
    const event = await this.timeline.append(run.id, 'note', text, {}, principal.name);
    return { id: event.id, at: event.at.toISOString() };
  }

  async correct(principal: Principal, id: string, signalId: string, input: { occurredAt: Date; reason: string }) {
    const run = await this.load(principal, id);
    if (!input.reason.trim()) throw new ValidationError('A correction needs a reason', [{ path: 'reason', message: 'must not be empty' }]);
    const attached = await this.signals.runsOf(signalId).catch(() => []);
    if (!attached.some((a) => a.runId === run.id)) throw new NotFoundError('signal of this run', signalId);
    const result = await this.signals.correct(signalId, { occurredAt: input.occurredAt, reason: input.reason, by: principal.name });
    await this.timeline.append(
      run.id,
      'correction',
      `${principal.name} moved ${result.old.kind} from ${result.old.occurredAt.toISOString()} to ${result.new.occurredAt.toISOString()}: ${input.reason}`,
      { signalId, old: result.old.occurredAt.toISOString(), new: result.new.occurredAt.toISOString(), reason: input.reason },
      principal.name,
    );
    return { id: signalId, occurredAt: result.new.occurredAt.toISOString(), previous: result.old.occurredAt.toISOString() };
  }

  async haltState() {
    return this.halts.current();
  }
}
