import { ValidationError } from '#contracts';
import { parseIncidentCsv, parseIncidentJson } from './incident-import.js';
import { rootCauseKey } from './incident-record.js';

const row = (extra: Record<string, unknown> = {}) => ({
  externalId: 'INC-1',
  title: 'Checkout errors',
  severity: 'SEV2',
  service: 'checkout',
  startedAt: '2026-03-01T10:00:00Z',
  detectedAt: '2026-03-01T10:03:00Z',
  resolvedAt: '2026-03-01T11:00:00Z',
  ...extra,
});

const errorsOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).errors;
  }
  throw new Error('expected a ValidationError');
};

describe('incident import', () => {
  it('parses JSON rows into records with dates and defaults', () => {
    const [r] = parseIncidentJson([row({ statusUpdates: ['2026-03-01T10:30:00Z', '2026-03-01T10:10:00Z'] })]);
    expect(r).toMatchObject({ externalId: 'INC-1', severity: 'SEV2', detectionSource: null, incidentCommanderAssigned: false, actionItems: [] });
    expect(r!.statusUpdates.map((d) => d.toISOString())).toEqual(['2026-03-01T10:10:00.000Z', '2026-03-01T10:30:00.000Z']);
  });

  it('lists every bad row and field, including timestamps out of order and duplicates', () => {
    const errs = errorsOf(() =>
      parseIncidentJson([row(), row({ externalId: 'INC-2', resolvedAt: '2026-03-01T09:00:00Z', severity: 'P1' }), row(), row({ externalId: 'INC-4', acknowledgedAt: '2026-03-01T10:01:00Z' })]),
    );
    expect(errs.map((e) => e.path)).toEqual(['rows[1].resolvedAt', 'rows[1].resolvedAt', 'rows[1].severity', 'rows[2].externalId', 'rows[3].acknowledgedAt']);
    expect(errs[0]!.message).toBe('2026-03-01T09:00:00Z is before startedAt 2026-03-01T10:00:00Z');
  });

  it('requires time zones and completedAt on done action items', () => {
    const errs = errorsOf(() => parseIncidentJson([row({ startedAt: '2026-03-01 10:00', actionItems: [{ title: 'x', owner: 'y', type: 'prevent', status: 'done' }] })]));
    expect(errs.map((e) => e.path)).toEqual(['rows[0].startedAt']);
    const errs2 = errorsOf(() => parseIncidentJson([row({ actionItems: [{ title: 'x', owner: 'y', type: 'prevent', status: 'done' }] })]));
    expect(errs2.map((e) => e.path)).toEqual(['rows[0].actionItems[0].completedAt']);
  });

  it('reads CSV with the line of each bad row and rejects unknown columns', () => {
    const csv = 'externalId,title,severity,service,startedAt,statusUpdates,runbookLinked\nA,t,SEV1,s,2026-03-01T10:00:00Z,2026-03-01T10:05:00Z;2026-03-01T10:35:00Z,yes\nB,t,SEV5,s,2026-03-01T10:00:00Z,,no\n';
    const errs = errorsOf(() => parseIncidentCsv(csv));
    expect(errs).toEqual([{ path: 'rows[1].severity', message: expect.any(String), line: 3 }]);
    const [a] = parseIncidentCsv(csv.replace('SEV5', 'SEV4'));
    expect(a!.statusUpdates).toHaveLength(2);
    expect(a!.runbookLinked).toBe(true);
    expect(errorsOf(() => parseIncidentCsv('externalId,colour\nA,red\n'))[0]).toMatchObject({ path: 'columns.colour', line: 1 });
  });

  it('normalises root causes so rewordings of one cause match', () => {
    expect(rootCauseKey('Expired TLS certificate')).toBe(rootCauseKey('TLS certificate expired.'));
    expect(rootCauseKey('Expired TLS certificates')).toBe(rootCauseKey('the TLS certificate was expired'));
    expect(rootCauseKey('Disk full')).not.toBe(rootCauseKey('Certificate expired'));
  });
});
