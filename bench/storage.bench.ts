/**
 * Storage benchmark: creates, updates, gets and lists of 30,000 pod-sized objects (~3 KB of JSON each)
 * against the SQLite store on a temp file (WAL, synchronous=NORMAL, as in production).
 * Run: npx tsx bench/storage.bench.ts [count]
 */
import { mkdtempSync, rmSync, statSync, existsSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
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

/** Runs `fn`, returning wall-clock and CPU milliseconds (CPU time is what matters on a shared machine). */
function timed(fn: () => void): { wallMs: number; cpuMs: number } {
  const cpu = process.cpuUsage();
  const start = performance.now();
  fn();
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { wallMs, cpuMs: (used.user + used.system) / 1000 };
}

function perSecond(n: number, ms: number): string {
  return Math.round((n / ms) * 1000).toLocaleString('en-US');
}

/** Prints `label: N/s (N per CPU-second; wall ms)` for an operation repeated `n` times. */
function report(label: string, n: number, fn: () => void): void {
  const { wallMs, cpuMs } = timed(fn);
  console.log(
    `${label}: ${perSecond(n, wallMs)}/s wall, ${perSecond(n, cpuMs)}/s per CPU-second (${wallMs.toFixed(0)} ms)`,
  );
}

/** Prints the mean wall and CPU milliseconds of `fn` over `runs` runs. */
function reportMs(label: string, runs: number, fn: () => void): void {
  const { wallMs, cpuMs } = timed(() => {
    for (let r = 0; r < runs; r++) fn();
  });
  console.log(`${label}: ${(wallMs / runs).toFixed(2)} ms wall, ${(cpuMs / runs).toFixed(2)} ms CPU`);
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sphere-storage-bench-'));
  const path = join(dir, 'cluster.db');
  const gc = (globalThis as { gc?: () => void }).gc;
  // The clock can jump ahead so that compaction finds old events.
  let clockOffset = 0;
  const now = () => Date.now() + clockOffset;
  const store = createSqliteStore({ path, now, compaction: { intervalMs: 0 } });
  const pods = Array.from({ length: COUNT }, (_, i) => podNamed(i));
  const jsonBytes = JSON.stringify(pods[0]).length;
  console.log(
    `storage bench: ${COUNT} pods, ~${jsonBytes} bytes of JSON each, load average ${loadavg()[0].toFixed(1)}`,
  );
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const nameOf = (pod: KubeObject): [string, string] => [
    pod.metadata.namespace ?? '',
    pod.metadata.name ?? '',
  ];

  report('creates', COUNT, () => {
    for (const pod of pods) store.create(KEY, pod);
  });
  gc?.();
  const heapStored = process.memoryUsage().heapUsed - heapBefore;

  report('updates (get + structuredClone + change + update)', COUNT, () => {
    for (const pod of pods) {
      const next = structuredClone(store.get(KEY, ...nameOf(pod))!) as KubeObject & {
        status: { podIP: string };
      };
      next.status.podIP = '10.1.1.1';
      store.update(KEY, next, Number(next.metadata.resourceVersion));
    }
  });

  // The store's own share: the modified copies are prepared outside the timed loop.
  const changed = pods.map((pod) => {
    const next = structuredClone(store.get(KEY, ...nameOf(pod))!) as KubeObject & {
      status: { podIP: string };
    };
    next.status.podIP = '10.2.2.2';
    return next;
  });
  report('updates (store.update only)', COUNT, () => {
    for (const next of changed) store.update(KEY, next, Number(next.metadata.resourceVersion));
  });
  changed.length = 0;

  const reads = COUNT * 10;
  report('gets', reads, () => {
    for (let r = 0; r < reads; r++) store.get(KEY, ...nameOf(pods[(r * 7919) % COUNT]));
  });

  for (const size of [10_000, COUNT]) {
    reportMs(`list ${size}`, 5, () => store.list(KEY, { limit: size }));
    const items = store.list(KEY, { limit: size }).items;
    reportMs(`  + structuredClone of the ${size} items`, 1, () =>
      items.forEach((item) => structuredClone(item)),
    );
  }
  reportMs(`list one namespace (${store.count(KEY, 'ns-7')} items)`, 20, () =>
    store.list(KEY, { namespace: 'ns-7' }),
  );
  let extra = COUNT;
  reportMs(`create + list(limit 500) at ${COUNT} objects`, 100, () => {
    store.create(KEY, podNamed(extra++));
    store.list(KEY, { limit: 500 });
  });
  const rev = store.revision();
  reportMs('list at revision (50 events back, limit 500)', 20, () =>
    store.list(KEY, { atRevision: rev - 50, limit: 500 }),
  );
  let replayed = 0;
  reportMs('watch replay of 20,000 events from SQLite', 1, () =>
    store.watch(KEY, rev - 20_000, () => replayed++).stop(),
  );
  // As in the API server: one write per event-loop turn, so every SQLite batch holds a single write.
  const spaced = 3000;
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < spaced; i++) {
    store.create(KEY, podNamed(COUNT * 2 + i));
    await new Promise((resolve) => setImmediate(resolve));
  }
  const spacedWall = performance.now() - start;
  const spacedCpu = process.cpuUsage(cpu);
  console.log(
    `creates one per event-loop turn: ${perSecond(spaced, spacedWall)}/s wall, ` +
      `${perSecond(spaced, (spacedCpu.user + spacedCpu.system) / 1000)}/s per CPU-second`,
  );

  report('deletes', 5000, () => {
    for (let i = 0; i < 5000; i++) store.delete(KEY, ...nameOf(pods[i]));
  });

  clockOffset = 10 * 60_000;
  const events = store.revision() - store.compactedRevision();
  reportMs(`compaction of ${events} events (keeping the newest 10,000)`, 1, () => store.compact());

  pods.length = 0;
  gc?.();
  const mem = process.memoryUsage();
  console.log(
    `memory: 30,000 stored pods take ${mb(heapStored)} of heap${gc ? '' : ' (run with --expose-gc for exact figures)'}; ` +
      `at the end heapUsed ${mb(mem.heapUsed)} (${store.count(KEY)} pods + 4096 recent events), rss ${mb(mem.rss)}`,
  );
  const dbSize = statSync(path).size + (existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0);
  console.log(
    `database file + WAL: ${mb(dbSize)} for ${store.count(KEY)} objects and ${store.revision()} events`,
  );

  store.close();
  let reopened: ReturnType<typeof createSqliteStore> | undefined;
  reportMs('reopen (load every object)', 1, () => {
    reopened = createSqliteStore({ path, compaction: { intervalMs: 0 } });
  });
  reopened?.close();
  rmSync(dir, { recursive: true, force: true });
}

await main();
