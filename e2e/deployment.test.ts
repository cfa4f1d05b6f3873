/**
 * Flow 5: a Deployment's life from the console — created through its wizard, scaled from its detail
 * page, updated to a second revision (shown in Revision Records), and deleted together with its
 * Service from the delete dialog's related resources.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { createProject } from './support/api';
import {
  field,
  launchBrowser,
  logIn,
  newPage,
  screenshotFailures,
  screenshots,
  tick,
  finishWizard,
} from './support/browser';
import { eventually, kubectl, startSphere, type SphereInstance } from './support/sphere';

const ADMIN_PASSWORD = 'Admin2026x';
const PROJECT = 'demo-project';
const NAME = 'nginx';
const shot = screenshots('deployment');

let sphere: SphereInstance;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  sphere = await startSphere({ adminPassword: ADMIN_PASSWORD });
  await createProject(sphere, ADMIN_PASSWORD, 'demo-workspace', PROJECT);
  browser = await launchBrowser();
  page = await newPage(browser, sphere.url);
  await logIn(page, 'admin', ADMIN_PASSWORD);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await sphere?.stop();
});

screenshotFailures('deployment', () => [page]);

/** `.status.readyReplicas` of the Deployment, as a number. */
async function readyReplicas(): Promise<number> {
  const out = await kubectl(
    sphere,
    'get',
    'deployment',
    NAME,
    '-n',
    PROJECT,
    '-o',
    'jsonpath={.status.readyReplicas}',
  );
  return Number(out || 0);
}

describe('Deployment: scale, revisions, delete with related resources', { timeout: 90_000 }, () => {
  it('creates the Deployment through its wizard', { timeout: 45_000 }, async () => {
    await page.goto(`/projects/${PROJECT}/deployments`);
    await page.getByRole('heading', { name: 'Deployments' }).waitFor();
    await page.getByTestId('create-button').click();
    const dialog: Locator = page.getByRole('dialog', { name: 'Create Deployment' });
    await field(dialog, 'Name').fill(NAME);
    await dialog.getByRole('button', { name: 'Next' }).click();
    await dialog.getByRole('button', { name: 'Add Container' }).click();
    const editor = dialog.getByTestId('container-editor');
    await field(editor, 'Image').fill('nginx:1.24');
    await editor.getByRole('button', { name: 'Add Port' }).click();
    await editor.getByLabel('Port name').last().fill('http-80');
    await editor.getByLabel('Container port').last().fill('80');
    await editor.getByRole('button', { name: 'Save' }).click();
    await editor.waitFor({ state: 'hidden' });
    await shot(page, 'wizard-pod-template');
    await finishWizard(dialog);
    await dialog.waitFor({ state: 'hidden', timeout: 20_000 });
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: NAME, exact: true }) });
    await row.getByText('Running').waitFor({ timeout: 30_000 });
    await shot(page, 'list');
    // A Service for it, made outside the console: the delete dialog should offer it as related.
    await kubectl(sphere, 'create', 'service', 'clusterip', NAME, '--tcp=80:80', '-n', PROJECT);
  });

  it('scales up to 3 and down to 2 from the detail page', { timeout: 60_000 }, async () => {
    await page.getByRole('link', { name: NAME, exact: true }).click();
    await page.waitForURL(new RegExp(`/deployments/${NAME}`));
    const desired = page.getByTestId('desired-replicas');
    const before = Number(await desired.innerText());
    for (let n = before; n < 3; n++) {
      await page.getByRole('button', { name: 'Scale up' }).click();
      await page
        .getByTestId('desired-replicas')
        .getByText(String(n + 1), { exact: true })
        .waitFor();
    }
    await eventually('3 ready replicas', async () => (await readyReplicas()) === 3, 30_000);
    await page
      .getByRole('row', { name: new RegExp(`${NAME}-.*Running`) })
      .nth(2)
      .waitFor();
    await shot(page, 'scaled-to-3');
    await page.getByRole('button', { name: 'Scale down' }).click();
    await desired.getByText('2', { exact: true }).waitFor();
    await eventually('2 ready replicas', async () => (await readyReplicas()) === 2, 30_000);
    const spec = await kubectl(
      sphere,
      'get',
      'deployment',
      NAME,
      '-n',
      PROJECT,
      '-o',
      'jsonpath={.spec.replicas}',
    );
    expect(spec).toBe('2');
    await shot(page, 'scaled-to-2');
  });

  it('lists both revisions after an image update', { timeout: 45_000 }, async () => {
    // The update itself is arranged with kubectl: what is under test is the console's revision view.
    await kubectl(sphere, 'set', 'image', `deployment/${NAME}`, '-n', PROJECT, '*=nginx:1.25');
    await eventually('the rollout', async () => {
      const out = await kubectl(
        sphere,
        'get',
        'deployment',
        NAME,
        '-n',
        PROJECT,
        '-o',
        'jsonpath={.status.updatedReplicas}/{.status.readyReplicas}/{.status.replicas}',
      );
      return out === '2/2/2';
    });
    await page.getByRole('tab', { name: 'Revision Records' }).click();
    await page.getByText('#1').waitFor();
    await page.getByText('#2').waitFor();
    await shot(page, 'revisions');
  });

  // Console gap (packages/console, docs/console.md "Not done yet: revision rollback"): the Revision
  // Records tab lists revisions but offers no Roll Back action.
  it.todo('rolls back to revision #1 from Revision Records');

  it('deletes the Deployment together with its Service', { timeout: 45_000 }, async () => {
    await page.getByRole('button', { name: 'More' }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete Deployment' });
    await dialog.getByPlaceholder(NAME).fill(NAME);
    await tick(dialog.getByRole('checkbox', { name: `Service: ${NAME}` }));
    await shot(page, 'delete-dialog');
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await eventually('the Deployment and its Service gone', async () => {
      const left = await kubectl(
        sphere,
        'get',
        'deployments,services,replicasets',
        '-n',
        PROJECT,
        '-o',
        'name',
      );
      return left.trim() === '';
    });
    await eventually(
      'its pods gone',
      async () => (await kubectl(sphere, 'get', 'pods', '-n', PROJECT, '-o', 'name')).trim() === '',
    );
    await page.goto(`/projects/${PROJECT}/deployments`);
    await page.getByText('No Deployments yet.', { exact: false }).waitFor();
    await shot(page, 'deleted');
  });
});
