import { jest } from '@jest/globals';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { launchChromium, shot, signIn, startWebServer, type WebServer } from './browser.js';

jest.setTimeout(240_000);

/** A scenario whose only fault is due at 10 minutes: a dry run of it stays `running` until aborted, and touches no cluster. */
const SLOW_SCENARIO = `apiVersion: firedrill.dev/v1alpha1
kind: Scenario
metadata: {name: slow-pool, title: Connection pool squeeze, team: payments, severity: SEV2}
spec:
  hypothesis: {description: the team notices a small pool}
  steps:
    - at: 10m
      name: shrink the pool
      configChange: {namespace: shop, configMap: payment-config, set: {DB_POOL_SIZE: "1"}, duration: 5m}
  guardrails: {maxDuration: 20m}
`;

const iso = (base: string, seconds: number) => new Date(Date.parse(base) + seconds * 1000).toISOString();
const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();

/** Real incidents over the last two quarters, resolved, with a postmortem to write. */
function incidents() {
  return [40, 75, 130, 160].map((ago, i) => {
    const start = daysAgo(ago);
    return {
      externalId: `INC-${i + 1}`,
      title: i === 0 ? 'Checkout errors after a config rollout' : `Incident ${i + 1}`,
      severity: 'SEV2',
      service: 'checkout',
      startedAt: start,
      detectedAt: iso(start, 120 + i * 30),
      acknowledgedAt: iso(start, 240 + i * 30),
      mitigatedAt: iso(start, 900 + i * 60),
      resolvedAt: iso(start, 1800 + i * 60),
      detectionSource: 'alert',
    };
  });
}

describe('the run room, scenarios, scorecard and debrief pages in a browser', () => {
  let server: WebServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startWebServer();
    browser = await launchChromium();
  });

  const consoleErrors: string[] = [];
  afterEach(() => {
    expect(consoleErrors.splice(0)).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const open = async (width: number): Promise<{ context: BrowserContext; page: Page }> => {
    const context = await browser.newContext({
      viewport: { width, height: 900 },
      ...(width < 500 ? { isMobile: true, hasTouch: true } : {}),
    });
    const page = await context.newPage();
    // A blocked script, style or socket (CSP) or a script error shows up here.
    page.on('console', (m) => {
      // Pages answer some requests with 404/422 on purpose (a failed check, a run without a debrief); those are not script errors.
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) consoleErrors.push(`${page.url()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => consoleErrors.push(`${page.url()}: ${e.message}`));
    await signIn(page, server.url, server.adminToken);
    return { context, page };
  };

  it('lists scenarios, shows one with its YAML and plan, checks a change, and starts a dry run into the run room', async () => {
    await setUpTeamAndScenario();
    const { context, page } = await open(1280);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Scenarios' }).click();
    await page.waitForURL(/\/scenarios$/);
    await page.getByLabel('Kind').selectOption('scenario');
    await page.getByLabel('Team').selectOption('payments');
    await page.getByRole('button', { name: 'Show' }).click();
    await expectText(page.getByTestId('scenario-list'), 'Connection pool squeeze');
    await snap(page, 'scenarios-1280');
    await page.getByRole('link', { name: 'Connection pool squeeze' }).click();
    await page.waitForURL(/\/scenarios\/scenario\/slow-pool$/);
    await expectText(page.getByRole('list', { name: 'Stored YAML with line numbers' }), 'configChange');
    await expectText(page.getByTestId('plan'), 'Fault starts');

    // A change with a bad duration: the error sits at its line.
    const broken = SLOW_SCENARIO.replace('at: 10m', 'at: soon');
    await page.getByLabel('Edited YAML').fill(broken);
    await page.getByRole('button', { name: 'Check' }).click();
    await expectText(page.getByTestId('check-result'), 'problem(s)');
    const badLine = page.getByTestId('checked-yaml').locator('li.bad');
    await expectText(badLine, 'at: soon');
    await expectText(badLine, 'Line 7');
    await snap(page, 'scenario-check-1280');

    await page.getByRole('button', { name: 'Dry run' }).click();
    await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/);
    await expectText(page.getByTestId('run-state'), 'running', 15_000);
    await expectText(page.getByTestId('run-timeline'), 'run created from slow-pool v1 (dry run)');
    await context.close();
  });

  it('streams marks, notes, roles and status updates into the run room without a reload, and aborts after a confirmation', async () => {
    const runId = await startDryRun();
    const { context, page } = await open(1280);
    await page.goto(`${server.url}/runs/${runId}`);
    await expectText(page.getByTestId('run-state'), 'running');
    await page.evaluate('window.stayed = true');
    // Signed in by the session cookie, the page follows the run over socket.io (polling is only the fallback).
    await page.locator('[data-run-room][data-live="socket"]').waitFor({ timeout: 10_000 });

    await page.getByRole('button', { name: 'I noticed' }).click();
    await expectText(page.getByTestId('run-timeline'), 'marked detected');
    await page.getByRole('textbox', { name: 'Note' }).fill('pool metrics look flat');
    await page.getByRole('button', { name: 'Add note' }).click();
    await expectText(page.getByTestId('run-timeline'), 'pool metrics look flat');

    await page.getByLabel('Role', { exact: true }).selectOption('incident-commander');
    await page.getByLabel('Person').fill('Ada');
    await page.getByRole('button', { name: 'Assign' }).click();
    await expectText(page.getByTestId('roles'), 'Ada');
    await expectText(page.getByTestId('run-timeline'), 'Ada is incident-commander');

    await page.getByLabel('Template').selectOption('investigating');
    expect(await page.getByRole('textbox', { name: 'Update' }).inputValue()).toContain('Investigating');
    await page.getByRole('button', { name: 'Post update' }).click();
    await expectText(page.getByTestId('run-timeline'), 'marked communicated: Investigating');
    await expectText(page.getByTestId('next-update'), 'every 20 min for SEV2, counted from the last update');

    // Someone else's note arrives through the socket.
    expect((await server.api('POST', `/api/v1/runs/${runId}/notes`, { text: 'from the API' })).status).toBe(201);
    await expectText(page.getByTestId('run-timeline'), 'from the API');
    expect(await page.evaluate('window.stayed === true')).toBe(true);
    await snap(page, 'run-room-1280');

    const phone = await open(390);
    await phone.page.goto(`${server.url}/runs/${runId}`);
    await expectText(phone.page.getByTestId('run-timeline'), 'from the API');
    await expectText(phone.page.getByRole('button', { name: '■ Abort run' }), 'Abort run');
    await snap(phone.page, 'run-room-390');
    await phone.context.close();

    await page.getByLabel('Why abort? (optional)').fill('drill over');
    await page.getByRole('button', { name: '■ Abort run' }).click();
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect((await server.api('GET', `/api/v1/runs/${runId}`)).body.state).toBe('running');
    await page.getByRole('button', { name: '■ Abort run' }).click();
    await page.getByRole('button', { name: 'Yes, do it' }).click();
    await expectText(page.getByTestId('run-state'), 'aborted', 15_000);
    expect((await server.api('GET', `/api/v1/runs/${runId}`)).body).toMatchObject({
      state: 'aborted',
      abortReason: expect.stringContaining('drill over'),
    });
    await snap(page, 'run-room-aborted-1280');
    // A dry run never gets a drill record, so its debrief says why instead of failing.
    await page.getByRole('link', { name: 'Debrief' }).click();
    await expectText(page.getByRole('heading', { level: 1 }), 'No debrief yet');
    await context.close();
  });

  it('shows the team scorecard: 4 dimensions × 5 levels, the reached level in words, and the trend charts', async () => {
    await setUpTeamAndScenario();
    const imported = await server.api('POST', '/api/v1/teams/payments/incidents', incidents());
    expect(imported.status).toBe(201);
    for (const width of [1280, 390]) {
      const { context, page } = await open(width);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Scorecard' }).click();
      await page.getByRole('link', { name: 'Payments' }).click();
      await page.waitForURL(/\/teams\/payments\/scorecard$/);
      const grid = page.getByTestId('maturity-grid');
      expect(await grid.locator('tbody tr').count()).toBe(4);
      for (const row of await grid.locator('tbody tr').all()) {
        expect(await row.locator('td').count()).toBe(5);
        expect(await row.locator('td', { hasText: 'Reached' }).count()).toBe(1);
      }
      await expectText(page.getByTestId('overall'), 'Level');
      expect(await page.locator('canvas[data-trend-chart]').count()).toBe(4);
      await page.waitForFunction("[...document.querySelectorAll('canvas[data-trend-chart]')].every((c) => c.width > 0)");
      await snap(page, `scorecard-${width}`);
      await context.close();
    }
  });

  it('edits a debrief: blameless findings beside their sentence, action items, publish', async () => {
    await setUpTeamAndScenario();
    await server.api('POST', '/api/v1/teams/payments/incidents', incidents());
    const list = await server.api('GET', '/api/v1/teams/payments/incidents?limit=50');
    const incident = list.body.items.find((i: { externalId: string }) => i.externalId === 'INC-1');
    const { context, page } = await open(1280);
    await page.goto(`${server.url}/incidents/${incident.id}/debrief`);
    await expectText(page.getByTestId('postmortem'), 'Checkout errors after a config rollout');
    await page.getByLabel('Summary').fill('Checkout failed for 30 minutes. Bob forgot to check the config before the rollout.');
    await page.getByRole('button', { name: 'Save sections' }).click();
    const finding = page.getByTestId('finding').first();
    await expectText(finding, 'Bob forgot to check the config');
    await expectText(finding, 'Try:');
    expect(await finding.locator('mark').textContent()).toContain('forgot');
    await expectText(page.getByTestId('postmortem'), 'Checkout failed for 30 minutes');

    await page.getByLabel('What', { exact: true }).fill('Add a config diff check to the rollout');
    await page.getByLabel('Owner').fill('Ada');
    await page.getByLabel('Due date').fill('2030-01-31');
    await page.getByRole('button', { name: 'Add action item' }).click();
    await expectText(page.getByTestId('action-items'), 'Add a config diff check to the rollout');
    await expectText(page.getByTestId('action-items'), 'Ada');
    await page.getByRole('button', { name: '✓ Mark done' }).click();
    await expectText(page.getByTestId('action-items'), '✓ Done');
    await snap(page, 'debrief-1280');

    await page.getByRole('button', { name: 'Send for review' }).click();
    await expectText(page.getByTestId('pm-status'), 'in review');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByRole('button', { name: 'Yes, do it' }).click();
    await expectText(page.getByTestId('pm-status'), 'published');
    expect((await server.api('GET', `/api/v1/incidents/${incident.id}/postmortem/record`)).body).toMatchObject({ status: 'published' });

    const phone = await open(390);
    await phone.page.goto(`${server.url}/incidents/${incident.id}/debrief`);
    await snap(phone.page, 'debrief-390');
    await phone.page.goto(`${server.url}/scenarios/scenario/slow-pool`);
    await snap(phone.page, 'scenario-390');
    await phone.context.close();
    await context.close();
  });

  let ready = false;
  async function setUpTeamAndScenario(): Promise<void> {
    if (ready) return;
    await server.api('POST', '/api/v1/teams', { slug: 'payments', name: 'Payments' });
    const res = await fetch(`${server.url}/api/v1/scenarios`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/yaml' },
      body: SLOW_SCENARIO,
    });
    expect([200, 201]).toContain(res.status);
    ready = true;
  }

  async function startDryRun(): Promise<string> {
    await setUpTeamAndScenario();
    const created = await server.api('POST', '/api/v1/runs', { scenario: 'slow-pool', dryRun: true });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const deadline = Date.now() + 15_000;
    while ((await server.api('GET', `/api/v1/runs/${id}`)).body.state !== 'running') {
      if (Date.now() > deadline) throw new Error('the dry run did not reach running');
      await new Promise((r) => setTimeout(r, 100));
    }
    return id;
  }
});

/** Full-page shots from the top, so the sticky header does not cover the page head. */
async function snap(page: Page, name: string): Promise<void> {
  await page.evaluate('window.scrollTo(0, 0)');
  await shot(page, name);
}

async function expectText(locator: Locator, text: string, timeout = 20_000): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor({ timeout });
}
