/**
 * Storage benchmark: creates, updates, gets and lists of 30,000 pod-sized objects (~3 KB of JSON each)
 * against the SQLite store on a temp file (WAL, synchronous=NORMAL, as in production).
 * Run: npx tsx bench/storage.bench.ts [count]
 */
import { mkdtempSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubeObject } from '@sphere/shared';
import { createSqliteStore } from '../packages/kube/src/storage';

const COUNT = Number(process.argv[2] ?? 30_000);
const NAMESPACES = 50;
const KEY = '/pods';

function podNamed(i: number): KubeObject {
  const name = `web-${i.toString(36)}-7d9f8c6b5-${(i * 7919).toString(36).padStart(5, 'x')}`;
  const namespace = `ns-${i % NAMESPACES}`;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace,
      uid: `0b6c9f2e-1c2d-4e5f-8a9b-${i.toString(16).padStart(12, '0')}`,
      creationTimestamp: '2026-01-01T00:00:00Z',
      labels: { app: 'web', 'pod-template-hash': '7d9f8c6b5', tier: 'frontend' },
      annotations: {
        'kubesphere.io/creator': 'admin',
        'kubectl.kubernetes.io/restartedAt': '2026-01-01T00:00:00Z',
      },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: 'web-7d9f8c6b5',
          uid: 'aa',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
      managedFields: [
        {
          manager: 'kube-controller-manager',
          operation: 'Update',
          apiVersion: 'v1',
          time: '2026-01-01T00:00:00Z',
          fieldsType: 'FieldsV1',
          fieldsV1: {
            'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
            'f:spec': { 'f:containers': {} },
          },
        },
      ],
    },
    spec: {
      containers: [
        {
          name: 'nginx',
          image: 'nginx:1.27.3',
          ports: [{ containerPort: 80, protocol: 'TCP', name: 'http' }],
          env: Array.from({ length: 6 }, (_, e) => ({ name: `ENV_VAR_${e}`, value: `value-${e}-${i}` })),
          resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
          volumeMounts: [
            {
              name: 'kube-api-access-abcde',
              mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
              readOnly: true,
            },
          ],
          livenessProbe: { httpGet: { path: '/healthz', port: 80, scheme: 'HTTP' }, periodSeconds: 10 },
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
          imagePullPolicy: 'IfNotPresent',
        },
      ],
      volumes: [
        {
          name: 'kube-api-access-abcde',
          projected: {
            defaultMode: 420,
            sources: [
              { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
              { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
            ],
          },
        },
      ],
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      serviceAccountName: 'default',
      nodeName: `node-${i % 3}`,
      schedulerName: 'default-scheduler',
      tolerations: [
        {
          key: 'node.kubernetes.io/not-ready',
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: 300,
        },
        {
          key: 'node.kubernetes.io/unreachable',
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: 300,
        },
      ],
    },
    status: {
      phase: 'Running',
      conditions: ['Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({
        type,
        status: 'True',
        lastProbeTime: null,
        lastTransitionTime: '2026-01-01T00:00:00Z',
      })),
      hostIP: '10.0.0.1',
      podIP: `10.244.${(i >> 8) & 255}.${i & 255}`,
      startTime: '2026-01-01T00:00:00Z',
      qosClass: 'Burstable',
      containerStatuses: [
        {
          name: 'nginx',
          ready: true,
          restartCount: 0,
          image: 'nginx:1.27.3',
          imageID:
            'docker-pullable://nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
          containerID: `containerd://${i.toString(16).padStart(64, '0')}`,
          started: true,
          state: { running: { startedAt: '2026-01-01T00:00:00Z' } },
        },
      ],
    },
  };
}

function rate(n: number, ms: number): string {
  return `${Math.round((n / ms) * 1000).toLocaleString('en-US')}/s`;
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

function main(): void {
  const dir = mkdtempSync(join(tmpdir(), 'sphere-storage-bench-'));
  const path = join(dir, 'cluster.db');
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const store = createSqliteStore({ path, compaction: { intervalMs: 0 } });
  const pods = Array.from({ length: COUNT }, (_, i) => podNamed(i));
  const jsonBytes = JSON.stringify(pods[0]).length;
  console.log(`storage bench: ${COUNT} pods, ~${jsonBytes} bytes of JSON each, file ${path}`);

  let t = performance.now();
  for (const pod of pods) store.create(KEY, pod);
  const createMs = performance.now() - t;
  console.log(`creates: ${rate(COUNT, createMs)} (${createMs.toFixed(0)} ms)`);

  t = performance.now();
  for (const pod of pods) {
    const current = store.get(KEY, pod.metadata.namespace ?? '', pod.metadata.name ?? '')!;
    const next = structuredClone(current) as KubeObject & { status: { podIP: string } };
    next.status.podIP = '10.1.1.1';
    store.update(KEY, next, Number(current.metadata.resourceVersion));
  }
  const updateMs = performance.now() - t;
  console.log(
    `updates (get + structuredClone + update): ${rate(COUNT, updateMs)} (${updateMs.toFixed(0)} ms)`,
  );

  // The store's own share: the modified copies are prepared outside the timed loop.
  const changed = pods.map((pod) => {
    const next = structuredClone(store.get(KEY, pod.metadata.namespace ?? '', pod.metadata.name ?? '')!);
    (next as KubeObject & { status: { podIP: string } }).status.podIP = '10.2.2.2';
    return next;
  });
  t = performance.now();
  for (const next of changed) store.update(KEY, next, Number(next.metadata.resourceVersion));
  const updateOnlyMs = performance.now() - t;
  changed.length = 0;
  console.log(`updates (store.update only): ${rate(COUNT, updateOnlyMs)} (${updateOnlyMs.toFixed(0)} ms)`);

  const reads = COUNT * 10;
  t = performance.now();
  let found = 0;
  for (let r = 0; r < reads; r++) {
    const pod = pods[(r * 7919) % COUNT];
    if (store.get(KEY, pod.metadata.namespace ?? '', pod.metadata.name ?? '')) found++;
  }
  const getMs = performance.now() - t;
  console.log(`gets: ${rate(reads, getMs)} (${found} found)`);

  for (const size of [10_000, COUNT]) {
    const runs = 5;
    t = performance.now();
    for (let r = 0; r < runs; r++) store.list(KEY, { limit: size });
    const listMs = (performance.now() - t) / runs;
    t = performance.now();
    const page = store.list(KEY, { limit: size });
    for (const item of page.items) structuredClone(item);
    const cloneMs = performance.now() - t - listMs;
    console.log(
      `list ${size}: ${listMs.toFixed(1)} ms (+ structuredClone of every item: ${cloneMs.toFixed(0)} ms)`,
    );
  }
  t = performance.now();
  store.list(KEY, { namespace: 'ns-7' });
  console.log(
    `list one namespace (${store.count(KEY, 'ns-7')} items): ${(performance.now() - t).toFixed(2)} ms`,
  );

  // A list after a write must merge the new key into the sorted order.
  t = performance.now();
  const runs = 100;
  for (let r = 0; r < runs; r++) {
    store.create(KEY, podNamed(COUNT + r));
    store.list(KEY, { limit: 500 });
  }
  console.log(
    `create + list(limit 500) at ${COUNT} objects: ${((performance.now() - t) / runs).toFixed(2)} ms each`,
  );

  const rev = store.revision();
  t = performance.now();
  store.list(KEY, { atRevision: rev - 50, limit: 500 });
  console.log(`list at revision (50 events back, limit 500): ${(performance.now() - t).toFixed(2)} ms`);

  t = performance.now();
  let replayed = 0;
  store.watch(KEY, rev - 20_000, () => replayed++).stop();
  console.log(`watch replay of ${replayed} events from SQLite: ${(performance.now() - t).toFixed(0)} ms`);

  t = performance.now();
  for (let i = 0; i < 5000; i++) {
    const pod = pods[i];
    store.delete(KEY, pod.metadata.namespace ?? '', pod.metadata.name ?? '');
  }
  console.log(`deletes: ${rate(5000, performance.now() - t)}`);

  gc?.();
  const heapAfter = process.memoryUsage().heapUsed;
  pods.length = 0;
  gc?.();
  const mem = process.memoryUsage();
  console.log(
    `memory: heapUsed ${mb(mem.heapUsed)} (store + recent events ≈ ${mb(mem.heapUsed - heapBefore)}${
      gc ? '' : ', run with --expose-gc for exact figures'
    }; before dropping the input pods ${mb(heapAfter - heapBefore)}), rss ${mb(mem.rss)}`,
  );
  const dbSize = statSync(path).size + (existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0);
  console.log(
    `database file + WAL: ${mb(dbSize)} for ${store.count(KEY)} objects and ${store.revision()} events`,
  );

  store.close();
  t = performance.now();
  const reopened = createSqliteStore({ path, compaction: { intervalMs: 0 } });
  console.log(`reopen (load ${reopened.count(KEY)} objects): ${(performance.now() - t).toFixed(0)} ms`);
  reopened.close();
  rmSync(dir, { recursive: true, force: true });
}

main();
