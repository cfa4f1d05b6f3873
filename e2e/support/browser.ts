/**
 * @module e2e/support/browser
 * Headless Chromium through playwright-core, and the few page helpers the flows share: screenshots of
 * every page visited, form fields found by their visible label, antd Select choices, logging in.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { REPO_ROOT } from './sphere';

/** Where screenshots go (gitignored; kept as CI artifacts). */
export const ARTIFACTS = join(REPO_ROOT, 'test-artifacts', 'e2e');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Launches the system Chromium (`CHROMIUM_PATH` overrides `/usr/bin/chromium`). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}

/** A fresh page (own context, so own localStorage session) with a desktop viewport. */
export async function newPage(browser: Browser, baseURL: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

/** Saves numbered screenshots `<flow>-NN-<name>.png` for one flow. */
export function screenshots(flow: string): (page: Page, name: string) => Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  let n = 0;
  return async (page, name) => {
    n += 1;
    // Let antd's open/close animations settle so the picture shows the final state.
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(ARTIFACTS, `${flow}-${String(n).padStart(2, '0')}-${name}.png`) });
  };
}

/**
 * The input (or textarea) of the form item whose visible label is `label`. Works whether or not the
 * label is wired to the control with `for`/`id` (antd only does that for items with a `name`).
 */
export function field(scope: Page | Locator, label: string): Locator {
  // A `has` locator is matched inside each candidate, so it must start from the page, not `scope`.
  const page =
    'page' in scope && typeof scope.page === 'function' ? (scope as Locator).page() : (scope as Page);
  return scope
    .locator('.ant-form-item')
    .filter({
      has: page.locator('.ant-form-item-label label', {
        hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`),
      }),
    })
    .locator('input:not([type=checkbox]):not([type=radio]), textarea')
    .first();
}

/** Opens the antd Select `select` (its combobox) and clicks the option labelled `option`. */
export async function choose(page: Page, select: Locator, option: string | RegExp): Promise<void> {
  // Click the whole select: a chosen value's label lies over the search input.
  await select.locator('xpath=ancestor::div[contains(concat(" ", @class, " "), " ant-select ")][1]').click();
  const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
  const item = (
    typeof option === 'string'
      ? options.and(page.locator(`[title="${option}"]`))
      : options.filter({ hasText: option })
  ).first();
  await item.waitFor();
  const dropdown = page.locator('.ant-select-dropdown:visible');
  // In a scrolled page antd keeps re-aligning the dropdown, so Playwright may never see the option
  // "stable"; the option's own click handler is what a user's click reaches anyway. On a loaded machine
  // a click can also land while the list re-renders and be lost, so a dropdown still open is retried.
  for (let attempt = 0; ; attempt++) {
    await item.click({ timeout: 3_000 }).catch(() => item.dispatchEvent('click'));
    const closed = await dropdown
      .waitFor({ state: 'hidden', timeout: 5_000 })
      .then(() => true)
      .catch(() => false);
    if (closed) return;
    if (attempt === 2) throw new Error(`option ${String(option)} could not be chosen`);
  }
}

/**
 * Logs in through the login page; when the platform asks for a password change first, sets
 * `newPassword` (required then). Resolves on the first signed-in page.
 */
export async function logIn(
  page: Page,
  username: string,
  password: string,
  newPassword?: string,
): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log In' }).click();
  await page.waitForURL((u) => !u.pathname.endsWith('/login'));
  if (new URL(page.url()).pathname.endsWith('/password')) {
    if (!newPassword) throw new Error(`${username} must change the password first`);
    await page.getByLabel('Current Password').fill(password);
    await page.getByLabel('New Password').fill(newPassword);
    await page.getByLabel('Confirm Password').fill(newPassword);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL((u) => !u.pathname.endsWith('/password'));
  }
}

/** Opens the header's Platform panel and follows one of its entries. */
export async function openPlatformPage(page: Page, entry: string): Promise<void> {
  await page.getByTestId('platform-button').click();
  await page.getByRole('dialog').getByRole('menuitem', { name: entry }).click();
}

/** After each failed test, saves `<flow>-FAILED-<test>-<n>.png` of every open page, for diagnosis. */
export function screenshotFailures(flow: string, pages: () => (Page | undefined)[]): void {
  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail') return;
    const slug = ctx.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
    let i = 0;
    for (const page of pages()) {
      if (!page || page.isClosed()) continue;
      i += 1;
      await page
        .screenshot({ path: join(ARTIFACTS, `${flow}-FAILED-${slug}-${i}.png`) })
        .catch(() => undefined);
    }
  });
}

/**
 * Checks a checkbox, retrying when the click lands while a modal is still settling (antd re-lays the
 * page out when it locks the body's scroll, and a click in that frame may miss the box).
 */
export async function tick(box: Locator): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await box.check({ timeout: 5_000 });
      return;
    } catch (err) {
      if (attempt >= 3) throw err;
    }
  }
}

/**
 * Walks a wizard from its current step to the end with the defaults of the remaining steps: clicks Next
 * until the final button (Create) is offered, then clicks it. Flows use it where the later steps are not
 * what they test, so a new optional step in a wizard does not break them.
 */
export async function finishWizard(dialog: Locator, finalButton = 'Create'): Promise<void> {
  const next = dialog.getByRole('button', { name: 'Next', exact: true });
  const done = dialog.getByRole('button', { name: finalButton, exact: true });
  for (let step = 0; step < 12; step++) {
    await next.or(done).first().waitFor();
    if (await done.isVisible()) {
      await done.click();
      return;
    }
    await next.click();
  }
  throw new Error(`wizard never offered "${finalButton}"`);
}

/**
 * Clicks `button` until one more `rows` element exists (an "Add …" button of a list editor). A click that
 * lands while the panel around the button is still animating open can be swallowed on a loaded machine.
 */
export async function addRow(button: Locator, rows: Locator): Promise<void> {
  const before = await rows.count();
  for (let attempt = 0; attempt < 3; attempt++) {
    await button.click();
    const deadline = Date.now() + 3_000;
    while (Date.now() < deadline) {
      if ((await rows.count()) > before) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error('the row was not added');
}
