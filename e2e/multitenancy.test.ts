/**
 * Flow 2: the multitenancy quick start. The admin creates the accounts and a workspace managed by
 * ws-admin; ws-admin creates a project and invites project-regular as operator; project-regular then
 * sees that project, and neither the platform's account management nor another workspace.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  choose,
  field,
  launchBrowser,
  logIn,
  newPage,
  openPlatformPage,
  screenshotFailures,
  screenshots,
  finishWizard,
} from './support/browser';
import { eventually, kubectl, startSphere, type SphereInstance } from './support/sphere';

const ADMIN_PASSWORD = 'Admin2026x';
const USER_PASSWORD = 'User2026x1';
const USER_NEW_PASSWORD = 'User2026x2';
const WORKSPACE = 'demo-workspace';
const OTHER_WORKSPACE = 'other-workspace';
const PROJECT = 'demo-project';
const shot = screenshots('multitenancy');

let sphere: SphereInstance;
let browser: Browser;

beforeAll(async () => {
  sphere = await startSphere({ adminPassword: ADMIN_PASSWORD });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await sphere?.stop();
});

/** Fills and submits the Create Account dialog. */
async function createAccount(page: Page, username: string, role: string): Promise<void> {
  await page.getByTestId('create-button').click();
  const dialog = page.getByRole('dialog', { name: 'Create Account' });
  await dialog.getByLabel('Username').fill(username);
  await dialog.getByLabel('Email').fill(`${username}@example.com`);
  await choose(page, dialog.getByLabel('Platform Role'), role);
  await dialog.getByLabel('Password').fill(USER_PASSWORD);
  await dialog.getByRole('button', { name: 'Create' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.getByRole('link', { name: username, exact: true }).waitFor();
}

async function createWorkspace(page: Page, name: string, manager: string): Promise<void> {
  await page.getByTestId('create-button').click();
  const dialog = page.getByRole('dialog', { name: 'Create Workspace' });
  await dialog.getByLabel('Name').fill(name);
  await choose(page, dialog.getByLabel('Workspace Manager'), manager);
  await dialog.getByRole('button', { name: 'Create' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.getByRole('link', { name, exact: true }).waitFor();
}

describe('multitenancy quick start', { timeout: 90_000 }, () => {
  let admin: Page;
  let wsAdmin: Page;
  let regular: Page;
  beforeAll(async () => {
    [admin, wsAdmin, regular] = await Promise.all([1, 2, 3].map(() => newPage(browser, sphere.url)));
  });
  screenshotFailures('multitenancy', () => [admin, wsAdmin, regular]);

  it('admin creates the accounts ws-admin and project-regular', async () => {
    await logIn(admin, 'admin', ADMIN_PASSWORD);
    await shot(admin, 'admin-workbench');
    await openPlatformPage(admin, 'Accounts');
    await admin.waitForURL(/\/accounts/);
    await createAccount(admin, 'ws-admin', 'platform-regular');
    await createAccount(admin, 'project-regular', 'platform-regular');
    await shot(admin, 'accounts');
    const users = await kubectl(sphere, 'get', 'users.iam.kubesphere.io', '-o', 'name');
    expect(users).toContain('ws-admin');
    expect(users).toContain('project-regular');
  });

  it('admin creates a workspace managed by ws-admin, and another one', async () => {
    await openPlatformPage(admin, 'Workspaces');
    await admin.waitForURL(/\/workspaces/);
    await createWorkspace(admin, WORKSPACE, 'ws-admin');
    await createWorkspace(admin, OTHER_WORKSPACE, 'admin');
    await shot(admin, 'workspaces');
  });

  it('ws-admin sees its workspace and creates a project in it', async () => {
    await logIn(wsAdmin, 'ws-admin', USER_PASSWORD, USER_NEW_PASSWORD);
    await wsAdmin.goto(`/workspaces/${WORKSPACE}/projects`);
    await wsAdmin.getByTestId('create-button').click();
    const dialog = wsAdmin.getByRole('dialog', { name: 'Create Project' });
    await field(dialog, 'Name').fill(PROJECT);
    await finishWizard(dialog);
    await dialog.waitFor({ state: 'hidden' });
    await wsAdmin.getByRole('link', { name: PROJECT, exact: true }).waitFor();
    await shot(wsAdmin, 'workspace-projects');
    const labels = await kubectl(sphere, 'get', 'namespace', PROJECT, '-o', 'jsonpath={.metadata.labels}');
    expect(labels).toContain(`"kubesphere.io/workspace":"${WORKSPACE}"`);
  });

  it('ws-admin invites project-regular to the project as operator', async () => {
    await wsAdmin.goto(`/projects/${PROJECT}/members`);
    await wsAdmin.getByTestId('create-button').click();
    const dialog = wsAdmin.getByRole('dialog', { name: 'Invite Member' });
    await choose(wsAdmin, dialog.getByLabel('Username'), 'project-regular');
    await choose(wsAdmin, dialog.getByLabel('Role'), /operator/);
    await shot(wsAdmin, 'invite-member');
    await dialog.getByRole('button', { name: 'Invite' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await wsAdmin.getByRole('cell', { name: 'project-regular', exact: true }).waitFor();
    await shot(wsAdmin, 'project-members');
    await eventually('the operator role binding', async () =>
      (await kubectl(sphere, 'get', 'rolebindings', '-n', PROJECT, '-o', 'yaml')).includes('project-regular'),
    );
  });

  it('project-regular sees its project and its workloads', async () => {
    await logIn(regular, 'project-regular', USER_PASSWORD, USER_NEW_PASSWORD);
    await shot(regular, 'regular-workbench');
    await regular.goto(`/projects/${PROJECT}/deployments`);
    await regular.getByText(`Workspace: ${WORKSPACE}`).waitFor();
    await regular.getByText('No Deployments yet.', { exact: false }).waitFor();
    await expect(regular.getByText(/cannot list/).count()).resolves.toBe(0);
    await shot(regular, 'regular-project-deployments');
  });

  it('project-regular, an operator, may create workloads (Create button)', async () => {
    await regular.goto(`/projects/${PROJECT}/deployments`);
    await regular.getByTestId('create-button').waitFor();
  });

  it('project-regular sees only its own project, not the other workspace', async () => {
    await regular.goto('/projects');
    await regular.getByRole('link', { name: PROJECT, exact: true }).waitFor();
    await expect(regular.getByRole('row').count()).resolves.toBe(2); // header + its project
    await shot(regular, 'regular-projects');
    await regular.goto(`/workspaces/${OTHER_WORKSPACE}/projects`);
    await regular
      .getByText(/forbidden|cannot|not found/i)
      .first()
      .waitFor();
    await expect(regular.getByTestId('create-button').count()).resolves.toBe(0);
    await shot(regular, 'regular-other-workspace');
  });

  it('project-regular has no Accounts entry in the Platform panel', async () => {
    await regular.getByTestId('platform-button').click();
    await regular.getByRole('dialog').getByRole('menuitem').first().waitFor();
    await expect(
      regular.getByRole('dialog').getByRole('menuitem', { name: 'Accounts' }).count(),
    ).resolves.toBe(0);
  });
});
