/**
 * Test helper standing in for the node simulator: binds pods to a node, marks them Running and Ready
 * through the status subresource, and finishes graceful deletions at once. `auto: false` leaves pods
 * Pending until the test calls `makeReady`, so ordered creation can be observed step by step.
 */
import type { KubeObject } from '@sphere/shared';
import { createInProcessClient, resources, type KubeClient } from '../../src/client/in-process';
import type { RunningCluster } from '../../src/cluster/start';
import { nodeOfPod } from '../../src/controllers/workloads/daemonset/eligibility';
import type { PodSpec } from '../../src/controllers/workloads/types';

export interface FakeKubelet {
  client: KubeClient;
  /** Whether new pods become Running and Ready on their own. */
  auto: boolean;
  /** While true, graceful deletions stay Terminating until `finishDelete`. */
  holdDeletes: boolean;
  finishDelete(namespace: string, name: string): Promise<void>;
  makeReady(namespace: string, name: string): Promise<void>;
  stop(): void;
}

export function startFakeKubelet(
  cluster: RunningCluster,
  options: { auto?: boolean; node?: string } = {},
): FakeKubelet {
  const client = createInProcessClient(cluster.pipeline, cluster.systemContext('fake-kubelet'));
  const node = options.node ?? 'node-1';
  const seen = new Set<string>();

  const makeReady = async (namespace: string, name: string) => {
    const pod = await client.get(resources.pods, namespace, name);
    const spec = pod.spec as PodSpec;
    if (!spec.nodeName) {
      // Daemon pods name their node through required node affinity on metadata.name.
      const target = nodeOfPod(spec) ?? node;
      await client.create(
        resources.pods,
        {
          apiVersion: 'v1',
          kind: 'Binding',
          metadata: { name, namespace },
          target: { apiVersion: 'v1', kind: 'Node', name: target },
        } as KubeObject,
        { subresource: 'binding', name },
      );
    }
    const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    await client.patch(
      resources.pods,
      namespace,
      name,
      'merge',
      {
        status: {
          phase: 'Running',
          conditions: [
            { type: 'PodScheduled', status: 'True', lastTransitionTime: now },
            { type: 'Ready', status: 'True', lastTransitionTime: now },
          ],
        },
      },
      { subresource: 'status' },
    );
  };

  const finishDelete = async (namespace: string, name: string) => {
    await client.delete(resources.pods, namespace, name, { gracePeriodSeconds: 0 }).catch(() => {});
  };
  const kubelet: FakeKubelet = {
    client,
    auto: options.auto ?? true,
    holdDeletes: false,
    makeReady,
    finishDelete,
    stop: () => watch.stop(),
  };
  const watch = client.watch(
    resources.pods,
    { resourceVersion: '0' },
    (event) => {
      const pod = event.object;
      if (event.type !== 'ADDED' && event.type !== 'MODIFIED') return;
      const ns = pod.metadata.namespace ?? 'default';
      const name = pod.metadata.name ?? '';
      if (pod.metadata.deletionTimestamp) {
        if (!kubelet.holdDeletes) void finishDelete(ns, name);
        return;
      }
      const key = `${pod.metadata.uid}`;
      if (!kubelet.auto || seen.has(key)) return;
      seen.add(key);
      void makeReady(ns, name).catch(() => seen.delete(key));
    },
    () => {},
  );
  return kubelet;
}

/** Polls `check` until it returns a truthy value (integration tests wait for controllers). */
export async function eventually<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline)
      throw new Error(`condition not met in ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
