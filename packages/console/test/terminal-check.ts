/**
 * @module terminal-check
 * Opens a pod's Logs and Terminal tabs in a running `sphere start` and types a command into the
 * terminal; saves screenshots. Run: SPHERE_URL=... SPHERE_PASSWORD=... POD=ns/name npx tsx packages/console/test/terminal-check.ts
 */
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const BASE = process.env.SPHERE_URL ?? 'http://127.0.0.1:30880';
const [ns, pod] = (process.env.POD ?? 'demo/mysql-0').split('/');
const OUT = join(import.meta.dirname, '..', '..', '..', 'test-artifacts', 'console');

async function main(): Promise<void> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('response', (r) => r.status() >= 400 && console.log('HTTP', r.status(), r.url()));
    await page.goto(`${BASE}/login`);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill(process.env.SPHERE_PASSWORD ?? 'P@88w0rd');
    await page.getByRole('button', { name: 'Log In' }).click();
    await page.getByText(/Welcome/).waitFor();
    await page.goto(`${BASE}/projects/${ns}/pods/${pod}/logs`);
    await page.waitForTimeout(2500);
    await page.screenshot({ path: join(OUT, 'platform-12-pod-logs.png') });
    await page.goto(`${BASE}/projects/${ns}/pods/${pod}/terminal`);
    await page.getByText('Connected').waitFor({ timeout: 10_000 });
    await page.locator('.xterm').click();
    await page.keyboard.type('hostname\r');
    await page.keyboard.type('env\r');
    await page.waitForTimeout(1500);
    await page.screenshot({ path: join(OUT, 'platform-13-pod-terminal.png') });
    console.log('terminal text:', (await page.locator('.xterm-rows').innerText()).slice(0, 300));
  } finally {
    await browser.close();
  }
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
