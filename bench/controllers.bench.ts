/**
 * Controller throughput check (not part of the test run): how fast the Deployment and ReplicaSet
 * controllers create pods, without scheduler or nodes (`nodes: 0`), so only controller cost shows.
 * Run: npx tsx packages/kube/test/workloads/scale.bench.ts [pods] [deployments]
 * The whole-cluster figure (scheduler, simulated nodes) is bench/cluster-scale.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCluster } from '../packages/kube/src/cluster/start';
import { createInProcessClient, resources } from '../packages/kube/src/client/in-process';
import { workloadControllers } from '../packages/kube/src/controllers/workloads';

const [pods = 30_000, deployments = 300] = process.argv.slice(2).map(Number);
const dataDir = mkdtempSync(join(tmpdir(), 'sphere-bench-'));
const cluster = await startCluster({ port: 0, dataDir, nodes: 0, controllers: workloadControllers });
const client = createInProcessClient(cluster.pipeline, cluster.systemContext('bench'));
const per = Math.ceil(pods / deployments);
const podInformer = cluster.controllers.informers.for(resources.pods);
const start = Date.now();
const cpu0 = process.cpuUsage();
for (let i = 0; i < deployments; i++) {
  await client.create(resources.deployments, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: `app-${i}`, namespace: 'default' },
    spec: {
      replicas: per,
      selector: { matchLabels: { app: `app-${i}` } },
      template: {
        metadata: { labels: { app: `app-${i}` } },
        spec: { containers: [{ name: 'c', image: 'nginx' }] },
      },
    },
  });
}
for (;;) {
  await new Promise((r) => setTimeout(r, 1000));
  const count = podInformer.list().length;
  const elapsed = (Date.now() - start) / 1000;
  console.log(`${elapsed.toFixed(0)} s: ${count}/${per * deployments} pods created`);
  if (count >= per * deployments || elapsed > 600) break;
}
const created = (Date.now() - start) / 1000;
while (!cluster.controllers.idle()) await new Promise((r) => setTimeout(r, 100));
const cpu = process.cpuUsage(cpu0);
console.log(
  `pods created in ${created.toFixed(1)} s (${Math.round((per * deployments) / created)} pods/s); controllers idle after ${((Date.now() - start) / 1000).toFixed(1)} s; cpu ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`,
);
await cluster.stop();
rmSync(dataDir, { recursive: true, force: true });
process.exit(0);
