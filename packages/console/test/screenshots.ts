/**
 * @module screenshots
 * Drives the built console against the stub API in Chromium and saves screenshots of the main flows to
 * test-artifacts/console/ (for looking at, not a pass/fail test). Run: npx tsx packages/console/test/screenshots.ts
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { startStub } from './stub-api';

const PORT = 30882;
const BASE = `http://127.0.0.1:${PORT}`;
const OUT = join(import.meta.dirname, '..', '..', '..', 'test-artifacts', 'console');

async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(OUT, `${name}.png`) });
  console.log('saved', name);
}

async function login(page: Page, user: string, password: string): Promise<void> {
  await page.goto(`${BASE}/login`);
  await page.getByLabel('Username').fill(user);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log In' }).click();
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const stop = await startStub(PORT, join(import.meta.dirname, '..', 'dist'));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  const errors: string[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('response', (r) => r.status() === 404 && errors.push(`404 ${r.url()}`));

    await login(page, 'admin', 'wrong');
    await page.getByTestId('login-error').waitFor();
    await shot(page, '01-login-wrong-password');
    await login(page, 'locked', 'x');
    await page.getByText('temporarily locked').waitFor();
    await shot(page, '02-login-locked');

    await login(page, 'admin', 'P@88w0rd');
    await page.waitForURL(/dashboard/);
    await shot(page, '03-dashboard');
    await page.getByTestId('platform-button').click();
    await shot(page, '04-platform-panel');
    await page.keyboard.press('Escape');

    await page.goto(`${BASE}/projects/demo/statefulsets`);
    await page.getByRole('link', { name: 'mysql' }).waitFor();
    await shot(page, '05-statefulsets-list');

    await page.goto(`${BASE}/projects/demo/statefulsets/mysql`);
    await page.getByTestId('desired-replicas').waitFor();
    await shot(page, '06-statefulset-detail');
    await page.getByText('Running (2/2)').first().waitFor({ timeout: 10_000 });
    await shot(page, '07-statefulset-detail-live-update');

    await page.goto(`${BASE}/projects/demo/statefulsets`);
    await page.getByTestId('create-button').click();
    await page.getByTestId('field-name').fill('redis');
    await page.getByTestId('field-alias').fill('Redis cache');
    await shot(page, '08-wizard-basic');
    await page.getByTestId('wizard-next').click();
    await page.getByTestId('add-container').click();
    await page.getByTestId('field-image').fill('redis:6');
    await page.getByTestId('add-port').click();
    await page.getByLabel('Port name').fill('tcp-6379');
    await page.getByLabel('Container port').fill('6379');
    await page.getByText('Advanced Options').click();
    await shot(page, '09-wizard-container');
    await page.getByTestId('container-save').click();
    await page.getByTestId('field-partition').fill('1');
    await shot(page, '10-wizard-pod-template');
    await page.getByTestId('wizard-next').click();
    await page.getByTestId('add-volume-template').click();
    await page.getByTestId('field-volume-name').fill('redis-data');
    await page.getByLabel('Mount Path').first().fill('/data');
    await page.getByTestId('volume-save').click();
    await shot(page, '11-wizard-volume-template');
    await page.getByTestId('wizard-next').click();
    await shot(page, '12-wizard-service');
    await page.getByTestId('wizard-next').click();
    await shot(page, '13-wizard-labels');
    await page.getByTestId('wizard-next').click();
    await shot(page, '14-wizard-node-selector');
    await page.getByText('YAML', { exact: true }).first().click();
    await page.locator('.cm-content').first().waitFor();
    await shot(page, '15-wizard-yaml-mode');
    await page.locator('.cm-content').first().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\n@bad');
    await page.getByTestId('yaml-error').waitFor();
    await shot(page, '16-wizard-yaml-invalid');
    for (let i = 0; i < 5; i++) await page.keyboard.press('Backspace');
    await page.getByTestId('yaml-error').waitFor({ state: 'detached' });
    await page.getByTestId('wizard-create').click();
    await page.getByRole('link', { name: 'redis' }).waitFor({ timeout: 10_000 });
    await shot(page, '17-statefulsets-after-create');
    await page.getByRole('row', { name: /redis/ }).getByRole('button', { name: 'More' }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    await page.getByText('Also delete these related resources').waitFor();
    await shot(page, '17b-delete-with-related');
    await page.getByRole('button', { name: 'Cancel' }).click();

    await page.goto(`${BASE}/projects/demo/deployments?limit=1000`);
    await page.getByText('web-', { exact: false }).first().waitFor();
    await shot(page, '18-deployments-virtual-1000');
    await page.goto(`${BASE}/projects/demo/deployments?name=nothing-matches`);
    await page.getByText('Clear Filters').waitFor();
    await shot(page, '19-no-match');

    await page.keyboard.press('Control+k');
    await page.getByPlaceholder('Jump to a page').fill('stat');
    await shot(page, '20-command-palette');
    await page.keyboard.press('Escape');

    await page.goto(`${BASE}/projects/demo/pods/mysql-0/logs`);
    await page.getByText('ready for connections (22)').waitFor();
    await shot(page, '21-pod-logs-follow');

    await page.goto(`${BASE}/projects/demo/secrets/mysql-secret/data`);
    await page.getByText('password').first().waitFor();
    await shot(page, '21-secret-detail');

    await page.getByRole('button', { name: 'Toggle light/dark theme' }).click();
    await page.evaluate(() => localStorage.setItem('sphere.lang', 'zh'));
    await page.goto(`${BASE}/projects/demo/statefulsets/mysql/events`);
    await page
      .getByTestId('desired-replicas')
      .waitFor({ state: 'detached' })
      .catch(() => undefined);
    await shot(page, '22-dark-zh-events');

    // Session expired: an expired access token whose refresh fails ends on the login page with a notice.
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const expired = JSON.stringify({
      accessToken: `${b64({ alg: 'none' })}.${b64({ username: 'admin', exp: 1 })}.sig`,
      refreshToken: 'bad',
      expiresAt: Date.now() + 3_600_000,
      username: 'admin',
    });
    await page.evaluate((session) => {
      localStorage.setItem('sphere.lang', 'en');
      localStorage.setItem('sphere.session', session);
    }, expired);
    await page.goto(`${BASE}/projects/demo/statefulsets`);
    await page.getByText('Your session has expired').waitFor({ timeout: 15_000 });
    await shot(page, '22b-session-expired');

    const viewer = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await login(viewer, 'viewer', 'Viewer123');
    await viewer.waitForURL(/dashboard/);
    await viewer.goto(`${BASE}/projects/demo/statefulsets`);
    await viewer.getByRole('link', { name: 'mysql' }).waitFor();
    await shot(viewer, '23-viewer-no-create');

    const newbie = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await login(newbie, 'newbie', 'P@88w0rd');
    await newbie.waitForURL(/password/);
    await shot(newbie, '24-forced-password-change');
  } finally {
    console.log('page errors:', errors.length ? errors : 'none');
    await browser.close();
    stop();
  }
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
