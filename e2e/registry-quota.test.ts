/**
 * Flow 10: project configuration pages. Configuration Center › Image Registry creates a registry
 * Secret after Test Connection against a stub registry this file starts (`GET /v2/` answers 401
 * without the right basic credentials, 200 with them): unreachable, authentication failed and verified
 * are each shown. Project Settings › Basic Information edits the Resource Quota and the Default Container
 * Resources; kubectl then shows the ResourceQuota and the LimitRange.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { field, screenshotFailures, screenshots } from './support/browser';
import { startAdminFlow, stopFlow } from './support/flow';
import { eventually, kubectl, type SphereInstance } from './support/sphere';

const ADMIN_PASSWORD = 'Admin2026x';
const PROJECT = 'demo-project';
const REGISTRY_USER = 'robot';
const REGISTRY_PASSWORD = 'Harbor-2026';
const shot = screenshots('registry-quota');

let sphere: SphereInstance;
let browser: Browser;
let page: Page;
let registry: Server;
let registryAddress = '';
let dialog: Locator;

/** A Docker registry's `/v2/` login check, and nothing else. */
function startStubRegistry(): Promise<Server> {
  const expected = `Basic ${Buffer.from(`${REGISTRY_USER}:${REGISTRY_PASSWORD}`).toString('base64')}`;
  const server = createServer((req, res) => {
    if (req.url !== '/v2/') {
      res.writeHead(404).end();
    } else if (req.headers.authorization === expected) {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    } else {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="stub registry"' }).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** A loopback port nobody listens on. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

beforeAll(async () => {
  registry = await startStubRegistry();
  registryAddress = `http://127.0.0.1:${(registry.address() as AddressInfo).port}`;
  ({ sphere, browser, page } = await startAdminFlow({ adminPassword: ADMIN_PASSWORD, project: PROJECT }));
}, 120_000);

afterAll(async () => {
  await stopFlow(browser, sphere);
  await new Promise((r) => (registry ? registry.close(r) : r(undefined)));
});

screenshotFailures('registry-quota', () => [page]);

/** Clicks Test Connection and returns the result alert once it shows `title`. */
async function testConnection(title: string | RegExp): Promise<Locator> {
  await dialog.getByRole('button', { name: 'Test Connection' }).click();
  const result = dialog.getByRole('status').filter({ hasText: title });
  await result.waitFor();
  return result;
}

describe('Image Registry', { timeout: 60_000 }, () => {
  it('Create Image Registry: name, address, credentials', async () => {
    await page.goto(`/projects/${PROJECT}/overview`);
    await page.getByRole('menuitem', { name: 'Image Registry' }).click();
    await page.getByRole('heading', { name: 'Image Registry' }).waitFor();
    await page.getByRole('button', { name: 'Create' }).click();
    dialog = page.getByRole('dialog', { name: 'Create Image Registry' });
    await field(dialog, 'Name').fill('harbor-demo');
    await field(dialog, 'Alias').fill('Demo Harbor');
    await field(dialog, 'Registry address').fill(`http://127.0.0.1:${await closedPort()}`);
    await field(dialog, 'Username').fill(REGISTRY_USER);
    await field(dialog, 'Password').fill('wrong-password');
    await field(dialog, 'Email').fill('robot@demo.io');
  });

  it('Test Connection: unreachable, then authentication failed, then verified', async () => {
    const unreachable = await testConnection('Registry unreachable');
    await unreachable.getByText(/registry unreachable: .*ECONNREFUSED/).waitFor();
    await field(dialog, 'Registry address').fill(registryAddress);
    const failed = await testConnection('Authentication failed');
    await failed.getByText(/rejected the username or password \(HTTP 401\)/).waitFor();
    await shot(page, 'registry-auth-failed');
    await field(dialog, 'Password').fill(REGISTRY_PASSWORD);
    // Editing a field clears the previous result.
    await expect(dialog.getByRole('status').count()).resolves.toBe(0);
    await testConnection('Connection verified');
    await shot(page, 'registry-verified');
  });

  it('Create: the registry Secret is listed and holds the credentials', async () => {
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'harbor-demo' }) });
    await row.getByText(registryAddress).waitFor();
    await row.getByText(REGISTRY_USER).waitFor();
    await shot(page, 'registry-list');
    const secret = JSON.parse(
      await kubectl(sphere, 'get', 'secret', 'harbor-demo', '-n', PROJECT, '-o', 'json'),
    ) as { type: string; data: Record<string, string> };
    expect(secret.type).toBe('kubernetes.io/dockerconfigjson');
    const config = JSON.parse(Buffer.from(secret.data['.dockerconfigjson'], 'base64').toString()) as {
      auths: Record<string, { username: string; password: string; email: string; auth: string }>;
    };
    expect(config.auths[registryAddress]).toMatchObject({
      username: REGISTRY_USER,
      password: REGISTRY_PASSWORD,
      email: 'robot@demo.io',
    });
  });
});

describe('Basic Information: quota and default container resources', { timeout: 60_000 }, () => {
  it('Edit Quota: CPU, memory and pods; kubectl shows the ResourceQuota', async () => {
    await page.getByRole('menuitem', { name: 'Basic Information' }).click();
    const quota = page
      .locator('.ant-card')
      .filter({ has: page.getByText('Resource Quota', { exact: true }) });
    await quota.getByRole('button', { name: 'Edit Quota' }).click();
    dialog = page.getByRole('dialog', { name: 'Edit Quota' });
    await field(dialog, 'CPU Limit').fill('4');
    await field(dialog, 'CPU Request').fill('2');
    await field(dialog, 'Memory Limit').fill('8Gi');
    await field(dialog, 'Memory Request').fill('4Gi');
    await field(dialog, 'Pods').fill('20');
    await shot(page, 'edit-quota');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const hard = await eventually('the ResourceQuota', async () =>
      JSON.parse(
        await kubectl(sphere, 'get', 'resourcequota', PROJECT, '-n', PROJECT, '-o', 'jsonpath={.spec.hard}'),
      ),
    );
    expect(hard).toEqual({
      'limits.cpu': '4',
      'requests.cpu': '2',
      'limits.memory': '8Gi',
      'requests.memory': '4Gi',
      pods: '20',
    });
    // The card shows the quota next to what is used.
    const pods = quota.getByRole('row').filter({ hasText: 'Pods' });
    await pods.getByRole('cell', { name: '20', exact: true }).waitFor();
    await quota.scrollIntoViewIfNeeded();
    await shot(page, 'quota-card');
  });

  it('Edit Default Resources: requests and limits; kubectl shows the LimitRange', async () => {
    const limits = page
      .locator('.ant-card')
      .filter({ has: page.getByText('Default Container Resources', { exact: true }) });
    await limits.getByRole('button', { name: 'Edit Default Resources' }).click();
    dialog = page.getByRole('dialog', { name: 'Edit Default Resources' });
    await field(dialog, 'CPU Request').fill('100m');
    await field(dialog, 'CPU Limit').fill('1');
    await field(dialog, 'Memory Request').fill('128Mi');
    await field(dialog, 'Memory Limit').fill('512Mi');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await limits.getByText('512Mi').waitFor();
    const ranges = JSON.parse(await kubectl(sphere, 'get', 'limitrange', '-n', PROJECT, '-o', 'json')) as {
      items: { spec: { limits: { type: string; default: object; defaultRequest: object }[] } }[];
    };
    expect(ranges.items).toHaveLength(1);
    const container = ranges.items[0].spec.limits.find((l) => l.type === 'Container');
    expect(container?.default).toEqual({ cpu: '1', memory: '512Mi' });
    expect(container?.defaultRequest).toEqual({ cpu: '100m', memory: '128Mi' });
    await limits.scrollIntoViewIfNeeded();
    await shot(page, 'default-resources');
  });
});
