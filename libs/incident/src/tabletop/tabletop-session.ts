import { randomInt } from 'node:crypto';
import { ConflictError, IllegalTransitionError, NotFoundError, ValidationError } from '#contracts';
import { parseDuration, type Inject, type Severity, type Tabletop } from '#scenario';

export const TABLETOP_STATES = ['created', 'running', 'paused', 'ended'] as const;
export type TabletopState = (typeof TABLETOP_STATES)[number];

export const TABLETOP_MODES = ['manual', 'timer'] as const;
export type TabletopMode = (typeof TABLETOP_MODES)[number];

/** Every legal move of a session; `end` is allowed from anywhere but the end. */
export const TABLETOP_TRANSITIONS: Record<TabletopState, readonly TabletopState[]> = {
  created: ['running', 'ended'],
  running: ['paused', 'ended'],
  paused: ['running', 'ended'],
  ended: [],
};

/** Letters and digits nobody misreads aloud or on a projector (no 0/O, 1/I/L, 5/S, 2/Z, 8/B). */
export const JOIN_CODE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';
export const JOIN_CODE_LENGTH = 6;

export function generateJoinCode(random: (max: number) => number = randomInt): string {
  let code = '';
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += JOIN_CODE_ALPHABET[random(JOIN_CODE_ALPHABET.length)];
  return code;
}

/** Upper-cases and drops spaces and dashes, so "acd-efg" and "ACDEFG" are the same code. */
export function normalizeJoinCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}

export interface ReleasedInject {
  injectId: string;
  releasedAt: Date;
  /** Exercise clock (pauses excluded) at release, in milliseconds. */
  atMs: number;
  by: string;
  /** Released because an expectation was missed. */
  contingency: boolean;
}

export interface SkippedInject {
  injectId: string;
  skippedAt: Date;
  by: string;
}

export type ExpectationStatus = 'pending' | 'met' | 'missed';

/** One expected action, tracked from the moment its inject is released. */
export interface ExpectationOutcome {
  expectationId: string;
  injectId: string;
  action: string;
  role: string | null;
  withinMs: number | null;
  status: ExpectationStatus;
  releasedAt: Date;
  /** Exercise clock at release; the deadline is releasedAtMs + withinMs on the same clock. */
  releasedAtMs: number;
  metAt: Date | null;
  metBy: string | null;
  /** Met this long after the inject was released (exercise clock). */
  metAfterMs: number | null;
  missedAt: Date | null;
  missedReason: string | null;
  /** Ticked after it had been missed. */
  doneLateAt: Date | null;
}

export interface TabletopSession {
  id: string;
  script: string;
  scriptVersion: number | null;
  teamSlug: string | null;
  title: string;
  severity: Severity;
  document: Tabletop;
  joinCode: string;
  state: TabletopState;
  mode: TabletopMode;
  createdBy: string;
  createdAt: Date;
  startedAt: Date | null;
  pausedAt: Date | null;
  /** Total time spent paused before `pausedAt`. */
  pausedMs: number;
  endedAt: Date | null;
  released: ReleasedInject[];
  skipped: SkippedInject[];
  expectations: ExpectationOutcome[];
}

export type NewTabletopSession = Omit<TabletopSession, 'id'>;

export const TABLETOP_EVENT_KINDS = [
  'created',
  'started',
  'paused',
  'resumed',
  'mode',
  'inject.released',
  'inject.skipped',
  'expectation.met',
  'expectation.missed',
  'expectation.late',
  'decision',
  'participant.joined',
  'ended',
] as const;
export type TabletopEventKind = (typeof TABLETOP_EVENT_KINDS)[number];

export interface TabletopEvent {
  at: Date;
  kind: TabletopEventKind;
  title: string;
  data: Record<string, unknown>;
  actor: string | null;
}

/** The elapsed exercise time: wall time since start minus every pause. */
export function exerciseElapsedMs(session: Pick<TabletopSession, 'startedAt' | 'pausedAt' | 'pausedMs' | 'endedAt'>, now: Date): number {
  if (!session.startedAt) return 0;
  const until = session.pausedAt ?? session.endedAt ?? now;
  return Math.max(0, until.getTime() - session.startedAt.getTime() - session.pausedMs);
}

export function injectOffsetMs(inject: Inject): number | null {
  return inject.at === undefined ? null : parseDuration(inject.at);
}

/** Scheduled (non-contingency) injects in release order. */
export function scheduledInjects(doc: Tabletop): Inject[] {
  return doc.spec.injects
    .filter((i) => i.at !== undefined)
    .map((inject, index) => ({ inject, index, at: parseDuration(inject.at!) }))
    .sort((a, b) => a.at - b.at || a.index - b.index)
    .map((x) => x.inject);
}

export function isHandled(session: Pick<TabletopSession, 'released' | 'skipped'>, injectId: string): boolean {
  return session.released.some((r) => r.injectId === injectId) || session.skipped.some((s) => s.injectId === injectId);
}

/** The next scheduled inject nobody released or skipped yet, or null. */
export function nextInject(session: Pick<TabletopSession, 'document' | 'released' | 'skipped'>): Inject | null {
  return scheduledInjects(session.document).find((i) => !isHandled(session, i.id)) ?? null;
}

/**
 * One change to a tabletop session, applied to a copy: the state machine,
 * inject release (by hand, by the timer, or as a contingency of a missed
 * expectation) and expectation outcomes. Every change appends an event.
 */
export class TabletopExercise {
  readonly session: TabletopSession;
  readonly events: TabletopEvent[] = [];

  constructor(
    session: TabletopSession,
    private readonly now: Date,
  ) {
    this.session = {
      ...session,
      released: session.released.map((r) => ({ ...r })),
      skipped: session.skipped.map((s) => ({ ...s })),
      expectations: session.expectations.map((e) => ({ ...e })),
    };
  }

  static canTransition(from: TabletopState, to: TabletopState): boolean {
    return TABLETOP_TRANSITIONS[from].includes(to);
  }

  /** A fresh session for a script; nothing released yet. */
  static create(input: {
    script: Tabletop;
    scriptVersion: number | null;
    team: string | null;
    joinCode: string;
    createdBy: string;
    now: Date;
    mode?: TabletopMode;
  }): { session: NewTabletopSession; event: TabletopEvent } {
    const doc = input.script;
    const session: NewTabletopSession = {
      script: doc.metadata.name,
      scriptVersion: input.scriptVersion,
      teamSlug: input.team ?? doc.metadata.team ?? null,
      title: doc.metadata.title,
      severity: doc.metadata.severity ?? 'SEV3',
      document: doc,
      joinCode: input.joinCode,
      state: 'created',
      mode: input.mode ?? 'manual',
      createdBy: input.createdBy,
      createdAt: input.now,
      startedAt: null,
      pausedAt: null,
      pausedMs: 0,
      endedAt: null,
      released: [],
      skipped: [],
      expectations: [],
    };
    return { session, event: { at: input.now, kind: 'created', title: `Session created from tabletop '${doc.metadata.name}'`, data: { joinCode: input.joinCode }, actor: input.createdBy } };
  }

  get elapsedMs(): number {
    return exerciseElapsedMs(this.session, this.now);
  }

  start(actor: string): this {
    this.move('running');
    this.session.startedAt = this.now;
    this.emit('started', 'Exercise started', {}, actor);
    return this.tick();
  }

  pause(actor: string): this {
    this.move('paused');
    this.session.pausedAt = this.now;
    this.emit('paused', 'Exercise paused: the clock stops', { elapsedMs: this.elapsedMs }, actor);
    return this;
  }

  resume(actor: string): this {
    const pausedAt = this.session.pausedAt;
    this.move('running');
    if (pausedAt) this.session.pausedMs += this.now.getTime() - pausedAt.getTime();
    this.session.pausedAt = null;
    this.emit('resumed', 'Exercise resumed', { elapsedMs: this.elapsedMs }, actor);
    return this.tick();
  }

  end(actor: string): this {
    this.tick();
    const elapsed = this.elapsedMs;
    this.move('ended');
    if (this.session.pausedAt) {
      this.session.pausedMs += this.now.getTime() - this.session.pausedAt.getTime();
      this.session.pausedAt = null;
    }
    this.session.endedAt = this.now;
    for (const e of this.session.expectations.filter((x) => x.status === 'pending')) this.miss(e, 'not done before the exercise ended');
    const s = summarize(this.session);
    this.emit('ended', `Exercise ended: ${s.met.length} met, ${s.missed.length} missed`, { elapsedMs: elapsed, met: s.met.length, missed: s.missed.length }, actor);
    return this;
  }

  setMode(mode: TabletopMode, actor: string): this {
    if (this.session.state === 'ended') throw new IllegalTransitionError('tabletop', 'ended', `${mode} mode`);
    if (this.session.mode === mode) return this;
    this.session.mode = mode;
    this.emit('mode', mode === 'timer' ? 'Timer mode: injects are released at their offsets' : 'Manual mode: the facilitator releases each inject', { mode }, actor);
    return this.tick();
  }

  /** Releases the named inject, or the next scheduled one. */
  release(actor: string, injectId?: string): this {
    this.requireState(['running'], 'release an inject');
    const inject = injectId ? this.inject(injectId) : nextInject(this.session);
    if (!inject) throw new ConflictError('Every scheduled inject has been released or skipped', { sessionId: this.session.id });
    if (isHandled(this.session, inject.id)) throw new ConflictError(`Inject '${inject.id}' was already released or skipped`, { injectId: inject.id });
    this.releaseInject(inject, actor, false);
    return this;
  }

  /** Skips the named inject, or the next scheduled one: it will never be released. */
  skip(actor: string, injectId?: string): this {
    this.requireState(['created', 'running', 'paused'], 'skip an inject');
    const inject = injectId ? this.inject(injectId) : nextInject(this.session);
    if (!inject) throw new ConflictError('There is no inject left to skip', { sessionId: this.session.id });
    if (isHandled(this.session, inject.id)) throw new ConflictError(`Inject '${inject.id}' was already released or skipped`, { injectId: inject.id });
    this.session.skipped.push({ injectId: inject.id, skippedAt: this.now, by: actor });
    this.emit('inject.skipped', `Inject '${inject.id}' skipped`, { injectId: inject.id }, actor);
    return this;
  }

  /** A participant ticks an expected action. */
  markDone(expectationId: string, actor: string): this {
    this.requireState(['running', 'paused'], 'tick an expected action');
    const e = this.session.expectations.find((x) => x.expectationId === expectationId);
    if (!e) throw new NotFoundError('released expectation', expectationId);
    if (e.status === 'met' || e.doneLateAt) return this;
    if (e.status === 'missed') {
      e.doneLateAt = this.now;
      this.emit('expectation.late', `Done late: ${e.action}`, { expectationId, injectId: e.injectId }, actor);
      return this;
    }
    e.status = 'met';
    e.metAt = this.now;
    e.metBy = actor;
    e.metAfterMs = Math.max(0, this.elapsedMs - e.releasedAtMs);
    this.emit('expectation.met', `Met: ${e.action}`, { expectationId, injectId: e.injectId, afterMs: e.metAfterMs, role: e.role }, actor);
    return this;
  }

  decision(text: string, actor: string, role: string | null): this {
    this.requireState(['running', 'paused'], 'record a decision');
    const trimmed = text.trim();
    if (!trimmed) throw new ValidationError('The decision is empty', [{ path: 'text', message: 'must not be empty' }]);
    this.emit('decision', trimmed, { role, elapsedMs: this.elapsedMs }, actor);
    return this;
  }

  joined(name: string, role: string): this {
    this.requireState(['created', 'running', 'paused'], 'join');
    if (!this.session.document.spec.roles.includes(role))
      throw new ValidationError('Unknown role', [{ path: 'role', message: `must be one of ${this.session.document.spec.roles.join(', ')}` }]);
    this.emit('participant.joined', `${name} joined as ${role}`, { role }, name);
    return this;
  }

  /**
   * What the clock does: in timer mode, releases scheduled injects whose
   * offset has passed; in both modes, marks expectations missed once their
   * `within` has elapsed and releases the contingency injects that wait for them.
   */
  tick(): this {
    if (this.session.state !== 'running') return this;
    for (let guard = 0; guard < 1000; guard++) {
      const elapsed = this.elapsedMs;
      let changed = false;
      if (this.session.mode === 'timer') {
        for (const inject of scheduledInjects(this.session.document)) {
          if (!isHandled(this.session, inject.id) && injectOffsetMs(inject)! <= elapsed) {
            this.releaseInject(inject, 'timer', false);
            changed = true;
          }
        }
      }
      for (const e of this.session.expectations) {
        if (e.status !== 'pending' || e.withinMs === null || e.releasedAtMs + e.withinMs > elapsed) continue;
        this.miss(e, `not done within ${formatMs(e.withinMs)}`);
        changed = true;
      }
      if (!changed) break;
    }
    return this;
  }

  private miss(e: ExpectationOutcome, reason: string): void {
    e.status = 'missed';
    e.missedAt = this.now;
    e.missedReason = reason;
    this.emit('expectation.missed', `Missed: ${e.action} (${reason})`, { expectationId: e.expectationId, injectId: e.injectId, role: e.role }, null);
    if (this.session.state === 'ended' || this.session.endedAt) return;
    for (const inject of this.session.document.spec.injects) {
      if (inject.when?.missed === e.expectationId && !isHandled(this.session, inject.id)) this.releaseInject(inject, 'contingency', true);
    }
  }

  private releaseInject(inject: Inject, actor: string, contingency: boolean): void {
    const atMs = this.elapsedMs;
    this.session.released.push({ injectId: inject.id, releasedAt: this.now, atMs, by: actor, contingency });
    for (const x of inject.expect ?? []) {
      this.session.expectations.push({
        expectationId: x.id,
        injectId: inject.id,
        action: x.action,
        role: x.role ?? null,
        withinMs: x.within ? parseDuration(x.within) : null,
        status: 'pending',
        releasedAt: this.now,
        releasedAtMs: atMs,
        metAt: null,
        metBy: null,
        metAfterMs: null,
        missedAt: null,
        missedReason: null,
        doneLateAt: null,
      });
    }
    const why = contingency ? ` (contingency: '${inject.when?.missed}' was missed)` : '';
    this.emit('inject.released', `Inject '${inject.id}' released${why}`, { injectId: inject.id, contingency, to: inject.to ?? 'all', atMs }, actor === 'timer' || actor === 'contingency' ? null : actor);
  }

  private inject(id: string): Inject {
    const inject = this.session.document.spec.injects.find((i) => i.id === id);
    if (!inject) throw new NotFoundError('inject', id);
    return inject;
  }

  private move(to: TabletopState): void {
    const from = this.session.state;
    if (!TabletopExercise.canTransition(from, to)) throw new IllegalTransitionError('tabletop', from, to);
    this.session.state = to;
  }

  private requireState(states: TabletopState[], what: string): void {
    if (!states.includes(this.session.state)) throw new IllegalTransitionError('tabletop', this.session.state, what);
  }

  private emit(kind: TabletopEventKind, title: string, data: Record<string, unknown>, actor: string | null): void {
    this.events.push({ at: this.now, kind, title, data, actor });
  }
}

export interface ExpectationSummary {
  expectationId: string;
  injectId: string;
  action: string;
  role: string | null;
  releasedAt: Date;
  metAt: Date | null;
  metBy: string | null;
  metAfterMs: number | null;
  withinMs: number | null;
  missedAt: Date | null;
  missedReason: string | null;
  doneLateAt: Date | null;
}

export interface TabletopSummary {
  met: ExpectationSummary[];
  missed: ExpectationSummary[];
  pending: ExpectationSummary[];
  /** Expectations of injects that were never released. */
  notReleased: { expectationId: string; injectId: string; action: string; role: string | null }[];
}

/** The end screen: what was met (and how long after its inject), what was missed. */
export function summarize(session: Pick<TabletopSession, 'expectations' | 'document'>): TabletopSummary {
  const view = (e: ExpectationOutcome): ExpectationSummary => ({
    expectationId: e.expectationId,
    injectId: e.injectId,
    action: e.action,
    role: e.role,
    releasedAt: e.releasedAt,
    metAt: e.metAt,
    metBy: e.metBy,
    metAfterMs: e.metAfterMs,
    withinMs: e.withinMs,
    missedAt: e.missedAt,
    missedReason: e.missedReason,
    doneLateAt: e.doneLateAt,
  });
  const seen = new Set(session.expectations.map((e) => e.expectationId));
  return {
    met: session.expectations.filter((e) => e.status === 'met').map(view),
    missed: session.expectations.filter((e) => e.status === 'missed').map(view),
    pending: session.expectations.filter((e) => e.status === 'pending').map(view),
    notReleased: session.document.spec.injects.flatMap((i) =>
      (i.expect ?? []).filter((x) => !seen.has(x.id)).map((x) => ({ expectationId: x.id, injectId: i.id, action: x.action, role: x.role ?? null })),
    ),
  };
}

/** `90000` -> `1m30s`; whole seconds. */
export function formatMs(ms: number): string {
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return [h ? `${h}h` : '', m ? `${m}m` : '', s || (!h && !m) ? `${s}s` : ''].join('');
}
