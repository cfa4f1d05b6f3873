/**
 * Flow 8: the documentation's WordPress quick start through the console, reached from outside through
 * the project gateway. Project Settings › Internet Access sets the gateway (NodePort); a Secret holds
 * the MySQL root password; MySQL is a StatefulSet whose headless Service is named `mysql`; WordPress is a
 * Deployment (database host and password from the Secret) with a Service made in the Services wizard;
 * a Route sends `wordpress.demo.io/` to it. The Routes page shows the gateway address, and a request to
 * the gateway's node port with that Host header is answered by a WordPress pod (simulated data plane).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { addRow, choose, field, finishWizard, screenshotFailures, screenshots } from './support/browser';
import { getWithHost } from './support/http';
import { startAdminFlow, stopFlow } from './support/flow';
import { eventually, kubectl, type SphereInstance } from './support/sphere';

const ADMIN_PASSWORD = 'Admin2026x';
const PROJECT = 'demo-project';
const ROUTER = `kubesphere-router-${PROJECT}`;
const SECRET = 'mysql-secret';
const KEY = 'MYSQL_ROOT_PASSWORD';
const HOST = 'wordpress.demo.io';
const shot = screenshots('wordpress');

let sphere: SphereInstance;
let browser: Browser;
let page: Page;
let dialog: Locator;
let nodePort = 0;

beforeAll(async () => {
  ({ sphere, browser, page } = await startAdminFlow({ adminPassword: ADMIN_PASSWORD, project: PROJECT }));
}, 120_000);

afterAll(() => stopFlow(browser, sphere));

screenshotFailures('wordpress', () => [page]);

/** Opens a project page from the sidebar and its create wizard. */
async function openWizard(menu: string, title: string): Promise<Locator> {
  await page.getByRole('menuitem', { name: menu, exact: true }).click();
  await page.getByRole('heading', { name: menu }).waitFor();
  await page.getByTestId('create-button').click();
  return page.getByRole('dialog', { name: title });
}

/** Walks the rest of the wizard with its defaults, creates, and waits for the dialog to close. */
async function create(wizard: Locator): Promise<void> {
  await finishWizard(wizard);
  await wizard.waitFor({ state: 'hidden', timeout: 20_000 });
}

/** The list row of `name`, once it shows `status`. */
async function rowShows(name: string, status: string): Promise<void> {
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
  await row.getByText(status).waitFor({ timeout: 45_000 });
}

/** Adds one environment variable to the open container editor. */
async function addEnv(editor: Locator, name: string, value: string | { secret: string; key: string }) {
  await addRow(
    editor.getByRole('button', { name: 'Add Environment Variable' }),
    editor.getByLabel('Variable name'),
  );
  await editor.getByLabel('Variable name').last().fill(name);
  if (typeof value === 'string') {
    await editor.getByLabel('Value', { exact: true }).last().fill(value);
    return;
  }
  await choose(page, editor.getByRole('combobox', { name: 'Value source' }).last(), 'Secret');
  await choose(page, editor.getByRole('combobox', { name: 'Secret', exact: true }).last(), value.secret);
  await choose(page, editor.getByRole('combobox', { name: 'Key', exact: true }).last(), value.key);
}

describe('the project gateway', { timeout: 60_000 }, () => {
  it('Project Settings › Internet Access: Set Gateway, NodePort', async () => {
    await page.goto(`/projects/${PROJECT}/overview`);
    await page.getByRole('menuitem', { name: 'Internet Access' }).click();
    await page.getByText('The project gateway is not set.', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Set Gateway' }).click();
    const modal = page.getByRole('dialog', { name: 'Set Gateway' });
    // antd's Radio.Group carries the aria-label but no radiogroup role.
    const methods = modal.getByLabel('Access Method');
    await methods.getByRole('radio', { name: 'NodePort' }).check();
    await shot(page, 'set-gateway');
    await modal.getByRole('button', { name: 'Save' }).click();
    await modal.waitFor({ state: 'hidden' });
    const state = page.getByTestId('gateway-state');
    await state.getByText('NodePort', { exact: true }).waitFor();
    nodePort = Number(
      await eventually('the gateway node port', async () =>
        kubectl(
          sphere,
          'get',
          'service',
          ROUTER,
          '-n',
          'kubesphere-controls-system',
          '-o',
          'jsonpath={.spec.ports[?(@.name=="http")].nodePort}',
        ),
      ),
    );
    expect(nodePort).toBeGreaterThan(0);
    await state.getByText(`http: ${nodePort}`).waitFor();
    await eventually('the gateway controller ready', async () => {
      const ready = await kubectl(
        sphere,
        'get',
        'deployment',
        ROUTER,
        '-n',
        'kubesphere-controls-system',
        '-o',
        'jsonpath={.status.readyReplicas}',
      );
      return ready === '1';
    });
    await shot(page, 'gateway');
  });
});

describe('MySQL', { timeout: 90_000 }, () => {
  it('Secrets wizard: the root password', async () => {
    dialog = await openWizard('Secrets', 'Create Secret');
    await field(dialog, 'Name').fill(SECRET);
    await dialog.getByRole('button', { name: 'Next' }).click();
    await dialog.getByRole('button', { name: 'Add Data' }).click();
    await dialog.getByLabel('Key', { exact: true }).fill(KEY);
    await dialog.getByLabel('Value', { exact: true }).fill('wordpress-Root-2026');
    await create(dialog);
    await page.getByRole('link', { name: SECRET, exact: true }).waitFor();
  });

  it('StatefulSet wizard: mysql:5.7 with the password from the Secret, headless Service "mysql"', async () => {
    dialog = await openWizard('StatefulSets', 'Create StatefulSet');
    await field(dialog, 'Name').fill('mysql');
    await dialog.getByRole('button', { name: 'Next' }).click();
    await dialog.getByRole('button', { name: 'Add Container' }).click();
    const editor = dialog.getByTestId('container-editor');
    await field(editor, 'Image').fill('mysql:5.7');
    await editor.getByRole('button', { name: 'Add Port' }).click();
    await editor.getByLabel('Port name').last().fill('tcp-3306');
    await editor.getByLabel('Container port').last().fill('3306');
    await editor.getByRole('button', { name: 'Advanced Options' }).click();
    await editor.getByRole('button', { name: 'Environment Variables' }).click();
    await addEnv(editor, KEY, { secret: SECRET, key: KEY });
    await editor.getByRole('button', { name: 'Save' }).click();
    await editor.waitFor({ state: 'hidden' });
    // Volume Templates: none (the MySQL flow covers them); the Service gets the name WordPress uses.
    await dialog.getByRole('button', { name: 'Next' }).click();
    await dialog.getByRole('button', { name: 'Next' }).click();
    await dialog.getByTestId('field-service-name').fill('mysql');
    await create(dialog);
    await rowShows('mysql', 'Running');
    await shot(page, 'mysql-running');
    const svc = await kubectl(
      sphere,
      'get',
      'service',
      'mysql',
      '-n',
      PROJECT,
      '-o',
      'jsonpath={.spec.clusterIP}',
    );
    expect(svc).toBe('None');
  });
});

describe('WordPress', { timeout: 90_000 }, () => {
  it('Deployment wizard: wordpress:4.8-apache on port 80, database host and password', async () => {
    dialog = await openWizard('Deployments', 'Create Deployment');
    await field(dialog, 'Name').fill('wordpress');
    await dialog.getByRole('button', { name: 'Next' }).click();
    await dialog.getByRole('button', { name: 'Add Container' }).click();
    const editor = dialog.getByTestId('container-editor');
    await field(editor, 'Image').fill('wordpress:4.8-apache');
    await editor.getByRole('button', { name: 'Add Port' }).click();
    await editor.getByLabel('Port name').last().fill('http-80');
    await editor.getByLabel('Container port').last().fill('80');
    await editor.getByRole('button', { name: 'Advanced Options' }).click();
    await editor.getByRole('button', { name: 'Environment Variables' }).click();
    await addEnv(editor, 'WORDPRESS_DB_PASSWORD', { secret: SECRET, key: KEY });
    await addEnv(editor, 'WORDPRESS_DB_HOST', 'mysql');
    await shot(page, 'wordpress-container');
    await editor.getByRole('button', { name: 'Save' }).click();
    await editor.waitFor({ state: 'hidden' });
    await create(dialog);
    await rowShows('wordpress', 'Running');
    await shot(page, 'workloads');
    const env = await kubectl(
      sphere,
      'get',
      'deployment',
      'wordpress',
      '-n',
      PROJECT,
      '-o',
      'jsonpath={.spec.template.spec.containers[0].env}',
    );
    expect(JSON.parse(env)).toEqual([
      { name: 'WORDPRESS_DB_PASSWORD', valueFrom: { secretKeyRef: { name: SECRET, key: KEY } } },
      { name: 'WORDPRESS_DB_HOST', value: 'mysql' },
    ]);
  });

  it('Services wizard: "wordpress" selecting app=wordpress, port 80', async () => {
    dialog = await openWizard('Services', 'Create Service');
    await field(dialog, 'Name').fill('wordpress');
    await dialog.getByRole('button', { name: 'Next' }).click();
    // The icon makes the name "plus Add".
    await dialog.getByRole('button', { name: /\bAdd$/ }).click();
    await dialog.getByLabel('Key', { exact: true }).fill('app');
    await dialog.getByLabel('Value', { exact: true }).fill('wordpress');
    await dialog.getByRole('button', { name: 'Add Port' }).click();
    await dialog.getByPlaceholder('Name', { exact: true }).last().fill('http-80');
    await shot(page, 'wordpress-service');
    await create(dialog);
    await page.getByRole('link', { name: 'wordpress', exact: true }).waitFor();
    await eventually('the Service has a ready WordPress endpoint', async () => {
      const out = await kubectl(
        sphere,
        'get',
        'endpointslices',
        '-n',
        PROJECT,
        '-l',
        'kubernetes.io/service-name=wordpress',
        '-o',
        'jsonpath={.items[*].endpoints[*].targetRef.name}',
      );
      return out.startsWith('wordpress-');
    });
  });

  it('Routes wizard: wordpress.demo.io / → wordpress:80; the list shows the gateway address', async () => {
    dialog = await openWizard('Routes', 'Create Route');
    await page.getByTestId('gateway-address').getByText(`http: any node IP:${nodePort}`).waitFor();
    await field(dialog, 'Name').fill('wordpress');
    await dialog.getByRole('button', { name: 'Next' }).click();
    await dialog.getByRole('button', { name: 'Add Route Rule' }).click();
    const rule = (addon: string) =>
      dialog.locator('.ant-input-group-wrapper', { hasText: addon }).locator('input').first();
    await rule('Hostname').fill(HOST);
    await expect(rule('Path').inputValue()).resolves.toBe('/');
    await choose(page, dialog.locator('.ant-select', { hasText: 'Service' }).locator('input'), 'wordpress');
    await shot(page, 'route-rules');
    await create(dialog);
    await page.getByRole('link', { name: 'wordpress', exact: true }).waitFor();
    await page.getByTestId('gateway-address').scrollIntoViewIfNeeded();
    await shot(page, 'routes');
    const ingress = JSON.parse(
      await kubectl(sphere, 'get', 'ingress', 'wordpress', '-n', PROJECT, '-o', 'jsonpath={.spec.rules}'),
    ) as unknown;
    expect(ingress).toEqual([
      {
        host: HOST,
        http: {
          paths: [
            {
              path: '/',
              pathType: 'Prefix',
              backend: { service: { name: 'wordpress', port: { number: 80 } } },
            },
          ],
        },
      },
    ]);
  });

  it('the gateway answers wordpress.demo.io from a WordPress pod', async () => {
    const answer = await eventually('a WordPress pod behind the gateway', async () => {
      const res = await getWithHost(nodePort, HOST, '/');
      return res.status === 200 ? res : undefined;
    });
    expect(String(answer.headers['x-sphere-pod'])).toMatch(/^wordpress-/);
    expect(answer.headers['x-sphere-namespace']).toBe(PROJECT);
    expect(answer.body).toMatch(/WordPress/);
    // Another host has no rule: the gateway's default backend answers 404.
    expect((await getWithHost(nodePort, 'other.demo.io', '/')).status).toBe(404);
    await page.getByRole('link', { name: 'wordpress', exact: true }).click();
    await page.waitForURL(/\/routes\/wordpress/);
    // The detail page lists the route's rules (host, path, backend Service).
    const rules = page.getByRole('table', { name: 'Route Rules' });
    await rules.getByRole('row').filter({ hasText: HOST }).filter({ hasText: 'wordpress' }).waitFor();
    await page.getByTestId('gateway-address').scrollIntoViewIfNeeded();
    await shot(page, 'route-detail');
  });
});
