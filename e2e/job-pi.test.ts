/**
 * Flow 4: the quick start's Job computing π to 2000 places (perl image, `perl -Mbignum=bpi -wle
 * 'print bpi(2000)'`), created through the Job wizard; it completes and its pod's Container Logs tab
 * shows the digits of π.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { field, screenshotFailures, screenshots, tick } from './support/browser';
import { startAdminFlow, stopFlow } from './support/flow';
import { eventually, kubectl, type SphereInstance } from './support/sphere';

const ADMIN_PASSWORD = 'Admin2026x';
const PROJECT = 'demo-project';
const NAME = 'pi';
const PI_PREFIX = '3.14159265358979323846264338327950288419716939937510';
const COMMAND = ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'];
const shot = screenshots('job-pi');

let sphere: SphereInstance;
let browser: Browser;
let page: Page;
let dialog: Locator;

beforeAll(async () => {
  ({ sphere, browser, page } = await startAdminFlow({ adminPassword: ADMIN_PASSWORD, project: PROJECT }));
}, 120_000);

afterAll(() => stopFlow(browser, sphere));

screenshotFailures('job-pi', () => [page]);

describe('Job computing π', { timeout: 90_000 }, () => {
  it('basic information', async () => {
    await page.goto(`/projects/${PROJECT}/jobs`);
    await page.getByRole('heading', { name: 'Jobs' }).waitFor();
    await page.getByTestId('create-button').click();
    dialog = page.getByRole('dialog', { name: 'Create Job' });
    await field(dialog, 'Name').fill(NAME);
    await shot(page, 'basic-info');
    await dialog.getByRole('button', { name: 'Next' }).click();
  });

  it('job settings: back-off limit 4', async () => {
    await field(dialog, 'Back-off limit').fill('4');
    await shot(page, 'job-settings');
    await dialog.getByRole('button', { name: 'Next' }).click();
  });

  it('pod template: restart Never, a perl container with the bpi(2000) command', async () => {
    await tick(dialog.getByRole('radio', { name: 'Never' }));
    await dialog.getByRole('button', { name: 'Add Container' }).click();
    const editor = dialog.getByTestId('container-editor');
    await field(editor, 'Image').fill('perl:5.34');
    await editor.getByRole('button', { name: 'Advanced Options' }).click();
    await editor.getByRole('button', { name: 'Command and Arguments' }).click();
    const command = editor.getByRole('combobox', { name: 'Command', exact: true });
    for (const word of COMMAND) {
      await command.fill(word);
      await command.press('Enter');
    }
    await shot(page, 'container-command');
    await editor.getByRole('button', { name: 'Save' }).click();
    await editor.waitFor({ state: 'hidden' });
    await dialog.getByText('perl:5.34').waitFor();
    await shot(page, 'pod-template');
    await dialog.getByRole('button', { name: 'Next' }).click();
  });

  it('labels, then Create', async () => {
    await shot(page, 'labels');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 20_000 });
    const spec = JSON.parse(
      await kubectl(sphere, 'get', 'job', NAME, '-n', PROJECT, '-o', 'jsonpath={.spec.template.spec}'),
    ) as { containers: { command?: string[] }[]; restartPolicy: string };
    expect(spec.containers[0].command).toEqual(COMMAND);
    expect(spec.restartPolicy).toBe('Never');
  });

  it('the Job completes', { timeout: 60_000 }, async () => {
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: NAME, exact: true }) });
    await row.getByText('Completed').waitFor({ timeout: 45_000 });
    await shot(page, 'list-completed');
    await row.getByRole('link', { name: NAME, exact: true }).click();
    await page.waitForURL(new RegExp(`/jobs/${NAME}`));
    await page.getByText('Completed').first().waitFor();
    await shot(page, 'detail');
  });

  it("the pod's Container Logs tab shows π to 2000 places", async () => {
    const podName = await eventually('the job pod', async () =>
      (
        await kubectl(
          sphere,
          'get',
          'pods',
          '-n',
          PROJECT,
          '-l',
          `job-name=${NAME}`,
          '-o',
          'jsonpath={.items[0].metadata.name}',
        )
      ).trim(),
    );
    await page.goto(`/projects/${PROJECT}/pods`);
    await page.getByRole('link', { name: podName }).click();
    await page.waitForURL(new RegExp(`/pods/${podName}`));
    await shot(page, 'pod-detail');
    await page.getByRole('tab', { name: 'Container Logs' }).click();
    const logs = page.getByTestId('pod-logs');
    await logs.getByText(PI_PREFIX, { exact: false }).waitFor();
    const digits = (await logs.innerText()).replace(/\s/g, '');
    expect(digits.startsWith(PI_PREFIX)).toBe(true);
    expect(digits.length).toBeGreaterThanOrEqual(2001); // "3." and the decimals
    await shot(page, 'pod-logs');
  });
});
