import { IncidentRecords } from '#incident';
import { startTestServer, type TestServer } from '../../test/test-server.js';

const RUN_ID = '0b7a9f5e-3c1d-4e2f-8a9b-0c1d2e3f4a5b';

describe('postmortems (drafts, records, templates)', () => {
  let server: TestServer;
  let incidentId: string;

  beforeAll(async () => {
    server = await startTestServer();
    await server.request('POST', '/api/v1/teams', { body: { slug: 'payments', name: 'Payments' } });
    const imported = await server.request('POST', '/api/v1/teams/payments/incidents', {
      body: [
        {
          externalId: 'INC-7',
          title: 'Checkout <script>alert(1)</script> errors',
          severity: 'SEV1',
          service: 'checkout',
          startedAt: '2026-11-01T10:00:00Z',
          detectedAt: '2026-11-01T10:04:00Z',
          acknowledgedAt: '2026-11-01T10:10:00Z',
          mitigatedAt: '2026-11-01T10:20:00Z',
          resolvedAt: '2026-11-01T11:00:00Z',
          firstCommunicatedAt: '2026-11-01T10:12:00Z',
          statusUpdates: ['2026-11-01T10:40:00Z'],
          detectionSource: 'alert',
          rootCause: 'Connection pool exhausted',
        },
      ],
    });
    expect(imported.status).toBe(201);
    incidentId = (await server.request('GET', '/api/v1/teams/payments/incidents')).body.items[0].id;
    await server.app.get(IncidentRecords, { strict: false }).upsertDrill({
      runId: RUN_ID,
      teamSlug: 'payments',
      kind: 'gameday',
      title: 'Kill the checkout pods',
      severity: 'SEV2',
      service: 'checkout',
      scenarioName: 'checkout-pod-kill',
      startedAt: new Date('2026-11-10T10:00:00Z'),
      detectedAt: new Date('2026-11-10T10:06:00Z'),
      resolvedAt: new Date('2026-11-10T10:30:00Z'),
      targets: { detect: 300 },
    });
  });
  afterAll(() => server?.stop());

  it('drafts a markdown postmortem with every section and the measured times against targets', async () => {
    const res = await server.request('GET', `/api/v1/incidents/${incidentId}/postmortem`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/markdown/);
    for (const heading of ['## Summary', '## Impact', '## Duration', '## Root causes', '### Five whys', '## Contributing factors', '## Detection, response and communication', '## Action items', '### What went well', '### What went wrong', '### Where we got lucky', '### Lessons', '## Timeline'])
      expect(res.text).toContain(heading);
    expect(res.text).toContain('| Detection (TTD) | 4m 00s | 5m 00s | met |');
    expect(res.text).toContain('| Acknowledgement (TTA) | 6m 00s | 5m 00s | missed |');
    expect(res.text).toContain('| First communication | 8m 00s | 15m 00s | met |');
    expect(res.text).toMatch(/\*\*10:04:00\*\* \(T\+4m 00s\) Detected/);
    expect(res.text).toContain('Connection pool exhausted');
  });

  it('drafts with the pagerduty and atlassian templates, and as escaped HTML', async () => {
    const pd = await server.request('GET', `/api/v1/incidents/${incidentId}/postmortem?template=pagerduty`);
    expect(pd.text).toContain("### What didn't go so well");
    const at = await server.request('GET', `/api/v1/incidents/${incidentId}/postmortem?template=atlassian`);
    expect(at.text).toContain('## Five whys');
    const html = await server.request('GET', `/api/v1/incidents/${incidentId}/postmortem?format=html`);
    expect(html.headers.get('content-type')).toMatch(/text\/html/);
    expect(html.text).toContain('<h2>Summary</h2>');
    expect(html.text).not.toContain('<script>');
    expect(html.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('drafts the postmortem of a run from its drill record, and 404s for a run without one', async () => {
    const res = await server.request('GET', `/api/v1/runs/${RUN_ID}/postmortem`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('checkout-pod-kill');
    expect(res.text).toContain('| Detection (TTD) | 6m 00s | 5m 00s | missed |');
    expect((await server.request('GET', '/api/v1/runs/00000000-0000-4000-8000-000000000000/postmortem')).status).toBe(404);
  });

  it('saves sections, flags blaming language without blocking, and publishes draft -> in_review -> published', async () => {
    const before = await server.request('GET', `/api/v1/incidents/${incidentId}/postmortem/record`);
    expect(before.body).toMatchObject({ id: null, status: 'draft', dueAt: '2026-11-03T11:00:00.000Z' });

    const saved = await server.request('PUT', `/api/v1/incidents/${incidentId}/postmortem`, {
      body: {
        sections: {
          summary: 'Checkout failed for 20 minutes.',
          rootCause: { description: 'Bob forgot to raise the pool size.', fiveWhys: ['The pool was exhausted.', 'Traffic doubled.'] },
          wentWell: ['Alice restored the backup at 10:42.'],
        },
      },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.findings).toEqual([expect.objectContaining({ field: 'rootCause.description', sentence: 'Bob forgot to raise the pool size.', suggestion: expect.stringMatching(/raise the pool size/) })]);
    expect(saved.body.sections.rootCause.fiveWhys).toEqual(['The pool was exhausted.', 'Traffic doubled.', '', '', '']);

    const skip = await server.request('PUT', `/api/v1/incidents/${incidentId}/postmortem`, { body: { status: 'published' } });
    expect(skip.status).toBe(409);
    expect(skip.body.code).toBe('illegal_transition');

    expect((await server.request('PUT', `/api/v1/incidents/${incidentId}/postmortem`, { body: { status: 'in_review' } })).body.status).toBe('in_review');
    const published = await server.request('PUT', `/api/v1/incidents/${incidentId}/postmortem`, { body: { status: 'published', sections: { rootCause: { description: 'The pool size was a fixed default that no load test covered.' } } } });
    expect(published.body).toMatchObject({ status: 'published', findings: [] });
    expect(published.body.publishedAt).toEqual(expect.any(String));
    const incident = await server.request('GET', `/api/v1/incidents/${incidentId}`);
    expect(incident.body.postmortemPublishedAt).toBe(published.body.publishedAt);

    const draft = await server.request('GET', `/api/v1/incidents/${incidentId}/postmortem`);
    expect(draft.text).toContain('Checkout failed for 20 minutes.');
    expect(draft.text).toContain('1. Why? Traffic doubled.');
    expect(draft.text).toContain('- Alice restored the backup at 10:42.');
  });

  it('saves the record of a run through the run route', async () => {
    const res = await server.request('PUT', `/api/v1/runs/${RUN_ID}/postmortem`, { body: { sections: { summary: 'Pods came back in 30 s.' } } });
    expect(res.body).toMatchObject({ runId: RUN_ID, status: 'draft' });
    expect((await server.request('GET', `/api/v1/runs/${RUN_ID}/postmortem/record`)).body.sections.summary).toBe('Pods came back in 30 s.');
  });

  describe('team templates', () => {
    it('stores a valid template and renders drafts with it', async () => {
      const source = '# {{incident.title}} ({{incident.severity}})\n{{#each timeline}}\n* {{time}} {{title}}\n{{/each}}\nTTD {{analysis.detection.measured}}: {{analysis.detection.verdict}}\n';
      const res = await server.request('POST', '/api/v1/teams/payments/templates', { body: { name: 'short', source } });
      expect(res.status).toBe(201);
      const draft = await server.request('GET', `/api/v1/incidents/${incidentId}/postmortem?template=short`);
      expect(draft.text).toContain('(SEV1)');
      expect(draft.text).toContain('TTD 4m 00s: met');
      const list = await server.request('GET', '/api/v1/teams/payments/templates');
      expect(list.body.map((t: { name: string }) => t.name)).toEqual(['google', 'pagerduty', 'atlassian', 'short']);
    });

    it('rejects a template that does not compile, with the line', async () => {
      const res = await server.request('POST', '/api/v1/teams/payments/templates', { body: { name: 'broken', source: '# Title\n\n{{#if summary}}\nunclosed' } });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('template_invalid');
      expect(res.body.errors[0]).toMatchObject({ path: 'source', line: 4 });
    });

    it('rejects unknown variables, naming each', async () => {
      const res = await server.request('POST', '/api/v1/teams/payments/templates', { body: { name: 'typo', source: '{{incident.titel}}\n{{#each actionItems}}{{assignee}}{{/each}}' } });
      expect(res.status).toBe(422);
      expect(res.body.detail).toMatch(/incident\.titel, assignee/);
      expect(res.body.errors.map((e: { line: number }) => e.line)).toEqual([1, 2]);
    });

    it('answers 404 for an unknown template name', async () => {
      expect((await server.request('GET', `/api/v1/incidents/${incidentId}/postmortem?template=nope`)).status).toBe(404);
    });
  });
});
