import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseScenarioFile, type Tabletop } from '#scenario';
import { generateJoinCode, JOIN_CODE_ALPHABET, normalizeJoinCode, summarize, TabletopExercise, type TabletopSession } from './tabletop-session.js';

const script = parseScenarioFile(readFileSync(path.resolve('scenarios/db-primary-down.yaml'), 'utf8')).documents[0] as Tabletop;
const T = (s: number) => new Date(Date.UTC(2026, 0, 5, 10, 0, s));

function session(mode: 'manual' | 'timer' = 'manual'): TabletopSession {
  const { session } = TabletopExercise.create({ script, scriptVersion: 1, team: null, joinCode: 'ACDEFG', createdBy: 'fac', now: T(0), mode });
  return { ...session, id: '00000000-0000-4000-8000-000000000001' };
}
const at = (s: TabletopSession, sec: number) => new TabletopExercise(s, T(sec));

describe(TabletopExercise.name, () => {
  it('moves created -> running <-> paused -> ended and refuses anything else', () => {
    let s = at(session(), 0).start('fac').session;
    expect(s.state).toBe('running');
    s = at(s, 10).pause('fac').session;
    expect(s.state).toBe('paused');
    expect(() => at(s, 11).pause('fac')).toThrow("tabletop cannot go from 'paused' to 'paused'");
    s = at(s, 70).resume('fac').session;
    expect(s.pausedMs).toBe(60_000);
    s = at(s, 80).end('fac').session;
    expect(s.state).toBe('ended');
    expect(() => at(s, 81).start('fac')).toThrow("cannot go from 'ended' to 'running'");
  });

  it('releases the next scheduled inject by hand and tracks its expectations', () => {
    let s = at(session(), 0).start('fac').session;
    expect(s.released).toEqual([]);
    const ex = at(s, 5).release('fac');
    s = ex.session;
    expect(s.released.map((r) => r.injectId)).toEqual(['first-alert']);
    expect(s.expectations).toMatchObject([{ expectationId: 'declare', status: 'pending', withinMs: 300_000 }]);
    expect(ex.events.map((e) => e.kind)).toEqual(['inject.released']);
    s = at(s, 65).markDone('declare', 'Ada').session;
    expect(s.expectations[0]).toMatchObject({ status: 'met', metBy: 'Ada', metAfterMs: 60_000 });
  });

  it('in timer mode releases injects at their offsets on the exercise clock (pauses excluded)', () => {
    let s = at(session('timer'), 0).start('fac').session;
    expect(s.released.map((r) => r.injectId)).toEqual(['first-alert']);
    s = at(s, 60).markDone('declare', 'Ada').session;
    s = at(s, 120).pause('fac').session;
    s = at(s, 720).resume('fac').session; // ten minutes paused
    s = at(s, 660).tick().session;
    expect(s.released.map((r) => r.injectId)).toEqual(['first-alert']);
    s = at(s, 1200).tick().session; // 10 minutes of exercise time
    expect(s.released.map((r) => r.injectId)).toEqual(['first-alert', 'customers']);
  });

  it('marks an expectation missed when its window passes and fires the contingency inject', () => {
    let s = at(session(), 0).start('fac').session;
    s = at(s, 0).release('fac').session;
    const ex = at(s, 301).tick();
    s = ex.session;
    expect(s.expectations.find((e) => e.expectationId === 'declare')).toMatchObject({ status: 'missed', missedReason: 'not done within 5m' });
    expect(s.released.map((r) => [r.injectId, r.contingency])).toEqual([
      ['first-alert', false],
      ['who-leads', true],
    ]);
    expect(ex.events.map((e) => e.kind)).toEqual(['expectation.missed', 'inject.released']);
    // Ticking it later records it as done late, never as met.
    s = at(s, 400).markDone('declare', 'Ada').session;
    expect(s.expectations[0]).toMatchObject({ status: 'missed', doneLateAt: T(400) });
  });

  it('skips an inject so the timer never releases it', () => {
    let s = at(session('timer'), 0).skip('fac').session;
    s = at(s, 0).start('fac').session;
    expect(s.released.map((r) => r.injectId)).toEqual([]);
    expect(() => at(s, 1).release('fac', 'first-alert')).toThrow('already released or skipped');
  });

  it('ends with a summary: met with the time after the inject, the rest missed', () => {
    let s = at(session(), 0).start('fac').session;
    s = at(s, 0).release('fac').session;
    s = at(s, 90).markDone('declare', 'Ada').session;
    s = at(s, 100).release('fac').session;
    const ended = at(s, 200).end('fac');
    const summary = summarize(ended.session);
    expect(summary.met).toMatchObject([{ expectationId: 'declare', metAfterMs: 90_000 }]);
    expect(summary.missed).toMatchObject([{ expectationId: 'status-page', missedReason: 'not done before the exercise ended' }]);
    expect(ended.events.at(-1)).toMatchObject({ kind: 'ended', title: 'Exercise ended: 1 met, 1 missed' });
    expect(ended.session.released.map((r) => r.injectId)).not.toContain('who-leads');
  });

  it('rejects a participant role the script does not declare', () => {
    expect(() => at(session(), 0).joined('Ada', 'janitor')).toThrow('Unknown role');
  });
});

describe('join codes', () => {
  it('are six unambiguous characters and normalise what people type', () => {
    const code = generateJoinCode();
    expect(code).toMatch(new RegExp(`^[${JOIN_CODE_ALPHABET}]{6}$`));
    expect(code).not.toMatch(/[01OIL5S2Z8B]/);
    expect(normalizeJoinCode(' acd-efg ')).toBe('ACDEFG');
  });
});
