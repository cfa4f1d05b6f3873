/**
 * Flow 6: monitoring charts carry data. Against `sphere start` scraping every 2 s, with a Deployment and a
 * StatefulSet created through kubectl (not what this flow tests), the cluster status page, a node's
 * monitoring page, the project's monitoring page and the Monitoring tabs of a workload and of a pod each
 * draw charts whose latest values are numbers. Charts are uPlot canvases; each is a figure named by its
 * latest values and point count ("CPU Usage: Used 366 m, Capacity 24 cores (6 points)"), which is what
 * these steps read. Changing the time range (a preset, 7 days, a custom range) sends a new query with the
 * window's start, end and step, and the chart is drawn again from its answer. An alert policy created in
 * the console's form fires on every node and is listed under Alert Messages; a new threshold resolves it;
 * it is disabled and deleted. A policy created through the API fires and is listed too.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page, Request } from 'playwright-core';
import { tokenFor } from './support/api';
import { openPlatformPage, screenshotFailures, screenshots } from './support/browser';
import { startAdminFlow, stopFlow } from './support/flow';
import { eventually, kubectl, type SphereInstance } from './support/sphere';

const ADMIN_PASSWORD = 'Admin2026x';
const WORKSPACE = 'demo-workspace';
const PROJECT = 'demo-project';
const MONITORING = '/kapis/monitoring.kubesphere.io/v1alpha3';
const shot = screenshots('monitoring');

const WORKLOADS = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: ${PROJECT}, labels: { app: web } }
spec:
  replicas: 2
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - name: nginx
          image: nginx:1.25
          resources: { requests: { cpu: 100m, memory: 64Mi } }
---
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: db, namespace: ${PROJECT}, labels: { app: db } }
spec:
  replicas: 1
  serviceName: db
  selector: { matchLabels: { app: db } }
  template:
    metadata: { labels: { app: db } }
    spec:
      containers:
        - name: redis
          image: redis:7
          resources: { requests: { cpu: 50m, memory: 128Mi } }
`;

let sphere: SphereInstance;
let browser: Browser;
let page: Page;
let webPods: string[];

beforeAll(async () => {
  ({ sphere, browser, page } = await startAdminFlow({
    adminPassword: ADMIN_PASSWORD,
    workspace: WORKSPACE,
    project: PROJECT,
    scrapeInterval: 2,
  }));
  await applyWorkloads();
}, 120_000);

afterAll(() => stopFlow(browser, sphere));

screenshotFailures('monitoring', () => [page]);

/** kubectl apply of the workloads, then waits for their three pods to be ready. */
async function applyWorkloads(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sphere-e2e-monitoring-'));
  writeFileSync(join(dir, 'workloads.yaml'), WORKLOADS);
  await kubectl(sphere, 'apply', '-f', join(dir, 'workloads.yaml'));
  rmSync(dir, { recursive: true, force: true });
  const ready = (kind: string, name: string) =>
    kubectl(sphere, 'get', kind, name, '-n', PROJECT, '-o', 'jsonpath={.status.readyReplicas}');
  await eventually(
    'web and db ready',
    async () => (await ready('deployment', 'web')) === '2' && (await ready('statefulset', 'db')) === '1',
    60_000,
  );
  const names = await kubectl(sphere, 'get', 'pods', '-n', PROJECT, '-l', 'app=web', '-o', 'name');
  webPods = names
    .split('\n')
    .filter(Boolean)
    .map((n) => n.replace('pod/', ''))
    .sort();
}

/** The Refresh button of the page's time controls. */
function refresh(): Promise<void> {
  return page
    .locator('.ant-card')
    .filter({ has: page.getByRole('combobox', { name: 'Time Range' }) })
    .getByRole('button', { name: 'Refresh' })
    .click();
}

interface ChartReading {
  /** The latest value of each line, as the chart formats it ("366.3 m", "24 cores", "-" when none). */
  values: Record<string, string>;
  points: number;
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A formatted number with an optional unit: "366.3 m", "24 cores", "4.23 GiB", "1.53%", "2". */
const NUMBER = /^-?\d[\d.e+-]*(?: ?[A-Za-z]+|%)?$/;

/** Pure: the chart's figure name split into its lines' latest values and point count. */
function readChart(title: string, name: string, lines: string[]): ChartReading | undefined {
  const m = new RegExp(`^${esc(title)}: (.*) \\((\\d+) points?\\)$`).exec(name);
  if (!m) return undefined;
  const parts = m[1].split(', ');
  const values: Record<string, string> = {};
  for (const line of lines) {
    const part = parts.find((p) => p.startsWith(`${line} `));
    if (part) values[line] = part.slice(line.length + 1);
  }
  return { values, points: Number(m[2]) };
}

/**
 * Waits until the chart titled `title` draws every one of `lines` with a number as its latest value (and,
 * with `until`, until the reading satisfies it). Charts fetch once (auto refresh is off), so a chart that
 * does not show it yet, e.g. opened before the second scrape (rates need two), is refreshed every 3 s
 * with the page's Refresh button, as a user would.
 */
async function chartWithData(
  title: string,
  lines: string[],
  until: (r: ChartReading) => boolean = () => true,
  timeoutMs = 30_000,
): Promise<ChartReading> {
  const figure = page.getByRole('figure', { name: new RegExp(`^${esc(title)}: `) });
  let refreshed = Date.now();
  return eventually(
    `chart "${title}" with data for ${lines.join(', ')}`,
    async () => {
      const name = await figure.getAttribute('aria-label', { timeout: 2_000 }).catch(() => null);
      const reading = name ? readChart(title, name, lines) : undefined;
      if (reading && lines.every((l) => NUMBER.test(reading.values[l] ?? '')) && until(reading))
        return reading;
      if (Date.now() - refreshed > 3_000) {
        refreshed = Date.now();
        await refresh();
      }
      return undefined;
    },
    timeoutMs,
  );
}

/** The next range query of `path` (a monitoring API path), with its window in seconds and step. */
function nextQuery(path: string): Promise<{ start: number; end: number; step: string }> {
  return page
    .waitForRequest((r: Request) => new URL(r.url()).pathname === `${MONITORING}${path}`, { timeout: 15_000 })
    .then((r) => {
      const q = new URL(r.url()).searchParams;
      return { start: Number(q.get('start')), end: Number(q.get('end')), step: q.get('step') ?? '' };
    });
}

/**
 * Picks a preset of the Time Range select and returns the query it caused. The dropdown is a virtual
 * list showing eight of the thirteen entries, so the wheel scrolls it until the preset is rendered.
 */
async function pickPreset(path: string, preset: string) {
  const query = nextQuery(path);
  query.catch(() => undefined); // awaited below; a failed pick must not leave it unhandled
  const select = page.getByRole('combobox', { name: 'Time Range' });
  const option = page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${preset}"]`);
  await select.locator('xpath=ancestor::div[contains(concat(" ", @class, " "), " ant-select ")][1]').click();
  const list = page.locator('.ant-select-dropdown:visible .rc-virtual-list-holder');
  await list.waitFor();
  for (let i = 0; i < 10 && !(await option.isVisible()); i++) {
    await list.hover();
    await page.mouse.wheel(0, 120);
  }
  await option.click();
  await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
  return query;
}

describe('monitoring charts', { timeout: 90_000 }, () => {
  let hourPoints: number;

  it('cluster status: usage against capacity, utilisation and pod status carry data', async () => {
    const query = nextQuery('/cluster');
    await openPlatformPage(page, 'Cluster Status');
    await page.getByRole('heading', { name: 'Cluster Status' }).waitFor();
    // The default window is the last hour at one point a minute.
    const q = await query;
    expect(q.end - q.start).toBe(3600);
    expect(q.step).toBe('60s');

    const cpu = await chartWithData('CPU Usage', ['Used', 'Capacity']);
    expect(cpu.values.Capacity).toBe('24 cores'); // 3 simulated nodes × 8 cores
    await chartWithData('Memory Usage', ['Used', 'Capacity']);
    await chartWithData('Disk Usage', ['Used', 'Capacity']);
    await chartWithData('Pods', ['Used', 'Capacity']);
    await chartWithData('CPU Utilization', ['CPU Utilization', 'Memory Utilization']);
    const pods = await chartWithData(
      'Pod Status',
      ['Running', 'Succeeded', 'Abnormal'],
      (r) => r.values.Running === '3',
    );
    expect(pods.values.Abnormal).toBe('0');
    hourPoints = cpu.points;
    await shot(page, 'cluster-status');
  });

  it('cluster status: the node usage ranking lists the three nodes', async () => {
    const ranking = page.locator('.ant-card').filter({ hasText: 'Node Usage Ranking' });
    for (const node of ['node-1', 'node-2', 'node-3'])
      await ranking.getByRole('link', { name: node }).waitFor();
    // The CPU usage column shows each node's current usage.
    await ranking
      .getByRole('row')
      .filter({ hasText: 'node-1' })
      .getByText(/\d m$|cores$/)
      .waitFor();
  });

  it('time range: "Last 10 min" queries ten minutes at 10 s and draws more points', async () => {
    const q = await pickPreset('/cluster', 'Last 10 min');
    expect(q.end - q.start).toBe(600);
    expect(q.step).toBe('10s');
    const cpu = await chartWithData('CPU Usage', ['Used', 'Capacity'], (r) => r.points > hourPoints);
    expect(cpu.points).toBeLessThanOrEqual(61);
    await shot(page, 'cluster-last-10-min');
  });

  it('time range: "Last 7 d" queries a week at 3 h steps (5-minute averages)', async () => {
    const q = await pickPreset('/cluster', 'Last 7 d');
    expect(q.end - q.start).toBe(7 * 86400);
    expect(q.step).toBe('10800s');
    // The cluster is a minute old: of the week's 57 grid points only the newest has samples.
    const cpu = await chartWithData('CPU Usage', ['Used', 'Capacity'], (r) => r.points === 1);
    expect(cpu.values.Capacity).toBe('24 cores');
    await shot(page, 'cluster-last-7-days');
  });

  it('time range: a custom range queries exactly the chosen start and end', async () => {
    // The last 30 whole minutes, written and read in the browser's time zone.
    const range = await page.evaluate(() => {
      const pad = (n: number) => String(n).padStart(2, '0');
      const text = (d: Date) =>
        `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
        `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
      const end = new Date(Math.ceil(Date.now() / 60_000) * 60_000);
      const start = new Date(end.getTime() - 30 * 60_000);
      return { start: start.getTime() / 1000, end: end.getTime() / 1000, from: text(start), to: text(end) };
    });
    const query = nextQuery('/cluster');
    const from = page.getByPlaceholder('Start date');
    await from.click();
    await from.fill(range.from);
    await from.press('Enter');
    const to = page.getByPlaceholder('End date');
    await to.fill(range.to);
    await to.press('Enter');
    const q = await query;
    expect(q).toEqual({ start: range.start, end: range.end, step: '30s' });
    await page.locator('.ant-select-selection-item', { hasText: 'Custom' }).waitFor();
    await chartWithData('CPU Usage', ['Used', 'Capacity']);
    await shot(page, 'cluster-custom-range');
  });

  it("a node's monitoring page, from the ranking", async () => {
    await page.getByRole('link', { name: 'node-1' }).click();
    await page.waitForURL(/\/infrastructure\/monitoring\/nodes\/node-1$/);
    await page.getByRole('heading', { name: 'Node Monitoring: node-1' }).waitFor();
    const cpu = await chartWithData('CPU Usage', ['Used', 'Capacity']);
    expect(cpu.values.Capacity).toBe('8 cores');
    await chartWithData('Memory Usage', ['Used', 'Capacity']);
    await chartWithData('CPU Utilization', ['CPU Utilization', 'Memory Utilization']);
    await chartWithData('Disk Usage', ['Used', 'Capacity']);
    await chartWithData('Pods', ['Running', 'Capacity']);
    await shot(page, 'node');
  });

  it('project monitoring: usage, pod status, resource counts and top workloads', async () => {
    await page.goto(`/projects/${PROJECT}/overview`);
    await page.getByRole('menuitem', { name: 'Monitoring' }).click();
    await page.waitForURL(new RegExp(`/projects/${PROJECT}/monitoring$`));
    await chartWithData('CPU Usage', ['CPU Usage']);
    await chartWithData('Memory Usage', ['Memory Usage']);
    await chartWithData('Pod Status', ['Running', 'Abnormal'], (r) => r.values.Running === '3');
    const counts = page.locator('.ant-card').filter({ hasText: 'Application Resources' });
    for (const [title, value] of [
      ['Deployments', '1'],
      ['StatefulSets', '1'],
      ['Pods', '3'],
    ]) {
      await counts
        .locator('.ant-statistic')
        .filter({ has: page.getByText(title, { exact: true }) })
        .locator('.ant-statistic-content-value', { hasText: new RegExp(`^${value}$`) })
        .waitFor({ timeout: 40_000 });
    }
    const top = page.locator('.ant-card').filter({ hasText: 'Top Workloads by CPU' });
    await top.getByRole('cell', { name: 'web (Deployment)' }).waitFor();
    await top.getByRole('cell', { name: 'db (StatefulSet)' }).waitFor();
    await shot(page, 'project');
  });

  it('network charts carry data: the project and a Deployment per pod', async () => {
    // The simulated kubelets publish cAdvisor's container_network_* counters; rates need two scrapes.
    // The project's network chart draws both directions.
    await chartWithData('Network Outbound', ['Network Outbound', 'Network Inbound']);
    await page.goto(`/projects/${PROJECT}/deployments/web`);
    await page.getByRole('tab', { name: 'Monitoring' }).click();
    await chartWithData('Network Outbound', webPods);
    await chartWithData('Network Inbound', webPods);
    await shot(page, 'network');
  });

  it("a Deployment's Monitoring tab: one line per pod", async () => {
    await page.goto(`/projects/${PROJECT}/deployments/web`);
    await page.getByRole('tab', { name: 'Monitoring' }).click();
    const cpu = await chartWithData('CPU Usage', webPods);
    expect(Object.keys(cpu.values).sort()).toEqual(webPods);
    await chartWithData('Memory Usage', webPods);
    await shot(page, 'deployment-monitoring');
  });

  it("a pod's Monitoring tab, with a time range change", async () => {
    const pod = webPods[0];
    await page.goto(`/projects/${PROJECT}/pods/${pod}`);
    await page.getByRole('tab', { name: 'Monitoring' }).click();
    const before = await chartWithData('CPU Usage', [pod]);
    await chartWithData('Memory Usage', [pod]);
    const q = await pickPreset('/namespaces/' + PROJECT + '/pods', 'Last 10 min');
    expect([q.end - q.start, q.step]).toEqual([600, '10s']);
    await chartWithData('CPU Usage', [pod], (r) => r.points > before.points);
    await shot(page, 'pod-monitoring');
  });
});

describe('alert policies and messages', { timeout: 120_000 }, () => {
  const POLICY = 'node-cpu-form';
  const policyRow = () => page.getByRole('row').filter({ hasText: POLICY });
  /** The Alert Messages rows of POLICY whose state is `state`, one per node. */
  const messages = (state: 'Firing' | 'Resolved') =>
    page.getByRole('row').filter({ hasText: POLICY }).filter({ hasText: state });

  it('create an alert policy in the console; it fires, is edited until it resolves, and is deleted', async () => {
    await openPlatformPage(page, 'Alert Policies');
    await page.waitForURL(/\/infrastructure\/monitoring\/alert-policies$/);
    await page.getByRole('button', { name: 'Create Policy' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create Alert Policy' });
    await dialog.getByLabel('Name', { exact: true }).fill(POLICY);
    // Node CPU usage (cores) > 0 for 0 s, every node, severity warning.
    await dialog.getByRole('combobox', { name: 'Metric' }).fill('Node CPU usage');
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option[title="Node CPU usage"]')
      .click();
    await dialog.getByRole('textbox', { name: 'Node' }).waitFor(); // a node-level metric can name a node
    await dialog.getByRole('spinbutton', { name: 'Threshold' }).fill('0');
    await dialog.getByText('cores', { exact: true }).waitFor();
    await dialog.getByRole('spinbutton', { name: 'Duration (for)' }).fill('0');
    await dialog.getByRole('radio', { name: 'Warning' }).check();
    await dialog.getByLabel('Description').fill('any CPU use at all');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // Listed with its metric, condition and severity; firing on the three nodes after an evaluation.
    const row = policyRow();
    await row.getByText('Node CPU usage').waitFor();
    await row.getByText('> 0 cores').waitFor();
    await row.getByText('Warning').waitFor();
    await row.getByText('Firing (3)').waitFor({ timeout: 30_000 });
    await shot(page, 'alert-policies');

    // The JSON view shows the policy object.
    await page.getByRole('button', { name: `View JSON of ${POLICY}` }).click();
    const json = page.getByRole('dialog', { name: `Alert Policy: ${POLICY}` });
    await json.getByText('"metric": "node_cpu_usage"').waitFor();
    await json.locator('.ant-modal-footer').getByRole('button', { name: 'Close' }).click();
    await json.waitFor({ state: 'hidden' });

    await openPlatformPage(page, 'Alert Messages');
    await page.waitForURL(/\/infrastructure\/monitoring\/alerts$/);
    for (const node of ['node-1', 'node-2', 'node-3'])
      await messages('Firing').filter({ hasText: node }).first().waitFor({ timeout: 30_000 });

    // A threshold no node reaches: the next evaluation resolves the three alerts.
    await openPlatformPage(page, 'Alert Policies');
    await page.getByRole('button', { name: `Edit ${POLICY}` }).click();
    const edit = page.getByRole('dialog', { name: `Edit Alert Policy: ${POLICY}` });
    await expect(edit.getByLabel('Name', { exact: true }).isDisabled()).resolves.toBe(true);
    await expect(edit.getByRole('spinbutton', { name: 'Threshold' }).inputValue()).resolves.toBe('0');
    await edit.getByRole('spinbutton', { name: 'Threshold' }).fill('1000');
    await edit.getByRole('button', { name: 'Save' }).click();
    await edit.waitFor({ state: 'hidden' });
    await row.getByText('> 1000 cores').waitFor();
    await row.getByText('Inactive').waitFor({ timeout: 30_000 });

    await openPlatformPage(page, 'Alert Messages');
    await eventually(
      'three resolved messages and none firing',
      async () => (await messages('Resolved').count()) === 3 && (await messages('Firing').count()) === 0,
      30_000,
    );
    await shot(page, 'alert-messages-resolved');

    // Disable, then delete (typing the name to confirm).
    await openPlatformPage(page, 'Alert Policies');
    await page.getByRole('switch', { name: `Enable ${POLICY}` }).click();
    await row.getByText('Disabled').waitFor();
    await page.getByRole('button', { name: `Delete ${POLICY}` }).click();
    const del = page.getByRole('dialog', { name: 'Delete Alert Policy' });
    await del.getByRole('textbox', { name: 'Names to confirm' }).fill(POLICY);
    await del.getByRole('button', { name: 'Delete', exact: true }).click();
    await row.waitFor({ state: 'detached' });
  });

  it("a project's policy on its pod count, from the project's Alerting pages", async () => {
    await page.goto(`/projects/${PROJECT}/overview`);
    await page.getByRole('menuitem', { name: 'Alert Policies' }).click();
    await page.waitForURL(new RegExp(`/projects/${PROJECT}/alert-policies$`));
    await page.getByRole('button', { name: 'Create Policy' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create Alert Policy' });
    await dialog.getByLabel('Name', { exact: true }).fill('many-pods');
    // The form offers the project's metrics; a workload metric (the default) can name a workload.
    await dialog.getByRole('textbox', { name: 'Workload' }).waitFor();
    await dialog.getByRole('combobox', { name: 'Metric' }).fill('Pods in the project');
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option[title="Pods in the project"]')
      .click();
    await dialog.getByRole('textbox', { name: 'Workload' }).waitFor({ state: 'detached' });
    await dialog.getByRole('spinbutton', { name: 'Threshold' }).fill('2');
    await dialog.getByRole('spinbutton', { name: 'Duration (for)' }).fill('0');
    await dialog.getByRole('radio', { name: 'Critical' }).check();
    await dialog.getByRole('button', { name: 'Create' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.getByRole('row').filter({ hasText: 'many-pods' });
    await row.getByText('> 2', { exact: true }).waitFor();
    await row.getByText('Firing (1)').waitFor({ timeout: 30_000 }); // 3 pods > 2

    await page.getByRole('menuitem', { name: 'Alert Messages' }).click();
    await page.waitForURL(new RegExp(`/projects/${PROJECT}/alert-messages$`));
    await page
      .getByRole('row')
      .filter({ hasText: 'many-pods' })
      .filter({ hasText: 'Firing' })
      .getByText(`namespace_pod_count = 3 ${PROJECT}`)
      .waitFor({ timeout: 30_000 });
    await shot(page, 'project-alert-messages');
  });

  it('a policy created through the API fires and is listed under Alert Messages', async () => {
    const token = await tokenFor(sphere, 'admin', ADMIN_PASSWORD);
    const res = await fetch(`${sphere.url}/kapis/alerting.kubesphere.io/v2alpha1/rules`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        name: 'node-cpu-busy',
        metric: 'node_cpu_usage',
        condition: '>',
        threshold: 0,
        duration: '0s',
        severity: 'warning',
      }),
    });
    expect(res.status).toBeLessThan(300);
    await openPlatformPage(page, 'Alert Messages');
    await page.waitForURL(/\/infrastructure\/monitoring\/alerts$/);
    // A firing message per node (the page refetches every 10 s).
    const rows = page.getByRole('row').filter({ hasText: 'node-cpu-busy' });
    for (const node of ['node-1', 'node-2', 'node-3']) {
      await rows.filter({ hasText: node }).filter({ hasText: 'Firing' }).first().waitFor({ timeout: 30_000 });
    }
    await expect(
      rows
        .first()
        .getByText(/^node_cpu_usage = [\d.]+ node-\d$/)
        .count(),
    ).resolves.toBe(1);
    await shot(page, 'alert-messages');
  });
});
