/**
 * Child process for the platform benchmarks: the in-memory test API server seeded with N pods over M
 * namespaces (the first 30 labelled into workspace `bench`). Prints `{"kubeconfigPath": ...}` once ready,
 * then serves until killed. Run by bench/platform-list.bench.ts; not useful alone.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubeObject } from '@sphere/shared';
import { startFakeApiServer } from '../packages/platform/test/fake-apiserver';

const PODS = Number(process.argv[2] ?? 30_000);
const NAMESPACES = Number(process.argv[3] ?? 300);

const fake = await startFakeApiServer(mkdtempSync(join(tmpdir(), 'bench-platform-')));
fake.seed(
  '/api/v1/namespaces',
  Array.from({ length: NAMESPACES }, (_, n): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: `ns-${n}`, labels: n < 30 ? { 'kubesphere.io/workspace': 'bench' } : undefined },
    status: { phase: 'Active' },
  })),
);
const phases = ['Running', 'Running', 'Running', 'Pending', 'Succeeded', 'Failed'];
for (let n = 0; n < NAMESPACES; n++) {
  const pods: KubeObject[] = [];
  for (let i = n; i < PODS; i += NAMESPACES) {
    const app = i % 3 === 0 ? 'web' : 'api';
    pods.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `${app}-${i.toString(36)}`,
        labels: { app, tier: 'frontend', 'pod-template-hash': '7d9f8c6b5' },
        annotations: { 'kubesphere.io/creator': 'dev' },
      },
      spec: {
        nodeName: `node-${i % 10}`,
        containers: [
          { name: 'c', image: 'nginx:1.27', resources: { requests: { cpu: '100m', memory: '128Mi' } } },
        ],
      },
      status: { phase: phases[i % phases.length], podIP: `10.0.${(i >> 8) & 255}.${i & 255}` },
    });
  }
  fake.seed(`/api/v1/namespaces/ns-${n}/pods`, pods);
}
process.stdout.write(JSON.stringify({ kubeconfigPath: fake.kubeconfigPath }) + '\n');
process.on('SIGTERM', () => void fake.stop().then(() => process.exit(0)));
