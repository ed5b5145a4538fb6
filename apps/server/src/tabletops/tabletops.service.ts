import { Injectable } from '@nestjs/common';
import { requireTeamAccess, type Principal } from '#access';
import { NotFoundError } from '#contracts';
import {
  exerciseElapsedMs,
  injectOffsetMs,
  isHandled,
  nextInject,
  scheduledInjects,
  summarize,
  TabletopRepository,
  type ExpectationOutcome,
  type TabletopParticipant,
  type TabletopSession,
} from '#incident';
import type { Inject } from '#scenario';
import { InjectTextRenderer } from './inject-text.renderer.js';
import type { ListTabletops } from './tabletops.dto.js';

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

/** Who is looking: the facilitator sees the whole script, a participant what was released to them. */
export type TabletopViewer = { kind: 'facilitator' } | { kind: 'participant'; participant: TabletopParticipant };

/** Reads of tabletop sessions, shaped for the API and the pages. */
@Injectable()
export class TabletopsService {
  constructor(
    private readonly sessions: TabletopRepository,
    private readonly text: InjectTextRenderer,
  ) {}

  async load(id: string): Promise<TabletopSession> {
    const session = await this.sessions.get(id);
    if (!session) throw new NotFoundError('tabletop session', id);
    return session;
  }

  async getForPrincipal(principal: Principal, id: string) {
    const session = await this.load(id);
    if (session.teamSlug) requireTeamAccess(principal, session.teamSlug);
    return this.view(session, { kind: 'facilitator' });
  }

  async getForParticipant(participant: TabletopParticipant, id: string) {
    if (participant.sessionId !== id) throw new NotFoundError('tabletop session', id);
    return this.view(await this.load(id), { kind: 'participant', participant });
  }

  async list(principal: Principal, query: ListTabletops) {
    if (query.team) requireTeamAccess(principal, query.team);
    const team = principal.teamSlug ?? query.team;
    const { items, total } = await this.sessions.list({ team, states: query.state ? [query.state] : undefined, limit: query.limit, offset: query.offset });
    return { items: items.map((s) => this.listItem(s)), total, limit: query.limit, offset: query.offset };
  }

  /** Sessions not ended yet, newest first (the dashboard). */
  async open(principal: Principal, limit: number) {
    const { items, total } = await this.sessions.list({ team: principal.teamSlug ?? undefined, states: ['created', 'running', 'paused'], limit, offset: 0 });
    return { items: items.map((s) => this.listItem(s)), total };
  }

  async timeline(principal: Principal, id: string, after?: string) {
    const session = await this.load(id);
    if (session.teamSlug) requireTeamAccess(principal, session.teamSlug);
    return { sessionId: id, items: (await this.sessions.timeline(id, { afterId: after })).map(eventView) };
  }

  listItem(s: TabletopSession) {
    return {
      id: s.id,
      script: s.script,
      title: s.title,
      team: s.teamSlug,
      state: s.state,
      mode: s.mode,
      joinCode: s.state === 'ended' ? null : s.joinCode,
      createdAt: s.createdAt.toISOString(),
      startedAt: iso(s.startedAt),
      endedAt: iso(s.endedAt),
    };
  }

  async view(session: TabletopSession, viewer: TabletopViewer, now = new Date()) {
    const [participants, timeline] = await Promise.all([this.sessions.participants(session.id), this.sessions.timeline(session.id, { limit: 1000 })]);
    const doc = session.document;
    const elapsedMs = exerciseElapsedMs(session, now);
    const injectById = new Map(doc.spec.injects.map((i) => [i.id, i]));
    const role = viewer.kind === 'participant' ? viewer.participant.role : null;
    const visible = (inject: Inject | undefined) => viewer.kind === 'facilitator' || !inject?.to || inject.to === 'all' || inject.to === role;
    const expectationView = (e: ExpectationOutcome) => ({
      id: e.expectationId,
      injectId: e.injectId,
      action: e.action,
      role: e.role,
      mine: role === null || e.role === null || e.role === role,
      status: e.status,
      withinMs: e.withinMs,
      dueAt: e.status === 'pending' && e.withinMs !== null && session.state === 'running' ? new Date(now.getTime() + (e.releasedAtMs + e.withinMs - elapsedMs)).toISOString() : null,
      releasedAt: e.releasedAt.toISOString(),
      metAt: iso(e.metAt),
      metBy: e.metBy,
      metAfterMs: e.metAfterMs,
      missedAt: iso(e.missedAt),
      missedReason: e.missedReason,
      doneLateAt: iso(e.doneLateAt),
    });
    const released = session.released
      .filter((r) => visible(injectById.get(r.injectId)))
      .map((r) => {
        const inject = injectById.get(r.injectId);
        return {
          id: r.injectId,
          releasedAt: r.releasedAt.toISOString(),
          atMs: r.atMs,
          contingency: r.contingency,
          to: inject?.to ?? 'all',
          text: this.text.render(inject?.text ?? '', doc.spec.variables),
          expectations: session.expectations.filter((e) => e.injectId === r.injectId).map(expectationView),
        };
      });
    const facilitatorOnly =
      viewer.kind === 'facilitator'
        ? {
            next: this.injectPreview(nextInject(session), session),
            upcoming: scheduledInjects(doc)
              .filter((i) => !isHandled(session, i.id))
              .map((i) => this.injectPreview(i, session)!),
            contingencies: doc.spec.injects
              .filter((i) => i.when && !isHandled(session, i.id))
              .map((i) => ({ id: i.id, whenMissed: i.when!.missed, text: this.text.render(i.text, doc.spec.variables) })),
            skipped: session.skipped.map((s) => ({ id: s.injectId, skippedAt: s.skippedAt.toISOString(), by: s.by })),
          }
        : { next: null, upcoming: [], contingencies: [], skipped: [] };
    const summary = session.state === 'ended' ? summarize(session) : null;
    return {
      id: session.id,
      script: session.script,
      scriptVersion: session.scriptVersion,
      title: session.title,
      description: doc.spec.description ?? null,
      team: session.teamSlug,
      severity: session.severity,
      state: session.state,
      mode: session.mode,
      joinCode: session.state === 'ended' ? null : session.joinCode,
      roles: doc.spec.roles,
      createdAt: session.createdAt.toISOString(),
      startedAt: iso(session.startedAt),
      endedAt: iso(session.endedAt),
      elapsedMs,
      released,
      ...facilitatorOnly,
      expectations: session.expectations.map(expectationView),
      participants: participants.map((p) => ({ id: p.id, name: p.name, role: p.role, joinedAt: p.joinedAt.toISOString() })),
      timeline: timeline.filter((e) => viewer.kind === 'facilitator' || e.kind !== 'inject.released' || visible(injectById.get(String(e.data.injectId)))).map(eventView),
      lastEventId: timeline.at(-1)?.id ?? null,
      summary: summary && {
        met: summary.met.map((e) => ({ ...e, releasedAt: e.releasedAt.toISOString(), metAt: iso(e.metAt), missedAt: iso(e.missedAt), doneLateAt: iso(e.doneLateAt) })),
        missed: summary.missed.map((e) => ({ ...e, releasedAt: e.releasedAt.toISOString(), metAt: iso(e.metAt), missedAt: iso(e.missedAt), doneLateAt: iso(e.doneLateAt) })),
        notReleased: summary.notReleased,
      },
      debriefQuestions: doc.spec.debrief?.questions ?? [],
      viewer: viewer.kind === 'participant' ? { kind: 'participant' as const, name: viewer.participant.name, role: viewer.participant.role } : { kind: 'facilitator' as const },
    };
  }

  private injectPreview(inject: Inject | null, session: TabletopSession) {
    if (!inject) return null;
    return { id: inject.id, atMs: injectOffsetMs(inject), to: inject.to ?? 'all', text: this.text.render(inject.text, session.document.spec.variables), expectations: (inject.expect ?? []).map((x) => ({ id: x.id, action: x.action, role: x.role ?? null, within: x.within ?? null })) };
  }
}

export type TabletopView = Awaited<ReturnType<TabletopsService['view']>>;

export const eventView = (e: { id: string; at: Date; kind: string; title: string; actor: string | null; data: Record<string, unknown> }) => ({
  id: e.id,
  at: e.at.toISOString(),
  kind: e.kind,
  title: e.title,
  actor: e.actor,
  data: e.data,
});
