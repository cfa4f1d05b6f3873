/**
 * Flow 1: first login of the admin — a wrong password is refused with a message, the default password
 * must be changed before anything else, and afterwards only the new password works.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage, screenshots } from './support/browser';
import { startSphere, type SphereInstance } from './support/sphere';

const DEFAULT_PASSWORD = 'P@88w0rd';
const NEW_PASSWORD = 'Sphere2026x';
const shot = screenshots('login');

let sphere: SphereInstance;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  sphere = await startSphere();
  browser = await launchBrowser();
  page = await newPage(browser, sphere.url);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await sphere?.stop();
});

async function submitLogin(username: string, password: string): Promise<void> {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log In' }).click();
}

describe('login and the forced password change', { timeout: 90_000 }, () => {
  it('shows the login page for a signed-out visitor', async () => {
    await page.goto('/dashboard');
    await page.waitForURL(/\/login/);
    await page.getByRole('button', { name: 'Log In' }).waitFor();
    expect(new URL(page.url()).searchParams.get('redirect')).toBe('/dashboard');
    await shot(page, 'login-page');
  });

  it('refuses a wrong password with an error and stays on the login page', async () => {
    await submitLogin('admin', 'not-the-password');
    await page.getByText('Incorrect username or password.').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    await shot(page, 'wrong-password');
  });

  it('sends the admin to the password change at first login', async () => {
    await submitLogin('admin', DEFAULT_PASSWORD);
    await page.waitForURL(/\/password/);
    await page.getByText(/first login/i).waitFor();
    // Any other page still leads back to the password change.
    await page.goto('/workspaces');
    await page.waitForURL(/\/password/);
    await shot(page, 'forced-password-change');
  });

  it('rejects a weak new password and a mismatched confirmation', async () => {
    await page.getByLabel('Current Password').fill(DEFAULT_PASSWORD);
    await page.getByLabel('New Password').fill('short');
    await page.getByLabel('Confirm Password').fill('other');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('The password must be at least 8 characters.').waitFor();
    await page.getByText('The passwords do not match.').waitFor();
    await shot(page, 'password-rules');
    expect(new URL(page.url()).pathname).toBe('/password');
  });

  it('changes the password and lands on the workbench', async () => {
    await page.getByLabel('New Password').fill(NEW_PASSWORD);
    await page.getByLabel('Confirm Password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\/dashboard/);
    await page.getByTestId('user-menu').getByText('admin').waitFor();
    await shot(page, 'workbench');
  });

  it('logs out, refuses the old password and accepts the new one', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Log Out' }).click();
    await page.waitForURL(/\/login/);
    await submitLogin('admin', DEFAULT_PASSWORD);
    await page.getByText('Incorrect username or password.').waitFor();
    await submitLogin('admin', NEW_PASSWORD);
    await page.waitForURL(/\/dashboard/);
    await shot(page, 'logged-in-again');
  });
});
