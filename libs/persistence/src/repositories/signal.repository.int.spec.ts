import { NotFoundError, ValidationError } from '#contracts';
import type { SignalDraft } from '#incident';
import { createTestDatabase, type TestDatabase } from '#testing';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../data-source.js';
import { TypeOrmIntegrationRepository } from './integration.repository.js';
import { TypeOrmSignalStore } from './signal.repository.js';

const MY_TABLES = ['integrations', 'deliveries', 'signals', 'signal_runs', 'signal_corrections', 'dead_letters'];

const draft = (key: string, overrides: Partial<SignalDraft> = {}): SignalDraft => ({
  kind: 'detected',
  occurredAt: new Date('2025-11-20T10:02:00Z'),
  timeSource: 'sender',
  timeField: 'alerts[0].startsAt',
  labels: { alertname: 'X', namespace: 'shop' },
  summary: 'X fired',
  raw: { fingerprint: key },
  dedupeKey: key,
  ...overrides,
});

describe(TypeOrmSignalStore.name, () => {
  let db: TestDatabase;
  let source: DataSource;
  let store: TypeOrmSignalStore;
  let integrationId: string;

  beforeAll(async () => {
    db = await createTestDatabase('sig');
    source = createDataSource({ url: db.url, poolSize: 2 });
    await source.initialize();
    await source.runMigrations({ transaction: 'all' });
    store = new TypeOrmSignalStore(() => source);
    const integration = await new TypeOrmIntegrationRepository(() => source).create({
      type: 'alertmanager',
      team: null,
      name: 'am',
      options: {},
      secret: null,
      tokenHash: 'a'.repeat(64),
    });
    integrationId = integration.id;
  });
  afterAll(async () => {
    await source?.destroy();
    await db?.drop();
  });

  it('has entities that agree with the migration for its tables', async () => {
    const sql = await source.driver.createSchemaBuilder().log();
    const mine = sql.upQueries.map((q) => q.query).filter((q) => MY_TABLES.some((t) => q.includes(`"${t}"`)));
    expect(mine).toEqual([]);
  });

  const delivery = (body: string) => ({
    integrationId,
    team: null,
    source: 'alertmanager',
    delivery: { body: Buffer.from(body), receivedAt: new Date('2025-11-20T10:03:00Z'), headers: { 'content-type': 'application/json' } },
  });

  it('stores a delivery once and skips signals already stored, even inside one delivery', async () => {
    const first = await store.recordDelivery({ ...delivery('one'), drafts: [draft('a'), draft('b'), draft('a')] });
    expect(first.signals.map((s) => s.dedupeKey)).toEqual(['a', 'b']);
    expect(first.duplicates).toBe(1);
    const again = await store.recordDelivery({ ...delivery('two'), drafts: [draft('b'), draft('c')] });
    expect(again.signals.map((s) => s.dedupeKey)).toEqual(['c']);
    const stored = await store.get(again.signals[0]!.id);
    expect(stored).toMatchObject({ deliveryId: again.deliveryId, labels: { alertname: 'X' }, raw: { fingerprint: 'c' }, drill: null });
  });

  it('returns the stored signal for a repeated mark', async () => {
    const input = {
      team: null,
      source: 'mark',
      kind: 'acknowledged' as const,
      occurredAt: new Date('2025-11-20T10:05:00Z'),
      dedupeKey: 'mark-1',
    };
    const first = await store.record(input);
    const second = await store.record({ ...input, occurredAt: new Date('2025-11-20T10:06:00Z') });
    expect(second).toEqual({ signal: first.signal, duplicate: true });
  });

  it('lists the signals of a run in time order', async () => {
    const late = await store.record({
      team: null,
      source: 'mark',
      kind: 'resolved',
      occurredAt: new Date('2025-11-20T10:30:00Z'),
      dedupeKey: 'r-late',
    });
    const early = await store.record({
      team: null,
      source: 'mark',
      kind: 'detected',
      occurredAt: new Date('2025-11-20T10:01:00Z'),
      dedupeKey: 'r-early',
    });
    await store.attach(late.signal.id, 'run-9', 'auto');
    await store.attach(early.signal.id, 'run-9', 'manual');
    await store.attach(early.signal.id, 'run-9', 'manual');
    expect((await store.listForRun('run-9')).map((s) => s.dedupeKey)).toEqual(['r-early', 'r-late']);
    await expect(store.attach('00000000-0000-4000-8000-000000000000', 'run-9', 'manual')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses a correction without a reason and keeps an audit row for each one made', async () => {
    const { signal } = await store.record({
      team: null,
      source: 'mark',
      kind: 'mitigated',
      occurredAt: new Date('2025-11-20T10:10:00Z'),
      dedupeKey: 'fix',
    });
    await expect(store.correct(signal.id, { occurredAt: new Date('2025-11-20T10:09:00Z'), reason: '', by: 'dana' })).rejects.toBeInstanceOf(
      ValidationError,
    );
    const result = await store.correct(signal.id, { occurredAt: new Date('2025-11-20T10:09:00Z'), reason: 'marked late', by: 'dana' });
    expect(result.old.occurredAt).toEqual(new Date('2025-11-20T10:10:00Z'));
    expect(result.new.occurredAt).toEqual(new Date('2025-11-20T10:09:00Z'));
    expect(await store.corrections(signal.id)).toEqual([
      expect.objectContaining({
        correctedBy: 'dana',
        oldOccurredAt: new Date('2025-11-20T10:10:00Z'),
        newOccurredAt: new Date('2025-11-20T10:09:00Z'),
        reason: 'marked late',
      }),
    ]);
  });
});
