/**
 * Flow 7: the documentation's MySQL quick start through the console. A Secret holding
 * MYSQL_ROOT_PASSWORD (Configuration Center › Secrets wizard), then a MySQL StatefulSet through the
 * StatefulSet wizard: image mysql:5.7, port 3306, the environment variable taken from the Secret, a
 * volume template mounted at /var/lib/mysql and the headless Service. It runs with its volume bound; the
 * pod's Resource Status shows the variable as a reference to the Secret (never its value), and its
 * Container Logs show MySQL starting up.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { addRow, choose, field, screenshotFailures, screenshots } from './support/browser';
import { startAdminFlow, stopFlow } from './support/flow';
import { eventually, kubectl, type SphereInstance } from './support/sphere';

const ADMIN_PASSWORD = 'Admin2026x';
const PROJECT = 'demo-project';
const SECRET = 'mysql-secret';
const KEY = 'MYSQL_ROOT_PASSWORD';
const ROOT_PASSWORD = 'mysql-Root-2026';
const NAME = 'mysql';
const POD = `${NAME}-0`;
const CLAIM = `mysql-data-${NAME}-0`;
const shot = screenshots('mysql');

let sphere: SphereInstance;
let browser: Browser;
let page: Page;
let dialog: Locator;

beforeAll(async () => {
  ({ sphere, browser, page } = await startAdminFlow({ adminPassword: ADMIN_PASSWORD, project: PROJECT }));
}, 120_000);

afterAll(() => stopFlow(browser, sphere));

screenshotFailures('mysql', () => [page]);

async function next(): Promise<void> {
  await dialog.getByRole('button', { name: 'Next' }).click();
}

const kubectlJson = async <T>(...args: string[]): Promise<T> =>
  JSON.parse(await kubectl(sphere, ...args, '-n', PROJECT, '-o', 'json')) as T;

describe('the Secret with the root password', { timeout: 60_000 }, () => {
  it('Configuration Center › Secrets › Create: basic information', async () => {
    await page.goto(`/projects/${PROJECT}/overview`);
    await page.getByRole('menuitem', { name: 'Secrets' }).click();
    await page.getByRole('heading', { name: 'Secrets' }).waitFor();
    await page.getByTestId('create-button').click();
    dialog = page.getByRole('dialog', { name: 'Create Secret' });
    await field(dialog, 'Name').fill(SECRET);
    await field(dialog, 'Description').fill('root password of the MySQL quick start');
    await shot(page, 'secret-basic-info');
    await next();
  });

  it('secret settings: Opaque with one key, then Create', async () => {
    await dialog.getByText('Default (Opaque)').waitFor();
    await dialog.getByRole('button', { name: 'Add Data' }).click();
    await dialog.getByLabel('Key', { exact: true }).fill(KEY);
    await dialog.getByLabel('Value', { exact: true }).fill(ROOT_PASSWORD);
    await shot(page, 'secret-settings');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 20_000 });
    await page.getByRole('link', { name: SECRET, exact: true }).waitFor();
    await shot(page, 'secret-list');
    const secret = await kubectlJson<{ type: string; data: Record<string, string> }>('get', 'secret', SECRET);
    expect(secret.type).toBe('Opaque');
    expect(Buffer.from(secret.data[KEY], 'base64').toString()).toBe(ROOT_PASSWORD);
  });
});

describe('the MySQL StatefulSet', { timeout: 90_000 }, () => {
  it('opens the wizard; step 1: basic information', async () => {
    await page.getByRole('menuitem', { name: 'StatefulSets' }).click();
    await page.getByRole('heading', { name: 'StatefulSets' }).waitFor();
    await page.getByTestId('create-button').click();
    dialog = page.getByRole('dialog', { name: 'Create StatefulSet' });
    await field(dialog, 'Name').fill(NAME);
    await field(dialog, 'Alias').fill('MySQL database');
    await shot(page, 'sts-basic-info');
    await next();
  });

  it('step 2: a mysql:5.7 container on port 3306 whose root password comes from the Secret', async () => {
    await dialog.getByRole('button', { name: 'Add Container' }).click();
    const editor = dialog.getByTestId('container-editor');
    await field(editor, 'Image').fill('mysql:5.7');
    await editor.getByRole('button', { name: 'Add Port' }).click();
    await editor.getByLabel('Port name').last().fill('tcp-3306');
    await editor.getByLabel('Container port').last().fill('3306');
    await editor.getByRole('button', { name: 'Advanced Options' }).click();
    await editor.getByRole('button', { name: 'Environment Variables' }).click();
    await addRow(
      editor.getByRole('button', { name: 'Add Environment Variable' }),
      editor.getByLabel('Variable name'),
    );
    await editor.getByLabel('Variable name').fill(KEY);
    await choose(page, editor.getByRole('combobox', { name: 'Value source' }), 'Secret');
    await choose(page, editor.getByRole('combobox', { name: 'Secret', exact: true }), SECRET);
    await choose(page, editor.getByRole('combobox', { name: 'Key', exact: true }), KEY);
    await shot(page, 'sts-container-env');
    await editor.getByRole('button', { name: 'Save' }).click();
    await editor.waitFor({ state: 'hidden' });
    await dialog.getByText('mysql:5.7').waitFor();
    await shot(page, 'sts-pod-template');
    await next();
  });

  it('step 3: a 10Gi volume template mounted at /var/lib/mysql', async () => {
    await dialog.getByRole('button', { name: 'Add Volume Template' }).click();
    const editor = dialog.getByTestId('volume-editor');
    await field(editor, 'Volume Name').fill('mysql-data');
    await field(editor, 'Capacity').fill('10Gi');
    await editor.getByLabel('Mount Path').first().fill('/var/lib/mysql');
    await shot(page, 'sts-volume-editor');
    await editor.getByRole('button', { name: 'Save' }).click();
    await editor.waitFor({ state: 'hidden' });
    await dialog.getByText(/10Gi · ReadWriteOnce/).waitFor();
    await next();
  });

  it('step 4: the headless service takes port 3306 from the container', async () => {
    await expect(field(dialog, 'Service Name').inputValue()).resolves.toMatch(new RegExp(`^${NAME}-`));
    await shot(page, 'sts-service');
    await next();
  });

  it('steps 5 and 6: default labels, no node selector, then Create', async () => {
    await expect(dialog.getByLabel('Value').first().inputValue()).resolves.toBe(NAME);
    await next();
    await dialog.getByRole('button', { name: 'Create' }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 20_000 });
  });

  it('the created objects: env from the Secret, the volume template, the headless Service', async () => {
    const sts = await kubectlJson<{
      spec: {
        serviceName: string;
        template: {
          spec: { containers: { image: string; ports: { containerPort: number }[]; env: unknown[] }[] };
        };
        volumeClaimTemplates: {
          metadata: { name: string };
          spec: { resources: { requests: { storage: string } } };
        }[];
      };
    }>('get', 'statefulset', NAME);
    const [container] = sts.spec.template.spec.containers;
    expect(container.image).toBe('mysql:5.7');
    expect(container.ports.map((p) => p.containerPort)).toEqual([3306]);
    expect(container.env).toEqual([{ name: KEY, valueFrom: { secretKeyRef: { name: SECRET, key: KEY } } }]);
    expect(
      sts.spec.volumeClaimTemplates.map((v) => [v.metadata.name, v.spec.resources.requests.storage]),
    ).toEqual([['mysql-data', '10Gi']]);
    const svc = await kubectlJson<{ spec: { clusterIP: string; ports: { port: number }[] } }>(
      'get',
      'service',
      sts.spec.serviceName,
    );
    expect(svc.spec.clusterIP).toBe('None');
    expect(svc.spec.ports.map((p) => p.port)).toEqual([3306]);
  });

  it('is Running, with its volume bound', { timeout: 60_000 }, async () => {
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: NAME, exact: true }) });
    await row.getByText('Running').waitFor({ timeout: 45_000 });
    await shot(page, 'sts-running');
    await eventually(
      `${CLAIM} Bound`,
      async () =>
        (await kubectl(sphere, 'get', 'pvc', CLAIM, '-n', PROJECT, '-o', 'jsonpath={.status.phase}')) ===
        'Bound',
    );
    await page.getByRole('menuitem', { name: 'Volumes' }).click();
    const volume = page.getByRole('row').filter({ has: page.getByRole('link', { name: CLAIM }) });
    await volume.getByText('Bound').waitFor();
    await volume.getByText('10Gi').waitFor();
    await shot(page, 'volume-bound');
  });

  it("the pod's containers show the variable as a reference to the Secret, not its value", async () => {
    await page.goto(`/projects/${PROJECT}/pods/${POD}`);
    const containers = page.locator('.ant-card').filter({ hasText: 'Containers' });
    await containers.getByText(`${KEY} ← Secret ${SECRET}/${KEY}`).waitFor();
    await expect(page.getByText(ROOT_PASSWORD).count()).resolves.toBe(0);
    await shot(page, 'pod-env');
  });

  it('the Container Logs show MySQL starting up', async () => {
    await page.getByRole('tab', { name: 'Container Logs' }).click();
    const logs = page.getByTestId('pod-logs');
    await logs.getByText(/Entrypoint script for MySQL Server/).waitFor();
    await logs
      .getByText(/mysqld: ready for connections/)
      .first()
      .waitFor();
    // The version follows the image's tag (mysql:5.7).
    await logs
      .getByText(/Version: '5\.7\.\d+'.*port: 3306/)
      .first()
      .waitFor();
    await shot(page, 'pod-logs');
  });

  it('searches the log and downloads it whole', async () => {
    await page.getByRole('searchbox', { name: 'Search logs' }).fill('ready for connections');
    await page.getByRole('searchbox', { name: 'Search logs' }).press('Enter');
    await page
      .getByTestId('log-matches')
      .getByText(/: [1-9]/)
      .waitFor();
    const shown = await page.getByTestId('pod-logs').innerText();
    expect(shown.split('\n').every((l) => l.includes('ready for connections'))).toBe(true);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^mysql-0_[\w-]+\.log$/);
    const text = await readFile((await download.path()) ?? '', 'utf8');
    expect(text).toContain('Entrypoint script for MySQL Server 5.7');
    // Timestamps on every line, as `kubectl logs --timestamps`.
    expect(text.split('\n')[0]).toMatch(/^\d{4}-\d\d-\d\dT/);
    // No restart yet: the previous instance cannot be asked for.
    expect(await page.getByRole('switch', { name: 'Previous instance' }).isDisabled()).toBe(true);
  });
});
