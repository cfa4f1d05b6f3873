/**
 * Cluster scale benchmark (run: `npx tsx bench/cluster-scale.ts`): 1,000 simulated nodes and 30,000 pods
 * from 300 ReplicaSets of 100 replicas, through the real controllers, scheduler and simulated kubelets
 * (fast stage timings). Prints time to all pods scheduled and Running, pods scheduled per second, steady
 * writes per second of the node heartbeats, and memory. Asserts nothing.
 *
 * Smaller runs: BENCH_NODES=100 BENCH_RS=30 npx tsx bench/cluster-scale.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCluster } from '../packages/kube/src/cluster/start';
import { createInProcessClient, resources } from '../packages/kube/src/client/in-process';

const NODES = Number(process.env.BENCH_NODES ?? 1000);
const SETS = Number(process.env.BENCH_RS ?? 300);
const REPLICAS = Number(process.env.BENCH_REPLICAS ?? 100);
const SPEED = (process.env.BENCH_SPEED ?? 'fast') as 'fast' | 'realistic';
const TOTAL = SETS * REPLICAS;

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
/** Process CPU seconds (user + system): a fairer figure than wall time on a shared, loaded machine. */
const cpuSeconds = () => {
  const u = process.cpuUsage();
  return ((u.user + u.system) / 1e6).toFixed(0);
};
const dataDir = mkdtempSync(join(tmpdir(), 'sphere-scale-'));
const t0 = performance.now();
const cluster = await startCluster({ dataDir, port: 0, nodes: NODES, simulation: SPEED });
const sim = cluster.nodeSimulation;
if (!sim) throw new Error('node simulation did not start');
console.log(
  `cluster with ${NODES} nodes started in ${((performance.now() - t0) / 1000).toFixed(1)}s, RSS ${mb(process.memoryUsage().rss)}`,
);

const client = createInProcessClient(cluster.pipeline, cluster.systemContext('bench'));
await client.create(resources.namespaces, {
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name: 'scale' },
});

const start = performance.now();
for (let i = 0; i < SETS; i++) {
  const labels = { app: `app-${i}` };
  await client.create(resources.replicasets, {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: `app-${i}`, namespace: 'scale', labels },
    spec: {
      replicas: REPLICAS,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [
            { name: 'app', image: 'nginx:1.27', resources: { requests: { cpu: '50m', memory: '64Mi' } } },
          ],
        },
      },
    },
  });
}
console.log(
  `${SETS} ReplicaSets x ${REPLICAS} created in ${((performance.now() - start) / 1000).toFixed(1)}s`,
);

let scheduledAt = 0;
let peakRss = 0;
let lastReport = 0;
for (;;) {
  await new Promise((r) => setTimeout(r, 250));
  const elapsed = performance.now() - start;
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const pods = sim.simulator.pods.list().filter((p) => p.metadata.namespace === 'scale');
  const running = pods.filter(
    (p) => (p.status as { phase?: string } | undefined)?.phase === 'Running',
  ).length;
  const bound = sim.scheduler.boundCount();
  if (!scheduledAt && bound >= TOTAL) scheduledAt = elapsed;
  if (elapsed - lastReport > 5000) {
    lastReport = elapsed;
    console.log(
      `  ${(elapsed / 1000).toFixed(0)}s (cpu ${cpuSeconds()}s): ${pods.length} pods, ${bound} bound, ${running} Running, ${JSON.stringify(sim.scheduler.stats())}, RSS ${mb(process.memoryUsage().rss)}`,
    );
  }
  if (running >= TOTAL) break;
  if (elapsed > 30 * 60_000) {
    console.log('gave up after 30 minutes');
    break;
  }
}
const allRunning = performance.now() - start;
console.log(
  `all ${TOTAL} pods scheduled after ${(scheduledAt / 1000).toFixed(1)}s (${(TOTAL / (scheduledAt / 1000)).toFixed(0)} pods/s)`,
);
console.log(
  `all ${TOTAL} pods Running after ${(allRunning / 1000).toFixed(1)}s (${(TOTAL / (allRunning / 1000)).toFixed(0)} pods/s end to end), process CPU ${cpuSeconds()}s`,
);

// Steady state: what the heartbeats alone cost (lease renewals and status posts).
const rev0 = Number((await client.list(resources.namespaces, { limit: 1 })).metadata.resourceVersion);
const w0 = performance.now();
await new Promise((r) => setTimeout(r, 15_000));
const rev1 = Number((await client.list(resources.namespaces, { limit: 1 })).metadata.resourceVersion);
console.log(
  `steady writes: ${((rev1 - rev0) / ((performance.now() - w0) / 1000)).toFixed(0)}/s with ${NODES} nodes (${SPEED} timings)`,
);
const t1 = performance.now();
const top = sim.usage.nodeMetrics();
console.log(
  `NodeMetrics for ${top.length} nodes in ${(performance.now() - t1).toFixed(0)} ms; prometheus text ${(sim.usage.prometheusMetrics().length / 1024 / 1024).toFixed(1)} MB`,
);
global.gc?.();
console.log(
  `RSS now ${mb(process.memoryUsage().rss)}, peak ${mb(peakRss)}, heap ${mb(process.memoryUsage().heapUsed)}`,
);
await cluster.stop();
rmSync(dataDir, { recursive: true, force: true });
process.exit(0);
