/**
 * @module virtual-check
 * Measures how long the deployments list takes to show its first rows with 10,000 items on one page
 * (virtual rows) against the stub API, and how many row elements the DOM holds. Prints the figures.
 * Run after a build: STUB_DEPLOYMENTS=10000 npx tsx packages/console/test/virtual-check.ts
 */
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startStub } from './stub-api';

const PORT = 30883;
const BASE = `http://127.0.0.1:${PORT}`;

async function main(): Promise<void> {
  const stop = await startStub(PORT, join(import.meta.dirname, '..', 'dist'));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${BASE}/login`);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill('P@88w0rd');
    await page.getByRole('button', { name: 'Log In' }).click();
    await page.getByText(/Welcome/).waitFor();
    const started = Date.now();
    await page.goto(`${BASE}/projects/demo/deployments?limit=10000&sortBy=name&ascending=true`);
    await page.getByRole('link', { name: 'web-00000' }).waitFor({ timeout: 60_000 });
    const firstRows = Date.now() - started;
    const total = await page.getByText(/Total: \d+ items/).innerText();
    const rowsInDom = await page.locator('.ant-table-row').count();
    const scrollStart = Date.now();
    await page.locator('.ant-table-tbody-virtual-holder').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await page.getByRole('link', { name: /web-0(9999|1199)/ }).waitFor({ timeout: 30_000 });
    const scrollToEnd = Date.now() - scrollStart;
    console.log(JSON.stringify({ total, firstRowsMs: firstRows, rowsInDom, scrollToEndMs: scrollToEnd }));
  } finally {
    await browser.close();
    stop();
  }
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
