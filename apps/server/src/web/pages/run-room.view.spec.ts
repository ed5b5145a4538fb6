import { currentRoles, lastEventId, nextUpdateDue, phaseOf, updateIntervalMinutes } from './run-room.view.js';

describe('run room view', () => {
  it('asks for a status update every 15 min for SEV1, 20 for SEV2 and 30 otherwise', () => {
    expect([
      updateIntervalMinutes('SEV1'),
      updateIntervalMinutes('SEV2'),
      updateIntervalMinutes('SEV3'),
      updateIntervalMinutes(null),
    ]).toEqual([15, 20, 30, 30]);
  });

  it('counts the next update from the last communicated mark, else from detection, else from T0', () => {
    const t0 = '2026-11-01T10:00:00.000Z';
    expect(
      nextUpdateDue({
        severity: 'SEV1',
        communicatedAt: ['2026-11-01T10:20:00.000Z', '2026-11-01T10:05:00.000Z'],
        detectedAt: '2026-11-01T10:02:00.000Z',
        t0,
      }),
    ).toEqual({
      dueAt: '2026-11-01T10:35:00.000Z',
      from: 'last update',
      minutes: 15,
    });
    expect(nextUpdateDue({ severity: 'SEV2', communicatedAt: [], detectedAt: '2026-11-01T10:02:00.000Z', t0 })).toMatchObject({
      dueAt: '2026-11-01T10:22:00.000Z',
      from: 'detection',
    });
    expect(nextUpdateDue({ severity: null, communicatedAt: [], detectedAt: null, t0 })).toMatchObject({
      dueAt: '2026-11-01T10:30:00.000Z',
      from: 'T0',
    });
    expect(nextUpdateDue({ severity: null, communicatedAt: [], detectedAt: null, t0: null }).dueAt).toBeNull();
  });

  it('names every phase in words with an icon, never by colour alone', () => {
    expect(phaseOf('injected')).toEqual({ phase: 'injected', icon: '⚠', text: 'Injected' });
    expect(phaseOf('recovered').text).toBe('Recovered');
    expect(phaseOf('something-new').text).toBe('something-new');
  });

  it('shows the latest person per role and leaves the others unassigned', () => {
    const roles = currentRoles([
      { role: 'incident-commander', person: 'Ada', assignedAt: '2026-11-01T10:00:00.000Z' },
      { role: 'incident-commander', person: 'Grace', assignedAt: '2026-11-01T10:05:00.000Z' },
    ]);
    expect(roles.map((r) => [r.role, r.person])).toEqual([
      ['incident-commander', 'Grace'],
      ['tech-lead', null],
      ['communications', null],
      ['scribe', null],
    ]);
  });

  it('resumes after the highest engine event id, ignoring attached signals', () => {
    const e = (id: string) => ({ id, at: '', kind: 'note', title: '', actor: null, data: {} });
    expect(lastEventId([e('9'), e('10'), e('signal:abc'), e('2')])).toBe('10');
    expect(lastEventId([])).toBe('0');
  });
});
