/**
 * Flow 9: the documentation's Horizontal Pod Autoscaling quick start. A Deployment `hpa-example`
 * (image mirrorgooglecontainers/hpa-example, 200m CPU request) and its Service are arranged with
 * kubectl; the console sets the HPA (More › Horizontal Pod Autoscaling: min 1, max 10, CPU 50%); the
 * Resource Status tab shows the HPA card with its targets and the measured CPU utilization, and the
 * scale buttons are disabled while it is bound. A busybox load generator hammers the Service and the
 * replicas rise (the simulated kubelet's load rule); then Cancel Autoscaling removes the HPA and the
 * scale buttons return.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { field, screenshotFailures, screenshots } from './support/browser';
import { startAdminFlow, stopFlow } from './support/flow';
import { applyObject, eventually, kubectl, type SphereInstance } from './support/sphere';

const ADMIN_PASSWORD = 'Admin2026x';
const PROJECT = 'demo-project';
const NAME = 'hpa-example';
const shot = screenshots('hpa');

let sphere: SphereInstance;
let browser: Browser;
let page: Page;
let card: Locator;

beforeAll(async () => {
  ({ sphere, browser, page } = await startAdminFlow({ adminPassword: ADMIN_PASSWORD, project: PROJECT }));
  // Not under test: the workload and its Service (the quick start creates them with the wizards).
  await applyObject(sphere, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: NAME, namespace: PROJECT, labels: { app: NAME } },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: NAME } },
      template: {
        metadata: { labels: { app: NAME } },
        spec: {
          containers: [
            {
              name: 'container-hpa',
              image: 'mirrorgooglecontainers/hpa-example',
              ports: [{ name: 'http-80', containerPort: 80 }],
              resources: { requests: { cpu: '200m' }, limits: { cpu: '500m' } },
            },
          ],
        },
      },
    },
  });
  await applyObject(sphere, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: NAME, namespace: PROJECT },
    spec: { selector: { app: NAME }, ports: [{ name: 'http-80', port: 80, targetPort: 80 }] },
  });
}, 120_000);

afterAll(() => stopFlow(browser, sphere));

screenshotFailures('hpa', () => [page]);

const hpaJson = async () =>
  JSON.parse(await kubectl(sphere, 'get', 'hpa', NAME, '-n', PROJECT, '-o', 'json')) as {
    spec: {
      minReplicas: number;
      maxReplicas: number;
      scaleTargetRef: { kind: string; name: string };
      metrics: { resource: { name: string; target: { type: string; averageUtilization: number } } }[];
    };
  };

/** The cells of the HPA card's CPU row: metric, target, current. */
const cpuRow = () => card.getByRole('row').filter({ hasText: 'CPU Target Utilization' }).getByRole('cell');

describe('Horizontal Pod Autoscaling of hpa-example', { timeout: 90_000 }, () => {
  it('sets the HPA from the detail page: min 1, max 10, CPU 50%', async () => {
    await page.goto(`/projects/${PROJECT}/deployments/${NAME}`);
    await page.getByText('Running (1/1)').waitFor({ timeout: 30_000 });
    await expect(page.getByRole('button', { name: 'Scale up' }).isEnabled()).resolves.toBe(true);
    await page.getByRole('button', { name: 'More' }).click();
    await page.getByRole('menuitem', { name: 'Horizontal Pod Autoscaling' }).click();
    const dialog = page.getByRole('dialog', { name: 'Horizontal Pod Autoscaling' });
    // The form is filled from the existing HPA (or defaults) once loaded; type after that.
    await eventually(
      'the form loaded',
      async () => (await field(dialog, 'Min Replicas').inputValue()) !== '',
    );
    await field(dialog, 'Min Replicas').fill('1');
    await field(dialog, 'Max Replicas').fill('10');
    await field(dialog, 'CPU Target Utilization (%)').fill('50');
    await shot(page, 'hpa-modal');
    await dialog.getByRole('button', { name: 'OK' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const hpa = await hpaJson();
    expect(hpa.spec.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: NAME });
    expect([hpa.spec.minReplicas, hpa.spec.maxReplicas]).toEqual([1, 10]);
    expect(hpa.spec.metrics.map((m) => [m.resource.name, m.resource.target])).toEqual([
      ['cpu', { type: 'Utilization', averageUtilization: 50 }],
    ]);
    const annotation = await kubectl(
      sphere,
      'get',
      'deployment',
      NAME,
      '-n',
      PROJECT,
      '-o',
      'jsonpath={.metadata.annotations.kubesphere\\.io/relatedHPA}',
    );
    expect(annotation).toBe(NAME);
  });

  it('the HPA card shows the targets and the measured utilization; scaling by hand is disabled', async () => {
    card = page.getByTestId('hpa-card');
    await card.waitFor();
    await card.getByText('Min Replicas').waitFor();
    await expect(cpuRow().nth(1).innerText()).resolves.toBe('50%');
    // The controller measures the pods' CPU (simulated kubelet usage) within one sync.
    await eventually(
      'the current CPU utilization in the card',
      async () => /^\d+%$/.test((await cpuRow().nth(2).innerText()).trim()),
      30_000,
    );
    await expect(page.getByRole('button', { name: 'Scale up' }).isDisabled()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Scale down' }).isDisabled()).resolves.toBe(true);
    await card.scrollIntoViewIfNeeded();
    await shot(page, 'hpa-card');
  });

  it('starts a load generator against the Service', async () => {
    await kubectl(
      sphere,
      'run',
      'load-generator',
      '-n',
      PROJECT,
      '--image=busybox',
      '--restart=Never',
      '--',
      '/bin/sh',
      '-c',
      `while true; do wget -q -O- http://${NAME}.${PROJECT}.svc.cluster.local; done`,
    );
    await eventually(
      'the load generator running',
      async () =>
        (await kubectl(
          sphere,
          'get',
          'pod',
          'load-generator',
          '-n',
          PROJECT,
          '-o',
          'jsonpath={.status.phase}',
        )) === 'Running',
    );
  });

  it('under load the CPU utilization passes 50% and the replicas rise', { timeout: 75_000 }, async () => {
    // The simulated kubelet's load rule (packages/kube/src/nodes/README.md): the generator puts 0.7
    // cores on the Service's pods, so one 200m pod (500m limit) reads 250%; the HPA syncs every 15 s.
    await eventually(
      'the card showing utilization above the 50% target',
      async () => Number.parseInt(await cpuRow().nth(2).innerText(), 10) > 50,
      45_000,
    );
    await eventually(
      'more than 1 desired replica on the page',
      async () => Number(await page.getByTestId('desired-replicas').innerText()) > 1,
      45_000,
    );
    const replicas = Number(
      await kubectl(sphere, 'get', 'deployment', NAME, '-n', PROJECT, '-o', 'jsonpath={.spec.replicas}'),
    );
    expect(replicas).toBeGreaterThan(1);
    expect(replicas).toBeLessThanOrEqual(10);
    await page
      .getByRole('row', { name: new RegExp(`${NAME}-.*Running`) })
      .nth(1)
      .waitFor({ timeout: 30_000 });
    await card.scrollIntoViewIfNeeded();
    await shot(page, 'hpa-scaled-up');
  });

  it('Cancel Autoscaling removes the HPA; the scale buttons return', async () => {
    await kubectl(sphere, 'delete', 'pod', 'load-generator', '-n', PROJECT, '--wait=false');
    await card.getByRole('button', { name: 'Cancel Autoscaling' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: 'OK' }).click();
    await card.waitFor({ state: 'detached' });
    await eventually('the scale buttons enabled', async () =>
      page.getByRole('button', { name: 'Scale up' }).isEnabled(),
    );
    await expect(page.getByRole('button', { name: 'Scale down' }).isEnabled()).resolves.toBe(true);
    await expect(
      kubectl(sphere, 'get', 'hpa', '-n', PROJECT, '-o', 'name').then((s) => s.trim()),
    ).resolves.toBe('');
    const annotations = await kubectl(
      sphere,
      'get',
      'deployment',
      NAME,
      '-n',
      PROJECT,
      '-o',
      'jsonpath={.metadata.annotations}',
    );
    expect(annotations).not.toContain('relatedHPA');
    await shot(page, 'hpa-cancelled');
  });
});
