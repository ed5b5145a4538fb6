import { Injectable } from '@nestjs/common';
import { requireTeamAccess, type Principal } from '#access';
import { NotFoundError } from '#contracts';
import { SignalStore, type Signal } from '#incident';
import { DomainEvents } from '../core/domain-events.js';
import { toSignalDto, type CorrectSignal, type ListSignals } from './signals.dto.js';

@Injectable()
export class SignalsService {
  constructor(
    private readonly signals: SignalStore,
    private readonly events: DomainEvents,
  ) {}

  async list(principal: Principal, query: ListSignals) {
    if (query.team) requireTeamAccess(principal, query.team);
    const team = query.team ?? principal.teamSlug ?? undefined;
    const { items, total } = await this.signals.list({ team, unmatched: query.unmatched, limit: query.limit, offset: query.offset });
    return { items: items.map((s) => toSignalDto(s)), total, limit: query.limit, offset: query.offset };
  }

  async get(principal: Principal, id: string) {
    const signal = await this.load(principal, id);
    const [runs, corrections] = await Promise.all([this.signals.runsOf(id), this.signals.corrections(id)]);
    return {
      ...toSignalDto(signal, true),
      runs: runs.map((r) => ({ runId: r.runId, attachedBy: r.attachedBy, attachedAt: r.attachedAt.toISOString() })),
      corrections: corrections.map((c) => ({
        correctedBy: c.correctedBy,
        oldOccurredAt: c.oldOccurredAt.toISOString(),
        newOccurredAt: c.newOccurredAt.toISOString(),
        reason: c.reason,
        at: c.at.toISOString(),
      })),
    };
  }

  async attach(principal: Principal, id: string, runId: string) {
    await this.load(principal, id);
    await this.signals.attach(id, runId, 'manual');
    this.events.emit('signal.attached', { signalId: id, runId, by: 'manual' });
    return this.get(principal, id);
  }

  async correct(principal: Principal, id: string, body: CorrectSignal) {
    await this.load(principal, id);
    await this.signals.correct(id, { occurredAt: new Date(body.occurredAt), reason: body.reason, by: principal.name });
    return this.get(principal, id);
  }

  private async load(principal: Principal, id: string): Promise<Signal> {
    const signal = await this.signals.get(id);
    if (!signal) throw new NotFoundError('signal', id);
    if (signal.team) requireTeamAccess(principal, signal.team);
    else if (principal.teamSlug) throw new NotFoundError('signal', id);
    return signal;
  }
}
