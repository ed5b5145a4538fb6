import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createTestDatabase, type TestDatabase } from '#testing';
import { spawnServer, tempDir, type ServerProcess } from '../server/process.js';

export const SHOTS = '/tmp/firedrill-shots';
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, never a downloaded browser. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface WebServer {
  url: string;
  adminToken: string;
  process: ServerProcess;
  api(method: string, p: string, body?: unknown): Promise<{ status: number; body: any }>;
  stop(): Promise<void>;
}

/** The built server (dist) as an operator starts it, on its own database. */
export async function startWebServer(): Promise<WebServer> {
  const db: TestDatabase = await createTestDatabase('web');
  const adminToken = 'browser-admin-token-' + Math.random().toString(36).slice(2);
  const proc = await spawnServer({ DATABASE_URL: db.url, FIREDRILL_ADMIN_TOKEN: adminToken, FIREDRILL_DATA_DIR: tempDir('firedrill-web-'), LOG_LEVEL: 'warn' });
  const api = async (method: string, p: string, body?: unknown) => {
    const res = await fetch(proc.url + p, {
      method,
      headers: { authorization: `Bearer ${adminToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  return {
    url: proc.url,
    adminToken,
    process: proc,
    api,
    stop: async () => {
      proc.child.kill('SIGTERM');
      await proc.exited;
      await db.drop();
    },
  };
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

export async function signIn(page: Page, url: string, token: string): Promise<void> {
  await page.goto(url + '/login');
  await page.getByLabel('API token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(url + '/');
}
