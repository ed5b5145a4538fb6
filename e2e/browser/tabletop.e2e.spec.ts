import { jest } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { launchChromium, shot, signIn, startWebServer, type WebServer } from './browser.js';

jest.setTimeout(180_000);

describe('the web UI in a browser', () => {
  let server: WebServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startWebServer();
    browser = await launchChromium();
    expect((await server.api('POST', '/api/v1/teams', { slug: 'payments', name: 'Payments' })).status).toBe(201);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('signs in with a token and refuses a wrong one', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(server.url + '/');
    await page.waitForURL(/\/login\?next=/);
    await shot(page, 'login-1280');
    await page.getByLabel('API token').fill('not-a-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectText(page.getByRole('alert'), 'not valid');
    await signIn(page, server.url, server.adminToken);
    await expectText(page.getByRole('heading', { name: 'Active runs' }), 'Active runs');
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === 'fd_session')!;
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(session.value).not.toContain(server.adminToken);
    await shot(page, 'dashboard-1280');
    await context.close();
  });

  it('runs a tabletop with a facilitator and a participant in two browsers', async () => {
    const fac = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const facPage = await fac.newPage();
    await signIn(facPage, server.url, server.adminToken);
    await facPage.getByLabel('Tabletop script').selectOption('db-primary-down');
    await facPage.getByRole('button', { name: 'Start a tabletop' }).click();
    await facPage.waitForURL(/\/tabletops\/[0-9a-f-]{36}$/);
    const code = (await facPage.getByTestId('join-code').textContent())!.trim();
    expect(code).toMatch(/^[A-Z0-9]{6}$/);
    await facPage.getByRole('button', { name: '▶ Start exercise' }).click();
    await expectText(facPage.locator('.status-line .state'), 'running');

    const part = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const partPage = await part.newPage();
    await partPage.goto(server.url + '/join');
    await partPage.getByLabel('Join code').fill(code.toLowerCase());
    await partPage.getByLabel('Your name').fill('Ada');
    await partPage.getByLabel('Your role').selectOption('incident-commander');
    await partPage.getByRole('button', { name: 'Join' }).click();
    await partPage.waitForURL(/\/play$/);
    await expectText(partPage.locator('body'), 'You are Ada');
    await expectText(facPage.getByTestId('participants'), 'Ada');

    // Released by the facilitator, shown to the participant without a reload.
    await facPage.getByRole('button', { name: 'Release next inject' }).click();
    const inject = partPage.getByTestId('inject-first-alert');
    await inject.waitFor({ timeout: 15_000 });
    await expectText(inject, 'payments error rate above 20%; connections to orders-primary refused.');
    await shot(partPage, 'tabletop-play-390');

    await partPage.getByRole('button', { name: /Done: Declare an incident/ }).click();
    await expectText(partPage.getByTestId('expectation-declare'), '✓ Met');
    await partPage.getByRole('textbox', { name: 'Decision' }).fill('Ada is incident commander; fail over to the replica.');
    await partPage.getByRole('button', { name: 'Record decision' }).click();
    await expectText(facPage.locator('.timeline'), 'fail over to the replica', 15_000);
    await expectText(facPage.getByTestId('expectation-declare'), '✓ Met');

    await facPage.getByRole('button', { name: 'Release next inject' }).click();
    await shot(facPage, 'tabletop-facilitator-1280');
    await facPage.getByRole('button', { name: 'End exercise' }).click();
    await facPage.getByRole('button', { name: 'Yes, do it' }).click();
    const summary = facPage.getByTestId('summary');
    await expectText(summary, '1 met · 1 missed');
    await expectText(summary, 'Declare an incident and name an incident commander');
    await expectText(summary, 'Post the first status page update');
    await shot(facPage, 'tabletop-end-1280');
    await expectText(partPage.getByTestId('summary'), '1 met · 1 missed', 15_000);
    await shot(partPage, 'tabletop-end-390');

    // The ended session is the team's tabletop drill.
    const sessionId = facPage.url().split('/').at(-1)!;
    const view = await server.api('GET', `/api/v1/tabletops/${sessionId}`);
    expect(view.body).toMatchObject({ state: 'ended', summary: { met: [{ expectationId: 'declare' }], missed: [{ expectationId: 'status-page' }] } });
    await fac.close();
    await part.close();
  });

  it('rejects a form POST without the CSRF token', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, server.url, server.adminToken);
    const res = await context.request.post(server.url + '/halt', { form: { reason: 'forged' }, maxRedirects: 0 });
    expect(res.status()).toBe(403);
    expect(await res.text()).toContain('Form rejected');
    const wrong = await context.request.post(server.url + '/halt', { form: { reason: 'forged', _csrf: 'guess' }, maxRedirects: 0 });
    expect(wrong.status()).toBe(403);
    expect((await server.api('GET', '/api/v1/halt')).body).toEqual({ halted: false });
    await context.close();
  });

  it('halts everything after a confirmation, shows the halt banner, and lifts it', async () => {
    for (const width of [390, 1280]) {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      await signIn(page, server.url, server.adminToken);
      const halt = page.getByRole('button', { name: '■ Halt everything' });
      await expectText(halt, 'Halt everything');
      if (width === 390) {
        await shot(page, 'dashboard-390');
        await context.close();
        continue;
      }
      await page.getByLabel('Reason').fill('customer traffic spike');
      await halt.click();
      // Cancel first: nothing happens.
      await page.getByRole('button', { name: 'Cancel' }).click();
      expect((await server.api('GET', '/api/v1/halt')).body).toEqual({ halted: false });
      await halt.click();
      await page.getByRole('button', { name: 'Yes, do it' }).click();
      await expectText(page.getByRole('alert'), 'HALT IN FORCE');
      await expectText(page.getByRole('alert'), 'customer traffic spike');
      expect((await server.api('GET', '/api/v1/halt')).body).toMatchObject({ halted: true, reason: 'customer traffic spike' });
      await shot(page, 'dashboard-halted-1280');
      await page.getByRole('button', { name: 'Lift halt' }).click();
      await page.getByRole('button', { name: 'Yes, do it' }).click();
      await page.getByRole('heading', { name: 'Emergency stop' }).waitFor();
      expect(await page.getByText('HALT IN FORCE').count()).toBe(0);
      await context.close();
    }
  });
});

async function expectText(locator: import('playwright-core').Locator, text: string, timeout = 10_000): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor({ timeout });
}
