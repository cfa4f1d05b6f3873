/**
 * API server benchmark over HTTPS (run: `npx tsx bench/api.ts`): creates/s, gets/s, list latency of
 * 10,000 objects (unpaged and paged) and watch delivery latency with 100 watchers. Prints figures; it
 * asserts nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { startCluster } from '../packages/kube/src/cluster/start';

const dataDir = mkdtempSync(join(tmpdir(), 'sphere-bench-'));

/**
 * The API server runs in its own process (as `sphere kube` does), so the load generator in this process
 * does not eat the server's CPU; `BENCH_INPROCESS=1` runs both in one process instead.
 */
async function startServer(): Promise<{
  url: string;
  caCert: string;
  token: string;
  revision(): Promise<number>;
  stop(): Promise<void>;
}> {
  if (process.env.BENCH_INPROCESS) {
    const cluster = await startCluster({ dataDir, port: 0, controllers: [] });
    return {
      url: cluster.url,
      caCert: cluster.caCert,
      token: cluster.token,
      revision: async () => cluster.store.revision(),
      stop: () => cluster.stop(),
    };
  }
  const child = spawn(
    process.execPath,
    ['packages/cli/bin/sphere.js', 'kube', '--data-dir', dataDir, '--port', '0', '--nodes', '0'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('kubeconfig:')) resolve();
    });
  });
  const kubeconfig = parse(readFileSync(join(dataDir, 'kubeconfig'), 'utf8'));
  const server = {
    url: kubeconfig.clusters[0].cluster.server as string,
    caCert: Buffer.from(kubeconfig.clusters[0].cluster['certificate-authority-data'], 'base64').toString(),
    token: kubeconfig.users[0].user.token as string,
  };
  return {
    ...server,
    async revision() {
      const r = await call('GET', '/api/v1/namespaces/default/configmaps?limit=1');
      return Number(JSON.parse(r.text).metadata.resourceVersion);
    },
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

const cluster = await startServer();
const agent = new Agent({ ca: cluster.caCert, keepAlive: true, maxSockets: 64 });
const headers = { Authorization: `Bearer ${cluster.token}`, 'Content-Type': 'application/json' };

function call(method: string, path: string, body?: unknown): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${cluster.url}${path}`, { method, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function parallel(
  total: number,
  concurrency: number,
  fn: (i: number) => Promise<void>,
): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const t0 = performance.now();
        await fn(i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return latencies.sort((a, b) => a - b);
}

const pod = (i: number) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: `cm-${i}`, labels: { app: `a${i % 10}`, tier: 'bench' } },
  data: { index: String(i), payload: 'x'.repeat(512) },
});

const n = Number(process.env.BENCH_N ?? 10_000);
let t0 = performance.now();
let lat = await parallel(n, 32, async (i) => {
  const r = await call('POST', '/api/v1/namespaces/default/configmaps', pod(i));
  if (r.status !== 201) throw new Error(r.text);
});
let secs = (performance.now() - t0) / 1000;
console.log(
  `create: ${(n / secs).toFixed(0)} objects/s  p50 ${percentile(lat, 50).toFixed(1)} ms  p99 ${percentile(lat, 99).toFixed(1)} ms`,
);

t0 = performance.now();
lat = await parallel(n * 2, 32, async (i) => {
  const r = await call('GET', `/api/v1/namespaces/default/configmaps/cm-${i % n}`);
  if (r.status !== 200) throw new Error(r.text);
});
secs = (performance.now() - t0) / 1000;
console.log(
  `get:    ${((n * 2) / secs).toFixed(0)} objects/s  p50 ${percentile(lat, 50).toFixed(1)} ms  p99 ${percentile(lat, 99).toFixed(1)} ms`,
);

const listTimes: number[] = [];
for (let i = 0; i < 10; i++) {
  const s = performance.now();
  const r = await call('GET', '/api/v1/namespaces/default/configmaps');
  listTimes.push(performance.now() - s);
  if (JSON.parse(r.text).items.length < n) throw new Error('short list');
}
listTimes.sort((a, b) => a - b);
console.log(
  `list 10k unpaged: p50 ${percentile(listTimes, 50).toFixed(0)} ms  max ${listTimes[listTimes.length - 1].toFixed(0)} ms`,
);

const paged: number[] = [];
for (let i = 0; i < 5; i++) {
  const s = performance.now();
  let cont = '';
  let count = 0;
  do {
    const r = await call(
      'GET',
      `/api/v1/namespaces/default/configmaps?limit=500${cont ? `&continue=${encodeURIComponent(cont)}` : ''}`,
    );
    const body = JSON.parse(r.text);
    count += body.items.length;
    cont = body.metadata.continue ?? '';
  } while (cont);
  paged.push(performance.now() - s);
  if (count < n) throw new Error('short paged list');
}
paged.sort((a, b) => a - b);
console.log(`list 10k paged by 500: p50 ${percentile(paged, 50).toFixed(0)} ms`);

// Watch fan-out: 100 watchers, then timed updates; latency from write acknowledgement to delivery.
const watchers = 100;
const startRevision = await cluster.revision();
const received: number[][] = Array.from({ length: watchers }, () => []);
const sent = new Map<string, number>();
const sockets: { destroy(): void }[] = [];
await Promise.all(
  Array.from(
    { length: watchers },
    (_, w) =>
      new Promise<void>((resolve) => {
        const req = request(
          `${cluster.url}/api/v1/namespaces/default/configmaps?watch=true&labelSelector=tier%3Dbench&resourceVersion=${startRevision}`,
          { agent: new Agent({ ca: cluster.caCert }), headers },
          (res) => {
            let buf = '';
            res.on('data', (d: Buffer) => {
              buf += d.toString();
              let nl: number;
              while ((nl = buf.indexOf('\n')) >= 0) {
                const ev = JSON.parse(buf.slice(0, nl));
                buf = buf.slice(nl + 1);
                const at = sent.get(ev.object.metadata.resourceVersion);
                if (at !== undefined) received[w].push(performance.now() - at);
              }
            });
            resolve();
          },
        );
        sockets.push(req);
        req.end();
      }),
  ),
);
for (let i = 0; i < 200; i++) {
  const s = performance.now();
  const r = await call('PATCH', `/api/v1/namespaces/default/configmaps/cm-${i}`, {
    data: { touched: String(i) },
  }).catch(() => ({ status: 0, text: '' }));
  void s;
  void r;
}
// Re-run with exact send times keyed by resourceVersion.
for (let i = 200; i < 400; i++) {
  const before = performance.now();
  const r = await new Promise<{ text: string }>((resolve) => {
    const req = request(
      `${cluster.url}/api/v1/namespaces/default/configmaps/cm-${i}`,
      { method: 'PATCH', agent, headers: { ...headers, 'Content-Type': 'application/merge-patch+json' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ text: Buffer.concat(chunks).toString() }));
      },
    );
    req.end(JSON.stringify({ data: { touched: String(i) } }));
  });
  sent.set(JSON.parse(r.text).metadata.resourceVersion, before);
  await new Promise((res) => setTimeout(res, 5));
}
await new Promise((r) => setTimeout(r, 500));
const all = received.flat().sort((a, b) => a - b);
console.log(
  `watch fan-out (${watchers} watchers, ${all.length} deliveries): p50 ${percentile(all, 50).toFixed(1)} ms  p99 ${percentile(all, 99).toFixed(1)} ms`,
);
for (const s of sockets) s.destroy();
await cluster.stop();
rmSync(dataDir, { recursive: true, force: true });
process.exit(0);
