/**
 * The set-up most browser flows share: `sphere start`, a workspace and project arranged through the API,
 * and a browser page logged in as admin. Each flow file calls `startAdminFlow` in its beforeAll and
 * `stopFlow` in its afterAll.
 */
import type { Browser, Page } from 'playwright-core';
import { createProject } from './api';
import { launchBrowser, logIn, newPage } from './browser';
import { startSphere, type SphereInstance } from './sphere';

export interface AdminFlow {
  sphere: SphereInstance;
  browser: Browser;
  page: Page;
}

export async function startAdminFlow(o: {
  adminPassword: string;
  project: string;
  workspace?: string;
  scrapeInterval?: number;
}): Promise<AdminFlow> {
  const sphere = await startSphere({ adminPassword: o.adminPassword, scrapeInterval: o.scrapeInterval });
  await createProject(sphere, o.adminPassword, o.workspace ?? 'demo-workspace', o.project);
  const browser = await launchBrowser();
  const page = await newPage(browser, sphere.url);
  await logIn(page, 'admin', o.adminPassword);
  return { sphere, browser, page };
}

/** Closes the browser and stops the server (either may be missing when the set-up failed half-way). */
export async function stopFlow(
  browser: Browser | undefined,
  sphere: SphereInstance | undefined,
): Promise<void> {
  await browser?.close();
  await sphere?.stop();
}
