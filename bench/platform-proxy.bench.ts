/**
 * Proxy overhead benchmark: get and list of ConfigMaps straight from the embedded cluster (HTTPS,
 * kubeconfig credentials, keep-alive) versus through the platform's `/api` proxy (bearer token, tenant
 * authorization, then the same request to the cluster), as a platform admin and as a project member.
 * The cluster runs as a separate process (`sphere kube`). Run: npx tsx bench/platform-proxy.bench.ts
 */
import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPlatform } from '../packages/platform/src/index';
import { KubeClient } from '../packages/platform/src/kube/client';
import { transportFromKubeconfig } from '../packages/platform/src/kube/transport';
import { startEmbeddedCluster } from '../packages/platform/test/harness';

const ROUNDS = 300;
const CONFIGMAPS = 200;
const PW = 'Bench-Passw0rd';

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function main() {
  const cluster = await startEmbeddedCluster(mkdtempSync(join(tmpdir(), 'bench-proxy-')));
  const direct = new KubeClient(await transportFromKubeconfig(cluster.kubeconfigPath));
  const platform = await startPlatform({
    kubeconfigPath: cluster.kubeconfigPath,
    port: 0,
    adminPassword: PW,
    bcryptCost: 4,
    log: () => {},
  });
  const agent = new http.Agent({ keepAlive: true });
  const call = (token: string, method: string, path: string, body?: unknown) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = http.request(
        platform.url + path,
        { method, agent, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  const token = async (user: string) => {
    const r = await fetch(`${platform.url}/oauth/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'password', username: user, password: PW }),
    });
    return ((await r.json()) as { access_token: string }).access_token;
  };
  const admin = await token('admin');
  await call(admin, 'POST', '/kapis/iam.kubesphere.io/v1alpha2/users', {
    metadata: { name: 'dev', annotations: { 'iam.kubesphere.io/globalrole': 'platform-regular' } },
    spec: { email: 'dev@example.com', password: PW },
  });
  await call(admin, 'POST', '/kapis/tenant.kubesphere.io/v1alpha2/workspaces', {
    metadata: { name: 'bench' },
    spec: { template: { spec: { manager: 'dev' } } },
  });
  await call(admin, 'POST', '/kapis/tenant.kubesphere.io/v1alpha2/workspaces/bench/namespaces', {
    metadata: { name: 'bench-ns' },
  });
  for (let i = 0; i < CONFIGMAPS; i++) {
    await direct.request('POST', '/api/v1/namespaces/bench-ns/configmaps', {
      metadata: { name: `cm-${i}` },
      data: { key: 'x'.repeat(200) },
    });
  }
  const dev = await token('dev');

  const measure = async (fn: () => Promise<unknown>) => {
    for (let i = 0; i < 20; i++) await fn();
    const times: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const t0 = performance.now();
      await fn();
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    return { p50: percentile(times, 50), p99: percentile(times, 99) };
  };
  const GET = '/api/v1/namespaces/bench-ns/configmaps/cm-7';
  const LIST = '/api/v1/namespaces/bench-ns/configmaps';
  const ok = async (p: Promise<{ status: number }>) => {
    const r = await p;
    if (r.status !== 200) throw new Error(`HTTP ${r.status}`);
  };
  const rows: [string, () => Promise<unknown>][] = [
    ['get: cluster directly', () => direct.raw('GET', GET)],
    ['get: platform proxy, platform admin', () => ok(call(admin, 'GET', GET))],
    ['get: platform proxy, workspace admin', () => ok(call(dev, 'GET', GET))],
    [`list ${CONFIGMAPS}: cluster directly`, () => direct.raw('GET', LIST)],
    [`list ${CONFIGMAPS}: platform proxy, platform admin`, () => ok(call(admin, 'GET', LIST))],
    [`list ${CONFIGMAPS}: platform proxy, workspace admin`, () => ok(call(dev, 'GET', LIST))],
    [
      `list ${CONFIGMAPS}: v1alpha3 from the watch cache`,
      () => ok(call(dev, 'GET', '/kapis/resources.kubesphere.io/v1alpha3/namespaces/bench-ns/configmaps')),
    ],
  ];
  console.log(
    `load average before measuring: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  console.log(`${'case'.padEnd(52)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)}`);
  for (const [name, fn] of rows) {
    const r = await measure(fn);
    console.log(`${name.padEnd(52)} ${r.p50.toFixed(2).padStart(8)} ${r.p99.toFixed(2).padStart(8)}`);
  }
  await platform.stop();
  direct.transport.close();
  agent.destroy();
  await cluster.stop();
}

await main();
