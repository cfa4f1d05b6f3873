/**
 * Flow 5: a Deployment's life from the console — created through its wizard, scaled from its detail
 * page, updated to a second revision (shown in Revision Records), rolled back to revision #1 (More ›
 * Revision Rollback; the pods return to the old image), and deleted together with its Service and
 * Horizontal Pod Autoscaler from the delete dialog's related resources. Then a StatefulSet (arranged
 * with kubectl) rolled back the same way through its ControllerRevisions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { field, finishWizard, screenshotFailures, screenshots, tick } from './support/browser';
import { startAdminFlow, stopFlow } from './support/flow';
import { applyObject, eventually, kubectl, type SphereInstance } from './support/sphere';

const ADMIN_PASSWORD = 'Admin2026x';
const PROJECT = 'demo-project';
const NAME = 'nginx';
const shot = screenshots('deployment');

let sphere: SphereInstance;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ sphere, browser, page } = await startAdminFlow({ adminPassword: ADMIN_PASSWORD, project: PROJECT }));
}, 120_000);

afterAll(() => stopFlow(browser, sphere));

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

  it('rolls back to revision #1 (More › Revision Rollback)', { timeout: 60_000 }, async () => {
    await page.getByRole('button', { name: 'More' }).click();
    await page.getByRole('menuitem', { name: 'Revision Rollback' }).click();
    const dialog = page.getByRole('dialog', { name: 'Revision Rollback' });
    // antd's Radio.Group carries the aria-label but no radiogroup role.
    const revisions = dialog.getByLabel('Roll back to revision');
    await expect(revisions.getByRole('radio', { name: '#2' }).isDisabled()).resolves.toBe(true);
    await dialog.getByText('nginx:1.24').waitFor();
    await revisions.getByRole('radio', { name: '#1' }).check();
    await shot(page, 'rollback-modal');
    await dialog.getByRole('button', { name: 'Roll Back' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await eventually(
      'both pods back on nginx:1.24',
      async () => {
        const pods = JSON.parse(
          await kubectl(sphere, 'get', 'pods', '-n', PROJECT, '-l', `app=${NAME}`, '-o', 'json'),
        ) as {
          items: { metadata: { deletionTimestamp?: string }; spec: { containers: { image: string }[] } }[];
        };
        const live = pods.items
          .filter((p) => !p.metadata.deletionTimestamp)
          .map((p) => p.spec.containers[0].image);
        return live.length === 2 && live.every((i) => i === 'nginx:1.24');
      },
      45_000,
    );
    const template = await kubectl(
      sphere,
      'get',
      'deployment',
      NAME,
      '-n',
      PROJECT,
      '-o',
      'jsonpath={.spec.template.spec.containers[0].image}',
    );
    expect(template).toBe('nginx:1.24');
    // The old ReplicaSet takes the next revision number, as with `kubectl rollout undo`.
    await page.getByRole('tab', { name: 'Revision Records' }).click();
    await page.getByText('#3').waitFor();
    await shot(page, 'rolled-back');
  });

  it('deletes the Deployment together with its Service and HPA', { timeout: 45_000 }, async () => {
    // An HPA made outside the console (hpa.test.ts sets one through it): offered as related too.
    await kubectl(
      sphere,
      'autoscale',
      `deployment/${NAME}`,
      '-n',
      PROJECT,
      '--min=2',
      '--max=4',
      '--cpu-percent=80',
    );
    await page.getByRole('button', { name: 'More' }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete Deployment' });
    await dialog.getByPlaceholder(NAME).fill(NAME);
    await tick(dialog.getByRole('checkbox', { name: `Service: ${NAME}` }));
    await tick(dialog.getByRole('checkbox', { name: `Horizontal Pod Autoscaler: ${NAME}` }));
    await shot(page, 'delete-dialog');
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await eventually('the Deployment, its Service and HPA gone', async () => {
      const left = await kubectl(
        sphere,
        'get',
        'deployments,services,replicasets,horizontalpodautoscalers',
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

describe('StatefulSet: revision rollback', { timeout: 90_000 }, () => {
  const STS = 'web';
  const stsImage = () =>
    kubectl(sphere, 'get', 'pod', `${STS}-0`, '-n', PROJECT, '-o', 'jsonpath={.spec.containers[0].image}');

  it('rolls a StatefulSet back to revision #1', { timeout: 75_000 }, async () => {
    // Arranged with kubectl: a one-replica StatefulSet updated once, so it has two ControllerRevisions.
    await kubectl(
      sphere,
      'create',
      'service',
      'clusterip',
      STS,
      '--clusterip=None',
      '--tcp=80:80',
      '-n',
      PROJECT,
    );
    await applyObject(sphere, {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: STS, namespace: PROJECT },
      spec: {
        serviceName: STS,
        replicas: 1,
        selector: { matchLabels: { app: STS } },
        template: {
          metadata: { labels: { app: STS } },
          spec: { containers: [{ name: 'nginx', image: 'nginx:1.24', ports: [{ containerPort: 80 }] }] },
        },
      },
    });
    await eventually('web-0 on nginx:1.24', async () => (await stsImage()) === 'nginx:1.24', 30_000);
    await kubectl(sphere, 'set', 'image', `statefulset/${STS}`, '-n', PROJECT, 'nginx=nginx:1.25');
    await eventually('web-0 on nginx:1.25', async () => (await stsImage()) === 'nginx:1.25', 30_000);

    await page.goto(`/projects/${PROJECT}/statefulsets/${STS}`);
    await page.getByRole('button', { name: 'More' }).click();
    await page.getByRole('menuitem', { name: 'Revision Rollback' }).click();
    const dialog = page.getByRole('dialog', { name: 'Revision Rollback' });
    const revisions = dialog.getByLabel('Roll back to revision');
    await expect(revisions.getByRole('radio', { name: '#2' }).isDisabled()).resolves.toBe(true);
    await revisions.getByRole('radio', { name: '#1' }).check();
    await shot(page, 'sts-rollback-modal');
    await dialog.getByRole('button', { name: 'Roll Back' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await eventually('web-0 back on nginx:1.24', async () => (await stsImage()) === 'nginx:1.24', 45_000);
    await page.getByRole('tab', { name: 'Revision Records' }).click();
    await page.getByText('nginx:1.24').first().waitFor();
    await shot(page, 'sts-rolled-back');
  });
});
