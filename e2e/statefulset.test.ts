/**
 * Flow 3: the seed's StatefulSet through the six wizard steps (basic info, pod template with an image
 * and a port, volume template, headless service, labels, node selector left empty), then Running in the
 * list, with its volumes and its headless Service.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { field, screenshotFailures, screenshots } from './support/browser';
import { startAdminFlow, stopFlow } from './support/flow';
import { eventually, kubectl, type SphereInstance } from './support/sphere';

const ADMIN_PASSWORD = 'Admin2026x';
const PROJECT = 'demo-project';
const NAME = 'web';
const shot = screenshots('statefulset');

let sphere: SphereInstance;
let browser: Browser;
let page: Page;
let dialog: Locator;

beforeAll(async () => {
  ({ sphere, browser, page } = await startAdminFlow({ adminPassword: ADMIN_PASSWORD, project: PROJECT }));
}, 120_000);

afterAll(() => stopFlow(browser, sphere));

screenshotFailures('statefulset', () => [page]);

async function next(): Promise<void> {
  await dialog.getByRole('button', { name: 'Next' }).click();
}

describe('StatefulSet create wizard', { timeout: 90_000 }, () => {
  it('opens the wizard from the StatefulSets list', async () => {
    await page.goto(`/projects/${PROJECT}/statefulsets`);
    await page.getByRole('heading', { name: 'StatefulSets' }).waitFor();
    await shot(page, 'empty-list');
    await page.getByTestId('create-button').click();
    dialog = page.getByRole('dialog', { name: 'Create StatefulSet' });
    await dialog.waitFor();
  });

  it('step 1: basic information', async () => {
    await field(dialog, 'Name').fill(NAME);
    await field(dialog, 'Alias').fill('Web server');
    await field(dialog, 'Description').fill('nginx with a volume per replica');
    await shot(page, 'step1-basic-info');
    await next();
  });

  it('step 2: pod template with two replicas and an nginx container exposing port 80', async () => {
    await field(dialog, 'Replicas').fill('2');
    await dialog.getByRole('button', { name: 'Add Container' }).click();
    const editor = dialog.getByTestId('container-editor');
    await field(editor, 'Image').fill('nginx:1.25');
    await editor.getByRole('button', { name: 'Add Port' }).click();
    await editor.getByLabel('Port name').last().fill('http-80');
    await editor.getByLabel('Container port').last().fill('80');
    await shot(page, 'step2-container');
    await editor.getByRole('button', { name: 'Save' }).click();
    await editor.waitFor({ state: 'hidden' });
    await dialog.getByText('nginx:1.25').waitFor();
    await shot(page, 'step2-pod-template');
    await next();
  });

  it('step 3: a volume template of 1Gi mounted at the web root', async () => {
    await dialog.getByRole('button', { name: 'Add Volume Template' }).click();
    const editor = dialog.getByTestId('volume-editor');
    await field(editor, 'Volume Name').fill('html');
    await field(editor, 'Capacity').fill('1Gi');
    await editor.getByLabel('Mount Path').first().fill('/usr/share/nginx/html');
    await shot(page, 'step3-volume-editor');
    await editor.getByRole('button', { name: 'Save' }).click();
    await editor.waitFor({ state: 'hidden' });
    await dialog.getByText(/1Gi · ReadWriteOnce/).waitFor();
    await shot(page, 'step3-volume-templates');
    await next();
  });

  it('step 4: the headless service takes its port from the container', async () => {
    const serviceName = field(dialog, 'Service Name');
    await expect(serviceName.inputValue()).resolves.toMatch(new RegExp(`^${NAME}-`));
    await shot(page, 'step4-service');
    await next();
  });

  it('step 5: labels default to app=<name>', async () => {
    await expect(dialog.getByLabel('Value').first().inputValue()).resolves.toBe(NAME);
    await shot(page, 'step5-labels');
    await next();
  });

  it('step 6: node selector left empty, then Create', async () => {
    await shot(page, 'step6-node-selector');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 20_000 });
  });

  it('lists the StatefulSet as Running', { timeout: 60_000 }, async () => {
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: NAME, exact: true }) });
    await row.waitFor();
    await row.getByText('Running').waitFor({ timeout: 45_000 });
    await shot(page, 'list-running');
    const ready = await kubectl(
      sphere,
      'get',
      'statefulset',
      NAME,
      '-n',
      PROJECT,
      '-o',
      'jsonpath={.status.readyReplicas}',
    );
    expect(ready).toBe('2');
  });

  it('shows its pods on the detail page', async () => {
    await page.getByRole('link', { name: NAME, exact: true }).click();
    await page.waitForURL(new RegExp(`/statefulsets/${NAME}`));
    await page.getByRole('cell', { name: `${NAME}-0` }).waitFor();
    await page.getByRole('cell', { name: `${NAME}-1` }).waitFor();
    await shot(page, 'detail');
  });

  it('created one bound volume per replica', { timeout: 45_000 }, async () => {
    for (const claim of [`html-${NAME}-0`, `html-${NAME}-1`]) {
      await eventually(
        `${claim} Bound`,
        async () =>
          (await kubectl(sphere, 'get', 'pvc', claim, '-n', PROJECT, '-o', 'jsonpath={.status.phase}')) ===
          'Bound',
      );
    }
    await page.goto(`/projects/${PROJECT}/volumes`);
    await page.getByRole('link', { name: `html-${NAME}-0` }).waitFor();
    await page.getByRole('link', { name: `html-${NAME}-1` }).waitFor();
    await shot(page, 'volumes');
  });

  it('created the headless service named in spec.serviceName', async () => {
    const serviceName = await kubectl(
      sphere,
      'get',
      'statefulset',
      NAME,
      '-n',
      PROJECT,
      '-o',
      'jsonpath={.spec.serviceName}',
    );
    const clusterIP = await kubectl(
      sphere,
      'get',
      'service',
      serviceName,
      '-n',
      PROJECT,
      '-o',
      'jsonpath={.spec.clusterIP}',
    );
    expect(clusterIP).toBe('None');
    await page.goto(`/projects/${PROJECT}/services`);
    await page.getByRole('link', { name: serviceName }).click();
    await page.getByText('80').first().waitFor();
    await shot(page, 'headless-service');
  });
});
