/**
 * @module platform-smoke
 * Drives the console served by a running `sphere start` (URL in SPHERE_URL) through first login, the
 * forced password change, and the main pages, saving screenshots to test-artifacts/console/platform-*
 * and printing every failed request. For looking at, not part of the test run.
 * Run: SPHERE_URL=http://127.0.0.1:30880 npx tsx packages/console/test/platform-smoke.ts
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';

const BASE = process.env.SPHERE_URL ?? 'http://127.0.0.1:30880';
const PASSWORD = process.env.SPHERE_PASSWORD ?? 'P@88w0rd';
const NEW_PASSWORD = 'Sphere2026x';
const OUT = join(import.meta.dirname, '..', '..', '..', 'test-artifacts', 'console');

async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(800);
  await page.screenshot({ path: join(OUT, `platform-${name}.png`) });
  console.log('saved', name);
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  const problems: string[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (e) => problems.push(`pageerror ${e.message}`));
    page.on(
      'response',
      (r) => r.status() >= 400 && problems.push(`${r.status()} ${r.request().method()} ${r.url()}`),
    );
    await page.goto(`${BASE}/login`);
    await page.getByLabel('Username').fill('admin');
    for (const pw of [PASSWORD, NEW_PASSWORD]) {
      await page.getByLabel('Password').fill(pw);
      await page.getByRole('button', { name: 'Log In' }).click();
      const where = await Promise.race([
        page
          .getByText(/Welcome|first login/)
          .waitFor({ timeout: 8000 })
          .then(() => 'ok'),
        page
          .getByTestId('login-error')
          .waitFor({ timeout: 8000 })
          .then(() => 'error'),
      ]).catch(() => 'timeout');
      if (where === 'ok') break;
    }
    if (page.url().includes('/password')) {
      await shot(page, '01-forced-password');
      await page.getByLabel('Current Password').fill(PASSWORD);
      await page.getByLabel('New Password').fill(NEW_PASSWORD);
      await page.getByLabel('Confirm Password').fill(NEW_PASSWORD);
      await page.getByRole('button', { name: 'Save' }).click();
      await page.waitForURL(/dashboard/);
    }
    await shot(page, '02-dashboard');
    for (const [name, path] of [
      ['03-workspaces', '/workspaces'],
      ['04-projects', '/projects'],
      ['05-accounts', '/accounts'],
      ['06-roles', '/roles'],
      ['07-nodes', '/infrastructure/nodes'],
      ['08-storageclasses', '/infrastructure/storageclasses'],
    ] as const) {
      await page.goto(`${BASE}${path}`);
      await shot(page, name);
    }
    // Quick start: a workspace, a project in it, then a StatefulSet through the wizard.
    const ws = `ws-${Date.now() % 100000}`;
    const project = `demo-${Date.now() % 100000}`;
    await page.goto(`${BASE}/workspaces`);
    await page.getByTestId('create-button').click();
    await page.getByRole('dialog').getByLabel('Name').fill(ws);
    await page.getByRole('dialog').getByRole('button', { name: 'Create' }).click();
    await page.getByRole('link', { name: ws }).waitFor();
    await shot(page, '09-workspace-created');
    await page.goto(`${BASE}/workspaces/${ws}/projects`);
    await page.getByTestId('create-button').click();
    await page.getByRole('dialog').getByLabel('Name').fill(project);
    await page.getByRole('dialog').getByRole('button', { name: 'Create' }).click();
    await page.getByRole('link', { name: project }).waitFor();
    await shot(page, '09-project-created');
    await page.goto(`${BASE}/projects/${project}/statefulsets`);
    await page.getByTestId('create-button').click();
    await page.getByTestId('field-name').fill('mysql');
    await page.getByTestId('wizard-next').click();
    await page.getByTestId('add-container').click();
    await page.getByTestId('field-image').fill('mysql:5.6');
    await page.getByTestId('add-port').click();
    await page.getByLabel('Port name').fill('tcp-3306');
    await page.getByLabel('Container port').fill('3306');
    await page.getByTestId('container-save').click();
    for (let i = 0; i < 4; i++) await page.getByTestId('wizard-next').click();
    await page.getByTestId('wizard-create').click();
    await Promise.race([
      page.getByRole('link', { name: 'mysql' }).waitFor({ timeout: 15_000 }),
      page.getByTestId('wizard-submit-error').waitFor({ timeout: 15_000 }),
    ]).catch(() => undefined);
    await shot(page, '09-statefulset-created');
    await page.goto(`${BASE}/projects/${project}/statefulsets/mysql`);
    await shot(page, '09-statefulset-detail');
    // Live updates: scale up and watch the second pod and the ready count arrive without a reload.
    await page.getByText('mysql-0').waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Scale up' }).click();
    await page.getByText('mysql-1').waitFor({ timeout: 20_000 });
    await page.getByText('Running (2/2)').first().waitFor({ timeout: 30_000 });
    await shot(page, '09-statefulset-scaled-live');
    await page.goto(`${BASE}/projects/${project}/statefulsets/mysql/monitoring`);
    await page.waitForTimeout(4000);
    await shot(page, '09-statefulset-monitoring');
    await page.goto(`${BASE}/infrastructure/monitoring/cluster`);
    await page.waitForTimeout(4000);
    await shot(page, '09-cluster-monitoring');
    await page.goto(`${BASE}/projects/${project}/roles`);
    await page.getByTestId('create-button').click();
    await page.getByRole('dialog').getByLabel('Name').fill('developer');
    await page
      .getByRole('dialog')
      .getByRole('row', { name: /Application Workloads/ })
      .getByText('Manage')
      .click();
    await shot(page, '09-create-role');
    await page.getByRole('dialog').getByRole('button', { name: 'Create' }).click();
    await page.getByText('developer').first().waitFor();
    await shot(page, '09-role-created');
    if (project) {
      for (const r of ['overview', 'statefulsets', 'deployments', 'pods', 'services', 'members', 'roles']) {
        await page.goto(`${BASE}/projects/${project}/${r}`);
        await shot(page, `10-project-${r}`);
      }
    }
    // Optional: SPHERE_VIEWER=user:password:project — a project viewer sees no create/delete controls.
    const viewer = process.env.SPHERE_VIEWER?.split(':');
    if (viewer?.length === 3) {
      const v = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await v.goto(`${BASE}/login`);
      await v.getByLabel('Username').fill(viewer[0]);
      await v.getByLabel('Password').fill(viewer[1]);
      await v.getByRole('button', { name: 'Log In' }).click();
      await v.getByText(/Welcome|first login/).waitFor();
      for (const r of ['statefulsets', 'members']) {
        await v.goto(`${BASE}/projects/${viewer[2]}/${r}`);
        await v.getByText(/Total:/).waitFor();
        await shot(v, `11-viewer-${r}`);
        console.log(`viewer ${r}: create button visible =`, await v.getByTestId('create-button').isVisible());
      }
    }
  } finally {
    console.log('problems:', problems.length ? problems : 'none');
    await browser.close();
  }
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
